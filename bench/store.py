"""Benchmark: rdflib in memory against pyoxigraph on disk, on the national graph.

Takes a national store built by ``cskg ingest`` (e.g. by bench/ingest.py
--store DIR), dumps it to N-Quads once, then measures for each library:
load time (N-Quads into the store), open time (a new process opening the
stored graph: for rdflib there is no persistent store, so opening means
parsing again), resident memory after loading, and the national queries
(examples/queries/national-*.rq, default parameters): median, min, max.

Run: python bench/store.py STORE [--runs 3] [--rdflib-runs 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stats(times: list[float]) -> str:
    return f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})"


def queries() -> list[tuple[str, str]]:
    from cskg.sparql.binding import bind
    from cskg.sparql.library import list_library

    out = []
    for lq in list_library():
        if lq.name.startswith("national-"):
            terms = bind(lq, {})
            text = lq.text
            for name, term in terms.items():  # literal defaults, spliced as serialised terms for rdflib
                text = text.replace("WHERE {", f"WHERE {{ VALUES ?{name} {{ {term} }}", 1)
            out.append((lq.name, text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rdflib-runs", type=int, default=1)
    args = ap.parse_args()
    import pyoxigraph as ox

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    from cskg.store.database import open_store

    src = open_store(Path(args.store))
    tmp = Path(tempfile.mkdtemp(prefix="cskg-storebench-"))
    nq = tmp / "national.nq"
    t = time.perf_counter()
    nq.write_bytes(src.dump(format=ox.RdfFormat.N_QUADS))
    print(f"dump: {time.perf_counter() - t:.1f} s, {nq.stat().st_size / 1e6:.0f} MB of N-Quads, {len(src)} quads")
    del src
    qs = queries()

    # pyoxigraph on disk
    base = rss_mb()
    t = time.perf_counter()
    db = ox.Store(str(tmp / "ox"))
    db.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    db.flush()
    load = time.perf_counter() - t
    print(f"pyoxigraph: load {load:.1f} s, RSS +{rss_mb() - base:.0f} MB while loading")
    del db
    opens = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import pyoxigraph as ox; s = ox.Store.read_only({str(tmp / 'ox')!r}); "
                "next(iter(s.quads_for_pattern(None, None, None, None)))",
            ],
            check=True,
        )
        opens.append((time.perf_counter() - t) * 1000)
    print(f"pyoxigraph: open (new process, import + read-only open + first quad) {stats(opens)}")
    db = ox.Store.read_only(str(tmp / "ox"))
    print(f"pyoxigraph: RSS after open {rss_mb():.0f} MB")
    for name, text in qs:
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            n = len(list(db.query(text, use_default_graph_as_union=True)))
            times.append((time.perf_counter() - t) * 1000)
        print(f"pyoxigraph: {name:<36} {stats(times)} {n} rows")
    del db

    # rdflib in memory
    import rdflib

    base = rss_mb()
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    load = time.perf_counter() - t
    print(f"rdflib: load (= open, no persistent store) {load:.1f} s, RSS +{rss_mb() - base:.0f} MB")
    for name, text in qs:
        times = []
        for _ in range(args.rdflib_runs):
            t = time.perf_counter()
            n = len(list(ds.query(text)))
            times.append((time.perf_counter() - t) * 1000)
        print(f"rdflib: {name:<36} {stats(times)} {n} rows")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
