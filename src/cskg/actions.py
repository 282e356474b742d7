"""Actions and meetings: what the council committed to, who owns it, by when.

Two kinds of action enter the graph.  Resolutions of minutes are found by
``minutes.py`` and become actions of the body that passed them, with no
curation.  Everything else (commitments in the discussion, the council's
press release, the leaders' plans a report describes) is curated in
``data/actions.yaml`` beside the register, each entry with a verbatim quote.
Curated input is checked as strictly as the register: a quote not in its
source, an owner not in the register, a date that is not a date, an unknown
status or improvement area stops the build with ``FILE:LINE: message``.

The quads go into the named graph of the document each action is quoted
from, so the build's offset check re-derives every action quote, and
replacing a document replaces its actions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .due_dates import DateWindow, check_due_value, resolve_due
from .errors import InputError
from .layout import clean_quote, normalise_space
from .minutes import MeetingInfo, containing_paragraph, meeting_info, resolutions
from .model import Document, ImprovementItem, Inspection, Report
from .namespace import cs, csd, dcterms, prov, rdf, rdfs, xsd
from .provenance import locate
from .register import Citation, Register, _line_loader

ACTIONS_FILE = "actions.yaml"
FOLLOW_UP_FILE = "follow-up.yaml"
STATUS = {"proposed": "Proposed", "planned": "Planned", "in-progress": "InProgress", "ongoing": "Ongoing",
          "completed": "Completed", "noted": "Noted"}
_FIELDS = {"id", "text", "source", "quote", "owner", "addresses", "due", "due_text", "due_basis", "due_quote",
           "status", "concerns", "attributed_to", "due_at_meeting", "completed", "resolution", "note", "__line__"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_AREA_REF = re.compile(r"^(\d{4})/(\d{1,2})$")


def curated_files(register_path: str | Path) -> list[Path]:
    """The curated accountability files that live beside the register (those that exist)."""
    folder = Path(register_path).parent
    return [p for p in (folder / ACTIONS_FILE, folder / FOLLOW_UP_FILE) if p.exists()]


@dataclass
class CuratedAction:
    """One entry of ``actions.yaml``, checked."""

    id: str
    text: str
    citation: Citation
    status: str
    line: int
    owner: str | None = None
    addresses: list[str] = field(default_factory=list)
    due: str | None = None
    due_text: str | None = None
    due_basis: str | None = None
    due_citation: Citation | None = None
    concerns: list[str] = field(default_factory=list)
    attributed_to: str | None = None
    due_at_meeting: bool = False
    completed: Citation | None = None
    resolution: int | None = None


@dataclass
class Context:
    """What the loaders check curated entries against."""

    register: Register
    texts: dict[str, str]  # source file -> text
    windows: dict[str, DateWindow]  # source file -> when it was said (meeting window or publication)
    areas: set[str]  # improvement-area references "YYYY/N"


def load_yaml_items(path: Path, key: str) -> list[dict]:
    """The list under ``key`` of a curated YAML file, every mapping carrying its ``__line__``."""
    import yaml

    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_line_loader())
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise InputError(f"{where}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if raw is None:
        return []
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise InputError(f"{path}: expected a mapping with a list '{key}'")
    for item in raw[key]:
        if not isinstance(item, dict):
            raise InputError(f"{path}: every item of '{key}' must be a mapping")
    return raw[key]


def check_quote(path: Path, line: int, what: str, source: object, quote: object, ctx: Context) -> Citation:
    """A citation whose quote occurs verbatim (whitespace aside) in its source, else InputError."""
    where = f"{path}:{line}"
    if not isinstance(source, str) or not isinstance(quote, str) or not quote.strip():
        raise InputError(f"{where}: {what} needs a 'source' file and a non-empty 'quote'")
    if source not in ctx.texts:
        raise InputError(f"{where}: {what}: source {source!r} is not in sources.yaml")
    if locate(ctx.texts[source], quote) is None:
        raise InputError(f"{where}: {what}: quote not found verbatim in {source}: {quote[:60]!r}")
    return Citation(source, quote, line)


def check_entity(path: Path, line: int, what: str, ident: object, ctx: Context) -> str:
    if ident == ctx.register.authority or (isinstance(ident, str) and ident in ctx.register.entities):
        return ident
    raise InputError(f"{path}:{line}: {what} {ident!r} is not in the register (give an entity id of "
                     f"{Path(ctx.register.file).name}, or {ctx.register.authority!r} for the council)")


def load_actions(path: Path, ctx: Context) -> list[CuratedAction]:
    """Read and check ``actions.yaml``; InputError naming file and line at the first problem."""
    out: list[CuratedAction] = []
    seen: set[str] = set()
    for item in load_yaml_items(path, "actions"):
        line = item.get("__line__", 0)
        where = f"{path}:{line}"
        unknown = sorted(set(item) - _FIELDS)
        if unknown:
            raise InputError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(sorted(_FIELDS - {'__line__'}))})")
        ident = item.get("id")
        if not isinstance(ident, str) or not _ID.match(ident):
            raise InputError(f"{where}: action id {ident!r} must be a lowercase slug")
        if ident in seen:
            raise InputError(f"{where}: duplicate action id {ident!r}")
        seen.add(ident)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: {ident}: missing text")
        status = item.get("status")
        if status not in STATUS:
            raise InputError(f"{where}: {ident}: unknown status {status!r} (one of {', '.join(STATUS)})")
        citation = check_quote(path, line, ident, item.get("source"), item.get("quote"), ctx)
        owner = item.get("owner")
        if owner is not None:
            owner = check_entity(path, line, f"{ident}: owner", owner, ctx)
        concerns = [check_entity(path, line, f"{ident}: concerns", c, ctx) for c in _as_list(item.get("concerns"))]
        attributed = item.get("attributed_to")
        if attributed is not None:
            attributed = check_entity(path, line, f"{ident}: attributed_to", attributed, ctx)
        addresses = []
        for ref in _as_list(item.get("addresses")):
            ref = str(ref)
            if ref not in ctx.areas:
                raise InputError(f"{where}: {ident}: unknown improvement area {ref!r} "
                                 f"(known: {', '.join(sorted(ctx.areas))})")
            addresses.append(ref)
        action = CuratedAction(ident, normalise_space(text), citation, status, line, owner=owner, addresses=addresses,
                               concerns=concerns, attributed_to=attributed,
                               due_at_meeting=bool(item.get("due_at_meeting")))
        _due_fields(action, item, path, ctx)
        if item.get("completed") is not None:
            done = item["completed"]
            if not isinstance(done, dict):
                raise InputError(f"{where}: {ident}: 'completed' needs a 'source' and a 'quote'")
            action.completed = check_quote(path, done.get("__line__", line), f"{ident}: completed", done.get("source"),
                                           done.get("quote"), ctx)
        if item.get("resolution") is not None:
            if not isinstance(item["resolution"], int):
                raise InputError(f"{where}: {ident}: resolution must be the number of a resolution of the same minutes")
            action.resolution = item["resolution"]
        out.append(action)
    return out


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _due_fields(action: CuratedAction, item: dict, path: Path, ctx: Context) -> None:
    """Check the due date against its wording: a stated or resolvable date must agree with ``due``."""
    where = f"{path}:{action.line}"
    due_text = item.get("due_text")
    if due_text is not None and (not isinstance(due_text, str) or not due_text.strip()):
        raise InputError(f"{where}: {action.id}: due_text must be the source's wording")
    if item.get("due_quote") is not None:
        action.due_citation = check_quote(path, action.line, f"{action.id}: due_quote", action.citation.source,
                                          item["due_quote"], ctx)
        said = action.due_citation.quote
    else:
        said = action.citation.quote
    if due_text is not None and normalise_space(due_text).lower() not in normalise_space(said).lower():
        raise InputError(f"{where}: {action.id}: due_text {due_text!r} is not in the quote that states the due date")
    stated = None
    if item.get("due") is not None:
        try:
            stated = check_due_value(item["due"])
        except ValueError as exc:
            raise InputError(f"{where}: {action.id}: due {exc}") from None
    resolved = resolve_due(due_text, ctx.windows.get(action.citation.source)) if due_text else None
    if stated and resolved and stated != resolved.value:
        raise InputError(f"{where}: {action.id}: due {stated} disagrees with {due_text!r}, which resolves to "
                         f"{resolved.value} ({resolved.basis})")
    basis = item.get("due_basis") or (resolved.basis if resolved else None)
    if stated and not basis:
        raise InputError(f"{where}: {action.id}: give due_basis: how was the due date {stated} worked out?")
    action.due = stated or (resolved.value if resolved else None)
    action.due_text = normalise_space(due_text) if due_text else None
    action.due_basis = basis if action.due else None


# ---------------------------------------------------------------- recommendations


def cited_recommendations(doc: Document) -> list[ImprovementItem]:
    """Recommendations a secondary source quotes as a numbered list.

    A news article on an inspection lists "The report makes eight
    recommendations including that Rotherham should: 1. ... 2. ..."; the
    numbered paragraphs after a paragraph that announces recommendations are
    the inspection's recommendations, kept with their own numbers.
    """
    items: list[ImprovementItem] = []
    announced = False
    for para in doc.paragraphs:
        if para.number is None or para.kind == "resolution":
            announced = bool(re.search(r"\brecommendations?\b", para.text, re.I)) and para.text.rstrip().endswith(":")
            continue
        if announced:
            items.append(ImprovementItem(number=para.number, text=para.text, start=para.start, end=para.end, quote=para.text))
    return items


# ---------------------------------------------------------------- quads


@dataclass
class Accountability:
    """What the accountability step adds, for checks and messages."""

    parsed: int = 0
    curated: int = 0
    follow_ups: int = 0


def accountability_quads(w, sources, documents: list[Document], register: Register, file_iri: dict[str, str],
                         matcher) -> Accountability:
    """Add recommendations, meetings, actions and follow-ups to the writer ``w``.

    Called by ``build_quads`` after the documents are written; reads the
    curated files beside the register.  Raises InputError before adding
    anything if a curated file is wrong.
    """
    from .build import _improvements, entity_iri, inspection_iri
    from .follow_up import follow_up_quads, load_follow_up

    authority = register.authority
    texts = {src.file: src.text for src in sources}
    by_file = {src.file: (src, doc) for src, doc in zip(sources, documents)}
    reports = [(d.inspection.end_date, s.published) for s, d in zip(sources, documents)
               if isinstance(d, Report) and d.inspection and d.inspection.end_date and s.published]
    infos: dict[str, MeetingInfo] = {}
    windows: dict[str, DateWindow] = {}
    for src, doc in zip(sources, documents):
        if src.kind == "minutes":
            stated = src.meta.get("meeting_date") if isinstance(src.meta.get("meeting_date"), date) else None
            infos[src.file] = meeting_info(doc, src.title, reports, stated)
            windows[src.file] = infos[src.file].window
        elif src.published:
            windows[src.file] = DateWindow(src.published, src.published, f"the document was published on {src.published}")

    # Improvement areas: the reports' own, and recommendations news articles quote.
    areas: dict[str, str] = {}
    cited: list[tuple[object, Document, Inspection, list[ImprovementItem]]] = []
    for src, doc in zip(sources, documents):
        if isinstance(doc, Report) and doc.inspection:
            for item in doc.inspection.improvements:
                areas[f"{doc.inspection.year}/{item.number}"] = f"{inspection_iri(authority, doc.inspection.year)}/improvement/{item.number}"
        if src.kind == "news-article" and src.meta.get("reports_on"):
            years = [int(y) for y in src.meta["reports_on"].get("inspections", [])]
            recs = cited_recommendations(doc)
            if years and recs:
                insp = Inspection(authority=authority, year=years[0], framework=src.meta["reports_on"].get("framework", "SIF"))
                cited.append((src, doc, insp, recs))
                for item in recs:
                    areas[f"{years[0]}/{item.number}"] = f"{inspection_iri(authority, years[0])}/improvement/{item.number}"

    ctx = Context(register, texts, windows, set(areas))
    folder = Path(register.file).parent
    curated = load_actions(folder / ACTIONS_FILE, ctx) if (folder / ACTIONS_FILE).exists() else []
    confirmations = load_follow_up(folder / FOLLOW_UP_FILE, ctx) if (folder / FOLLOW_UP_FILE).exists() else []

    result = Accountability()
    for src, doc, insp, recs in cited:
        w.use(f"{csd}graph/{src.stem}")
        node = inspection_iri(authority, insp.year)
        insp.improvements = recs
        _improvements(w, insp, node, matcher, authority, file_iri[src.file])
        for item in recs:  # cited, not reported: each is also an entity derived from the article
            w.add(f"{node}/improvement/{item.number}", rdf.type, prov.Entity)

    def owner_iri(ident: str | None) -> str | None:
        if ident is None:
            return None
        return f"{csd}authority/{authority}" if ident == authority else entity_iri(authority, ident)

    # Meetings and the resolutions of minutes.
    meetings: dict[str, str] = {}  # minutes file -> meeting IRI
    resolution_iris: dict[tuple[str, int], str] = {}
    body_of: dict[str, str] = {}
    for src, doc in zip(sources, documents):
        if src.kind != "minutes":
            continue
        info = infos[src.file]
        w.use(f"{csd}graph/{src.stem}")
        body = _body_entity(info.body, register, matcher)
        meeting = None
        if body:
            body_of[src.file] = body
            meeting = _meeting(w, authority, body, info.window, src.stem, file_iri[src.file], register)
            meetings[src.file] = meeting
        for res in resolutions(doc, info.window):
            ident = f"{src.stem}-resolution-{res.number}"
            node = f"{csd}action/{authority}/{ident}"
            resolution_iris[(src.file, res.number)] = node
            para = containing_paragraph(doc, res.start, res.end)
            _action_core(w, node, ident, res.text, res.text, res.start, res.end, STATUS[res.status], "Discovered",
                         [para] if para else [], file_iri[src.file])
            w.lit(node, cs.number, res.number)
            w.lit(node, cs.sourceFile, src.file)
            if body:
                w.add(node, cs.owner, entity_iri(authority, body))
            w.add(node, cs.agreedAt, meeting)
            if res.due:
                _due(w, node, res.due.value, res.due.text, res.due.basis, None)
            if res.meeting_date and body and _names_body(res.text, register.entities[body]):
                w.add(node, cs.dueAt, _meeting(w, authority, body, DateWindow(res.meeting_date, res.meeting_date,
                                                                               f"named in {src.file}"),
                                               None, None, register))
            for ident_c in dict.fromkeys(m.entity for m in matcher.find(res.text)):
                w.add(node, cs.concerns, entity_iri(authority, ident_c))
            result.parsed += 1

    # Curated actions.
    for action in curated:
        src, doc = by_file[action.citation.source]
        w.use(f"{csd}graph/{src.stem}")
        node = f"{csd}action/{authority}/{action.id}"
        start, end = locate(src.text, action.citation.quote)
        quote = clean_quote(src.text, start, end)
        paras = _paragraphs_of(doc, start, end)
        _action_core(w, node, action.id, action.text, quote, start, end, STATUS[action.status], "Curated", paras,
                     file_iri[src.file])
        w.lit(node, cs.sourceFile, src.file)
        w.add(node, cs.owner, owner_iri(action.owner))
        for ref in action.addresses:
            w.add(node, cs.addresses, areas[ref])
        for ident in dict.fromkeys([*action.concerns, *(m.entity for m in matcher.find(quote))]):
            w.add(node, cs.concerns, owner_iri(ident))
        w.add(node, prov.wasAttributedTo, owner_iri(action.attributed_to))
        if action.due:
            _due(w, node, action.due, action.due_text, action.due_basis,
                 action.due_citation.quote if action.due_citation else None)
        elif action.due_text:
            w.lit(node, cs.dueText, action.due_text)
        if src.kind == "minutes" and src.file in meetings:
            w.add(node, cs.agreedAt, meetings[src.file])
            if action.due_at_meeting and action.due and len(action.due) == 10 and src.file in body_of:
                w.add(node, cs.dueAt, _meeting(w, authority, body_of[src.file], DateWindow(
                    date.fromisoformat(action.due), date.fromisoformat(action.due), f"named in {src.file}"),
                    None, None, register))
        if action.resolution is not None:
            target = resolution_iris.get((src.file, action.resolution))
            if target is None:
                raise InputError(f"{register.file and Path(register.file).parent / ACTIONS_FILE}:{action.line}: "
                                 f"{action.id}: {src.file} has no resolution ({action.resolution})")
            w.add(node, cs.resolvedAs, target)
        if action.completed:
            done_src, done_doc = by_file[action.completed.source]
            d_start, d_end = locate(done_src.text, action.completed.quote)
            for para in _paragraphs_of(done_doc, d_start, d_end):
                w.add(node, cs.completedAccordingTo, _paragraph_iri(file_iri[done_src.file], para))
            w.lit(node, cs.completionQuote, clean_quote(done_src.text, d_start, d_end))
        result.curated += 1

    result.follow_ups = follow_up_quads(w, sources, documents, register, file_iri, areas, confirmations, matcher)
    return result


def _paragraph_iri(doc_iri: str, para) -> str:
    from .build import paragraph_iri
    return paragraph_iri(doc_iri, para)


def _paragraphs_of(doc: Document, start: int, end: int) -> list:
    para = containing_paragraph(doc, start, end)
    if para:
        return [para]
    return [p for p in doc.paragraphs if p.start < end and start < p.end]


def _action_core(w, node: str, ident: str, text: str, quote: str, start: int, end: int, status: str, curation: str,
                 paras: list, doc_iri: str) -> None:
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


def _meeting(w, authority: str, body: str, window: DateWindow, stem: str | None, doc_iri: str | None,
             register: Register) -> str:
    """A meeting node of ``body``: by date where known, else by the minutes' file stem."""
    from .build import entity_iri

    key = window.exact.isoformat() if window.exact else stem
    node = f"{csd}meeting/{authority}/{body}/{key}"
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
        w.lit(node, rdfs.label, f"{label}, meeting held between {span}" if window.not_before and window.not_after
              else f"{label}, meeting (date not stated)")
    w.lit(node, cs.dateBasis, window.basis)
    w.add(node, cs.minutedIn, doc_iri)
    return node
