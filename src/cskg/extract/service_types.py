"""Service types: which kind of unit an entity is, read from ``ontology/service-types.ttl``.

The types are data: each SKOS concept of ``cs:ServiceTypes`` lists the names
councils use for it (``skos:altLabel``) and the wordings that place an entity
under it (``cs:matchText``, lower case).  An entity gets a type when one of
its names contains one of the wordings as whole words (case, apostrophes,
hyphens and "&" aside: "care leavers’ council" is "care leavers council",
"front-door" is "front door"); the first type in the file's order whose
wording is the longest match wins (a "leaving care team" is LeavingCare,
not AssessmentTeam), and the reason says which name matched which wording.
A type or a wording added to the file is applied at the next build or
ingest, with no code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..folding import name_key
from ..namespace import cs, skos
from ..sources.files import project_path, read_turtle


@dataclass(frozen=True)
class ServiceType:
    iri: str
    label: str
    notation: str
    names: tuple[str, ...]  # the names councils use (skos:altLabel)
    wordings: tuple[str, ...]  # lower-case whole-word wordings (cs:matchText)


@cache
def load_service_types(path: str | Path | None = None) -> tuple[ServiceType, ...]:
    """The service types, in the file's order."""
    path = Path(path) if path else project_path("ontology") / "service-types.ttl"
    order: list[str] = []
    fields: dict[str, dict[str, list[str]]] = {}
    for t in read_turtle(path):
        s, p, o = t.subject.value, t.predicate.value, t.object.value
        if p in (skos.prefLabel, skos.altLabel, skos.notation, cs.matchText, skos.inScheme):
            if s not in fields:
                order.append(s)
                fields[s] = {}
            fields[s].setdefault(p, []).append(o)
    out = []
    for iri in order:
        f = fields[iri]
        if cs.ServiceTypes not in f.get(skos.inScheme, []):
            continue
        out.append(
            ServiceType(
                iri,
                (f.get(skos.prefLabel) or [iri])[0],
                (f.get(skos.notation) or [""])[0],
                tuple(f.get(skos.altLabel, [])),
                tuple(w.lower() for w in f.get(cs.matchText, [])),
            )
        )
    return tuple(out)


@cache
def _patterns(path: str | None = None) -> tuple[tuple[ServiceType, str, str, re.Pattern], ...]:
    """A wording matches from a word start to a word end, a plural "s" allowed ("assessment teams"); a wording
    of six letters or more may also end inside a word ("family group conferenc" matches "conferencing").  A space
    or hyphen between its words matches either ("front door", "front-door"); a hyphen before its first word
    still joins it to the word before ("youth-voice group" is not a "voice group").

    Each comes with its longest word, which a text must contain for the pattern
    to match: a substring test rules out most wordings before any regex runs.
    """
    out = []
    for st in load_service_types(path):
        for w in st.wordings:
            parts = re.split(r"[ -]+", _fold(w))
            text = "[ -]".join(re.escape(part) for part in parts)
            end = r"(?![\w-])" if len(w) < 6 else ""
            out.append((st, w, max(parts, key=len), re.compile(rf"(?<![\w-]){text}(?:s|es)?{end}")))
    return tuple(out)


def _fold(text: str) -> str:
    """Lower case with apostrophes dropped and "&" made "and", for whole-word matching ("care leavers’ council"
    is "care leavers council", "learning & development" is "learning and development")."""
    text = re.sub(r"['’‘`]", "", text.lower().replace("\ufffe", "-")).replace("&", " and ")
    return " ".join(text.split())


def type_of(names: list[str], what: str = "name", path: str | None = None) -> tuple[str, str] | None:
    """(type IRI, reason) for an entity known by ``names``, or None when no wording of any type occurs.

    ``what`` says in the reason what the texts are ("name", "description");
    ``path`` reads another types file than ``ontology/service-types.ttl``.
    """
    best: tuple[int, int, str, str] | None = None
    for name in names:
        found = _best_wording(_fold(name), path)
        if found and (best is None or found[:2] < best[:2]):
            best = (*found[:3], name)
    if best is None:
        return None
    _, n, iri, name = best
    st, wording = _patterns(path)[n][:2]
    return iri, f"its {what} {name!r} contains {wording!r} ({st.label})"


@lru_cache(maxsize=8192)
def _best_wording(text: str, path: str | None) -> tuple[int, int, str] | None:
    """(-length, index, type IRI) of the longest wording in a folded name, the earliest on a tie.

    Cached: the same names ("the virtual school", "MASH") recur in every
    council, and each call tries every wording of every type.
    """
    best = None
    for n, (st, wording, word, pattern) in enumerate(_patterns(path)):
        if word in text and pattern.search(text):
            candidate = (-len(wording), n, st.iri)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    return best


@cache
def known_unit_names() -> frozenset[str]:
    """Name keys of the units councils commonly have ("virtual school", "family hub", "emergency duty team").

    A phrase that is one of these names a unit even where the text does not
    mark it ("Children's centres in the borough ...").
    """
    keys = set()
    for st in load_service_types():
        for name in st.names:
            key = name_key(name)
            if len(key.split()) >= 2:
                keys.add(key)
    return frozenset(keys)


_DESCRIPTION_HEAD = re.compile(
    r"^(.*?)(?:\s+(?:that|which|who|whose|where|when|for|of|to|with|in|on|at|from|by)\b|[,;:.(]|$)"
)


def type_from_description(description: str) -> tuple[str, str] | None:
    """The type the opening noun phrase of a curated description names ("Specialist multi-agency exploitation
    team working with ..."): what the unit is, not whom it works with."""
    head = _DESCRIPTION_HEAD.match(description.strip()).group(1)
    return type_of([head], "description") if len(head.split()) >= 2 else None
