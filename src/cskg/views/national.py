"""The national overview view: every council in the graph, grouped by its latest overall grade.

A network page in the views' own format (``page.render``): one node per
council (its region, latest inspection and every grade of it in the
tooltip) linked to the grade its latest inspection gave for overall
effectiveness; councils whose latest report is a 2026 reform report
(without an overall grade) link to a node saying so.  Built from the
library query ``national-grades-by-region`` so the page shows exactly what
the query returns.

``open_graph("national").view(national=True).write("national.html")``
"""

from __future__ import annotations

from ..sparql.library import load
from ..sparql.runner import run_local

NO_OVERALL = "no overall grade (2026 reform report)"


def national_network(kg):
    """The networkx graph of the national overview (see the module docstring)."""
    import networkx as nx

    rows = run_local(kg.store, load("national-grades-by-region"), {}).rows
    latest: dict[str, dict] = {}
    for r in rows:
        authority, year = r["authority"].value, r["year"].value
        current = latest.get(authority)
        if current is None or year > current["year"]:
            latest[authority] = {
                "year": year,
                "label": r["authorityLabel"].value,
                "region": r["region"].value if r["region"] else None,
                "framework": r["framework"].value,
                "grades": {},
                "inspection": r["inspection"].value,
            }
        if latest[authority]["year"] == year:
            latest[authority]["grades"][r["area"].value] = r["grade"].value
    g = nx.DiGraph(view="national", title=f"{len(latest)} councils by the overall grade of their latest inspection")
    for authority, info in sorted(latest.items()):
        overall = next((grade for area, grade in info["grades"].items() if area.lower().startswith("overall")), None)
        target = f"grade:{overall or NO_OVERALL}"
        if target not in g:
            g.add_node(target, kind="judgement", label=overall or NO_OVERALL, name=overall or NO_OVERALL, years=[])
        detail = "; ".join(f"{area}: {grade}" for area, grade in sorted(info["grades"].items()))
        g.add_node(
            authority,
            kind="authority",
            label=info["label"],
            name=info["label"],
            years=[int(info["year"])],
            detail=f"{info['region'] or 'region unknown'}. {info['framework']} {info['year']}: {detail}",
        )
        g.add_edge(authority, target, relation="graded", weight=1, detail=f"latest overall grade, {info['year']}")
    return g
