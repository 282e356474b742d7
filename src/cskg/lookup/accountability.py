"""Accountability lookups: actions with owners and due dates, overdue actions, follow-up.

``cskg actions`` and ``KnowledgeGraph.actions()`` answer "who committed to
what, by when, and is it late?"; ``follow_up()`` answers "did the council deal
with what the last inspection asked?".  Overdue is computed here, not stored:
it depends on the day you ask.  An action is overdue when its due date (the
last day of a due month) is before the as-of date, it is not reported
completed or merely noted, and no later source records it done.
"""

from __future__ import annotations

from datetime import date

from ..errors import InputError
from ..iris import authority_iri, short
from ..model import due_last_day
from .councils import choose_authority, council_of_actions
from .entities import resolve

_FINISHED = {"completed", "noted"}


def parse_as_of(value: str | date | None) -> date:
    """The as-of date (default today); InputError for anything that is not YYYY-MM-DD."""
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"--as-of {value!r} is not a date (use YYYY-MM-DD, e.g. 2026-11-23)") from None


def overdue_state(due: str | None, status: str, completed: bool, as_of: date) -> bool | None:
    """True, False, or None when there is no due date."""
    if not due:
        return None
    if status in _FINISHED or completed:
        return False
    return due_last_day(due) < as_of


# An action's ``curation`` in the contract: found by code, curated only, or both.
CURATION = {"discovered": "extracted", "curated": "curated", "confirmed": "confirmed"}


def list_actions(
    kg,
    owner: str | None = None,
    overdue: bool = False,
    as_of: str | date | None = None,
    authority: str | None = None,
) -> list[dict]:
    """Actions in the contract's ``actions --json`` shape, filtered by council, owner and lateness.

    ``authority`` names one council (as ``lookup.councils.council_of_actions``
    reads it; every council when None).  ``owner`` is resolved like ``cskg
    show`` names (id, label, alias); a person also owns what the posts they
    hold own.  The council itself is accepted by its authority id.
    """
    day = parse_as_of(as_of)
    rows = kg.select("actions")
    if authority:
        council = council_of_actions(kg, authority)
        rows = [r for r in rows if r["authority"] == council]
    wanted = _owner_iris(kg, owner, rows, authority) if owner is not None else None
    actions = list(_records(kg, rows, day, wanted).values())
    if overdue:
        actions = [a for a in actions if a["overdue"]]
    actions.sort(key=lambda a: (a["due"] is None, a["due"] or "", a["id"]))
    return actions


def overdue_by_action(kg, as_of: str | date | None = None) -> dict[str, bool | None]:
    """Whether each action (by IRI) is overdue as of ``as_of``.

    The one rule that ``cskg actions`` and the accountability view share, so
    a completion recorded in a later document counts in both.
    """
    day = parse_as_of(as_of)
    return {iri: a["overdue"] for iri, a in _records(kg, kg.select("actions"), day, None).items()}


def _records(kg, rows: list[dict], day: date, wanted: set[str] | None) -> dict[str, dict]:
    """One record per action IRI in the contract's shape (plus provenance details)."""
    addresses: dict[str, list[dict]] = {}
    for r in kg.select("action-addresses"):
        addresses.setdefault(r["action"], []).append(
            {
                "id": short(r["area"]),
                "year": int(r["year"]),
                "number": int(r["number"]),
                "text": r["text"],
                # Why the council-level pass links them (none for a link a curator wrote).
                "score": float(r["score"]) if r["score"] else None,
                "basis": r["basis"],
            }
        )
    out: dict[str, dict] = {}
    for r in rows:
        if r["action"] in out:
            continue
        if wanted is not None and r["owner"] not in wanted and r["ownerHolder"] not in wanted:
            continue
        completed = bool(r["completedFile"])
        late = overdue_state(r["due"], r["status"], completed, day)
        out[r["action"]] = {
            "id": r["id"],
            "text": r["text"],
            "quote": r["quote"],
            "owner": r["ownerLabel"],
            "owner_id": short(r["owner"]).rsplit("/", 1)[-1] if r["owner"] else None,
            "due": r["due"],
            "due_text": r["dueText"],
            "due_basis": r["dueBasis"],
            "due_quote": r["dueQuote"],
            "status": r["statusLabel"],
            "overdue": late,
            "as_of": day.isoformat(),
            "addresses": addresses.get(r["action"], []),
            "document": r["file"],
            "paragraph": int(r["paragraph"]) if r["paragraph"] else None,
            "meeting": r["meetingLabel"],
            "due_at": r["dueAtLabel"],
            "attributed_to": r["attributedLabel"],
            "curation": CURATION.get(r["curation"], r["curation"]),
            "owner_text": r["ownerText"],
            "meeting_body": r["bodyLabel"],
            "meeting_date": r["meetingDate"],
            "council": short(r["authority"]).rsplit("/", 1)[-1] if r["authority"] else None,
            "completed_according_to": (
                {"document": r["completedFile"], "quote": r["completionQuote"]} if completed else None
            ),
            "overdue_reason": _reason(r, late, day),
        }
    return out


def _owner_iris(kg, name: str, rows: list[dict], authority: str | None = None) -> set[str]:
    folded = name.strip().lower()
    councils = {r["owner"] for r in rows if r["owner"] and r["owner"].startswith(authority_iri(""))}
    for iri in councils:
        label = next(r["ownerLabel"] for r in rows if r["owner"] == iri)
        if folded in (iri.rsplit("/", 1)[-1], label.lower(), "council", "the council"):
            return {iri}
    return {resolve(kg, name, authority).iri}


def _reason(r: dict, late: bool | None, day: date) -> str | None:
    """Why an action is overdue, citing where its due date was said."""
    if not late:
        return None
    said = f"'{r['dueText']}'" if r["dueText"] else r["due"]
    where = r["file"] or "its source"
    basis = f", read as {r['dueBasis']}" if r["dueBasis"] else ""
    return (
        f"due {r['due']}: {said} in {where}{basis}. As of {day.isoformat()} no source records it "
        f"done; status as the source states it: {r['statusLabel']}."
    )


# ---------------------------------------------------------------- follow-up


def follow_up(kg, authority: str | None = None) -> list[dict]:
    """Each improvement area of one council with its verdict and the later evidence for it.

    The verdict is the curated status where a reader confirmed one, else the
    strongest automatic candidate's suggestion, else "no-evidence"; the
    ``confirmed`` flag says which.  "no-evidence" needs the inspection to have
    been followed up at all (``assessed``: some area of it has a link): the
    links are worked out when the curated corpus is built, not for reports an
    ingest adds, and an area nobody looked at has not been found wanting.
    Areas not assessed, and those of the council's newest inspection, which no
    later report can follow up yet, have status None.  ``authority``
    as for ``authorities.choose_authority`` (default: the only council, else
    the embedded corpus's): on a store of many councils, another council's
    newer report must not make Rotherham's newest areas look unanswered.
    """
    council, council_name = choose_authority(kg, authority)
    areas: dict[str, dict] = {}
    for r in kg.select("follow-up", authority=council):
        area = areas.setdefault(
            r["area"],
            {
                "council": council_name,  # whose: without --authority a store of many means the embedded one's
                "id": short(r["area"]),
                "year": int(r["year"]),
                "number": int(r["number"]),
                "text": r["areaText"],
                "status": None,
                "confirmed": False,
                "assessed": False,
                "evidence": [],
                "inspection": r["inspection"],
            },
        )
        if not r["link"]:
            continue
        area["evidence"].append(
            {
                "status": r["status"],
                "curation": r["curation"],
                "quote": r["quote"],
                "score": float(r["score"]) if r["score"] else None,
                "basis": r["basis"],
                "year": int(r["laterYear"]) if r["laterYear"] else None,
                "paragraph": int(r["paragraph"]) if r["paragraph"] else None,
                "evidence": short(r["evidence"]),
            }
        )
    assessed = {a["inspection"] for a in areas.values() if a["evidence"]}
    latest = max((a["year"] for a in areas.values()), default=None)
    for area in areas.values():
        area["assessed"] = area.pop("inspection") in assessed
        if not area["evidence"] and (area["year"] == latest or not area["assessed"]):
            continue  # no later inspection yet, or never followed up: status stays None
        curated = [e for e in area["evidence"] if e["curation"] == "curated"]
        found = sorted((e for e in area["evidence"] if e["curation"] == "discovered"), key=lambda e: -(e["score"] or 0))
        area["evidence"] = curated + found
        if curated:
            area["status"], area["confirmed"] = curated[0]["status"], True
        elif found:
            area["status"] = found[0]["status"]
        else:
            area["status"] = "no-evidence"
    return sorted(areas.values(), key=lambda a: (a["year"], a["number"]))
