"""Benchmark: the council-level pass over a national store, against ingesting one report in the same run.

The pass runs at the end of every ingest batch for each council the batch
touched (``pipeline.council_pass``): it gathers the council's facts with
SPARQL (``council_facts``), works out the links (``graph.council.council_quads``)
and checks every quote.  This measures, on a store that holds many councils
(the national store: ``cskg --store DIR ingest ../shared/ofsted-reports
tests/fixtures/accountability``):

  1. the baseline: processing one report of the fixtures as the ingest's
     worker does (text to checked N-Quads), median of N runs;
  2. for every council of the store: gathering its facts, computing its
     links, checking the quotes; the median and the largest per council,
     the total for all councils (what a batch touching every council pays),
     each as a ratio to 1;
  3. gathering every council's facts the way an ingest does when the batch
     holds all of the council's documents: loading their N-Quads (written
     to files beforehand, as the ingest's parent writes them) into a store in
     memory and querying it (``pipeline.council_pass.council_store``).

Run: python bench/council_pass.py --store DIR [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "fixtures" / "reports" / "ilacs-2022-short-shropshire.txt"


def baseline(runs: int) -> float:
    """Seconds to process one report as an ingest worker does (median)."""
    from cskg.pipeline.ingest import _init_worker, process_file
    from cskg.sources.files import default_register

    _init_worker(str(default_register()), {})
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = process_file(str(REPORT), "bench")
        times.append(time.perf_counter() - started)
        assert not result.error, result.error
    return statistics.median(times)


def councils(store) -> list[str]:
    rows = store.query(
        "PREFIX cs: <https://w3id.org/cskg/ontology#> "
        "SELECT DISTINCT ?a WHERE { ?d a cs:Document ; cs:localAuthority ?a }",
        use_default_graph_as_union=True,
    )
    return sorted(r["a"].value.rsplit("/", 1)[1] for r in rows)


def main() -> None:
    import pyoxigraph as ox

    from cskg.graph.council import council_quads
    from cskg.graph.provenance import check_quads, quoted_facts
    from cskg.pipeline.council_pass import KeptTexts, council_facts
    from cskg.store.database import live_folder, read_manifest

    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True, help="a store holding many councils (the national store)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    live = live_folder(Path(args.store), read_manifest(Path(args.store)))  # the store's current generation
    store = ox.Store.read_only(str(live / "db"))
    text_of = KeptTexts(live / "texts", ROOT / "data" / "sources")  # as the ingest's pass reads them

    one = baseline(args.runs)
    print(f"baseline: one report processed as an ingest worker does: {one * 1000:.0f} ms (median of {args.runs})")
    per: list[tuple[float, str, int]] = []
    gather = link = check = 0.0
    for slug in councils(store):
        t0 = time.perf_counter()
        facts = council_facts(store, slug)
        t1 = time.perf_counter()
        w = council_quads(facts)
        t2 = time.perf_counter()
        files = {f.file for f in quoted_facts(w.quads)}
        check_quads(w.quads, {f: text_of(f) for f in files}, "")
        t3 = time.perf_counter()
        gather, link, check = gather + t1 - t0, link + t2 - t1, check + t3 - t2
        per.append((t3 - t0, slug, len(w.quads)))
    total = sum(t for t, _, _ in per)
    slowest = max(per)
    print(f"councils: {len(per)}; derived quads: {sum(n for _, _, n in per)}")
    print(
        f"per council: median {statistics.median(t for t, _, _ in per) * 1000:.0f} ms "
        f"({statistics.median(t for t, _, _ in per) / one:.2f} x one report); "
        f"slowest {slowest[1]} {slowest[0] * 1000:.0f} ms ({slowest[0] / one:.2f} x)"
    )
    print(
        f"all councils: {total:.1f} s ({total / one:.0f} x one report): gathering facts {gather:.1f} s, "
        f"links {link:.1f} s, quote checks {check:.1f} s"
    )
    loading, querying = gather_in_memory(store, [slug for _, slug, _ in per])
    in_memory = loading + querying
    print(
        f"gathering facts from each council's own documents in memory: {in_memory:.1f} s "
        f"({in_memory / gather:.2f} x gathering them from the store): loading the N-Quads {loading:.1f} s, "
        f"queries {querying:.1f} s ({querying / gather:.2f} x)"
    )


def gather_in_memory(store, slugs: list[str]) -> tuple[float, float]:
    """Seconds to load each council's document graphs (as N-Quads files) into memory, and to gather its facts."""
    import tempfile

    import pyoxigraph as ox

    from cskg.iris import authority_iri
    from cskg.pipeline.council_pass import council_facts, council_store

    loading = querying = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for slug in slugs:
            rows = store.query(
                "PREFIX cs: <https://w3id.org/cskg/ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a cs:Document ; "
                f"cs:localAuthority <{authority_iri(slug)}> }} }}"
            )
            files = []
            for n, row in enumerate(rows):
                path = Path(folder) / f"{slug}-{n}.nq"
                quads = store.quads_for_pattern(None, None, None, row["g"])
                path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
                files.append(path)
            started = time.perf_counter()
            in_memory = council_store(files)
            loaded = time.perf_counter()
            council_facts(in_memory, slug)
            loading, querying = loading + loaded - started, querying + time.perf_counter() - loaded
    return loading, querying


if __name__ == "__main__":
    main()
