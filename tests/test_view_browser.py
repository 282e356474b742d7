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


def open_view(browser, path: Path) -> Opened:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
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
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.evaluate("window.cskgView.network.fit({animation: false})")
    page.screenshot(path=str(path))
    return path


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
    assert counts["kinds"]["inspection"] == count(kg, "SELECT (COUNT(?i) AS ?n) WHERE { ?i a cs:Inspection }")
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
