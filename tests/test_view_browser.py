"""Network views in a real browser: Debian's chromium driven by Playwright.

Each view loads with no console error and no request outside the file, its
vis network holds the networkx graph's nodes and edges (and the counts an
independent SPARQL query gives), clicking and finding a node shows its
quote, and a screenshot goes to the artifact folder ($CSKG_ARTIFACTS, else
artifacts/ at the top of the checkout, which git ignores) under views/.  A crafted document's payloads must not execute.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from test_view import count

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("CSKG_ARTIFACTS") or Path(__file__).resolve().parent.parent / "artifacts") / "views"
FINDING_KINDS = ("strength", "weakness", "context")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium; .ci/run installs it)",
    ),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page with everything it tried to do recorded."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []


SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


def open_view(browser, path: Path, size: tuple[int, int] = (1400, 900)) -> Opened:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    seen = Opened(page)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))

    def dialog(d):
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)

    def route(r):
        if r.request.url.startswith(("http:", "https:", "ws:", "wss:")):
            seen.outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("window.cskgView && window.cskgView.ready === true", polling=50, timeout=60000)
    return seen


def js_counts(page) -> dict:
    return page.evaluate("""() => {
        const v = window.cskgView, kinds = {};
        v.nodes.get().forEach(n => { kinds[n.kind] = (kinds[n.kind] || 0) + 1; });
        const rel = {};
        v.edges.get().forEach(e => { rel[e.relation] = (rel[e.relation] || 0) + 1; });
        return {nodes: v.nodes.length, edges: v.edges.length, kinds: kinds, relations: rel,
                drawn: Object.keys(v.network.body.nodes).filter(id => v.network.body.nodeIndices.includes(id)).length};
    }""")


def click_node(page, node_id: str) -> None:
    """Click where the node is drawn on the canvas."""
    pos = page.evaluate(
        """(id) => { const n = window.cskgView.network;
        n.moveTo({position: n.getPosition(id), scale: 1.4, animation: false});
        return n.canvasToDOM(n.getPosition(id)); }""",
        node_id,
    )
    box = page.locator("#cskg-network canvas").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def screenshot(page, name: str) -> Path:
    """The page as it opens (its own opening zoom), into the artifact folder."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.evaluate("window.cskgView.openingView()")
    page.screenshot(path=str(path))
    return path


# What a person sees, measured from vis-network itself: for every node drawn whose label box lies on the
# screen at the current zoom, the label's size in screen pixels (font size x zoom) and whether its box
# (vis's label box, in canvas coordinates) overlaps another node's label box.  Labels below vis's draw
# threshold are not drawn at all.
LABELS = """() => {
    const v = window.cskgView, net = v.network, scale = net.getScale();
    const el = document.getElementById("cskg-network");
    const W = el.clientWidth, H = el.clientHeight;
    const boxes = [];
    v.nodes.get().forEach(n => {
        if (n.hidden || !n.label) { return; }
        const node = net.body.nodes[n.id], lm = node.labelModule, s = lm.size;
        if (!s || !s.width) { return; }
        // vis draws (and so measures) only the nodes in view; a label box not centred on its node is one
        // from before the node was first drawn, of a node off the screen.
        if (Math.abs(s.left + s.width / 2 - node.x) > 2) { return; }
        if (node.options.shape === "box" ? Math.abs(s.top + s.height / 2 - node.y) > 2 : s.top < node.y) { return; }
        const tl = net.canvasToDOM({x: s.left, y: s.top});
        const br = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
        const onScreen = br.x > 0 && tl.x < W && br.y > 0 && tl.y < H;
        const threshold = (lm.elementOptions.scaling && lm.elementOptions.scaling.label
            && lm.elementOptions.scaling.label.drawThreshold) || 5;
        const px = lm.fontOptions.size * scale;
        boxes.push({id: n.id, onScreen, px, drawn: px >= threshold,
                    l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height});
    });
    const seen = boxes.filter(b => b.onScreen);
    const overlapping = new Set();
    for (let i = 0; i < seen.length; i++) {
        for (let j = i + 1; j < seen.length; j++) {
            const a = seen[i], b = seen[j];
            if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5) {
                overlapping.add(a.id); overlapping.add(b.id);
            }
        }
    }
    return {scale, width: W, height: H, onScreen: seen.length,
            legible: seen.filter(b => b.drawn && b.px >= 10 && !overlapping.has(b.id)).length,
            drawn: seen.filter(b => b.drawn).length, overlapping: overlapping.size,
            smallestPx: Math.min(...seen.map(b => b.px))};
}"""


def label_report(page) -> dict:
    return page.evaluate(LABELS)


def check_clean(seen: Opened) -> None:
    assert seen.errors == []
    assert seen.outside == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in seen.requests), seen.requests
    assert seen.dialogs == []


def test_service_view(browser, kg, tmp_path):
    from cskg.views.make import view

    v = view(kg, "evolve")
    seen = open_view(browser, v.write(tmp_path / "evolve.html"))
    check_clean(seen)
    counts = js_counts(seen.page)
    assert (counts["nodes"], counts["edges"]) == (v.graph.number_of_nodes(), v.graph.number_of_edges())
    assert counts["drawn"] == counts["nodes"]
    findings = count(
        kg, "SELECT (COUNT(?f) AS ?n) WHERE { ?f a cs:Finding ; cs:about csd:entity\\/rotherham\\/evolve }"
    )
    assert sum(counts["kinds"].get(k, 0) for k in FINDING_KINDS) == findings == counts["relations"]["finding about"]

    # Click a finding: the details panel shows its exact quote and paragraph.
    finding = sorted(n for n, k in v.graph.nodes(data="kind") if k in FINDING_KINDS)[0]
    click_node(seen.page, finding)
    details = seen.page.locator("#cskg-details")
    assert v.graph.nodes[finding]["quote"] in details.locator("blockquote").inner_text()
    assert v.graph.nodes[finding]["ref"] in details.inner_text()

    # Find by name: the entity's details and its register quote.
    seen.page.fill("#cskg-find-input", "Evolve")
    seen.page.click("#cskg-find button")
    assert "Found: Evolve" in seen.page.locator("#cskg-find-result").inner_text()
    assert v.graph.nodes["https://w3id.org/cskg/id/entity/rotherham/evolve"]["quote"] in details.inner_text()
    assert seen.page.evaluate("window.cskgView.network.getSelectedNodes()") == [
        "https://w3id.org/cskg/id/entity/rotherham/evolve"
    ]

    # Untick context findings: they are hidden, the rest stay.
    seen.page.uncheck("input[data-kind=context]")
    hidden = seen.page.evaluate("window.cskgView.nodes.get().filter(n => n.hidden).map(n => n.kind)")
    assert hidden and set(hidden) == {"context"} and len(hidden) == counts["kinds"]["context"]
    seen.page.check("input[data-kind=context]")
    seen.page.uncheck("input[data-year='2022']")
    still = seen.page.evaluate("window.cskgView.nodes.get().filter(n => !n.hidden && n.years.length).map(n => n.years)")
    assert still and all(2025 in ys for ys in still)
    screenshot(seen.page, "service-evolve")
    check_clean(seen)


def test_overview(browser, kg, tmp_path):
    from cskg.views.make import view

    v = view(kg)
    seen = open_view(browser, v.write(tmp_path / "overview.html"))
    check_clean(seen)
    counts = js_counts(seen.page)
    assert (counts["nodes"], counts["edges"]) == (v.graph.number_of_nodes(), v.graph.number_of_edges())
    pairs = count(
        kg,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?e ?i WHERE { ?f a cs:Finding ; cs:about ?e ; cs:inInspection ?i } }",
    )
    assert counts["relations"]["findings in"] == pairs
    # A council document's citation of an inspection that a report holds is the same inspection: one node;
    # a citation with no year ("ten years since we were found inadequate") has no place on the timeline.
    inspections = (
        "SELECT (COUNT(?i) AS ?n) WHERE { ?i a cs:Inspection ; cs:year ?year "
        "FILTER NOT EXISTS { ?r cs:sameInspectionAs ?i } }"
    )
    assert counts["kinds"]["inspection"] == count(kg, inspections)
    seen.page.fill("#cskg-find-input", "virtual school")
    seen.page.click("#cskg-find button")
    node = "https://w3id.org/cskg/id/entity/rotherham/virtual-school"
    assert seen.page.evaluate("window.cskgView.network.getSelectedNodes()") == [node]
    assert v.graph.nodes[node]["quote"] in seen.page.locator("#cskg-details blockquote").inner_text()
    screenshot(seen.page, "overview")
    check_clean(seen)


def test_comparison(browser, kg, tmp_path):
    from cskg.views.make import view

    v = view(kg, compare=(2022, 2025))
    seen = open_view(browser, v.write(tmp_path / "compare.html"))
    check_clean(seen)
    counts = js_counts(seen.page)
    assert (counts["nodes"], counts["edges"]) == (v.graph.number_of_nodes(), v.graph.number_of_edges())
    either = count(
        kg,
        """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?f cs:about ?e ; cs:inInspection ?i
        FILTER(?i IN (csd:inspection\\/rotherham\\/2022, csd:inspection\\/rotherham\\/2025)) }""",
    )
    entity_nodes = sum(counts["kinds"].get(k, 0) for k in ("service", "body", "partner-agency", "role", "person"))
    assert entity_nodes == either
    judgement = next(n for n, d in v.graph.nodes(data=True) if d["kind"] == "judgement" and d["change"] == "improved")
    click_node(seen.page, judgement)
    text = seen.page.locator("#cskg-details").inner_text()
    assert v.graph.nodes[judgement]["detail"] in text and v.graph.nodes[judgement]["quote"] in text
    screenshot(seen.page, "compare-2022-2025")
    check_clean(seen)


def test_accountability(browser, actions_kg, tmp_path):
    from cskg.views.make import view

    v = view(actions_kg, accountability=True, as_of=date(2026, 6, 1))
    seen = open_view(browser, v.write(tmp_path / "accountability.html"))
    check_clean(seen)
    counts = js_counts(seen.page)
    assert (counts["nodes"], counts["edges"]) == (v.graph.number_of_nodes(), v.graph.number_of_edges())
    assert counts["kinds"]["action"] == count(actions_kg, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a cs:Action }")
    overdue = "https://w3id.org/cskg/id/action/fixture/2"
    assert seen.page.evaluate("(id) => window.cskgView.nodes.get(id).borderWidth", overdue) > 1
    click_node(seen.page, overdue)
    text = seen.page.locator("#cskg-details").inner_text()
    assert "OVERDUE" in text and "a written health history for every care leaver" in text
    screenshot(seen.page, "accountability")
    check_clean(seen)


@pytest.mark.parametrize("which", ["service", "overview", "accountability"])
def test_hostile_document_runs_nothing(browser, hostile_kg, tmp_path, which):
    from cskg.views.make import view

    v = {
        "service": lambda: view(hostile_kg, "payload team"),
        "overview": lambda: view(hostile_kg),
        "accountability": lambda: view(hostile_kg, accountability=True),
    }[which]()
    seen = open_view(browser, v.write(tmp_path / f"hostile-{which}.html"))
    page = seen.page
    # Hover and click every node, find by the payload words, then look for effects.
    for node in sorted(v.graph.nodes):
        pos = page.evaluate(
            "(id) => { const n = window.cskgView.network; n.fit({animation: false});"
            " return n.canvasToDOM(n.getPosition(id)); }",
            node,
        )
        box = page.locator("#cskg-network canvas").bounding_box()
        page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    for text in ["Payload", "<script>", "onerror", 'Quote "Breakers"']:
        page.fill("#cskg-find-input", text)
        page.click("#cskg-find button")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__cskgXss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, svg, b, iframe, object, embed').length") == 0
    check_clean(seen)
    # The payloads were on the page as text.
    assert "<script>window.__cskgXss" in page.locator("#cskg-table").inner_text()
    assert page.locator("#cskg-details .name").count() == 1


def test_notebook_iframe_shows_the_network(browser, kg, tmp_path):
    """What `_repr_html_` gives a notebook, on a page of its own: the network draws inside the sandboxed iframe."""
    from cskg.views.make import view

    v = view(kg, "evolve")
    host = tmp_path / "notebook.html"
    host.write_text(
        f"<!DOCTYPE html><html><body><h1>Notebook cell output</h1>{v._repr_html_()}</body></html>", encoding="utf-8"
    )
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(host.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("#cskg-network canvas").wait_for(timeout=30000)
    inner = page.frames[1]
    inner.wait_for_function("window.cskgView && window.cskgView.ready === true", polling=50, timeout=60000)
    assert inner.evaluate("window.cskgView.nodes.length") == v.graph.number_of_nodes()
    # The sandbox keeps the page away from the notebook's document.
    assert (
        inner.evaluate(
            "(() => { try { return window.parent.document.title, 'reached'; } catch (e) { return 'blocked'; } })()"
        )
        == "blocked"
    )
    assert errors == []


def _views(kg, actions_kg, national_kg, typed_kg):
    """Each kind of view, as `cskg view` makes it (name -> View)."""
    from cskg.views.make import view

    return {
        "compare-virtual-school": lambda: view(
            typed_kg, compare_service="virtual school", authority="kent", neighbours=True
        ),
        "service-evolve": lambda: view(kg, "evolve"),
        "overview": lambda: view(kg),
        "accountability": lambda: view(actions_kg, accountability=True, as_of=date(2026, 6, 1)),
        "compare-2022-2025": lambda: view(kg, compare=(2022, 2025)),
        "national": lambda: view(national_kg, national=True),
    }


@pytest.fixture(scope="module")
def national_kg(ingested_councils):
    from cskg import open_graph

    return open_graph(ingested_councils)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize(
    "which",
    ["service-evolve", "overview", "accountability", "compare-2022-2025", "national", "compare-virtual-school"],
)
def test_every_label_on_screen_can_be_read_at_the_opening_zoom(
    browser, kg, actions_kg, national_kg, typed_kg, tmp_path, which, size
):
    """As the page opens, on a laptop and on a phone: the labels on screen are drawn at 10 px or more and
    none overlaps another (vis-network's own label boxes), and there are enough of them to read."""
    v = _views(kg, actions_kg, national_kg, typed_kg)[which]()
    seen = open_view(browser, v.write(tmp_path / f"{which}.html"), SIZES[size])
    report = label_report(seen.page)
    assert report["onScreen"] >= min(6, v.graph.number_of_nodes()), report
    assert report["overlapping"] == 0, report
    assert report["legible"] == report["onScreen"], report
    assert report["smallestPx"] >= 10, report
    # The network takes the screen's width (on a phone the panel is folded away) and nothing scrolls sideways.
    width = seen.page.evaluate("document.getElementById('cskg-network').clientWidth")
    assert width >= SIZES[size][0] * (0.75 if size == "desktop" else 0.95)
    assert seen.page.evaluate("document.scrollingElement.scrollWidth") <= SIZES[size][0]
    screenshot(seen.page, f"{which}-{size}")
    check_clean(seen)


def test_the_layout_leaves_room_for_every_label(kg, actions_kg, national_kg, typed_kg):
    """In the positions the page is given, no two nodes' boxes (shape and label) overlap, in any view."""
    from cskg.views.layout import box_of, overlaps
    from cskg.views.page import network_data

    for which, make in _views(kg, actions_kg, national_kg, typed_kg).items():
        data = network_data(make().graph)
        boxes = {n["id"]: box_of(n["label"], n["font"]["size"], n["shape"], n["size"]) for n in data["nodes"]}
        positions = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
        assert len(positions) == len(data["nodes"]), which
        assert overlaps(boxes, positions) == [], which
        assert data["options"]["physics"]["enabled"] is False, which


def test_phone_panel_folds_away_and_opens(browser, kg, tmp_path):
    from cskg.views.make import view

    seen = open_view(browser, view(kg, "evolve").write(tmp_path / "evolve.html"), SIZES["phone"])
    page = seen.page
    assert not page.locator("#cskg-side").is_visible()
    page.click("#cskg-panel-toggle")
    assert page.locator("#cskg-find-input").is_visible()
    page.fill("#cskg-find-input", "personal adviser")
    page.click("#cskg-find button")
    assert "Found:" in page.locator("#cskg-find-result").inner_text()
    check_clean(seen)


@pytest.mark.parametrize(
    "typed, entity",
    [
        ("MASH", "mash"),
        ("The Journey", "journey-hub"),
        ("corporate parenting board", "corporate-parenting-board"),
        ("journey-hub", "journey-hub"),
        ("Evolve team", "evolve"),
    ],
)
def test_find_knows_every_name_the_command_line_resolves(browser, kg, tmp_path, typed, entity):
    from cskg.views.make import view

    v = view(kg)
    seen = open_view(browser, v.write(tmp_path / "overview.html"))
    seen.page.fill("#cskg-find-input", typed)
    seen.page.click("#cskg-find button")
    selected = seen.page.evaluate("window.cskgView.network.getSelectedNodes()")
    assert selected == [kg.resolve(typed).iri] == [f"https://w3id.org/cskg/id/entity/rotherham/{entity}"]
    check_clean(seen)


def test_find_suggests_names_as_you_type(browser, kg, tmp_path):
    from cskg.views.make import view

    seen = open_view(browser, view(kg).write(tmp_path / "overview.html"))
    seen.page.type("#cskg-find-input", "journ")
    suggestions = seen.page.locator(".cskg-suggestion").all_inner_texts()
    assert "Journey hub" in suggestions
    seen.page.locator(".cskg-suggestion", has_text="Journey hub").click()
    assert seen.page.evaluate("window.cskgView.network.getSelectedNodes()") == [
        "https://w3id.org/cskg/id/entity/rotherham/journey-hub"
    ]
    check_clean(seen)


def test_grade_chart_page_never_scrolls_sideways_on_a_phone(browser, kg, tmp_path):
    from cskg.views.chart import write_chart

    path = tmp_path / "timeline.html"
    write_chart(kg.timeline(), str(path))
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(path.as_uri())
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    # The chart keeps its size (its 13 px text stays 13 px) and scrolls in its own box.
    assert page.evaluate("document.querySelector('.chart').scrollWidth") > 390
    assert page.evaluate("document.querySelector('svg').getBoundingClientRect().width") > 390
