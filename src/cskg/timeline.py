"""Grade history: one row per judgement area, one column per inspection.

Frameworks change their areas (SIF 2014/2017, ILACS 2022 with one combined
judgement on children in care and care leavers, ILACS 2025 with two), so the
rows are the areas of the newest inspection, and each older judgement is
placed on the row(s) its area maps to through the ontology's SKOS links
(``skos:closeMatch`` either way; a combined area's ``skos:narrowMatch`` puts
it on both rows).  An area with no match gets its own row.  The direction of
change on a row compares each grade with the previous one on that row by the
grades' ``cs:rank``.

The chart is hand-written SVG (optionally wrapped in a small HTML page):
every text is escaped, nothing is fetched from anywhere.
"""
from __future__ import annotations

import re
from html import escape

from .namespace import CSD

CHANGE = {-1: "up", 0: "same", 1: "down"}
GRADE_COLOURS = {1: "#1a7f37", 2: "#7cc46b", 3: "#f2b134", 4: "#d1352b"}  # by cs:rank


def _short(iri: str) -> str:
    return iri[len(CSD):] if iri.startswith(CSD) else iri


def timeline(kg, authority: str | None = None) -> dict:
    """One council's grade history: judgements (contract shape plus placement) and the table of rows.

    ``authority`` is a council's slug, name, URN or GSS code; without it the
    only council in the graph, else the embedded register's (see
    ``authorities.choose_authority``): the rows of two councils never mix.
    """
    from .authorities import choose_authority

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
        j = {"inspection": _short(r["inspection"]), "year": int(r["year"]), "framework": r["framework"],
             "area": r["areaLabel"], "grade": r["gradeLabel"], "rank": int(r["rank"]), "quote": r["quote"],
             "document": r["file"], "rows": [labels[t] for t in targets], "changes": []}
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
                j["changes"].append({"row": labels[area], "from": previous["grade"], "from_year": previous["year"],
                                     "change": change})
            row["cells"].append({"year": year, "grade": j["grade"], "change": change, "from": previous["grade"] if previous else None,
                                 "judged_as": j["area"], "framework": framework, "combined": len(j["rows"]) > 1})
            previous = j
        table.append(row)
    return {"authority": council_name,
            "inspections": [{"year": y, "inspection": _short(i), "framework": f} for y, i, f in inspections],
            "judgements": judgements, "table": table}


def short_area(label: str) -> str:
    """A row name people read at a glance: "Care leavers" for "The experiences and progress of care leavers"."""
    text = re.sub(r"^(?:the\s+)?experiences and progress of\s+(?:children who need\s+)?", "", label, flags=re.I)
    text = re.sub(r"^the impact of leaders on social work practice with children and families$", "Impact of leaders",
                  text, flags=re.I)
    return text[:1].upper() + text[1:]


_ARROW = {"up": "▲", "down": "▼", "same": "=", None: ""}


def render_table(data: dict, width: int = 34) -> str:
    """The table as text: areas down, inspections across, grade and change arrow in each cell."""
    heads = [f"{i['year']} {i['framework']}" for i in data["inspections"]]
    lines = [f"{data['authority']}: Ofsted grades per judgement area"] if data.get("authority") else []
    lines.append(f"{'area':<{width}} " + " ".join(f"{h:<15}" for h in heads))
    for row in data["table"]:
        cells = []
        for c in row["cells"]:
            text = "-" if not c["grade"] else f"{_ARROW[c['change']]}{_abbrev(c['grade'])}{'*' if c.get('combined') else ''}"
            cells.append(f"{text:<15}")
        lines.append(f"{_cut(row['area'], width):<{width}} " + " ".join(cells))
    lines.append("▲ better than the previous grade on the row, ▼ worse, = the same; "
                 "RI = requires improvement to be good; * one judgement covering several rows")
    return "\n".join(lines)


def _abbrev(grade: str) -> str:
    return "RI" if grade.lower().startswith("requires") else grade


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def svg(data: dict) -> str:
    """A self-contained SVG chart: rows by area, columns by inspection, cells coloured by grade."""
    label_w, cell_w, cell_h, top = 330, 150, 44, 70
    cols = data["inspections"]
    width = label_w + cell_w * len(cols) + 20
    height = top + cell_h * len(data["table"]) + 70
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="sans-serif" font-size="13" role="img" aria-labelledby="t">',
           '<title id="t">Ofsted grades per judgement area per inspection</title>',
           f'<text x="10" y="24" font-size="16" font-weight="bold">'
           f'{escape(_heading(data))}</text>']
    for k, col in enumerate(cols):
        x = label_w + k * cell_w + cell_w / 2
        out.append(f'<text x="{x}" y="{top - 12}" text-anchor="middle" font-weight="bold">'
                   f'{escape(str(col["year"]))} {escape(col["framework"] or "")}</text>')
    for n, row in enumerate(data["table"]):
        y = top + n * cell_h
        out.append(f'<text x="10" y="{y + cell_h / 2 + 4}">{escape(_cut(row["area"], 46))}'
                   f'<title>{escape(row["area"])}</title></text>')
        for k, c in enumerate(row["cells"]):
            x = label_w + k * cell_w
            if not c["grade"]:
                out.append(f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" fill="#eeeeee"/>')
                continue
            rank = _rank_of(c["grade"], data)
            tip = f"{c['year']}: {c['judged_as']}: {c['grade']}" + (f" (was {c['from']})" if c["from"] else "")
            out.append(f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" rx="4" '
                       f'fill="{GRADE_COLOURS.get(rank, "#999999")}"><title>{escape(tip)}</title></rect>')
            colour = "#ffffff" if rank in (1, 4) else "#000000"
            arrow = _ARROW[c["change"]]
            mid = y + cell_h / 2 + (0 if c.get("combined") else 5)
            out.append(f'<text x="{x + cell_w / 2}" y="{mid}" text-anchor="middle" fill="{colour}">'
                       f'{escape((arrow + " " if arrow else "") + _abbrev(c["grade"]))}</text>')
            if c.get("combined"):
                out.append(f'<text x="{x + cell_w / 2}" y="{mid + 14}" text-anchor="middle" font-size="10" '
                           f'fill="{colour}">{escape("one combined judgement")}</text>')
    y = top + len(data["table"]) * cell_h + 24
    x = 10
    for rank, name in ((1, "Outstanding"), (2, "Good"), (3, "Requires improvement"), (4, "Inadequate")):
        out.append(f'<rect x="{x}" y="{y - 12}" width="14" height="14" fill="{GRADE_COLOURS[rank]}"/>'
                   f'<text x="{x + 20}" y="{y}">{escape(name)}</text>')
        x += 170
    out.append(f'<text x="10" y="{y + 26}">{escape("▲ better than the previous grade on the row, ▼ worse, = the same")}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _heading(data: dict) -> str:
    council = data.get("authority")
    return f"{council}: grades per judgement area and inspection" if council else "Grades per judgement area and inspection"


def _rank_of(grade: str, data: dict) -> int | None:
    for j in data["judgements"]:
        if j["grade"] == grade:
            return j["rank"]
    return None


def html(data: dict) -> str:
    """The chart in a minimal self-contained HTML page (no scripts, no external requests)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(_heading(data))}</title></head><body>\n" + svg(data) + "\n</body></html>\n")


def write_chart(data: dict, path: str) -> None:
    """Write the chart as ``.svg`` or ``.html`` (by the file name)."""
    from pathlib import Path

    from .errors import InputError

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".svg", ".html", ".htm"):
        raise InputError(f"{path}: the chart is written as .svg or .html")
    text = svg(data) + "\n" if suffix == ".svg" else html(data)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
