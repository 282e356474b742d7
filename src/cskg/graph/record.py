"""A council document's accountability into quads: its meeting, the actions it states, the inspection it cites.

Called by ``document.document_quads`` (the one path of a document into
quads) for minutes, decision records, press releases and news, in a build
and in an ingest alike.  What is written, all in the document's own named
graph and all with the quotes and offsets the provenance check re-derives:

- the meeting (``cs:Meeting``) held by its body (an entity of the council:
  the register's, or one discovered from the document), with its date or
  the window it lies in and why, its agenda item and who attended;
- every action (``cs:Action``): quote, status, the owner the text names
  (``cs:ownerText`` as written; ``cs:owner`` the entity it denotes, where
  one does: the council, the meeting's body, a named body, post or person),
  due date with its wording and basis, the meeting it was agreed at;
- the inspection the document cites (``csd:inspection/{council}/cited/{stem}``,
  ``cs:citedIn`` the document) with the judgements and improvement areas
  it quotes, and an earlier inspection it mentions with its grade.

The writers of an action's core, its due date and a meeting are shared with
the curated overlay (``accountability``), so a curated action and an
extracted one have the same shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract.actions import STATUS
from ..extract.cited import CitedGrade
from ..extract.commitments import FoundAction
from ..extract.council_record import CouncilRecord
from ..extract.register import Citation, Entity
from ..iris import (
    action_iri,
    authority_iri,
    cited_inspection_iri,
    entity_iri,
    improvement_iri,
    meeting_iri,
    paragraph_iri,
    slug,
)
from ..model import Document, ImprovementItem, Inspection, Judgement
from ..namespace import cs, dcterms, org, prov, rdf, rdfs, xsd
from ..parse.dates import DateWindow
from ..parse.minutes import containing_paragraph
from .inspection import improvement_quads, inspection_quads
from .writer import QuadWriter

_GRADE_CONCEPT = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires-improvement": "RequiresImprovement",
    "inadequate": "Inadequate",
}
_AREA_CONCEPT = {
    "ILACS": {
        "overall": "IlacsOverallEffectiveness",
        "help-and-protection": "IlacsHelpAndProtection",
        "children-in-care": "IlacsChildrenInCare",
        "looked-after": "IlacsChildrenInCare",
        "care-leavers": "IlacsCareLeavers",
        "children-in-care-and-care-leavers": "IlacsChildrenInCareAndCareLeavers",
        "leadership": "IlacsLeadership",
        "lscb": "LscbEffectiveness",
    },
    "SIF": {
        "overall": "SifOverallEffectiveness",
        "help-and-protection": "SifHelpAndProtection",
        "children-in-care": "SifLookedAfter",
        "looked-after": "SifLookedAfter",
        "children-in-care-and-care-leavers": "SifLookedAfter",
        "care-leavers": "SifCareLeavers",
        "adoption": "SifAdoption",
        "leadership": "SifLeadership",
        "lscb": "LscbEffectiveness",
    },
}
# Words that make an owner the council itself, a generic reference to the meeting's body, or a kind of entity.
# The council is also its people or parts in general, in its own document ("our teams", "officers", "the
# department"): no unit of it.  Owners that are no one in particular: "everyone involved".
_COUNCIL = re.compile(
    r"^(?:(?:the\s+)?(?:council|local authority|authority|department|directorate|officers|staff"
    r"|[A-Z][\w’' -]*\bCouncil)|our\s+(?:teams?|staff|officers|services?|colleagues))$",
    re.I,
)
_NO_ONE_IN_PARTICULAR = re.compile(r"^(?:all|everyone|everybody)(?:\s+involved)?$", re.I)
_MEETING_REFERENCE = re.compile(
    r"^(?:the\s+)?(?:committee|commission|panel|board|sub-board|sub[- ]committee|cabinet|forum|meeting|members|"
    r"councillors|members of (?:the|this) \w+)$",
    re.I,
)
_ROLE_HEAD = re.compile(
    r"\b(?:director|chair|chairman|chairwoman|chairperson|leader|mayor|member|officer|officers|head|manager|"
    r"managers|nurse|advis[eo]r|holder|lead|executive|secretary|commissioner|councillor|cllr)s?\b",
    re.I,
)
_PERSON = re.compile(
    r"^(?:Councillor|Cllr|County Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]|^[A-Z][a-z]+ [A-Z][a-z'’-]+$"
)


@dataclass
class RecordPlan:
    """How a record's names map to entities of the council, worked out before anything is written."""

    body: str | None = None  # entity IRI of the meeting's body
    body_label: str | None = None
    owners: dict[str, str | None] = field(default_factory=dict)  # owner words -> entity IRI (None: no entity)
    attendees: list[tuple[str | None, str | None]] = field(default_factory=list)  # (person IRI, post IRI)


def plan_record(record: CouncilRecord, ctx, src_file: str) -> RecordPlan:
    """Resolve the meeting's body, the owners and the attendees to entities.

    For a council nobody curated the entities are discovered here and added
    to ``ctx.register`` (written with the document's other discovered
    entities); for the curated council only the register's entities are
    used, so nothing is invented beside a reviewed register.
    """
    plan = RecordPlan()
    meeting = record.meeting
    if meeting and meeting.body:
        plan.body, plan.body_label = _entity_for(
            meeting.body, "body", ctx, src_file, _header_quote(record, meeting.body)
        )
    for action in record.actions:
        if action.owner and action.owner not in plan.owners:
            plan.owners[action.owner] = _owner_entity(action.owner, plan, ctx, src_file, action.text)
    if meeting:
        for person in meeting.attendees:
            quote = record.document.source[person.start : person.end]
            who = _entity_for(person.name, "person", ctx, src_file, quote)[0] if person.name else None
            post = None
            if person.role:
                role = (
                    person.role
                    if _ROLE_HEAD.search(person.role) or not plan.body_label
                    else (f"{person.role}, {plan.body_label}")
                )
                post = _entity_for(role, "role", ctx, src_file, quote)[0]
            plan.attendees.append((who, post))
    return plan


def _header_quote(record: CouncilRecord, name: str) -> str:
    """A line of the document that names the body (its citation)."""
    for line in record.document.source.splitlines():
        if name.lower() in " ".join(line.split()).lower():
            return " ".join(line.split())
    return name


def _owner_entity(words: str, plan: RecordPlan, ctx, src_file: str, quote: str) -> str | None:
    """The entity the owner words denote, or None where they name no one in particular."""
    text = words.strip()
    if _NO_ONE_IN_PARTICULAR.match(text):
        return None
    if _COUNCIL.match(text) or (ctx.authority_name and text.lower() == ctx.authority_name.lower()):
        return authority_iri(ctx.authority)
    if _MEETING_REFERENCE.match(text):
        return plan.body  # "The Committee", "Members": the body whose meeting this is (if known)
    for m in ctx.matcher.find(text):
        if m.end - m.start >= 0.6 * len(text.strip()):
            return entity_iri(ctx.authority, m.entity)
    if ctx.curated:
        return None
    kind = "person" if _PERSON.match(re.sub(r"^the\s+", "", text)) else "role" if _ROLE_HEAD.search(text) else "body"
    return _entity_for(text, kind, ctx, src_file, quote)[0]


def _entity_for(name: str, kind: str, ctx, src_file: str, quote: str) -> tuple[str | None, str | None]:
    """(IRI, label) of the entity a name denotes: the register's where it names one, else a discovered one."""
    for m in ctx.matcher.find(name):
        if m.end - m.start >= 0.6 * len(name.strip()):
            return entity_iri(ctx.authority, m.entity), ctx.register.entities[m.entity].label
    if ctx.curated:
        return None, None
    label = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I).strip(" ,.;:")
    label = label[:1].upper() + label[1:]
    ident = slug(label)
    if not ident:
        return None, None
    entity = ctx.register.entities.get(ident)
    if entity is None:
        entity = Entity(ident, kind, label, Citation(src_file, quote, 0), curation="Discovered")
        ctx.register.entities[ident] = entity
    return entity_iri(ctx.authority, ident), entity.label


# ---------------------------------------------------------------- writing


def record_quads(
    w: QuadWriter,
    record: CouncilRecord,
    plan: RecordPlan,
    ctx,
    src,
    doc_iri: str,
    skip: set[int] | None = None,
    cite_inspection: bool = True,
) -> str | None:
    """Write the record's meeting, actions and cited inspection; the meeting's IRI (None without a body).

    ``skip``: numbers of actions a curated entry confirms (the overlay writes
    them once, under the curated id).  ``cite_inspection``: False where the
    document's citations are curated another way (the news article whose
    inspections sources.yaml names).
    """
    meeting = None
    info = record.meeting
    record.body_iri, record.body_label = plan.body, plan.body_label
    if info and plan.body:
        meeting = meeting_quads(w, ctx.authority, plan.body, plan.body_label or "", info.window, src.stem, doc_iri)
        record.meeting_iri = meeting
        w.lit(meeting, cs.itemNumber, info.item)
        for person, post in plan.attendees:
            w.add(meeting, cs.attendedBy, person or post)
            if person and post:
                w.add(post, org.heldBy, person)
    if info and info.window.exact:
        w.lit(doc_iri, dcterms.date, info.window.exact)
    for action in record.actions:
        if skip and action.number in skip:
            continue
        action_quads(w, action, plan, ctx, src, doc_iri, record.document, meeting)
    if cite_inspection:
        cited_quads(w, record, ctx, src.stem, doc_iri)
    return meeting


def action_id(stem: str, action: FoundAction) -> str:
    """A found action's id: ``{stem}-resolution-{n}`` for a resolution, ``{stem}-action-{k}`` otherwise."""
    if action.kind == "resolution" and action.resolution is not None:
        return f"{stem}-resolution-{action.resolution}"
    return f"{stem}-action-{action.number}"


def action_quads(
    w: QuadWriter, action: FoundAction, plan: RecordPlan, ctx, src, doc_iri: str, doc: Document, meeting: str | None
) -> str:
    """One extracted action."""
    ident = action_id(src.stem, action)
    node = action_iri(ctx.authority, ident)
    action_core(
        w,
        node,
        ident,
        action.text,
        action.text,
        action.start,
        action.end,
        STATUS[action.status],
        "Discovered",
        paragraphs_of(doc, action.start, action.end),
        doc_iri,
    )
    w.lit(node, cs.sourceFile, src.file)
    w.add(node, cs.localAuthority, authority_iri(ctx.authority))
    w.lit(node, cs.number, action.resolution)
    w.lit(node, cs.ownerText, action.owner)
    w.add(node, cs.owner, plan.owners.get(action.owner) if action.owner else None)
    w.add(node, cs.agreedAt, meeting)
    if action.due:
        due_quads(w, node, action.due.value, action.due.text, action.due.basis, None)
    else:
        w.lit(node, cs.dueText, action.due_text)
        w.lit(node, cs.dueBasis, action.due_basis)
    if action.meeting_date and plan.body and meeting and _names_body(action.text, plan.body, ctx, plan.body_label):
        window = DateWindow(action.meeting_date, action.meeting_date, f"named in {src.file}")
        w.add(node, cs.dueAt, meeting_quads(w, ctx.authority, plan.body, plan.body_label or "", window, None, None))
    for ident_c in dict.fromkeys(m.entity for m in ctx.matcher.find(action.text)):
        w.add(node, cs.concerns, entity_iri(ctx.authority, ident_c))
    return node


def _names_body(text: str, body: str, ctx, label: str | None) -> bool:
    """Whether an action's later meeting is one of the same body: the text names the body, or "its meeting"."""
    ident = body.rsplit("/", 1)[-1]
    entity = ctx.register.entities.get(ident)
    names = entity.all_names if entity else [label or ""]
    folded = " ".join(text.split()).lower()
    return any(n and " ".join(n.split()).lower() in folded for n in names) or " its meeting" in folded


def action_core(
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
    """What every action has: type, id, text, quote with offsets, status, curation, the paragraphs it came from."""
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
        w.add(node, prov.wasDerivedFrom, paragraph_iri(doc_iri, para.number, para.index, para.kind))
    if not paras:
        w.add(node, prov.wasDerivedFrom, doc_iri)


def paragraphs_of(doc: Document, start: int, end: int) -> list:
    """The paragraph that holds a quote, else the paragraphs it overlaps."""
    para = containing_paragraph(doc, start, end)
    if para:
        return [para]
    return [p for p in doc.paragraphs if p.start < end and start < p.end]


def due_quads(w, node: str, value: str, text: str | None, basis: str | None, quote: str | None) -> None:
    """A due date (``xsd:date`` or ``xsd:gYearMonth``) with the wording it came from and how it was resolved."""
    w.lit(node, cs.due, value, datatype=xsd.date if len(value) == 10 else xsd.gYearMonth)
    w.lit(node, cs.dueText, text)
    w.lit(node, cs.dueBasis, basis)
    w.lit(node, cs.dueQuote, quote)


def meeting_quads(
    w, authority: str, body: str, body_label: str, window: DateWindow, stem: str | None, doc_iri: str | None
) -> str:
    """A meeting of ``body`` (an entity IRI): by date where known, else by the file stem of the minutes."""
    key = window.exact.isoformat() if window.exact else stem
    node = meeting_iri(authority, body.rsplit("/", 1)[-1], key)
    w.add(node, rdf.type, cs.Meeting)
    w.add(node, rdf.type, prov.Activity)
    w.add(node, cs.heldBy, body)
    w.add(node, cs.localAuthority, authority_iri(authority))
    if window.exact:
        w.lit(node, dcterms.date, window.exact)
        w.lit(node, rdfs.label, f"{body_label}, meeting of {window.exact.isoformat()}")
    else:
        w.lit(node, cs.notBefore, window.not_before)
        w.lit(node, cs.notAfter, window.not_after)
        span = " and ".join(d.isoformat() for d in (window.not_before, window.not_after) if d)
        w.lit(
            node,
            rdfs.label,
            f"{body_label}, meeting held between {span}"
            if window.not_before and window.not_after
            else f"{body_label}, meeting (date not stated)",
        )
    w.lit(node, cs.dateBasis, window.basis)
    w.add(node, cs.minutedIn, doc_iri)
    return node


# ---------------------------------------------------------------- the cited inspection

_INSPECTED_IN = re.compile(
    r"\binspect\w*\b[^.]{0,80}?\b(?:in|between|during|from|on)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:and|to|–|-)?\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(20\d\d)\b",
    re.I,
)


def inspection_year(record: CouncilRecord) -> int | None:
    """The year of the inspection a document reports, where its text says ("inspected ... in November 2025")."""
    years = [g.year for g in record.grades if g.year and not g.earlier]
    if years:
        return years[0]
    source = record.document.source
    for m in _INSPECTED_IN.finditer(source):
        if not re.search(r"\b(?:last|previous|earlier|prior|since)\b", source[max(0, m.start() - 30) : m.end()], re.I):
            return int(m.group(1))
    return None


def framework_of(grades: list[CitedGrade], year: int | None) -> str:
    """ILACS or SIF: from the judgement names a document uses, else from the year (ILACS from 2018)."""
    keys = {g.area_key for g in grades}
    words = " ".join(g.area_text.lower() for g in grades)
    if keys & {"adoption", "looked-after"} or "governance" in words:
        return "SIF"
    if keys & {"children-in-care-and-care-leavers"} or "impact of leaders" in words or "experiences" in words:
        return "ILACS"
    if year and year < 2018:
        return "SIF"
    return "ILACS"


def cited_quads(w: QuadWriter, record: CouncilRecord, ctx, stem: str, doc_iri: str) -> list[str]:
    """The inspections a document cites, with the grades and improvement areas it quotes; their IRIs."""
    year = inspection_year(record)
    current = [g for g in record.grades if not g.earlier and (g.year is None or year is None or g.year == year)]
    earlier = [g for g in record.grades if g not in current]
    written = []
    if current or record.improvements:
        node = cited_inspection_iri(ctx.authority, stem)
        _cited_inspection(w, node, current, year, ctx, doc_iri, record)
        written.append(node)
    by_year: dict[int | None, list[CitedGrade]] = {}
    for grade in earlier:
        by_year.setdefault(grade.year, []).append(grade)
    for when, grades in sorted(by_year.items(), key=lambda kv: kv[0] or 0):
        node = cited_inspection_iri(ctx.authority, f"{stem}-{when or 'earlier'}")
        _cited_inspection(w, node, grades, when, ctx, doc_iri, None)
        written.append(node)
    return written


def _cited_inspection(
    w: QuadWriter,
    node: str,
    grades: list[CitedGrade],
    year: int | None,
    ctx,
    doc_iri: str,
    record: CouncilRecord | None,
) -> None:
    framework = framework_of(grades, year)
    judgements: list[Judgement] = []
    for g in grades:
        area = _AREA_CONCEPT[framework].get(g.area_key)
        if area is None or any(j.area == area for j in judgements):
            continue
        judgements.append(
            Judgement(area, g.area_text, _GRADE_CONCEPT[g.grade_key], g.grade_text, g.quote, g.start, g.end)
        )
    insp = Inspection(authority=ctx.authority, year=year, framework=framework, judgements=judgements)
    inspection_quads(w, insp, node, authority_iri(ctx.authority), None, ctx.persons, derived_from=doc_iri)
    w.add(node, cs.citedIn, doc_iri)
    if record is not None and record.improvements:
        items = [
            ImprovementItem(number=k, text=i.text, start=i.start, end=i.end, quote=i.text)
            for k, i in enumerate(record.improvements, start=1)
        ]
        improvement_quads(w, items, node, ctx.matcher, ctx.authority, doc_iri)
        for item in items:  # cited, not reported: each is also an entity derived from the document
            w.add(improvement_iri(node, item.number), rdf.type, prov.Entity)
