"""Regenerate the example network views and their screenshots in examples/views/.

Writes service-evolve, overview, accountability and compare-2022-2025 as
self-contained HTML, then opens each in Debian's chromium (through
Playwright) and saves a PNG of the settled network.  Uses the default store
of the embedded corpus (or $CSKG_STORE).

Run: python examples/make_views.py [--no-screenshots] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import shutil
from datetime import date
from pathlib import Path

from cskg import open_graph

OUT = Path(__file__).resolve().parent / "views"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# name -> (keyword arguments of KnowledgeGraph.view, screenshot viewport)
VIEWS = {
    "service-evolve": (dict(name="evolve"), (1500, 950)),
    "overview": (dict(), (1600, 1050)),
    "accountability": (dict(accountability=True), (1600, 1100)),
    "compare-2022-2025": (dict(compare=(2022, 2025)), (1600, 1350)),
}


def write_views(as_of: date) -> list[Path]:
    kg = open_graph()
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (kwargs, _) in VIEWS.items():
        if kwargs.get("accountability"):
            kwargs = dict(kwargs, as_of=as_of)
        view = kg.view(**kwargs)
        written.append(view.write(OUT / f"{name}.html"))
        print(f"{name}.html: {view.counts['nodes']} nodes, {view.counts['edges']} links")
    return written


def screenshots() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, (_, (width, height)) in VIEWS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto((OUT / f"{name}.html").as_uri())
            page.wait_for_function("window.cskgView && window.cskgView.ready === true", polling=50, timeout=60000)
            page.evaluate("window.cskgView.network.fit({animation: false})")
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(f"{name}.png")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-screenshots", action="store_true")
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=date.today(),
        help="date the accountability view counts actions overdue from (default today)",
    )
    args = parser.parse_args()
    write_views(args.as_of)
    if not args.no_screenshots:
        screenshots()


if __name__ == "__main__":
    main()
