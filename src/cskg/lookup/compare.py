"""Compare one kind of service across councils: ``cskg compare "virtual school" --authority Kent --neighbours``.

Councils name the same kind of unit differently (a MASH, a front door, a
children's advice and duty service); the service-type scheme
(``ontology/service-types.ttl``) types each entity (``cs:serviceType``), so
one question reaches every council's unit of that kind.  For each council:
its units of the type, the latest grade of each judgement area their
findings stand under, the weaknesses and strengths of its latest inspection
quoted, and each earlier improvement area about them with whether a later
inspection found it addressed.

A service type is named like an entity: its preferred name, any alternative
name or its notation, matched case- and punctuation-insensitively.
"""

from __future__ import annotations

from ..errors import InputError
from ..iris import authority_of
from .councils import choose_authority, councils_in
from .entities import _finding, resolve_type, year_of


def compare(kg, service_type: str, authority: str | None = None, neighbours: bool = False) -> dict:
    """The ``cskg compare --json`` shape: the type, and one entry per council (see the module docstring).

    Without ``authority``: every council with a unit of the type.  With it:
    that council, and with ``neighbours`` its statistical neighbours too
    (those the graph holds an inspection of), in that order.
    """
    type_iri, info = resolve_type(kg, service_type)
    held = councils_in(kg)
    typed: dict[str, list[dict]] = {}
    for r in kg.select("typed-entities", type=type_iri):
        typed.setdefault(r["authority"], []).append(r)
    roles: dict[str, str] = {}
    if authority:
        council, _ = choose_authority(kg, authority)
        roles[council] = "chosen"
        if neighbours:
            for r in kg.select("authority-neighbours", authority=council):
                if r["neighbour"] in held:
                    roles.setdefault(r["neighbour"], "statistical neighbour")
    elif neighbours:
        raise InputError("--neighbours needs --authority: whose statistical neighbours?")
    else:
        roles = {c: "has one" for c in sorted(typed, key=lambda c: held.get(c) or c) if c in held}
    councils = [_council(kg, c, roles[c], held.get(c) or authority_of(c) or c, typed.get(c, [])) for c in roles]
    return {
        "service_type": {"iri": type_iri, "label": info["label"], "notation": info["notation"]},
        "councils": councils,
    }


def _council(kg, council: str, role: str, name: str, units: list[dict]) -> dict:
    inspections = sorted(
        kg.select("view-inspections", authority=council), key=lambda r: (int(r["year"]), r["inspection"])
    )
    latest = inspections[-1] if inspections else None
    out = {
        "authority": council,
        "council": name,
        "role": role,
        "entities": [{"id": u["id"], "label": u["label"], "iri": u["entity"], "reason": u["reason"]} for u in units],
        "inspection": {"inspection": latest["inspection"], "year": year_of(latest["year"])} if latest else None,
        "areas": [],
        "weaknesses": [],
        "strengths": [],
        "improvement_areas": [],
    }
    if not units or not latest:
        return out
    findings = {}
    for u in units:
        for r in kg.select("entity-findings", entity=u["entity"]):
            if r["inspection"] == latest["inspection"]:
                findings.setdefault(r["finding"], {**_finding(r, None), "entity": u["id"]})
    ordered = sorted(findings.values(), key=lambda f: (f["paragraph"] or 0, f["start_offset"] or 0))
    out["weaknesses"] = [f for f in ordered if f["polarity"] == "weakness"]
    out["strengths"] = [f for f in ordered if f["polarity"] == "strength"]
    under = {f["area"] for f in ordered if f["area"]}
    for j in kg.select("judgements", inspection=latest["inspection"]):
        if (j["areaLabel"] or j["areaText"]) in under:
            out["areas"].append(
                {"area": j["areaLabel"] or j["areaText"], "grade": j["gradeLabel"], "year": year_of(j["year"])}
            )
    status = _follow_up(kg, council)
    seen = set()
    for u in units:
        for r in kg.select("entity-improvements", entity=u["entity"]):
            if r["improvement"] in seen:
                continue
            seen.add(r["improvement"])
            verdict = status.get(r["improvement"])
            out["improvement_areas"].append(
                {
                    "iri": r["improvement"],
                    "year": year_of(r["year"]),
                    "number": int(r["number"]),
                    "text": r["text"],
                    "status": verdict[0] if verdict else None,
                    "status_label": verdict[1] if verdict else "not followed up in the graph",
                }
            )
    out["improvement_areas"].sort(key=lambda i: (-(i["year"] or 0), i["number"]))
    return out


# When several later sentences follow an improvement area up, the one that says least is told.
_CAUTION = ["raised-again", "no-evidence", "partly-addressed", "addressed"]


def _follow_up(kg, council: str) -> dict[str, tuple[str, str]]:
    """Improvement area IRI -> (status notation, label) of its follow-up, the most cautious of its links."""
    found: dict[str, tuple[str, str]] = {}
    for r in kg.select("follow-up", authority=council):
        if not r["status"]:
            continue
        now = found.get(r["area"])
        rank = _CAUTION.index(r["status"]) if r["status"] in _CAUTION else len(_CAUTION)
        if now is None or rank < (_CAUTION.index(now[0]) if now[0] in _CAUTION else len(_CAUTION)):
            found[r["area"]] = (r["status"], r["statusLabel"])
    return found
