"""Seeded fuzzing of the ingest: every kind of document, mutated; no traceback, no hang, the store whole (issue 17).

``pytest -m fuzz`` runs 300 cases (under a minute on two cores);
``pytest -m fuzz --fuzz-cases 10000`` or ``python bench/fuzz.py --cases
10000`` runs more.  The cases and what each must give are in
``tests/fuzzing.py``.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import run_cli
from fuzzing import KINDS, make_cases, run_cases

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]


def test_every_mutated_document_is_read_or_refused_in_one_line(tmp_path, fuzz_cases):
    cases = make_cases(fuzz_cases, tmp_path / "cases")
    results = run_cases(cases)
    outcomes = Counter(outcome for _, outcome, _, _ in results)
    bad = [(Path(p).name, o, m[:300]) for p, o, m, _ in results if o not in ("ok", "refused")]
    assert not bad, f"{len(bad)} of {len(results)} cases failed badly: {bad[:5]}"
    assert len(results) == fuzz_cases
    # The mutations reach the parser: some cases are read whole, some refused, for every kind.
    for kind in KINDS:
        kinds = Counter(o for p, o, _, _ in results if f"-{kind}." in Path(p).name)
        assert kinds["ok"] + kinds["refused"] == sum(kinds.values()) > 0, (kind, kinds)
    assert outcomes["ok"] and outcomes["refused"], outcomes


def test_a_batch_of_mutated_documents_leaves_the_store_old_or_replaced_whole(store_path, tmp_path):
    """Through `cskg ingest`: exit 0 or 2, one line a failure, and each file's graph fully in or not at all."""
    import pyoxigraph as ox

    from cskg.store.database import open_store

    store = tmp_path / "store"
    shutil.copytree(store_path, store)
    before = {q for q in open_store(store).quads_for_pattern(None, None, None, None)}
    cases = make_cases(24, tmp_path / "inbox", seed=1717)
    proc = run_cli("--store", str(store), "ingest", str(tmp_path / "inbox"), "--jobs", "2", "--json")
    err = proc.stderr.decode()
    assert proc.returncode in (0, 2) and "Traceback" not in err, err[-3000:]
    assert all(line.startswith(("cskg: ", "[")) for line in err.splitlines()), err[-3000:]
    report = json.loads(proc.stdout)
    assert len(report["ingested"]) + len(report["skipped"]) + len(report["failed"]) == len(cases)
    after_store = open_store(store)
    after = {q for q in after_store.quads_for_pattern(None, None, None, None)}
    authorities = "https://w3id.org/cskg/id/graph/authorities"
    derived = "https://w3id.org/cskg/id/graph/council/"  # the council-level pass recomputes these whole

    def own(q) -> bool:
        return q.graph_name.value != authorities and not q.graph_name.value.startswith(derived)

    kept = {q for q in before if own(q)}
    assert kept <= after  # nothing of the store before was lost
    manifest = json.loads((store / "cskg-store.json").read_text())["ingested"]
    assert sorted(manifest) == sorted(report["ingested"])
    for path, entry in manifest.items():
        graph = ox.NamedNode(f"https://w3id.org/cskg/id/{entry['graph']}")
        quads = sum(1 for _ in after_store.quads_for_pattern(None, None, None, graph))
        assert quads == entry["quads"], path  # each ingested file whole
    new_graphs = {q.graph_name.value for q in after - before if own(q)}
    assert new_graphs == {f"https://w3id.org/cskg/id/{e['graph']}" for e in manifest.values()}
    councils = {q.graph_name.value[len(derived) :] for q in after if q.graph_name.value.startswith(derived)}
    assert {e["authority"] for e in manifest.values()} <= councils  # each council touched has its derived graph
