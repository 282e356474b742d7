"""Benchmark: the national ingest (all Ofsted PDFs) and lookups on the national store.

Measures, in one run so that the machine's load is the same for all of them:
  1. bare text extraction of every PDF with pypdfium2 across the same number
     of worker processes (the floor any ingest must pay);
  2. ``cskg ingest`` of the whole folder into a store that already holds the
     embedded corpus (wall time, its ratio to 1., peak memory of the parent
     and of the largest worker);
  3. every library query (examples/queries/*.rq, with their default
     parameters) on the national store: median, min, max of N runs;
  4. ``cskg --store NATIONAL show evolve`` and the other commands of ``COMMANDS``
     (search, list, timeline of one council) as new processes: median, min, max.
The load average is printed before and after: other processes share the cores.

Run: python bench/ingest.py [--folder ../shared/ofsted-reports] [--jobs 2] [--runs 5] [--store DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _extract(path: str) -> int:
    from cskg.sources.pdf import extract_pdf_text

    try:
        return len(extract_pdf_text(path))
    except Exception:
        return 0


def stats(times: list[float]) -> str:
    return f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})"


_QUERY_RUNNER = """
import sys, time, json
from cskg import open_graph
from cskg.sparql.library import load
from cskg.sparql.binding import bind
from cskg.sparql.runner import run_local
kg = open_graph(sys.argv[1])
lq = load(sys.argv[2])
terms = bind(lq, {}, resolve_entity=lambda name: kg.resolve(name).iri)
times = []
for _ in range(int(sys.argv[3])):
    t = time.perf_counter()
    rows = len(run_local(kg.store, lq, terms).rows)
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"times": times, "rows": rows}))
"""


def time_queries(store: Path, runs: int, timeout: float) -> None:
    """Every library query in its own process, so that one slow query cannot stall the bench."""
    import json

    from cskg.sparql.library import list_library

    print(f"3. library queries on the national store ({runs} runs each, {timeout:.0f} s limit per query):")
    for lq in list_library():
        try:
            proc = subprocess.run(
                [sys.executable, "-c", _QUERY_RUNNER, str(store), lq.name, str(runs)],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            print(f"   {lq.name:<36} over {timeout:.0f} s (stopped)")
            continue
        if proc.returncode:
            print(f"   {lq.name:<36} error: {(proc.stderr.strip().splitlines() or ['?'])[-1][:80]}")
            continue
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"   {lq.name:<36} {stats(out['times'])}  {out['rows']} rows")


# Commands people type against the national store, each timed as a new process (what a user waits for).
COMMANDS = [
    ("show evolve", ["show", "evolve"]),
    ('search "pathway plan"', ["search", "pathway plan"]),
    ('search "care"', ["search", "care"]),
    ('search "pathway plan" --authority Kent', ["search", "pathway plan", "--authority", "Kent"]),
    ("list --authority Kent", ["list", "--authority", "Kent"]),
    ("timeline --authority Kent", ["timeline", "--authority", "Kent"]),
    ("timeline (Rotherham)", ["timeline"]),
    (
        "view --authority Kent",
        ["view", "--authority", "Kent", "-o", os.path.join(tempfile.gettempdir(), "cskg-bench-view.html")],
    ),
    ("view evolve", ["view", "evolve", "-o", os.path.join(tempfile.gettempdir(), "cskg-bench-view.html")]),
]


def time_commands(store: Path, runs: int) -> None:
    from process_timing import compile_package, cskg_command, time_process

    compile_package()  # as an installed package's bytecode is (see process_timing)
    env = dict(os.environ, CSKG_STORE=str(store))
    bare = time_process([sys.executable, "-c", "pass"], env, runs)
    print(
        f"4. commands on the national store, each a new process ({runs} runs after one warm-up; "
        f"python -c pass: {stats(bare)}):"
    )
    for name, args in COMMANDS:
        time_process(cskg_command() + args, env, 1)
        print(f"   cskg {name:<40} {stats(time_process(cskg_command() + args, env, runs))}")
    print(f"load average {os.getloadavg()[0]:.2f} (1 min) at the end")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "ofsted-reports"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--store", help="national store to write (default: a temporary folder, removed afterwards)")
    ap.add_argument(
        "--reuse", action="store_true", help="skip 1. and 2.: time queries and commands on --store as it is"
    )
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per library query (all runs)")
    ap.add_argument("--ingest-only", action="store_true", help="stop after 2. (no library queries, no commands)")
    args = ap.parse_args()
    folder = Path(args.folder)
    pdfs = sorted(str(p) for p in folder.rglob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDFs under {folder}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (1 min) at start")
    print(f"files: {len(pdfs)} PDFs under {folder}, jobs={args.jobs}")
    if args.reuse:
        store = Path(args.store)
        time_queries(store, args.runs, args.timeout)
        time_commands(store, args.runs)
        return

    start = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ProcessPoolExecutor(args.jobs) as pool:
        chars = sum(pool.map(_extract, pdfs, chunksize=4))
    bare = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    bare_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    print(f"1. bare text extraction: {bare:.1f} s wall, {bare_cpu:.1f} s CPU ({chars / 1e6:.1f} M characters)")

    from cskg import build_graph
    from cskg.pipeline.ingest import ingest

    tmp = None
    if args.store:
        store = Path(args.store)
        shutil.rmtree(store, ignore_errors=True)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="cskg-national-"))
        store = tmp / "store"
    t = time.perf_counter()
    build_graph(store)
    print(f"   embedded corpus built first in {time.perf_counter() - t:.1f} s (not counted below)")
    start = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    report = ingest([folder], store, jobs=args.jobs)
    wall = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    parent_cpu, worker_cpu = (
        (a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime) for a, b in zip(cpu_after, cpu_before, strict=False)
    )
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"2. ingest: {wall:.1f} s wall for {len(pdfs)} files = {wall / bare:.1f} x bare extraction; "
        f"ingested {len(report.ingested) + len(report.replaced)}, skipped {len(report.skipped)}, "
        f"failed {len(report.failed)}; {report.quads} quads"
    )
    print(
        f"   CPU: parent {parent_cpu:.1f} s (writing the store), workers {worker_cpu:.1f} s (text, parse, "
        f"extract, build, check); load average {os.getloadavg()[0]:.2f} (1 min) after the ingest"
    )
    print(f"   peak memory: parent {parent:.0f} MB, largest worker {worker:.0f} MB")
    print(f"   store on disk: {sum(f.stat().st_size for f in store.rglob('*') if f.is_file()) / 1e6:.0f} MB")

    if not args.ingest_only:
        time_queries(store, args.runs, args.timeout)
        time_commands(store, args.runs)
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
