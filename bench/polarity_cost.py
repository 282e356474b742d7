"""Benchmark: cost of cskg.extract.polarity.polarity per sentence, against an earlier version in the same run.

A national ingest classifies about 120,000 findings sentences.  This script
classifies every sentence of the report texts in tests/fixtures/ (parser
fixtures, held-out texts) and of the national polarity set, repeated up to
--calls calls, with

  1. the polarity module of --baseline (a git revision; default: where this
     branch left main), loaded from git into a temporary module, and
  2. the polarity of the working tree (rules, then the word model),

alternating the two --runs times so that the machine's load falls on both.
It prints the median time per sentence of each, their ratio, and what the
difference costs a 120,000-sentence ingest.  The word model's one-off load
(reading polarity_weights.json) is timed apart.

Run: python bench/polarity_cost.py [--calls 120000] [--runs 3] [--baseline REV]
"""

from __future__ import annotations

import argparse
import importlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def sentences() -> list[str]:
    """Every paragraph sentence of the fixture reports, and the national set's labelled sentences."""
    import yaml

    from cskg.parse.report import parse_report

    out = []
    for path in sorted([*(FIXTURES / "reports").glob("*.txt"), *(FIXTURES / "heldout").glob("*.txt")]):
        report = parse_report(path.read_text(encoding="utf-8"), path.name)
        out += [s.text for p in report.paragraphs if p.kind == "paragraph" for s in p.sentences]
    for path in sorted((FIXTURES / "annotations" / "polarity-national").glob("*.yaml")):
        out += [s["text"].replace("\ufffe", "-") for s in yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]]
    return out


def baseline_module(rev: str):
    """The polarity module as it was at ``rev``, imported from the package of that revision under another name.

    The whole package is unpacked (``git archive``) because the module imports
    its neighbours relatively (the word model, the folding helpers).
    """
    folder = Path(tempfile.mkdtemp(prefix="polarity-baseline-"))
    archive = subprocess.run(["git", "archive", rev, "src/cskg"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # the "data" filter refuses links and absolute paths; Pythons before 3.11.4 have no filters
        tar.extractall(folder, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    (folder / "src" / "cskg").rename(folder / "cskg_baseline")
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module("cskg_baseline.extract.polarity")
    finally:
        sys.path.remove(str(folder))


def time_calls(classify, texts: list[str]) -> float:
    start = time.perf_counter()
    for t in texts:
        classify(t)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=120_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", default=None, help="git revision of the baseline (default: merge-base with main)")
    args = parser.parse_args()
    rev = (
        args.baseline
        or subprocess.run(
            ["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    )

    from cskg.extract import polarity_model
    from cskg.extract.polarity import polarity

    start = time.perf_counter()
    polarity_model.word_model()
    load_ms = (time.perf_counter() - start) * 1000

    base = sentences()
    texts = (base * (args.calls // len(base) + 1))[: args.calls]
    old = baseline_module(rev).polarity
    print(f"{len(base)} distinct sentences, {len(texts)} calls per run; baseline {rev[:12]}")
    old_times, new_times = [], []
    for _ in range(args.runs):
        old_times.append(time_calls(old, texts))
        new_times.append(time_calls(polarity, texts))
    old_s, new_s = statistics.median(old_times), statistics.median(new_times)
    per = 1e6 / len(texts)
    print(f"baseline: {old_s * per:.1f} µs per sentence (median of {args.runs}: {old_s:.2f} s)")
    print(f"now:      {new_s * per:.1f} µs per sentence (median of {args.runs}: {new_s:.2f} s)")
    extra = (new_s - old_s) * 120_000 / len(texts)
    print(f"ratio now/baseline {new_s / old_s:.2f}; a 120,000-sentence ingest pays {extra:+.2f} s of CPU")
    print(f"word model load (once per process): {load_ms:.1f} ms")
    changed = sum(old(t) != polarity(t) for t in base)
    print(f"sentences whose polarity changed: {changed} of {len(base)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
