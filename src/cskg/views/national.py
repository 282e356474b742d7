"""The national view: every council in the graph, grouped by region, coloured by its latest overall grade.

A network page in the views' own format (``page.render``): one column per
region under a named region node, one box per council in it, filled with
the colour of the overall-effectiveness grade of its latest inspection and
marked with the change since the inspection before (▲ better, ▼ worse,
= the same); councils whose latest report is a 2026 reform report (without
an overall grade) are grey and say so.  Every grade of the latest inspection
is in the council's tooltip and details.  Built from the library query
``national-grades-by-region`` so the page shows exactly what the query
returns.

``open_graph("national").view(national=True).write("national.html")``
"""

from __future__ import annotations

from ..sparql.library import load
from ..sparql.runner import run_local
from .networks import _wrap

NO_OVERALL = "no overall grade (2026 reform report)"
# Fill and text colour per overall grade (rank 1 to 4): the timeline chart's colours.
GRADE_STYLE = {
    "Outstanding": ("#1A7F37", "#ffffff"),
    "Good": ("#7CC46B", "#000000"),
    "Requires improvement to be good": ("#F2B134", "#000000"),
    "Inadequate": ("#D1352B", "#ffffff"),
    NO_OVERALL: ("#D5D8DC", "#000000"),
}
GRADE_RANK = {"Outstanding": 1, "Good": 2, "Requires improvement to be good": 3, "Inadequate": 4}
TREND = {"improved": "▲", "declined": "▼", "same": "="}


def _overall(grades: dict[str, str]) -> str | None:
    return next((grade for area, grade in grades.items() if area.lower().startswith("overall")), None)


def national_network(kg):
    """The networkx graph of the national view (see the module docstring)."""
    import networkx as nx

    rows = run_local(kg.store, load("national-grades-by-region"), {}).rows
    councils: dict[str, dict] = {}
    for r in rows:
        authority = r["authority"].value
        info = councils.setdefault(
            authority,
            {"label": r["authorityLabel"].value, "region": r["region"].value if r["region"] else None, "by": {}},
        )
        key = (r["year"].value, r["inspection"].value)
        inspection = info["by"].setdefault(key, {"framework": r["framework"].value, "grades": {}})
        inspection["grades"][r["area"].value] = r["grade"].value
    regions = sorted({info["region"] or "Region unknown" for info in councils.values()})
    g = nx.DiGraph(
        view="national",
        title=f"{len(councils)} councils by region and the overall grade of their latest inspection",
        grade_legend=[(grade, fill) for grade, (fill, _) in GRADE_STYLE.items()],
        trend_legend="▲ better than the inspection before, ▼ worse, = the same overall grade",
    )
    for k, region in enumerate(regions):
        g.add_node(
            f"region:{region}", kind="region", label=region, name=region, years=[], column=k, order=("",), detail=None
        )
    for authority, info in sorted(councils.items(), key=lambda kv: kv[1]["label"]):
        (year, _), latest = max(info["by"].items())
        overall = _overall(latest["grades"])
        earlier = [(y, _overall(i["grades"])) for (y, _), i in sorted(info["by"].items()) if y < year]
        earlier = [(y, grade) for y, grade in earlier if grade]
        trend = None
        if overall and earlier:
            before, then = GRADE_RANK.get(earlier[-1][1]), GRADE_RANK.get(overall)
            if before and then:
                trend = "improved" if then < before else "declined" if then > before else "same"
        grade = overall or NO_OVERALL
        fill, ink = GRADE_STYLE.get(grade, GRADE_STYLE[NO_OVERALL])
        region = info["region"] or "Region unknown"
        grades = "; ".join(f"{area}: {value}" for area, value in sorted(latest["grades"].items()))
        since = f" Before: {earlier[-1][1]} ({earlier[-1][0]}), so {trend}." if trend else ""
        g.add_node(
            authority,
            kind="authority",
            label=_wrap(f"{info['label']} {TREND[trend]}" if trend else info["label"], 20),
            name=info["label"],
            names=[info["label"], authority.rsplit("/", 1)[-1]],
            years=[int(year)],
            column=regions.index(region),
            order=(info["label"].lower(),),
            color=fill,
            text_color=ink,
            grade=grade,
            trend=trend,
            detail=f"{region}. Overall: {grade} ({latest['framework']} {year}).{since} {grades}",
        )
        g.add_edge(f"region:{region}", authority, relation="in region", weight=1, detail=region)
    return g
