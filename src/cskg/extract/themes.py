"""Practice themes: which themes of ``ontology/themes.ttl`` a text names.

The themes are data: each SKOS concept of ``cs:PracticeThemes`` lists the
lower-case strings (``cs:matchText``) that place a text under it.  The test is
a plain substring test on the lower-cased text, the same test as SPARQL's
``CONTAINS(LCASE(?text), ...)``, so a reader can check any tag with one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..namespace import cs, skos
from ..sources.files import project_path, read_turtle


@dataclass(frozen=True)
class Theme:
    iri: str
    label: str
    match_texts: tuple[str, ...]


@lru_cache(maxsize=4)
def load_themes(path: str | Path | None = None) -> tuple[Theme, ...]:
    """The practice themes, in IRI order (so tags come out in a stable order)."""
    path = Path(path) if path else project_path("ontology") / "themes.ttl"
    labels: dict[str, str] = {}
    matches: dict[str, list[str]] = {}
    for t in read_turtle(path):
        if t.predicate.value == skos.prefLabel:
            labels[t.subject.value] = t.object.value
        elif t.predicate.value == cs.matchText:
            matches.setdefault(t.subject.value, []).append(t.object.value.lower())
    return tuple(Theme(iri, labels.get(iri, iri), tuple(sorted(texts))) for iri, texts in sorted(matches.items()))


def themes_of(text: str, themes: tuple[Theme, ...]) -> list[str]:
    """IRIs of the themes whose match strings occur in ``text`` (case-insensitively)."""
    contains = text.lower().__contains__  # the substring tests run in C, not in a generator
    return [t.iri for t in themes if any(map(contains, t.match_texts))]
