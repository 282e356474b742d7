"""The council-level pass: links between one council's documents, worked out from what the store holds of it.

An ingest writes one file's named graph at a time, but some links join
files: a minutes' action and the improvement area of the report it answers,
an inspection a news article cites and Ofsted's report of it, an earlier
inspection's improvement areas and the next inspection's findings.  At the
end of every build and every ingest batch, for each council the batch
touched, this pass reads the council's facts (``CouncilFacts``, gathered by
``pipeline.council_pass``) and recomputes a derived graph of its own,
``csd:graph/council/{slug}`` (replaced whole, like the authorities graph):

- **inspection matches**: a cited inspection (``cs:citedIn`` a document) and
  the reported one of the same year, or the latest reported before the
  citing document, whose grades agree: ``reported cs:sameInspectionAs
  cited`` and a ``cs:InspectionMatch`` node with score and reason;
- **follow-up**: every improvement area of an inspection against the next
  reported inspection's findings and improvement areas
  (``extract.follow_up.candidates``): ``cs:FollowUp`` nodes with a suggested
  status, score, reason and the evidence's quote, offsets and file;
- **addresses**: every action against the improvement areas of the
  inspection it responds to (``cs:respondsTo``): an explicit reference (most
  of the area's words in the action), shared practice themes, shared named
  entities, shared uncommon words; ``cs:addresses`` and a
  ``cs:AddressesLink`` node with score and reason.

- **discovered entities** (``graph.council_entities``): one label, the
  aliases and the service type of each unit the council's documents
  discovered, from every spelling they use, and links from any sentence of
  the council's documents to the units other documents discovered.

How to add to it: ``council_quads`` is the one entry point, a plain function
from facts to quads.  A new kind of cross-document link adds what it needs to ``CouncilFacts`` (and the query
that gathers it in ``pipeline.council_pass``), a function here that writes
its links into the same writer, and a call in ``council_quads``.  Every link
carries ``cs:score`` and ``cs:basis``; a link that cites text carries
``cs:quote``, offsets and ``cs:sourceFile``, which the provenance check
re-derives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from ..extract.follow_up import FOLLOW_UP_STATUS, Evidence, EvidencePool, as_written, candidates, stems
from ..extract.themes import Theme, themes_of
from ..iris import council_graph_iri, link_iri
from ..namespace import cs, prov, rdf, xsd
from .council_entities import EntityFact, SentenceFact, cross_links, entity_quads
from .writer import QuadWriter

# Scores: an action addresses an area at or above this; a cited inspection matches its report at or above this.
ADDRESSES_THRESHOLD = 2.5
ADDRESSES_PER_ACTION = 3
MATCH_THRESHOLD = 0.5


@dataclass(frozen=True)
class InspectionFact:
    """An inspection of the council: reported (a report in the store) or cited (by a council document)."""

    iri: str
    year: int | None
    end: date | None = None  # the inspection's last day, where a report states it
    reported: bool = False
    cited_in: str | None = None  # the council document that cites it
    cited_on: date | None = None  # when that document was said (its meeting or publication)
    grades: tuple[tuple[str, str], ...] = ()  # (area concept, grade concept) local names
    twins: tuple[str, ...] = ()  # reported inspections the store already says are this one (cs:sameInspectionAs)


@dataclass(frozen=True)
class AreaFact:
    """An improvement area (or recommendation) of one inspection."""

    iri: str
    inspection: str
    number: int
    text: str
    entities: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    quote: str = ""
    start: int | None = None
    end: int | None = None
    file: str | None = None


@dataclass(frozen=True)
class FindingFact:
    """A finding of a reported inspection: evidence for the follow-up of an earlier area."""

    iri: str
    inspection: str
    text: str
    start: int
    end: int
    file: str
    polarity: str  # strength | weakness | context
    improved: bool = False
    about: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ActionFact:
    """An action of the council, with what the pass needs to link it."""

    iri: str
    text: str
    document: str | None
    said_on: date | None = None  # its meeting's or document's date
    concerns: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()  # areas it already addresses (curated)


@dataclass
class CouncilFacts:
    """What the store holds of one council, as the pass needs it."""

    authority: str
    inspections: list[InspectionFact] = field(default_factory=list)
    areas: list[AreaFact] = field(default_factory=list)
    findings: list[FindingFact] = field(default_factory=list)
    actions: list[ActionFact] = field(default_factory=list)
    confirmed_evidence: dict[str, set[str]] = field(default_factory=dict)  # area -> evidence a curator confirmed
    themes: tuple[Theme, ...] = ()
    name: str = ""  # the council's name, beside its discovered entities' labels
    entities: list[EntityFact] = field(default_factory=list)  # discovered entities and their spellings
    sentences: list[SentenceFact] = field(default_factory=list)  # every sentence, for links across documents


def council_quads(facts: CouncilFacts, w: QuadWriter | None = None) -> QuadWriter:
    """Every derived link of one council, in its own named graph (the one entry point of the pass)."""
    w = w or QuadWriter()
    w.use(council_graph_iri(facts.authority))
    twin_of = inspection_matches(w, facts)
    follow_ups(w, facts, twin_of)
    addresses(w, facts, twin_of)
    entity_quads(w, facts.entities, facts.name or facts.authority)
    cross_links(w, facts.entities, facts.sentences)
    return w


# ---------------------------------------------------------------- cited inspections and their reports


def inspection_order(insp: InspectionFact) -> tuple:
    """When an inspection was, for ordering one council's inspections (year, then last day)."""
    return (insp.year or (insp.cited_on.year if insp.cited_on else 0), insp.end or date.min)


_when = inspection_order


def inspection_matches(w: QuadWriter, facts: CouncilFacts) -> dict[str, str]:
    """Match each cited inspection to the reported one it is; cited IRI -> reported IRI (existing twins too)."""
    reported = [i for i in facts.inspections if i.reported]
    twin_of: dict[str, str] = {}
    for cited in facts.inspections:
        if cited.reported:
            continue
        if cited.twins:
            twin_of[cited.iri] = cited.twins[0]
            continue
        best = _best_report(cited, reported)
        if best is None:
            continue
        report, score, basis = best
        twin_of[cited.iri] = report.iri
        w.add(report.iri, cs.sameInspectionAs, cited.iri)
        node = link_iri(cited.iri, "same-as", 1)
        _link(w, node, cs.InspectionMatch, cited.iri, report.iri, score, basis)
    _cited_alike(w, facts, twin_of)
    return twin_of


def _cited_alike(w: QuadWriter, facts: CouncilFacts, twin_of: dict[str, str]) -> None:
    """One inspection that several documents cite and no report of the store is: the first citing one stands for
    it and the others are the same inspection (two sets of minutes quoting one report are not two inspections)."""
    standing: list[InspectionFact] = []
    for cited in sorted(facts.inspections, key=lambda i: (_when(i), i.cited_on or date.max, i.iri)):
        if cited.reported or cited.iri in twin_of:
            continue
        best = _best_report(cited, standing)
        if best is None:
            standing.append(cited)
            continue
        first, score, basis = best
        twin_of[cited.iri] = first.iri
        w.add(first.iri, cs.sameInspectionAs, cited.iri)
        _link(w, link_iri(cited.iri, "same-as", 1), cs.InspectionMatch, cited.iri, first.iri, score, basis)


def _best_report(cited: InspectionFact, reported: list[InspectionFact]) -> tuple[InspectionFact, float, str] | None:
    """The report a cited inspection is, with score and reason, or None when none fits well enough."""
    options = []
    for report in reported:
        if cited.year is not None:
            if report.year != cited.year:
                continue
            when = f"both of {cited.year}"
        elif cited.cited_on and report.end and report.end <= cited.cited_on:
            when = f"the latest reported inspection before the citing document ({cited.cited_on.isoformat()})"
        else:
            continue
        common = dict(cited.grades).keys() & dict(report.grades).keys()
        agree = sum(dict(cited.grades)[a] == dict(report.grades)[a] for a in common)
        if common and agree / len(common) < 0.5:
            continue  # grades that mostly disagree: not the same inspection
        share = agree / len(common) if common else 0.5
        score = round(0.5 + 0.5 * share, 2)
        grades = f"{agree} of {len(common)} grades agree" if common else "no grade to compare"
        options.append((score, _when(report), report, f"{when}; {grades}"))
    if not options:
        return None
    score, _, report, basis = max(options, key=lambda o: (o[0], o[1]))
    return (report, score, basis) if score >= MATCH_THRESHOLD else None


# ---------------------------------------------------------------- follow-up


def _sequence(facts: CouncilFacts, twin_of: dict[str, str]) -> list[str]:
    """The council's distinct inspections in time order (a cited one that is a report's twin counts once)."""
    by_iri = {i.iri: i for i in facts.inspections}
    distinct = [i for i in facts.inspections if i.iri not in twin_of]
    return [i.iri for i in sorted(distinct, key=lambda i: (_when(i), i.iri)) if i.iri in by_iri]


def follow_ups(w: QuadWriter, facts: CouncilFacts, twin_of: dict[str, str]) -> int:
    """Candidate follow-up links of every area to the next reported inspection's evidence; the number written."""
    order = _sequence(facts, twin_of)
    by_iri = {i.iri: i for i in facts.inspections}
    owner = {a.iri: twin_of.get(a.inspection, a.inspection) for a in facts.areas}
    written = 0
    for k, iri in enumerate(order):
        later = next((x for x in order[k + 1 :] if by_iri[x].reported), None)
        if later is None:
            continue
        pool = EvidencePool(_pool(facts, later))
        if not pool:
            continue
        for area in (a for a in facts.areas if owner[a.iri] == iri):
            used = facts.confirmed_evidence.get(area.iri, set())
            n = 0
            for score, ev, basis in candidates(area.text, set(area.entities), pool):
                if ev.iri in used:
                    continue
                n += 1
                node = link_iri(area.iri, "candidate", n)
                follow_up_node(
                    w,
                    node,
                    area.iri,
                    ev.suggestion,
                    "Discovered",
                    ev.iri,
                    ev.inspection,
                    ev.text,
                    ev.start,
                    ev.end,
                    basis,
                )
                w.lit(node, cs.score, f"{score:.2f}", datatype=xsd.decimal)
                w.lit(node, cs.sourceFile, ev.file)
                written += 1
    return written


def _pool(facts: CouncilFacts, inspection: str) -> list[Evidence]:
    """A reported inspection's improvement areas and findings as follow-up evidence."""
    pool = [
        Evidence(a.iri, a.quote or a.text, a.start, a.end, a.file, "", inspection, set(a.entities), "raised-again")
        for a in facts.areas
        if a.inspection == inspection and a.file and a.start is not None
    ]
    for f in facts.findings:
        if f.inspection != inspection:
            continue
        suggestion = (
            "addressed"
            if f.improved or f.polarity == "strength"
            else "raised-again"
            if f.polarity == "weakness"
            else "partly-addressed"
        )
        pool.append(
            Evidence(f.iri, f.text, f.start, f.end, f.file, "", inspection, set(f.about), suggestion, f.improved)
        )
    return pool


def follow_up_node(
    w,
    node: str,
    area: str,
    status: str,
    curation: str,
    evidence: str | None,
    inspection: str | None,
    quote: str | None,
    start: int | None,
    end: int | None,
    basis: str | None,
) -> None:
    """A ``cs:FollowUp``: an earlier area, what later evidence shows of it, the evidence's quote and why."""
    w.add(node, rdf.type, cs.FollowUp)
    w.add(node, rdf.type, prov.Entity)
    w.add(node, cs.followsUp, area)
    w.add(node, cs.followUpStatus, cs.term(FOLLOW_UP_STATUS[status]))
    w.add(node, cs.curation, cs.term(curation))
    w.add(node, cs.evidence, evidence)
    w.add(node, cs.laterInspection, inspection)
    w.lit(node, cs.quote, quote)
    w.lit(node, cs.startOffset, start)
    w.lit(node, cs.endOffset, end)
    w.lit(node, cs.basis, basis)


# ---------------------------------------------------------------- actions and the areas they address


def responds_to(action: ActionFact, facts: CouncilFacts, twin_of: dict[str, str]) -> str | None:
    """The inspection an action answers: the one its document cites (or its report), else the latest before it."""
    cited = [i for i in facts.inspections if i.cited_in and i.cited_in == action.document]
    if cited:
        # The inspection the document is about: the one it quotes most grades of (an earlier one it mentions
        # in passing has one or two).
        main = max(cited, key=lambda i: (len(i.grades), i.year or 0, -len(i.iri)))
        return twin_of.get(main.iri, main.iri)
    reported = [i for i in facts.inspections if i.reported]
    if action.said_on:
        reported = [i for i in reported if i.end and i.end <= action.said_on]
    if not reported:
        return None
    return max(reported, key=_when).iri


def addresses(w: QuadWriter, facts: CouncilFacts, twin_of: dict[str, str]) -> int:
    """Link each action to the improvement areas it addresses, with score and reason; the number of links."""
    written = 0
    area_stems = {a.iri: stems(a.text) for a in facts.areas}
    counts: dict[str, int] = {}
    for s in area_stems.values():
        for word in s:
            counts[word] = counts.get(word, 0) + 1
    for action in facts.actions:
        target = responds_to(action, facts, twin_of)
        if target is None:
            continue
        w.add(action.iri, cs.respondsTo, target)
        # The report's own areas where the store holds them; the areas a document quotes of the same
        # inspection are the same areas again (a second link to each would say nothing new).
        pool = [a for a in facts.areas if a.inspection == target] or [
            a for a in facts.areas if twin_of.get(a.inspection) == target
        ]
        said = stems(action.text)
        action_themes = set(themes_of(action.text, facts.themes)) if facts.themes else set()
        scored = []
        for area in pool:
            score, why = _address_score(
                action, area, said, action_themes, area_stems[area.iri], counts, len(facts.areas)
            )
            if score >= ADDRESSES_THRESHOLD:
                scored.append((score, area.iri, why))
        scored.sort(key=lambda t: (-t[0], t[1]))
        for n, (score, area, why) in enumerate(scored[:ADDRESSES_PER_ACTION], start=1):
            if area not in action.addresses:
                w.add(action.iri, cs.addresses, area)
            _link(w, link_iri(action.iri, "addresses", n), cs.AddressesLink, action.iri, area, score, why)
            written += 1
    return written


def _address_score(
    action: ActionFact,
    area: AreaFact,
    said: set[str],
    action_themes: set[str],
    area_words: set[str],
    counts: dict[str, int],
    n_areas: int,
) -> tuple[float, str]:
    shared = said & area_words
    themes = action_themes & set(area.themes)
    entities = action.concerns & area.entities
    if len(shared) < 2 and not themes and not entities:
        # One word in common is a coincidence ("the November meeting" and "meet their needs", "Sue Foster" and
        # "foster placements"), however rare the word is among the areas.
        return 0.0, ""
    score = sum(math.log(1 + n_areas / counts.get(s, 1)) for s in shared)
    why = []
    if area_words and len(shared) >= max(2, math.ceil(0.6 * len(area_words))):
        score += 3.0
        why.append("refers to the area in its own words")
    if themes:
        score += 1.5 * len(themes)
        why.append("shared practice themes: " + ", ".join(sorted(t.rsplit("#", 1)[-1] for t in themes)))
    if entities:
        score += 2.0 * len(entities)
        why.append("shared entities: " + ", ".join(sorted(e.rsplit("/", 1)[-1] for e in entities)))
    if shared:
        why.append("shared words: " + ", ".join(as_written(shared, area.text)))
    return round(score, 2), "; ".join(why)


def _link(w: QuadWriter, node: str, kind: str, source: str, target: str, score: float, basis: str) -> None:
    w.add(node, rdf.type, cs.Link)
    w.add(node, rdf.type, kind)
    w.add(node, cs.linkFrom, source)
    w.add(node, cs.linkTo, target)
    w.lit(node, cs.score, f"{score:.2f}", datatype=xsd.decimal)
    w.lit(node, cs.basis, basis)
    w.add(node, cs.curation, cs.Discovered)
