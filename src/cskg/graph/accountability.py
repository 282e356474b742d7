"""The curated overlay: hand-written actions and follow-up confirmations over what the code found.

The documents themselves give the meetings, the actions and the cited
inspections (``record``); this module adds what a curator wrote beside the
register (``data/actions.yaml``, ``data/follow-up.yaml``), checked against
the sources first (``extract.actions``, ``extract.follow_up``):

- a curated action whose quote overlaps an action the code found in the
  same document **confirms** it (``cs:Confirmed``): one node, under the
  curated id, with the curated owner, due date and status (the curator's
  reading wins where it differs, which is how a curated entry corrects
  one), the meeting the code found it agreed at, and the found one is not
  written again;
- a curated action the code did not find is written as before
  (``cs:Curated``);
- a curated follow-up confirmation is a ``cs:FollowUp`` with the quotes that
  justify it; automatic candidates come from the council-level pass for
  every council alike (``council``).

``cskg build --without-curation`` builds with none of this (the register
stays), which is how a user sees what the tool finds for a council nobody
curated, and how the extractor is measured on the embedded corpus.  The
quads go into the named graph of the document each action or piece of
evidence is quoted from, so the build's offset check re-derives every quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..extract.actions import (
    ACTIONS_FILE,
    FOLLOW_UP_FILE,
    STATUS,
    Context,
    CuratedAction,
    cited_recommendations,
    load_actions,
)
from ..extract.commitments import FoundAction
from ..extract.council_record import CouncilRecord
from ..extract.follow_up import Confirmation, load_follow_up
from ..extract.register import Register
from ..iris import (
    action_iri,
    authority_iri,
    entity_iri,
    follow_up_iri,
    graph_iri,
    improvement_iri,
    inspection_iri,
    paragraph_iri,
    sentence_iri,
)
from ..model import Document, ImprovementItem, Inspection, Report
from ..namespace import cs, prov, rdf
from ..parse.dates import DateWindow
from ..parse.layout import clean_quote, locate
from .council import follow_up_node
from .inspection import improvement_quads
from .record import action_core, action_id, due_quads, meeting_quads, paragraphs_of
from .writer import QuadWriter


@dataclass
class Overlay:
    """The curated files, checked, and the improvement areas (``"YYYY/N"``) they may refer to."""

    areas: dict[str, str] = field(default_factory=dict)  # "YYYY/N" -> improvement-area IRI
    cited: list[tuple[object, Document, Inspection, list[ImprovementItem]]] = field(default_factory=list)
    actions: list[CuratedAction] = field(default_factory=list)
    confirmations: list[Confirmation] = field(default_factory=list)


@dataclass
class Accountability:
    """What the overlay added, for checks and messages."""

    curated: int = 0
    confirmed: int = 0
    follow_ups: int = 0


def load_overlay(
    sources, documents: list[Document], register: Register, records: dict[str, CouncilRecord], curation: bool
) -> Overlay:
    """Check the curated files against the sources (InputError naming ``FILE:LINE`` at the first problem).

    ``records`` (by file) give each minutes' meeting window, against which a
    curated due date's wording is resolved; without ``curation`` only the
    improvement areas are worked out (the news article's recommendations
    are part of the corpus, not of the overlay).
    """
    authority = register.authority
    overlay = Overlay()
    windows: dict[str, DateWindow] = {}
    for src, doc in zip(sources, documents, strict=False):
        record = records.get(src.file)
        if record is not None and record.window is not None:
            windows[src.file] = record.window
        elif src.published:
            windows[src.file] = DateWindow(
                src.published, src.published, f"the document was published on {src.published}"
            )
        if isinstance(doc, Report) and doc.inspection:
            for item in doc.inspection.improvements:
                overlay.areas[f"{doc.inspection.year}/{item.number}"] = improvement_iri(
                    inspection_iri(authority, doc.inspection.year), item.number
                )
        if src.kind == "news-article" and src.meta.get("reports_on"):
            years = [int(y) for y in src.meta["reports_on"].get("inspections", [])]
            recs = cited_recommendations(doc)
            if years and recs:
                insp = Inspection(
                    authority=authority, year=years[0], framework=src.meta["reports_on"].get("framework", "SIF")
                )
                overlay.cited.append((src, doc, insp, recs))
                for item in recs:
                    overlay.areas[f"{years[0]}/{item.number}"] = improvement_iri(
                        inspection_iri(authority, years[0]), item.number
                    )
    if not curation:
        return overlay
    ctx = Context(register, {src.file: src.text for src in sources}, windows, set(overlay.areas))
    folder = Path(register.file).parent
    if (folder / ACTIONS_FILE).exists():
        overlay.actions = load_actions(folder / ACTIONS_FILE, ctx)
    if (folder / FOLLOW_UP_FILE).exists():
        overlay.confirmations = load_follow_up(folder / FOLLOW_UP_FILE, ctx)
    return overlay


def match_curated(
    actions: list[CuratedAction], records: dict[str, CouncilRecord], texts: dict[str, str]
) -> dict[str, FoundAction]:
    """Curated id -> the found action it confirms: same document, quotes overlapping by half the shorter one.

    Each found action is confirmed at most once, by the curated entry it
    overlaps most.  A curated entry that names the resolution formalising it
    (``resolution:``) is not matched to that resolution itself.
    """
    candidates = []
    for action in actions:
        record = records.get(action.citation.source)
        span = locate(texts[action.citation.source], action.citation.quote) if record else None
        if span is None:
            continue
        start, end = span
        for found in record.actions:
            if action.resolution is not None and found.kind == "resolution":
                continue
            overlap = min(end, found.end) - max(start, found.start)
            if overlap > 0 and overlap >= 0.5 * min(end - start, found.end - found.start):
                candidates.append((-overlap, action.id, action.citation.source, found.number, found))
    matched: dict[str, FoundAction] = {}
    used: set[tuple[str, int]] = set()
    for _, ident, file, number, found in sorted(candidates, key=lambda c: c[:4]):
        if ident not in matched and (file, number) not in used:
            matched[ident] = found
            used.add((file, number))
    return matched


def accountability_quads(
    w: QuadWriter,
    sources,
    documents: list[Document],
    register: Register,
    file_iri: dict[str, str],
    matcher,
    overlay: Overlay,
    matched: dict[str, FoundAction],
    records: dict[str, CouncilRecord],
) -> Accountability:
    """Write the news article's cited recommendations, the curated actions and the curated follow-ups."""
    authority = register.authority
    by_file = {src.file: (src, doc) for src, doc in zip(sources, documents, strict=False)}
    result = Accountability()
    for src, _doc, insp, recs in overlay.cited:
        w.use(graph_iri(src.stem))
        node = inspection_iri(authority, insp.year)
        insp.improvements = recs
        improvement_quads(w, recs, node, matcher, authority, file_iri[src.file])
        for item in recs:  # cited, not reported: each is also an entity derived from the article
            w.add(improvement_iri(node, item.number), rdf.type, prov.Entity)

    def owner_iri(ident: str | None) -> str | None:
        if ident is None:
            return None
        return authority_iri(authority) if ident == authority else entity_iri(authority, ident)

    for action in overlay.actions:
        src, doc = by_file[action.citation.source]
        record = records.get(src.file)
        found = matched.get(action.id)
        w.use(graph_iri(src.stem))
        node = action_iri(authority, action.id)
        start, end = locate(src.text, action.citation.quote)
        quote = clean_quote(src.text, start, end)
        action_core(
            w,
            node,
            action.id,
            action.text,
            quote,
            start,
            end,
            STATUS[action.status],
            "Confirmed" if found else "Curated",
            paragraphs_of(doc, start, end),
            file_iri[src.file],
        )
        w.lit(node, cs.sourceFile, src.file)
        w.add(node, cs.localAuthority, authority_iri(authority))
        w.add(node, cs.owner, owner_iri(action.owner))
        if found is not None:
            w.lit(node, cs.ownerText, found.owner)  # the words the code read the owner from
        for ref in action.addresses:
            w.add(node, cs.addresses, overlay.areas[ref])
        for ident in dict.fromkeys([*action.concerns, *(m.entity for m in matcher.find(quote))]):
            w.add(node, cs.concerns, owner_iri(ident))
        w.add(node, prov.wasAttributedTo, owner_iri(action.attributed_to))
        if action.due:
            due_quads(
                w,
                node,
                action.due,
                action.due_text,
                action.due_basis,
                action.due_citation.quote if action.due_citation else None,
            )
        elif action.due_text:
            w.lit(node, cs.dueText, action.due_text)
        meeting = record.meeting_iri if record is not None else None
        w.add(node, cs.agreedAt, meeting)
        if meeting and action.due_at_meeting and action.due and len(action.due) == 10 and record.body_iri:
            day = date.fromisoformat(action.due)
            window = DateWindow(day, day, f"named in {src.file}")
            w.add(
                node,
                cs.dueAt,
                meeting_quads(w, authority, record.body_iri, record.body_label or "", window, None, None),
            )
        if action.resolution is not None:
            target = _resolution(record, action.resolution, src.stem, authority)
            if target is None:
                raise InputError(
                    f"{register.file and Path(register.file).parent / ACTIONS_FILE}:{action.line}: "
                    f"{action.id}: {src.file} has no resolution ({action.resolution})"
                )
            w.add(node, cs.resolvedAs, target)
        if action.completed:
            done_src, done_doc = by_file[action.completed.source]
            d_start, d_end = locate(done_src.text, action.completed.quote)
            for para in paragraphs_of(done_doc, d_start, d_end):
                w.add(
                    node,
                    cs.completedAccordingTo,
                    paragraph_iri(file_iri[done_src.file], para.number, para.index, para.kind),
                )
            w.lit(node, cs.completionQuote, clean_quote(done_src.text, d_start, d_end))
        result.confirmed += found is not None
        result.curated += found is None
    result.follow_ups = confirmation_quads(w, sources, documents, register, file_iri, overlay)
    return result


def _resolution(record: CouncilRecord | None, number: int, stem: str, authority: str) -> str | None:
    """The IRI of resolution ``number`` of a minutes' record, if the code found one with that number."""
    if record is None:
        return None
    for found in record.actions:
        if found.kind == "resolution" and found.resolution == number:
            return action_iri(authority, action_id(stem, found))
    return None


def confirmation_quads(
    w: QuadWriter, sources, documents: list[Document], register: Register, file_iri: dict[str, str], overlay: Overlay
) -> int:
    """The curated follow-up confirmations, each with the quotes that justify it; the number written."""
    authority = register.authority
    texts = {s.file: s.text for s in sources}
    by_file = {s.file: (s, d) for s, d in zip(sources, documents, strict=False)}
    years = sorted({d.inspection.year for d in documents if isinstance(d, Report) and d.inspection})
    written = 0
    for conf in overlay.confirmations:
        area = overlay.areas[conf.area]
        later = [y for y in years if y > int(conf.area.split("/")[0])]
        for n, cite in enumerate(conf.evidence, start=1):
            src, doc = by_file[cite.source]
            start, end = locate(texts[cite.source], cite.quote)
            evidence, inspection = _evidence_node(doc, src, start, end, file_iri, authority)
            w.use(graph_iri(src.stem))
            follow_up_node(
                w,
                follow_up_iri(area, n),
                area,
                conf.status,
                "Curated",
                evidence,
                inspection,
                clean_quote(texts[cite.source], start, end),
                start,
                end,
                conf.note,
            )
            written += 1
        if not conf.evidence:
            w.use(graph_iri(_stem_of_area(area, sources, documents, authority)))
            follow_up_node(
                w,
                follow_up_iri(area, 1),
                area,
                conf.status,
                "Curated",
                None,
                inspection_iri(authority, later[0]) if later else None,
                None,
                None,
                None,
                conf.note,
            )
            written += 1
    return written


def _stem_of_area(area: str, sources, documents, authority: str) -> str:
    for src, doc in zip(sources, documents, strict=False):
        if (
            isinstance(doc, Report)
            and doc.inspection
            and area.startswith(inspection_iri(authority, doc.inspection.year) + "/")
        ):
            return src.stem
    for src in sources:
        if src.kind == "news-article":
            return src.stem
    return sources[0].stem


def _evidence_node(
    doc: Document, src, start: int, end: int, file_iri: dict[str, str], authority: str
) -> tuple[str, str | None]:
    """The IRI of the smallest thing that holds a quote: an improvement area, a sentence, or a paragraph."""
    inspection = inspection_iri(authority, doc.inspection.year) if isinstance(doc, Report) and doc.inspection else None
    if isinstance(doc, Report) and doc.inspection:
        for item in doc.inspection.improvements:
            if item.start <= start and end <= item.end:
                return improvement_iri(inspection, item.number), inspection
    for para in doc.paragraphs:
        if para.start <= start and end <= para.end:
            p_iri = paragraph_iri(file_iri[src.file], para.number, para.index, para.kind)
            for k, sentence in enumerate(para.sentences, start=1):
                if sentence.start <= start and end <= sentence.end:
                    return sentence_iri(p_iri, k), inspection
            return p_iri, inspection
    return file_iri[src.file], inspection
