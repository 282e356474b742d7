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
from pathlib import Path

from ..errors import InputError
from ..model import Document, ImprovementItem, check_due_value
from ..parse.dates import DateWindow, resolve_due
from ..parse.layout import locate, normalise_space
from ..sources.curated import LINE, load_items
from .register import Citation, Register

ACTIONS_FILE = "actions.yaml"
FOLLOW_UP_FILE = "follow-up.yaml"
# Notation -> concept (cs:ActionStatuses) of every status an action can have, curated or found.
STATUS = {
    "proposed": "Proposed",
    "planned": "Planned",
    "agreed": "Agreed",
    "in-progress": "InProgress",
    "ongoing": "Ongoing",
    "completed": "Completed",
    "noted": "Noted",
    "deferred": "Deferred",
}
_FIELDS = {
    "id",
    "text",
    "source",
    "quote",
    "owner",
    "addresses",
    "due",
    "due_text",
    "due_basis",
    "due_quote",
    "status",
    "concerns",
    "attributed_to",
    "due_at_meeting",
    "completed",
    "resolution",
    "note",
    LINE,
}
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
    raise InputError(
        f"{path}:{line}: {what} {ident!r} is not in the register (give an entity id of "
        f"{Path(ctx.register.file).name}, or {ctx.register.authority!r} for the council)"
    )


def load_actions(path: Path, ctx: Context) -> list[CuratedAction]:
    """Read and check ``actions.yaml``; InputError naming file and line at the first problem."""
    out: list[CuratedAction] = []
    seen: set[str] = set()
    for item in load_items(path, "actions"):
        line = item.get(LINE, 0)
        where = f"{path}:{line}"
        unknown = sorted(set(item) - _FIELDS)
        if unknown:
            raise InputError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(sorted(_FIELDS - {LINE}))})")
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
                raise InputError(
                    f"{where}: {ident}: unknown improvement area {ref!r} (known: {', '.join(sorted(ctx.areas))})"
                )
            addresses.append(ref)
        action = CuratedAction(
            ident,
            normalise_space(text),
            citation,
            status,
            line,
            owner=owner,
            addresses=addresses,
            concerns=concerns,
            attributed_to=attributed,
            due_at_meeting=bool(item.get("due_at_meeting")),
        )
        _due_fields(action, item, path, ctx)
        if item.get("completed") is not None:
            done = item["completed"]
            if not isinstance(done, dict):
                raise InputError(f"{where}: {ident}: 'completed' needs a 'source' and a 'quote'")
            action.completed = check_quote(
                path, done.get(LINE, line), f"{ident}: completed", done.get("source"), done.get("quote"), ctx
            )
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
        action.due_citation = check_quote(
            path, action.line, f"{action.id}: due_quote", action.citation.source, item["due_quote"], ctx
        )
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
        raise InputError(
            f"{where}: {action.id}: due {stated} disagrees with {due_text!r}, which resolves to "
            f"{resolved.value} ({resolved.basis})"
        )
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
            items.append(
                ImprovementItem(number=para.number, text=para.text, start=para.start, end=para.end, quote=para.text)
            )
    return items
