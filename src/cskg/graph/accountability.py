"""Accountability into quads: recommendations a news article quotes, meetings, actions and follow-up links.

Resolutions of minutes (``parse.minutes``) become actions of the body that
passed them; curated actions and follow-up confirmations
(``extract.actions``, ``extract.follow_up``) are checked against their
sources first.  The quads go into the named graph of the document each
action or piece of evidence is quoted from, so the build's offset check
re-derives every quote, and replacing a document replaces its actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..extract.actions import ACTIONS_FILE, FOLLOW_UP_FILE, STATUS, Context, cited_recommendations, load_actions
from ..extract.follow_up import FOLLOW_UP_STATUS, Confirmation, candidates, evidence_pool, load_follow_up
from ..extract.register import Register
from ..iris import (
    action_iri,
    authority_iri,
    entity_iri,
    follow_up_iri,
    graph_iri,
    improvement_iri,
    inspection_iri,
    meeting_iri,
    paragraph_iri,
    sentence_iri,
)
from ..model import Document, ImprovementItem, Inspection, Report
from ..namespace import cs, dcterms, prov, rdf, rdfs, xsd
from ..parse.dates import DateWindow
from ..parse.layout import clean_quote, locate, normalise_space
from ..parse.minutes import MeetingInfo, containing_paragraph, meeting_info, resolutions
from .document import improvement_quads
from .writer import QuadWriter


@dataclass
class Accountability:
    """What the accountability step adds, for checks and messages."""

    parsed: int = 0
    curated: int = 0
    follow_ups: int = 0


def accountability_quads(
    w: QuadWriter,
    sources,
    documents: list[Document],
    facts: dict[str, list],
    register: Register,
    file_iri: dict[str, str],
    matcher,
) -> Accountability:
    """Add recommendations, meetings, actions and follow-ups to the writer ``w``.

    Called by ``corpus.build_quads`` after the documents are written, with
    their facts (by file); reads the curated files beside the register.
    Raises InputError before adding anything if a curated file is wrong.
    """
    authority = register.authority
    texts = {src.file: src.text for src in sources}
    by_file = {src.file: (src, doc) for src, doc in zip(sources, documents, strict=False)}
    reports = [
        (d.inspection.end_date, s.published)
        for s, d in zip(sources, documents, strict=False)
        if isinstance(d, Report) and d.inspection and d.inspection.end_date and s.published
    ]
    infos: dict[str, MeetingInfo] = {}
    windows: dict[str, DateWindow] = {}
    for src, doc in zip(sources, documents, strict=False):
        if src.kind == "minutes":
            stated = src.meta.get("meeting_date") if isinstance(src.meta.get("meeting_date"), date) else None
            infos[src.file] = meeting_info(doc, src.title, reports, stated)
            windows[src.file] = infos[src.file].window
        elif src.published:
            windows[src.file] = DateWindow(
                src.published, src.published, f"the document was published on {src.published}"
            )

    # Improvement areas: the reports' own, and recommendations news articles quote.
    areas: dict[str, str] = {}
    cited: list[tuple[object, Document, Inspection, list[ImprovementItem]]] = []
    for src, doc in zip(sources, documents, strict=False):
        if isinstance(doc, Report) and doc.inspection:
            for item in doc.inspection.improvements:
                areas[f"{doc.inspection.year}/{item.number}"] = improvement_iri(
                    inspection_iri(authority, doc.inspection.year), item.number
                )
        if src.kind == "news-article" and src.meta.get("reports_on"):
            years = [int(y) for y in src.meta["reports_on"].get("inspections", [])]
            recs = cited_recommendations(doc)
            if years and recs:
                insp = Inspection(
                    authority=authority, year=years[0], framework=src.meta["reports_on"].get("framework", "SIF")
                )
                cited.append((src, doc, insp, recs))
                for item in recs:
                    areas[f"{years[0]}/{item.number}"] = improvement_iri(
                        inspection_iri(authority, years[0]), item.number
                    )

    ctx = Context(register, texts, windows, set(areas))
    folder = Path(register.file).parent
    curated = load_actions(folder / ACTIONS_FILE, ctx) if (folder / ACTIONS_FILE).exists() else []
    confirmations = load_follow_up(folder / FOLLOW_UP_FILE, ctx) if (folder / FOLLOW_UP_FILE).exists() else []

    result = Accountability()
    for src, _doc, insp, recs in cited:
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

    # Meetings and the resolutions of minutes.
    meetings: dict[str, str] = {}  # minutes file -> meeting IRI
    resolution_iris: dict[tuple[str, int], str] = {}
    body_of: dict[str, str] = {}
    for src, doc in zip(sources, documents, strict=False):
        if src.kind != "minutes":
            continue
        info = infos[src.file]
        w.use(graph_iri(src.stem))
        body = _body_entity(info.body, register, matcher)
        meeting = None
        if body:
            body_of[src.file] = body
            meeting = _meeting(w, authority, body, info.window, src.stem, file_iri[src.file], register)
            meetings[src.file] = meeting
        for res in resolutions(doc, info.window):
            ident = f"{src.stem}-resolution-{res.number}"
            node = action_iri(authority, ident)
            resolution_iris[(src.file, res.number)] = node
            para = containing_paragraph(doc, res.start, res.end)
            _action_core(
                w,
                node,
                ident,
                res.text,
                res.text,
                res.start,
                res.end,
                STATUS[res.status],
                "Discovered",
                [para] if para else [],
                file_iri[src.file],
            )
            w.lit(node, cs.number, res.number)
            w.lit(node, cs.sourceFile, src.file)
            if body:
                w.add(node, cs.owner, entity_iri(authority, body))
            w.add(node, cs.agreedAt, meeting)
            if res.due:
                _due(w, node, res.due.value, res.due.text, res.due.basis, None)
            if res.meeting_date and body and _names_body(res.text, register.entities[body]):
                w.add(
                    node,
                    cs.dueAt,
                    _meeting(
                        w,
                        authority,
                        body,
                        DateWindow(res.meeting_date, res.meeting_date, f"named in {src.file}"),
                        None,
                        None,
                        register,
                    ),
                )
            for ident_c in dict.fromkeys(m.entity for m in matcher.find(res.text)):
                w.add(node, cs.concerns, entity_iri(authority, ident_c))
            result.parsed += 1

    # Curated actions.
    for action in curated:
        src, doc = by_file[action.citation.source]
        w.use(graph_iri(src.stem))
        node = action_iri(authority, action.id)
        start, end = locate(src.text, action.citation.quote)
        quote = clean_quote(src.text, start, end)
        paras = _paragraphs_of(doc, start, end)
        _action_core(
            w,
            node,
            action.id,
            action.text,
            quote,
            start,
            end,
            STATUS[action.status],
            "Curated",
            paras,
            file_iri[src.file],
        )
        w.lit(node, cs.sourceFile, src.file)
        w.add(node, cs.owner, owner_iri(action.owner))
        for ref in action.addresses:
            w.add(node, cs.addresses, areas[ref])
        for ident in dict.fromkeys([*action.concerns, *(m.entity for m in matcher.find(quote))]):
            w.add(node, cs.concerns, owner_iri(ident))
        w.add(node, prov.wasAttributedTo, owner_iri(action.attributed_to))
        if action.due:
            _due(
                w,
                node,
                action.due,
                action.due_text,
                action.due_basis,
                action.due_citation.quote if action.due_citation else None,
            )
        elif action.due_text:
            w.lit(node, cs.dueText, action.due_text)
        if src.kind == "minutes" and src.file in meetings:
            w.add(node, cs.agreedAt, meetings[src.file])
            if action.due_at_meeting and action.due and len(action.due) == 10 and src.file in body_of:
                w.add(
                    node,
                    cs.dueAt,
                    _meeting(
                        w,
                        authority,
                        body_of[src.file],
                        DateWindow(
                            date.fromisoformat(action.due), date.fromisoformat(action.due), f"named in {src.file}"
                        ),
                        None,
                        None,
                        register,
                    ),
                )
        if action.resolution is not None:
            target = resolution_iris.get((src.file, action.resolution))
            if target is None:
                raise InputError(
                    f"{register.file and Path(register.file).parent / ACTIONS_FILE}:{action.line}: "
                    f"{action.id}: {src.file} has no resolution ({action.resolution})"
                )
            w.add(node, cs.resolvedAs, target)
        if action.completed:
            done_src, done_doc = by_file[action.completed.source]
            d_start, d_end = locate(done_src.text, action.completed.quote)
            for para in _paragraphs_of(done_doc, d_start, d_end):
                w.add(node, cs.completedAccordingTo, _paragraph_iri(file_iri[done_src.file], para))
            w.lit(node, cs.completionQuote, clean_quote(done_src.text, d_start, d_end))
        result.curated += 1

    result.follow_ups = follow_up_quads(w, sources, documents, facts, register, file_iri, areas, confirmations, matcher)
    return result


def _paragraph_iri(doc_iri: str, para) -> str:
    return paragraph_iri(doc_iri, para.number, para.index, para.kind)


def _paragraphs_of(doc: Document, start: int, end: int) -> list:
    para = containing_paragraph(doc, start, end)
    if para:
        return [para]
    return [p for p in doc.paragraphs if p.start < end and start < p.end]


def _action_core(
    w,
    node: str,
    ident: str,
    text: str,
    quote: str,
    start: int,
    end: int,
    status: str,
    curation: str,
    paras: list,
    doc_iri: str,
) -> None:
    w.add(node, rdf.type, cs.Action)
    w.add(node, rdf.type, prov.Entity)
    w.lit(node, dcterms.identifier, ident)
    w.lit(node, cs.text, text)
    w.lit(node, cs.quote, quote)
    w.lit(node, cs.startOffset, start)
    w.lit(node, cs.endOffset, end)
    w.add(node, cs.status, cs.term(status))
    w.add(node, cs.curation, cs.term(curation))
    for para in paras:
        w.add(node, prov.wasDerivedFrom, _paragraph_iri(doc_iri, para))
    if not paras:
        w.add(node, prov.wasDerivedFrom, doc_iri)


def _due(w, node: str, value: str, text: str | None, basis: str | None, quote: str | None) -> None:
    w.lit(node, cs.due, value, datatype=xsd.date if len(value) == 10 else xsd.gYearMonth)
    w.lit(node, cs.dueText, text)
    w.lit(node, cs.dueBasis, basis)
    w.lit(node, cs.dueQuote, quote)


def _body_entity(name: str | None, register: Register, matcher) -> str | None:
    """The register's body (or role-free organisation) a minutes' body name denotes."""
    if not name:
        return None
    for mention in matcher.find(name):
        if register.entities[mention.entity].kind == "body":
            return mention.entity
    return None


def _names_body(text: str, entity) -> bool:
    folded = normalise_space(text).lower()
    return any(normalise_space(n).lower() in folded for n in entity.all_names) or " its meeting" in folded


def _meeting(
    w, authority: str, body: str, window: DateWindow, stem: str | None, doc_iri: str | None, register: Register
) -> str:
    """A meeting node of ``body``: by date where known, else by the minutes' file stem."""
    key = window.exact.isoformat() if window.exact else stem
    node = meeting_iri(authority, body, key)
    w.add(node, rdf.type, cs.Meeting)
    w.add(node, rdf.type, prov.Activity)
    w.add(node, cs.heldBy, entity_iri(authority, body))
    label = register.entities[body].label
    if window.exact:
        w.lit(node, dcterms.date, window.exact)
        w.lit(node, rdfs.label, f"{label}, meeting of {window.exact.isoformat()}")
    else:
        w.lit(node, cs.notBefore, window.not_before)
        w.lit(node, cs.notAfter, window.not_after)
        span = " and ".join(d.isoformat() for d in (window.not_before, window.not_after) if d)
        w.lit(
            node,
            rdfs.label,
            f"{label}, meeting held between {span}"
            if window.not_before and window.not_after
            else f"{label}, meeting (date not stated)",
        )
    w.lit(node, cs.dateBasis, window.basis)
    w.add(node, cs.minutedIn, doc_iri)
    return node


def follow_up_quads(
    w: QuadWriter,
    sources,
    documents: list[Document],
    facts: dict[str, list],
    register,
    file_iri: dict[str, str],
    areas: dict[str, str],
    confirmations: list[Confirmation],
    matcher,
) -> int:
    """Write curated and candidate follow-up links; the number written."""
    authority = register.authority
    reports = sorted(
        (
            (d.inspection.year, s, d)
            for s, d in zip(sources, documents, strict=True)
            if isinstance(d, Report) and d.inspection
        ),
        key=lambda t: t[0],
    )
    pools = {year: evidence_pool(s, d, facts[s.file], matcher, authority, file_iri[s.file]) for year, s, d in reports}
    texts = {s.file: s.text for s in sources}
    by_file = {s.file: (s, d) for s, d in zip(sources, documents, strict=False)}
    area_text = _area_texts(sources, documents, areas)
    confirmed = {c.area: c for c in confirmations}
    written = 0
    for ref, area in sorted(areas.items(), key=lambda kv: (int(kv[0].split("/")[0]), int(kv[0].split("/")[1]))):
        year = int(ref.split("/")[0])
        later = [y for y, _, _ in reports if y > year]
        n = 0
        used: set[str] = set()
        conf = confirmed.get(ref)
        if conf:
            for cite in conf.evidence:
                src, doc = by_file[cite.source]
                start, end = locate(texts[cite.source], cite.quote)
                quote = clean_quote(texts[cite.source], start, end)
                evidence, inspection = _evidence_node(doc, src, start, end, file_iri, authority)
                n += 1
                node = follow_up_iri(area, n)
                w.use(graph_iri(src.stem))
                _follow_up(w, node, area, conf.status, "Curated", evidence, inspection, quote, start, end, conf.note)
                used.add(evidence)
                written += 1
            if not conf.evidence:
                n += 1
                w.use(graph_iri(_stem_of_area(area, sources, documents, authority)))
                _follow_up(
                    w,
                    follow_up_iri(area, n),
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
        if not later:
            continue
        text = area_text.get(area, "")
        ents = {m.entity for m in matcher.find(text)}
        for score, ev, basis in candidates(text, ents, pools[later[0]]):
            if ev.iri in used:
                continue
            n += 1
            node = follow_up_iri(area, n)
            w.use(graph_iri(ev.stem))
            _follow_up(
                w, node, area, ev.suggestion, "Discovered", ev.iri, ev.inspection, ev.text, ev.start, ev.end, basis
            )
            w.lit(node, cs.score, f"{score:.2f}", datatype=xsd.decimal)
            written += 1
    return written


def _area_texts(sources, documents, areas: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for src, doc in zip(sources, documents, strict=False):
        if isinstance(doc, Report) and doc.inspection:
            for item in doc.inspection.improvements:
                out[areas.get(f"{doc.inspection.year}/{item.number}", "")] = item.text
        if src.kind == "news-article" and src.meta.get("reports_on"):
            years = [int(y) for y in src.meta["reports_on"].get("inspections", [])]
            for item in cited_recommendations(doc):
                if years:
                    out[areas.get(f"{years[0]}/{item.number}", "")] = item.text
    return out


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


def _follow_up(
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
