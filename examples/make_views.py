"""Regenerate the example network views and their screenshots in examples/views/.

Writes service-evolve, overview, accountability and compare-2022-2025 as
self-contained HTML, then opens each in Debian's chromium (through
Playwright) as a person would, on a laptop (1366x768: NAME.png) and on a
phone (390x844: NAME-phone.png), and saves what the page shows at the zoom
it opens at.  Uses the default store of the embedded corpus (or
$CSKG_STORE); on a store of several councils it also writes the national
view and the comparison of one kind of service (virtual schools of Kent and
its statistical neighbours).

Run: python examples/make_views.py [--no-screenshots] [--as-of YYYY-MM-DD] [--national-store DIR]
(--national-store: also the national view of that store, e.g. one made by
`cskg --store DIR ingest ../shared/ofsted-reports`).
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
# name -> keyword arguments of KnowledgeGraph.view
VIEWS = {
    "service-evolve": dict(name="evolve"),
    "overview": dict(),
    "accountability": dict(accountability=True),
    "compare-2022-2025": dict(compare=(2022, 2025)),
}
# Views of a store of many councils (``--national-store``): every council, and one kind of service across
# Kent and its statistical neighbours.
NATIONAL_VIEWS = {
    "national": dict(national=True),
    "compare-virtual-school": dict(compare_service="virtual school", authority="Kent", neighbours=True),
}
SCREENS = {"": (1366, 768), "-phone": (390, 844)}  # file suffix -> viewport


def write_views(as_of: date, national_store: Path | None = None) -> list[Path]:
    from cskg.lookup.councils import councils_in

    kg = open_graph()
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    if national_store or len(councils_in(kg)) > 1:
        national = open_graph(national_store, build_if_missing=False) if national_store else kg
        for name, kwargs in NATIONAL_VIEWS.items():
            view = national.view(**kwargs)
            written.append(view.write(OUT / f"{name}.html"))
            print(f"{name}.html: {view.counts['nodes']} nodes, {view.counts['edges']} links")
            VIEWS[name] = kwargs
    for name, kwargs in VIEWS.items():
        if name in NATIONAL_VIEWS:
            continue
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
        for name in VIEWS:
            for suffix, (width, height) in SCREENS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto((OUT / f"{name}.html").as_uri())
                page.wait_for_function("window.cskgView && window.cskgView.ready === true", polling=50, timeout=60000)
                page.screenshot(path=str(OUT / f"{name}{suffix}.png"))
                page.close()
                print(f"{name}{suffix}.png")
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
    parser.add_argument("--national-store", type=Path, help="a store of many councils for the national view")
    args = parser.parse_args()
    write_views(args.as_of, args.national_store)
    if not args.no_screenshots:
        screenshots()


if __name__ == "__main__":
    main()
