"""Fuzz the ingest with as many seeded cases as asked, and print the figures (issue 17).

The cases, the document kinds and what each case must give are those of
``tests/fuzzing.py`` (the same generator as ``pytest -m fuzz``); this runs
more of them and prints outcomes per kind and the time a case takes.

Run: python bench/fuzz.py [--cases 10000] [--seed 17] [--jobs 2] [--kinds report-text,report-pdf,...]
Exit 1 if any case gave a traceback, a hang or a dead worker.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import KINDS, make_cases, run_cases


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of {', '.join(KINDS)}")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    kinds = args.kinds.split(",")
    with tempfile.TemporaryDirectory(prefix="cskg-fuzz-") as tmp:
        started = time.perf_counter()
        cases = make_cases(args.cases, Path(tmp), args.seed, kinds)
        made = time.perf_counter() - started
        started = time.perf_counter()
        results = run_cases(cases, args.jobs)
        ran = time.perf_counter() - started
    print(f"{len(results)} cases (seed {args.seed}): made in {made:.1f} s, run in {ran:.1f} s on {args.jobs} workers")
    for kind in kinds:
        mine = [r for r in results if f"-{kind}." in Path(r[0]).name]
        times = sorted(r[3] for r in mine)
        counts = Counter(r[1] for r in mine)
        print(
            f"  {kind:<14} {len(mine):>6} cases  "
            + "  ".join(f"{o} {counts[o]}" for o in ("ok", "refused", "bug", "timeout", "died"))
            + f"  s/case median {statistics.median(times):.3f} p99 {times[int(len(times) * 0.99) - 1]:.3f}"
            + f" max {times[-1]:.3f}"
        )
    reasons = Counter(r[2].split(":", 1)[-1].strip()[:70] for r in results if r[1] == "refused")
    print("most common refusals:")
    for reason, n in reasons.most_common(8):
        print(f"  {n:>6}  {reason}")
    bad = [r for r in results if r[1] not in ("ok", "refused")]
    for path, outcome, message, _ in bad[:20]:
        print(f"BAD {outcome}: {Path(path).name}: {message[:300]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
