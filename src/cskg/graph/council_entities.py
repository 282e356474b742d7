"""One council's discovered entities across its documents: one label each, and links across reports.

Each report names the units it discovers as it writes them (``skos:hiddenLabel``
in the report's graph: "Edge of Care Team" in one report, "edge of care team"
in the next). Two things need every report of the council at once, so the
council-level pass does them:

- **one description per entity**: the label the most reports write (then the
  one that spells its identifier, then the longest, then the first
  alphabetically), the council's name beside it
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
from ..folding import name_key
from ..iris import slug
from ..namespace import cs, dcterms, rdf, rdfs, skos
from .document import service_type_quads
from .writer import QuadWriter

_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")


@dataclass(frozen=True)
class EntityFact:
    """A discovered entity of the council and every spelling its documents use (one per graph that writes it)."""

    iri: str
    forms: tuple[str, ...]  # repeats count: a spelling written in three reports stands three times
    identifier: str = ""  # ``{authority}/{slug}``
    kind_class: str = ""  # the class most of its documents give it (cs:Service, cs:Body, ...)
    authority: str = ""  # the council's IRI


@dataclass(frozen=True)
class SentenceFact:
    """A sentence of one of the council's documents and the entities its own document linked it to."""

    iri: str
    text: str
    finding: bool
    linked: frozenset[str]


def choose_label(forms: tuple[str, ...], ident: str = "") -> str:
    """The spelling most documents write, acronyms aside; then one that spells the identifier ``ident`` (the
    form every spelling was reduced to: "virtual-school" for "the virtual school team" and "the virtual
    school"); then the longest; then the first alphabetically."""
    names = [f for f in forms if not _ACRONYM.fullmatch(f)] or list(forms)
    counts = Counter(names)
    return min(counts, key=lambda f: (-counts[f], slug(f) != ident, -len(f), f))


def entity_quads(w: QuadWriter, entities: list[EntityFact], council_name: str) -> None:
    """One description of each discovered entity: label, aliases and service type from all its spellings.

    The class, identifier and council stand beside the label in this one graph, so a query can read an
    entity's description in one graph (``list-entities``) and get it once, however many reports name it.
    """
    for e in entities:
        if not e.forms:
            continue
        label = choose_label(e.forms, e.identifier.rsplit("/", 1)[-1])
        if e.kind_class:
            w.add(e.iri, rdf.type, e.kind_class)
        w.lit(e.iri, dcterms.identifier, e.identifier or None)
        if e.authority:
            w.add(e.iri, cs.localAuthority, e.authority)
        w.lit(e.iri, rdfs.label, f"{label} ({council_name})")
        w.lit(e.iri, skos.prefLabel, label)
        seen = {name_key(label)}
        for form in sorted(set(e.forms)):
            key = name_key(form)
            if key and key not in seen:
                seen.add(key)
                w.lit(e.iri, skos.altLabel, form)
        service_type_quads(w, e.iri, [label, *sorted(set(e.forms))])


def _matchable(form: str) -> bool:
    """A spelling safe to look for in another report: two words or more, or an acronym of three letters or more."""
    return len(form.split()) >= 2 or (bool(_ACRONYM.fullmatch(form)) and len(form) >= 3)


def cross_links(w: QuadWriter, entities: list[EntityFact], sentences: list[SentenceFact]) -> int:
    """Link each sentence to the council's entities it names that its own document did not; the number added.

    A spelling two entities share ("LADO service" discovered by a report as an alias of its "Local
    authority designated officer service", and by minutes as a unit of its own) links to both: the
    pass cannot tell which the writer meant, and a reader of either should find the sentence.
    """
    owners: dict[str, list[str]] = {}  # a spelling's key -> the entities that use it
    spelling: dict[str, str] = {}
    for e in entities:
        for form in e.forms:
            key = name_key(form)
            if key and _matchable(form) and e.iri not in owners.setdefault(key, []):
                owners[key].append(e.iri)
                spelling.setdefault(key, form)
    if not owners:
        return 0
    matcher = EntityMatcher(
        [Entity(id=k, kind="service", label=f, citation=Citation("", "", 0)) for k, f in spelling.items()]
    )
    added = 0
    for s in sentences:
        named = dict.fromkeys(iri for m in matcher.find(s.text) for iri in owners[m.entity])
        for iri in named:
            if iri in s.linked:
                continue
            w.add(s.iri, cs.mentions, iri)
            if s.finding:
                w.add(s.iri, cs.about, iri)
            added += 1
    return added
