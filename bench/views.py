"""Benchmark the network views: writing the service view, and time to a settled network in Chromium.

1. `cskg view evolve -o FILE` as a new process (what a user waits for),
   beside `python -c pass`; and the same view rendered in a warm process
   (`kg.view("evolve").write(...)`, imports already paid).
2. Each view opened in Debian's chromium (Playwright, file://): time from
   navigation start to the page's `window.cskgView.stabilised` (physics
   stabilised and switched off, or the first drawing for the column layouts).

Prints median, min and max.  Targets (issue 5): service view written
<= 0.5 s, interactive in Chromium <= 1.5 s.
Run: python bench/views.py [RUNS]   (default 7)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from process_timing import bench_env, compile_package, cskg_command, report, time_process

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = bench_env()
    store = env["CSKG_STORE"]
    compile_package()
    out = Path(tempfile.mkdtemp(prefix="cskg-bench-views-"))
    command = cskg_command()

    print("Writing views")
    report("python -c pass", time_process([sys.executable, "-c", "pass"], env, runs))
    report(
        "cskg view evolve -o FILE (new process)",
        time_process([*command, "view", "evolve", "-o", str(out / "e.html")], env, runs),
    )
    report(
        "cskg view -o FILE (overview, new process)",
        time_process([*command, "view", "-o", str(out / "o.html")], env, runs),
    )

    from cskg import open_graph

    kg = open_graph(store)
    kg.view("evolve")  # imports (networkx, pyvis) and first queries
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        kg.view("evolve").write(out / "evolve.html")
        warm.append((time.perf_counter() - start) * 1000)
    report("kg.view('evolve').write() (warm process)", warm)

    views = {
        "service-evolve": {"name": "evolve"},
        "overview": {},
        "accountability": {"accountability": True},
        "compare-2022-2025": {"compare": (2022, 2025)},
    }
    for name, kwargs in views.items():
        kg.view(**kwargs).write(out / f"{name}.html")

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        print("no chromium: skipping the browser timings (apt-get install -y chromium)")
        return
    from playwright.sync_api import sync_playwright

    print("Time to a settled network in Chromium (navigation start -> stabilised)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name in views:
            times = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto((out / f"{name}.html").as_uri())
                page.wait_for_function("window.cskgView && window.cskgView.ready === true", polling=20, timeout=60000)
                times.append(page.evaluate("window.cskgView.stabilised"))
                page.close()
            report(f"{name} in chromium", times)
        browser.close()
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
