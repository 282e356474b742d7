"""The grade chart: one council's timeline as a self-contained SVG, or a small HTML page around it.

Hand-written SVG: every text is escaped, nothing is fetched from anywhere.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..errors import InputError
from ..lookup.render import ARROWS, abbreviate_grade, cut
from ..sources.files import write_atomic

GRADE_COLOURS = {1: "#1a7f37", 2: "#7cc46b", 3: "#f2b134", 4: "#d1352b"}  # by cs:rank


def svg(data: dict) -> str:
    """A self-contained SVG chart: rows by area, columns by inspection, cells coloured by grade."""
    label_w, cell_w, cell_h, top = 330, 150, 44, 70
    cols = data["inspections"]
    width = label_w + cell_w * len(cols) + 20
    height = top + cell_h * len(data["table"]) + 70
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="13" role="img" aria-labelledby="t">',
        '<title id="t">Ofsted grades per judgement area per inspection</title>',
        f'<text x="10" y="24" font-size="16" font-weight="bold">{escape(_heading(data))}</text>',
    ]
    for k, col in enumerate(cols):
        x = label_w + k * cell_w + cell_w / 2
        out.append(
            f'<text x="{x}" y="{top - 12}" text-anchor="middle" font-weight="bold">'
            f"{escape(str(col['year']))} {escape(col['framework'] or '')}</text>"
        )
    for n, row in enumerate(data["table"]):
        y = top + n * cell_h
        out.append(
            f'<text x="10" y="{y + cell_h / 2 + 4}">{escape(cut(row["area"], 46))}'
            f"<title>{escape(row['area'])}</title></text>"
        )
        for k, c in enumerate(row["cells"]):
            x = label_w + k * cell_w
            if not c["grade"]:
                out.append(f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" fill="#eeeeee"/>')
                continue
            rank = _rank_of(c["grade"], data)
            tip = f"{c['year']}: {c['judged_as']}: {c['grade']}" + (f" (was {c['from']})" if c["from"] else "")
            out.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" rx="4" '
                f'fill="{GRADE_COLOURS.get(rank, "#999999")}"><title>{escape(tip)}</title></rect>'
            )
            colour = "#ffffff" if rank in (1, 4) else "#000000"
            arrow = ARROWS[c["change"]]
            mid = y + cell_h / 2 + (0 if c.get("combined") else 5)
            out.append(
                f'<text x="{x + cell_w / 2}" y="{mid}" text-anchor="middle" fill="{colour}">'
                f"{escape((arrow + ' ' if arrow else '') + abbreviate_grade(c['grade']))}</text>"
            )
            if c.get("combined"):
                out.append(
                    f'<text x="{x + cell_w / 2}" y="{mid + 14}" text-anchor="middle" font-size="10" '
                    f'fill="{colour}">{escape("one combined judgement")}</text>'
                )
    y = top + len(data["table"]) * cell_h + 24
    x = 10
    for rank, name in ((1, "Outstanding"), (2, "Good"), (3, "Requires improvement"), (4, "Inadequate")):
        out.append(
            f'<rect x="{x}" y="{y - 12}" width="14" height="14" fill="{GRADE_COLOURS[rank]}"/>'
            f'<text x="{x + 20}" y="{y}">{escape(name)}</text>'
        )
        x += 170
    out.append(
        f'<text x="10" y="{y + 26}">{escape("▲ better than the previous grade on the row, ▼ worse, = the same")}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _heading(data: dict) -> str:
    council = data.get("authority")
    return (
        f"{council}: grades per judgement area and inspection"
        if council
        else "Grades per judgement area and inspection"
    )


def _rank_of(grade: str, data: dict) -> int | None:
    for j in data["judgements"]:
        if j["grade"] == grade:
            return j["rank"]
    return None


def html(data: dict) -> str:
    """The chart in a minimal self-contained HTML page (no scripts, no external requests).

    On a screen narrower than the chart, the chart scrolls sideways inside its
    own box at a size that can be read; the page itself never does.
    """
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(_heading(data))}</title>"
        "<style>body{margin:8px;overflow-x:hidden}.chart{overflow-x:auto;max-width:100%}</style>"
        '</head><body>\n<div class="chart">' + svg(data) + "</div>\n</body></html>\n"
    )


def write_chart(data: dict, path: str) -> None:
    """Write the chart as ``.svg`` or ``.html`` (by the file name)."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".svg", ".html", ".htm"):
        raise InputError(f"{path}: the chart is written as .svg or .html")
    write_atomic(path, svg(data) + "\n" if suffix == ".svg" else html(data))
