"""Network views as self-contained HTML files: networkx graph -> vis-network page.

The page is vis-network 9.1.2 as shipped inside the pyvis package, driven by
our own template (``templates/view.html``) and script.  pyvis's own template
is not used: it loads Bootstrap from a CDN in every mode, writes the heading
unescaped and switches to an ``innerHTML`` popup when a title contains
``href`` (field notes, section 3); and ``pyvis.network`` is not even
imported, because it imports IPython (0.5 to 1.4 s, over the budget for a
whole view).  The vis-network script and stylesheet and our script and
stylesheet are inlined, so the file makes no network request at all.

Escaping: node data travels as JSON inside a ``<script type="application/json">``
element, with ``<``, ``>``, ``&``, ``'`` and U+2028/U+2029 escaped, and the
page's script shows every string with ``textContent``.  Text written into
the HTML itself (title, legend, tables) goes through ``html.escape``.

Determinism: nodes and edges are sorted, ids are IRIs, JSON keys are sorted
and the layout's random seed is fixed, so the same graph gives the same file.
The data sits in ``<script type="application/json" id="cskg-data">``, which
the browser never executes; the page's script parses it.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..sources.files import write_atomic
from .layout import box_of, layered

TEMPLATES = Path(__file__).resolve().parent / "templates"
LAYOUT_SEED = 20251216

# Colour, shape and display name per kind of node.  Colours are from a
# colour-blind-safe palette; strengths and weaknesses also differ in shape.
KINDS: dict[str, dict] = {
    "service": {"name": "Service", "color": "#0072B2", "shape": "dot"},
    "body": {"name": "Board or committee", "color": "#8E44AD", "shape": "diamond"},
    "partner-agency": {"name": "Partner agency", "color": "#8C5A2B", "shape": "triangle"},
    "role": {"name": "Role or post", "color": "#6B6B6B", "shape": "square"},
    "person": {"name": "Person", "color": "#CC79A7", "shape": "triangleDown"},
    "authority": {"name": "Council", "color": "#1B4F72", "shape": "box"},
    "inspection": {"name": "Inspection", "color": "#E69F00", "shape": "box"},
    "judgement": {"name": "Judgement and grade", "color": "#F0E442", "shape": "box"},
    "paragraph": {"name": "Report paragraph", "color": "#BBBBBB", "shape": "square"},
    "strength": {"name": "Finding: strength", "color": "#009E73", "shape": "dot"},
    "weakness": {"name": "Finding: weakness", "color": "#D55E00", "shape": "diamond"},
    "context": {"name": "Finding: context", "color": "#A6C8E0", "shape": "dot"},
    "improvement": {"name": "Improvement area", "color": "#F5B041", "shape": "box"},
    "action": {"name": "Action", "color": "#56B4E9", "shape": "box"},
    "region": {"name": "Region", "color": "#34495E", "shape": "box"},
}
SWATCH_SHAPE = {
    "dot": "dot",
    "diamond": "diamond",
    "triangle": "triangle",
    "triangleDown": "triangle",
    "square": "box",
    "box": "box",
}
BOX_SHAPES = {"box"}
# Marks that override the kind's colour, each explained in the legend.
MARKS = {
    "overdue": {"name": "Overdue action (red, thick border)", "border": "#7B241C"},
    "improved": {"name": "Grade improved", "border": "#1E8449"},
    "declined": {"name": "Grade declined", "border": "#C0392B"},
    "appeared": {"name": "Appeared (+): only in the later inspection", "border": "#1E8449"},
    "disappeared": {"name": "Disappeared (−): only in the earlier inspection", "border": "#C0392B"},
}
EDGE_COLOURS = {
    "finding about": "#7FA7C9",
    "quoted from": "#BBBBBB",
    "under": "#BBBBBB",
    "judgement of": "#E69F00",
    "concerns": "#F5B041",
    "raised": "#F5B041",
    "raised by": "#F5B041",
    "addresses": "#56B4E9",
    "addressed by": "#56B4E9",
    "owned by": "#0072B2",
    "scrutinised by": "#8E44AD",
    "findings in": "#7FA7C9",
    "part of": "#CCCCCC",
    "followed by": "#E69F00",
    "graded": "#C9B400",
    "co-mentioned": "#DDDDDD",
    "possibly same as": "#CC79A7",
    "held by": "#CC79A7",
    "in region": "#CCCCCC",
    "runs": "#1B4F72",
}


@dataclass
class View:
    """A rendered network view: ``.html`` (the page), ``.write(path)``, and
    ``_repr_html_`` for JupyterLab and VS Code notebooks."""

    name: str
    graph: object
    html: str
    counts: dict = field(default_factory=dict)

    def write(self, path: str | Path) -> Path:
        """Write the page atomically (temp file, then rename); a missing folder is a one-line InputError."""
        return write_atomic(path, self.html)

    def _repr_html_(self) -> str:
        # An iframe with the page in srcdoc: notebook front ends that strip
        # scripts from output (or run them in the wrong document) still show
        # it; sandboxed without same-origin, so the page cannot reach the notebook.
        return (
            f'<iframe title="{html.escape(self.name)}" srcdoc="{html.escape(self.html, quote=True)}" '
            'sandbox="allow-scripts" style="width:100%;height:720px;border:1px solid #ddd"></iframe>'
        )

    def as_dict(self, path: str | Path | None = None) -> dict:
        """What ``cskg view --json`` prints: the view, the file written and its counts (nodes per kind too)."""
        kinds: dict[str, int] = {}
        for _, kind in self.graph.nodes(data="kind"):
            kinds[kind] = kinds.get(kind, 0) + 1
        return {
            "view": self.name,
            "title": self.graph.graph.get("title"),
            "file": str(path) if path is not None else None,
            "nodes": self.counts.get("nodes", 0),
            "edges": self.counts.get("edges", 0),
            "kinds": dict(sorted(kinds.items())),
        }

    def __repr__(self) -> str:
        return f"View({self.name!r}, {self.counts.get('nodes', 0)} nodes, {self.counts.get('edges', 0)} edges)"


def script_json(value) -> str:
    """JSON that is safe inside a <script> element and in JavaScript source."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("'", "\\u0027")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _options(g, laid_out: bool) -> dict:
    options: dict = {
        "autoResize": True,
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
            "hideEdgesOnDrag": False,
        },
        "nodes": {
            "font": {"size": 16, "face": "system-ui, Arial, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {"smooth": False, "color": {"inherit": False}, "selectionWidth": 2},
    }
    if laid_out:
        # Positions come from layout.layered, with room for every label: no physics to move them.
        options["layout"] = {"randomSeed": LAYOUT_SEED, "improvedLayout": False}
        options["physics"] = {"enabled": False}
        return options
    options["layout"] = {"randomSeed": LAYOUT_SEED, "improvedLayout": True}
    options["physics"] = {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -80,
            "centralGravity": 0.012,
            "springLength": 110,
            "springConstant": 0.06,
            "damping": 0.5,
            "avoidOverlap": 0.6,
        },
        "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 100, "fit": True},
        "minVelocity": 1.0,
        "timestep": 0.5,
    }
    return options


ENTITY_KINDS = ("service", "body", "partner-agency", "role", "person", "authority")
FINDING_KINDS = ("strength", "weakness", "context")


def _node_style(node: str, d: dict, g) -> dict:
    """Shape, colours and font of one node: names inside boxes, everything at a size that reads at 100 %."""
    kind = KINDS.get(d["kind"], KINDS["service"])
    colour, border, width = d.get("color") or kind["color"], "#444444", 1
    mark = "overdue" if d.get("overdue") else d.get("change") if d.get("change") in MARKS else None
    if mark:
        border, width = MARKS[mark]["border"], 4
    if d.get("change") in ("same grade", "in both"):
        border = "#444444"
    style = {
        "shape": kind["shape"],
        "color": {
            "background": colour,
            "border": border,
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        },
        "borderWidth": width,
        "borderWidthSelected": width + 2,
    }
    view_name = g.graph.get("view")
    size = 12
    font: dict = {"size": 15}
    if d["kind"] in ENTITY_KINDS or d["kind"] in ("inspection", "judgement", "improvement", "region"):
        # Names inside boxes: the box is the label, so nothing hangs below to collide.
        style["shape"] = "box"
        dark = d["kind"] in ("body", "service", "partner-agency", "role", "authority", "region", "person")
        font = {"size": 16 if d["kind"] != "improvement" else 15, "color": "#ffffff" if dark else "#000000"}
        if d.get("text_color"):
            font["color"] = d["text_color"]
        if d.get("centre"):
            font.update(size=22, bold=True)
        if d["kind"] == "inspection":
            font["size"] = 18
        if d["kind"] == "region":
            font.update(size=18, bold=True)
    elif d["kind"] in FINDING_KINDS:
        size = 9
        font = {"size": 14, "color": "#222222"}
    elif d["kind"] == "paragraph":
        size = 8
        font = {"size": 14, "color": "#333333"}
    elif d["kind"] == "action":
        style["shape"] = "box"
        font = {"size": 14, "color": "#000000"}
        if d.get("overdue"):
            red = "#F5B7B1"
            style["color"]["background"] = style["color"]["highlight"]["background"] = red
            style["color"]["hover"]["background"] = red
            font["color"] = "#7B241C"
    if view_name == "overview" and d["kind"] in ENTITY_KINDS:
        # The entities with most findings stand out by a thicker border, not by a bigger font.
        style["borderWidth"] = round(1 + min(int(d.get("size") or 0), 40) / 8, 1)
    if style["shape"] == "box":
        style["margin"] = 6
        font["strokeWidth"] = 0
    style["size"] = size
    style["font"] = font
    return style


def _edge_style(d: dict, g) -> dict:
    relation = d.get("relation", "")
    style: dict = {
        "color": {"color": EDGE_COLOURS.get(relation, "#999999"), "highlight": "#000000", "hover": "#000000"}
    }
    weight = d.get("weight") or 1
    if relation in ("findings in",):
        style["width"] = round(1 + 1.2 * weight**0.5, 2)
        if d.get("weaknesses"):
            style["color"]["color"] = "#D55E00"
    elif relation in ("co-mentioned",):
        style["width"] = round(min(1 + weight * 0.5, 5), 2)
    else:
        style["width"] = 1.5
    if relation in ("part of", "co-mentioned", "possibly same as", "held by"):
        style["dashes"] = relation != "part of"
    arrows = g.graph.get("view") in ("service", "accountability") and relation not in (
        "co-mentioned",
        "possibly same as",
    )
    style["arrows"] = {"to": {"enabled": arrows, "scaleFactor": 0.5}}
    return style


def network_data(g) -> dict:
    """The vis-network nodes, edges and options of ``g``: sorted, styled, laid out, with our data fields.

    This is what pyvis's ``Network.from_nx`` + ``get_network_data`` would
    produce, done directly: importing ``pyvis.network`` pulls in IPython and
    costs 0.5 to 1.4 s here, more than the whole budget for writing a view.
    Positions come from ``layout.layered`` (columns with room for labels).
    """
    nodes = []
    for node in sorted(g.nodes):
        d = g.nodes[node]
        item = {
            "id": node,
            "label": d.get("label") or d.get("name") or node,
            "kind": d["kind"],
            "name": d.get("name") or node,
            "names": list(d.get("names") or []),
            "quote": d.get("quote"),
            "ref": d.get("ref"),
            "detail": d.get("detail"),
            "years": list(d.get("years") or []),
            "iri": node,
            **_node_style(node, d, g),
        }
        nodes.append(item)
    edges = []
    for k, (s, t) in enumerate(sorted(g.edges)):
        d = g.edges[s, t]
        edges.append(
            {
                "id": f"e{k}",
                "from": s,
                "to": t,
                "relation": d.get("relation", ""),
                "detail": d.get("detail"),
                "weight": d.get("weight", 1),
                **_edge_style(d, g),
            }
        )
    positions = _positions(g, nodes)
    for item in nodes:
        if item["id"] in positions:
            item["x"], item["y"] = positions[item["id"]]
    return {"nodes": nodes, "edges": edges, "options": _options(g, bool(positions))}


def _columns(g) -> tuple[dict[str, int], int | None, set[int]]:
    """Each node's column for the view's layered layout, how many rows a column may hold before it wraps,
    and the columns whose order is fixed (by the nodes' ``order``, else year and name)."""
    view = g.graph.get("view")
    nodes = g.nodes(data=True)
    if view == "comparison":
        return {n: int(d.get("level", 2)) for n, d in nodes}, None, set()
    if view == "accountability":
        return {n: int(d.get("column", 0)) for n, d in nodes}, None, {0, 1}
    if view == "service-comparison":
        return {n: int(d.get("column", 0)) for n, d in nodes}, None, {0, 1, 2, 3}
    if view == "national":
        return {n: int(d.get("column", 0)) for n, d in nodes}, None, {int(d.get("column", 0)) for _, d in nodes}
    if view == "overview":
        return {n: 0 if d["kind"] == "inspection" else 1 for n, d in nodes}, 14, {0}
    if view == "service":
        owners = {t for s, t, d in g.edges(data=True) if d.get("relation") == "owned by"}
        place = {"inspection": 0, "judgement": 1, "paragraph": 2, "improvement": 3, "action": 5}
        out = {}
        for n, d in nodes:
            if d.get("centre"):
                out[n] = 4
            elif d["kind"] in FINDING_KINDS:
                out[n] = 3
            elif d["kind"] in place:
                out[n] = place[d["kind"]]
            else:
                out[n] = 6 if n in owners else 5
        return out, 18, {0}
    return {}, None, set()


def _positions(g, items: list[dict]) -> dict[str, tuple[float, float]]:
    column, max_rows, fixed = _columns(g)
    if not column:
        return {}
    boxes = {i["id"]: box_of(i["label"], i["font"]["size"], i["shape"], i["size"]) for i in items}

    def order(n: str) -> tuple:
        d = g.nodes[n]
        years = d.get("years") or [0]
        if d["kind"] == "inspection":
            return ((), max(years), n)  # oldest first, top to bottom
        return (d.get("order", ()), -max(years), str(d.get("name") or n).lower())

    return layered(boxes, column, list(g.edges), {n: order(n) for n in g.nodes}, max_rows=max_rows, fixed=fixed)


def _legend(g) -> str:
    counts: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        counts[d["kind"]] = counts.get(d["kind"], 0) + 1
    rows = []
    for kind, style in KINDS.items():
        if kind not in counts:
            continue
        swatch = SWATCH_SHAPE.get(style["shape"], "dot")
        rows.append(
            f'<label class="cskg-kind"><input type="checkbox" data-kind="{kind}" checked> '
            f'<span class="cskg-swatch {swatch}" style="background:{style["color"]}"></span> '
            f"{html.escape(style['name'])} ({counts[kind]})</label>"
        )
    marks = {("overdue" if d.get("overdue") else d.get("change")) for _, d in g.nodes(data=True)} & set(MARKS)
    for mark in MARKS:
        if mark in marks:
            rows.append(
                f'<div class="cskg-kind"><span class="cskg-swatch box" style="border-color:{MARKS[mark]["border"]};'
                f'border-width:3px"></span> {html.escape(MARKS[mark]["name"])}</div>'
            )
    for grade, fill in g.graph.get("grade_legend") or []:
        rows.append(
            f'<div class="cskg-kind"><span class="cskg-swatch box" style="background:{html.escape(fill)}"></span> '
            f"Latest overall grade: {html.escape(grade)}</div>"
        )
    if g.graph.get("trend_legend"):
        rows.append(f'<p class="cskg-note">{html.escape(g.graph["trend_legend"])}.</p>')
    if g.graph.get("size_measure"):
        rows.append(f'<p class="cskg-note">Border width: {html.escape(g.graph["size_measure"])}.</p>')
    if g.graph.get("not_drawn"):
        rows.append(
            f'<p class="cskg-note">{int(g.graph["not_drawn"])} register entities that no finding is about are '
            "not drawn (<code>cskg list</code> shows every entity).</p>"
        )
    if g.graph.get("view") == "overview":
        rows.append(
            '<p class="cskg-note">Line width: findings about the entity in that inspection; '
            "orange-red lines include weaknesses.</p>"
        )
    return "\n      ".join(rows)


def _years(g) -> str:
    years = sorted({y for _, d in g.nodes(data=True) for y in (d.get("years") or [])})
    if not years:
        return '<p class="cskg-note">No inspection years in this view.</p>'
    return "\n      ".join(
        f'<label class="cskg-year"><input type="checkbox" data-year="{int(y)}" checked> {int(y)}</label>' for y in years
    )


def _table(g) -> str:
    e = html.escape
    kinds_order = list(KINDS)
    nodes = sorted(
        g.nodes(data=True),
        key=lambda nd: (
            kinds_order.index(nd[1]["kind"]) if nd[1]["kind"] in kinds_order else 99,
            str(nd[1].get("name") or nd[0]),
            nd[0],
        ),
    )
    out = [
        f'<table class="cskg-nodes"><caption>Nodes ({len(nodes)})</caption>',
        '<thead><tr><th scope="col">Kind</th><th scope="col">Name</th><th scope="col">Inspection</th>'
        '<th scope="col">Details</th><th scope="col">Source</th><th scope="col">Quote</th></tr></thead><tbody>',
    ]
    for node, d in nodes:
        years = ", ".join(str(y) for y in d.get("years") or [])
        out.append(
            f"<tr><td>{e(KINDS.get(d['kind'], {}).get('name', d['kind']))}</td><td>{e(str(d.get('name') or node))}</td>"
            f"<td>{e(years)}</td><td>{e(str(d.get('detail') or ''))}</td><td>{e(str(d.get('ref') or ''))}</td>"
            f"<td>{e(str(d.get('quote') or ''))}</td></tr>"
        )
    out.append("</tbody></table>")
    names = {n: str(d.get("name") or n) for n, d in g.nodes(data=True)}
    edges = sorted(g.edges(data=True), key=lambda st: (names[st[0]], st[2].get("relation", ""), names[st[1]]))
    out.append(
        f'<table class="cskg-edges"><caption>Links ({len(edges)})</caption>'
        '<thead><tr><th scope="col">From</th><th scope="col">Relation</th><th scope="col">To</th>'
        '<th scope="col">Details</th></tr></thead><tbody>'
    )
    for s, t, d in edges:
        out.append(
            f"<tr><td>{e(names[s])}</td><td>{e(d.get('relation', ''))}</td><td>{e(names[t])}</td>"
            f"<td>{e(str(d.get('detail') or ''))}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _vis_assets() -> tuple[str, str]:
    """vis-network 9.1.2's script and stylesheet as shipped inside the pyvis package.

    Found with ``find_spec`` so that pyvis (and the IPython it imports) is
    never imported.
    """

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the pyvis package (which ships vis-network) is not installed: pip install pyvis")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # Inlined code must not end its own element early.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def render(g) -> View:
    """The HTML page of a view network (see the module docstring)."""
    page = (TEMPLATES / "view.html").read_text(encoding="utf-8")
    vis_js, vis_css = _vis_assets()
    title = g.graph.get("title", "cskg network view")
    summary = (
        f"{g.number_of_nodes()} nodes, {g.number_of_edges()} links. Drag to move, scroll to zoom; hover for a "
        "summary, click or find a node for its source and quote. Untick a kind or a year to hide it."
    )
    if g.graph.get("as_of"):
        summary += f" Overdue as of {g.graph['as_of']}."
    meta = {
        "view": g.graph.get("view"),
        "title": title,
        "kinds": {k: {"name": v["name"], "color": v["color"]} for k, v in KINDS.items()},
        "counts": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()},
        "centre": g.graph.get("centre"),
    }
    parts = {
        "<!--cskg:title-->": html.escape(title),
        "<!--cskg:summary-->": html.escape(summary),
        "<!--cskg:legend-->": _legend(g),
        "<!--cskg:years-->": _years(g),
        "<!--cskg:table-->": _table(g),
        "<!--cskg:meta-->": script_json(meta),
        "<!--cskg:data-->": script_json(network_data(g)),
        "/*cskg:vis-css*/": vis_css,
        "/*cskg:view-css*/": (TEMPLATES / "view.css").read_text(encoding="utf-8"),
        "/*cskg:vis-js*/": vis_js,
        "/*cskg:view-js*/": (TEMPLATES / "view.js").read_text(encoding="utf-8"),
    }
    # One pass, so nothing inserted is scanned again for placeholders.
    pattern = re.compile("|".join(re.escape(k) for k in parts))
    page = pattern.sub(lambda m: parts[m.group(0)], page)
    return View(g.graph.get("view", "view"), g, page, {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()})
