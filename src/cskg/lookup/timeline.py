"""Grade history: one row per judgement area, one column per inspection.

Frameworks change their areas (SIF 2014/2017, ILACS 2022 with one combined
judgement on children in care and care leavers, ILACS 2025 with two), so the
rows are the areas of the newest inspection, and each older judgement is
placed on the row(s) its area maps to through the ontology's SKOS links
(``skos:closeMatch`` either way; a combined area's ``skos:narrowMatch`` puts
it on both rows).  An area with no match gets its own row.  The direction of
change on a row compares each grade with the previous one on that row by the
grades' ``cs:rank``.

The chart of this table is drawn by ``views.chart``.
"""

from __future__ import annotations

import re

from ..iris import short
from .councils import choose_authority

CHANGE = {-1: "up", 0: "same", 1: "down"}


def timeline(kg, authority: str | None = None) -> dict:
    """One council's grade history: judgements (contract shape plus placement) and the table of rows.

    ``authority`` is a council's slug, name, URN or GSS code; without it the
    only council in the graph, else the embedded register's (see
    ``authorities.choose_authority``): the rows of two councils never mix.
    """
    council, council_name = choose_authority(kg, authority)
    rows = kg.select("timeline", authority=council)
    matches = kg.select("area-matches")
    inspections = sorted({(int(r["year"]), r["inspection"], r["framework"]) for r in rows})
    newest = inspections[-1][1] if inspections else None
    links: dict[str, set[str]] = {}
    narrower: dict[str, set[str]] = {}
    for m in matches:
        rel = m["relation"].rsplit("#", 1)[-1]
        if rel in ("closeMatch", "exactMatch"):
            links.setdefault(m["area"], set()).add(m["other"])
            links.setdefault(m["other"], set()).add(m["area"])
        elif rel == "narrowMatch":
            narrower.setdefault(m["area"], set()).add(m["other"])
        elif rel == "broadMatch":
            narrower.setdefault(m["other"], set()).add(m["area"])
    order: list[str] = []
    labels: dict[str, str] = {}
    for r in rows:
        if r["inspection"] == newest and r["area"] not in order:
            order.append(r["area"])
            labels[r["area"]] = short_area(r["areaLabel"])

    def place(area: str) -> list[str]:
        if area in order:
            return [area]
        close = [a for a in order if a in links.get(area, set())]
        if close:
            return close
        split = [a for a in order if a in narrower.get(area, set())]
        if split:
            return split
        # Two steps: an older area close to an area that maps onto the rows.
        for mid in links.get(area, set()) | narrower.get(area, set()):
            hits = [a for a in order if a in links.get(mid, set()) or a in narrower.get(mid, set())]
            if hits:
                return hits
        return []

    judgements = []
    cells: dict[tuple[str, str], dict] = {}
    for r in sorted(rows, key=lambda r: (int(r["year"]), r["areaLabel"])):
        targets = place(r["area"])
        if not targets:
            if r["area"] not in order:
                order.append(r["area"])
                labels[r["area"]] = short_area(r["areaLabel"])
            targets = [r["area"]]
        j = {
            "inspection": short(r["inspection"]),
            "year": int(r["year"]),
            "framework": r["framework"],
            "area": r["areaLabel"],
            "grade": r["gradeLabel"],
            "rank": int(r["rank"]),
            "quote": r["quote"],
            "document": r["file"],
            "rows": [labels[t] for t in targets],
            "changes": [],
        }
        judgements.append(j)
        for t in targets:
            cells[(t, r["inspection"])] = j
    table = []
    for area in order:
        previous = None
        row = {"area": labels[area], "cells": []}
        for year, insp, framework in inspections:
            j = cells.get((area, insp))
            if j is None:
                row["cells"].append({"year": year, "grade": None, "change": None, "from": None})
                continue
            change = CHANGE[(j["rank"] > previous["rank"]) - (j["rank"] < previous["rank"])] if previous else None
            if previous:
                j["changes"].append(
                    {"row": labels[area], "from": previous["grade"], "from_year": previous["year"], "change": change}
                )
            row["cells"].append(
                {
                    "year": year,
                    "grade": j["grade"],
                    "change": change,
                    "from": previous["grade"] if previous else None,
                    "judged_as": j["area"],
                    "framework": framework,
                    "combined": len(j["rows"]) > 1,
                }
            )
            previous = j
        table.append(row)
    return {
        "authority": council_name,
        "inspections": [{"year": y, "inspection": short(i), "framework": f} for y, i, f in inspections],
        "judgements": judgements,
        "table": table,
    }


def short_area(label: str) -> str:
    """A row name people read at a glance: "Care leavers" for "The experiences and progress of care leavers"."""
    text = re.sub(r"^(?:the\s+)?experiences and progress of\s+(?:children who need\s+)?", "", label, flags=re.I)
    text = re.sub(
        r"^the impact of leaders on social work practice with children and families$",
        "Impact of leaders",
        text,
        flags=re.I,
    )
    return text[:1].upper() + text[1:]
