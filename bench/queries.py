"""Benchmark: every library query of examples/queries through the store.

Each query runs with its header's default parameters (entity names resolved
once beforehand, as the CLI does) on a read-only store opened once; one
warm-up, then N timed runs (default 15).  Prints median, min and max in ms
and the row count, and flags medians over the 50 ms target.

Run: python bench/queries.py [N] [--store DIR] [--only NAME,NAME]
Without --store it uses $CSKG_STORE or builds the embedded corpus into a
temporary folder.  Point --store at the national graph to measure at scale.
"""

import argparse
import os
import statistics
import tempfile
import time

TARGET_MS = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=15)
    parser.add_argument("--store", default=os.environ.get("CSKG_STORE"))
    parser.add_argument("--only", help="Comma-separated query names to time (default: the whole library).")
    args = parser.parse_args()

    from cskg import build_graph, open_graph
    from cskg.sparql import binding, library, runner
    from cskg.store.database import read_manifest

    store = args.store or os.path.join(tempfile.gettempdir(), "cskg-bench-query-store")
    if read_manifest(store) is None:
        build_graph(store)
    kg = open_graph(store, build_if_missing=False)
    print(f"store {store}; {args.runs} runs per query after one warm-up; target median <= {TARGET_MS:.0f} ms")
    print(f"{'query':<24} {'median':>8} {'min':>8} {'max':>8} {'rows':>6}")
    slow = []
    wanted = set(args.only.split(",")) if args.only else None
    for lq in library.list_library():
        if wanted is not None and lq.name not in wanted:
            continue
        terms = binding.bind(lq, {}, lambda name: kg.resolve(name).iri)
        rows = len(runner.run_local(kg.store, lq, terms))
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            runner.run_local(kg.store, lq, terms)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        flag = "  over target" if median > TARGET_MS else ""
        if flag:
            slow.append(lq.name)
        print(f"{lq.name:<24} {median:8.1f} {min(times):8.1f} {max(times):8.1f} {rows:6d}{flag}")
    print(f"{len(slow)} queries over target" + (f": {', '.join(slow)}" if slow else ""))


if __name__ == "__main__":
    main()
