"""One council's discovered entities across its documents: one label each, and links across reports.

Each report names the units it discovers as it writes them (``skos:hiddenLabel``
in the report's graph: "Edge of Care Team" in one report, "edge of care team"
in the next). Two things need every report of the council at once, so the
council-level pass does them:

- **one description per entity**: the label the most reports write (then the
  longest, then the first alphabetically), the council's name beside it
  (``rdfs:label`` "Edge of care team (Barnsley)"), every other spelling as an
  alias, and the service type worked out from all of them;
- **links across reports**: a sentence that names a unit another report of the
  council discovered is linked to it (``cs:mentions``; ``cs:about`` for a
  finding), as a report's own discoveries are.

Both are written into the council's derived graph, replaced whole at each pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..extract.mentions import EntityMatcher
from ..extract.register import Citation, Entity
from ..extract.service_types import type_of
from ..folding import name_key
from ..namespace import cs, rdfs, skos
from .writer import QuadWriter

_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")


@dataclass(frozen=True)
class EntityFact:
    """A discovered entity of the council and every spelling its documents use (one per graph that writes it)."""

    iri: str
    forms: tuple[str, ...]  # repeats count: a spelling written in three reports stands three times


@dataclass(frozen=True)
class SentenceFact:
    """A sentence of one of the council's documents and the entities its own document linked it to."""

    iri: str
    text: str
    finding: bool
    linked: frozenset[str]


def choose_label(forms: tuple[str, ...]) -> str:
    """The spelling most documents write, acronyms aside; then the longest; then the first alphabetically."""
    names = [f for f in forms if not _ACRONYM.fullmatch(f)] or list(forms)
    counts = Counter(names)
    return min(counts, key=lambda f: (-counts[f], -len(f), f))


def entity_quads(w: QuadWriter, entities: list[EntityFact], council_name: str) -> None:
    """One label, the aliases and the service type of each discovered entity, from all its spellings."""
    for e in entities:
        if not e.forms:
            continue
        label = choose_label(e.forms)
        w.lit(e.iri, rdfs.label, f"{label} ({council_name})")
        w.lit(e.iri, skos.prefLabel, label)
        seen = {name_key(label)}
        for form in sorted(set(e.forms)):
            key = name_key(form)
            if key and key not in seen:
                seen.add(key)
                w.lit(e.iri, skos.altLabel, form)
        found = type_of([label, *sorted(set(e.forms))])
        if found:
            w.add(e.iri, cs.serviceType, found[0])
            w.lit(e.iri, cs.serviceTypeReason, found[1])


def _matchable(form: str) -> bool:
    """A spelling safe to look for in another report: two words or more, or an acronym of three letters or more."""
    return len(form.split()) >= 2 or (bool(_ACRONYM.fullmatch(form)) and len(form) >= 3)


def cross_links(w: QuadWriter, entities: list[EntityFact], sentences: list[SentenceFact]) -> int:
    """Link each sentence to the council's entities it names that its own document did not; the number added."""
    register = [
        Entity(id=e.iri, kind="service", label=forms[0], citation=Citation("", "", 0), aliases=forms[1:])
        for e in entities
        if (forms := [f for f in dict.fromkeys(e.forms) if _matchable(f)])
    ]
    if not register:
        return 0
    matcher = EntityMatcher(register)
    added = 0
    for s in sentences:
        for iri in dict.fromkeys(m.entity for m in matcher.find(s.text)):
            if iri in s.linked:
                continue
            w.add(s.iri, cs.mentions, iri)
            if s.finding:
                w.add(s.iri, cs.about, iri)
            added += 1
    return added
