"""The graph built from the embedded corpus: counts, determinism, atomic failure."""

from __future__ import annotations

import shutil

import pytest
from conftest import SOURCES, live, run_cli

from cskg import build_graph
from cskg.store.database import open_store, sorted_nquads

# Each test builds or ingests into a store of its own (a second or more each).
pytestmark = pytest.mark.slow


def count(kg, query: str) -> int:
    from cskg.namespace import prefix_block

    rows = list(kg.store.query(prefix_block() + query, use_default_graph_as_union=True))
    return int(rows[0][0].value)


@pytest.mark.parametrize("stem,paragraphs", [("ofsted-ilacs-rotherham-2025", 58), ("ofsted-ilacs-rotherham-2022", 60)])
def test_numbered_paragraphs(kg, stem, paragraphs):
    n = count(
        kg,
        f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a cs:Paragraph ; cs:number ?k ; dcterms:isPartOf csd:document\\/{stem} . ?s cs:inInspection ?i ; prov:wasDerivedFrom ?p }}",
    )
    assert n == paragraphs


@pytest.mark.parametrize(
    "year,grades",
    [
        (2025, {"Outstanding": 4, "Good": 1}),
        (2022, {"Good": 4}),
        (2017, {"Good": 4, "Outstanding": 1, "RequiresImprovement": 1}),
        (2014, {"Inadequate": 5, "RequiresImprovement": 1}),
    ],
)
def test_grades_per_inspection(kg, year, grades):
    from cskg.namespace import prefix_block

    rows = kg.store.query(
        prefix_block() + f"SELECT ?g WHERE {{ ?j cs:ofInspection csd:inspection\\/rotherham\\/{year} ; cs:grade ?g }}",
        use_default_graph_as_union=True,
    )
    found: dict[str, int] = {}
    for r in rows:
        key = r[0].value.rsplit("#", 1)[1]
        found[key] = found.get(key, 0) + 1
    assert found == grades


@pytest.mark.parametrize("year,items", [(2025, 2), (2022, 4)])
def test_improvement_areas(kg, year, items):
    assert (
        count(kg, f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a cs:raisedBy csd:inspection\\/rotherham\\/{year} }}") == items
    )


def test_2025_improvements_cite_outcome_4(kg):
    assert (
        count(
            kg,
            "SELECT (COUNT(?a) AS ?n) WHERE { ?a cs:raisedBy csd:inspection\\/rotherham\\/2025 ; cs:frameworkReference cs:Outcome4 }",
        )
        == 2
    )


def test_no_blank_nodes_outside_the_ontology(kg):
    # OWL list syntax in the ontology needs blank nodes; data never uses them.
    assert (
        count(
            kg,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != csd:graph\\/ontology) FILTER(isBlank(?s) || isBlank(?o)) }",
        )
        == 0
    )


def test_one_named_graph_per_document(kg):
    graphs = {r[0].value for r in kg.store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    stems = {p.stem for p in SOURCES.glob("*.txt")}
    # Plus the council-level pass's derived graph of the corpus's council (csd:graph/council/rotherham).
    assert {g.rsplit("/", 1)[1] for g in graphs} == stems | {"register", "ontology", "rotherham"}
    assert any(g.endswith("/graph/council/rotherham") for g in graphs)


def test_building_twice_gives_the_same_graph(tmp_path, store_path):
    again = tmp_path / "again"
    build_graph(again)
    assert sorted_nquads(open_store(again)) == sorted_nquads(open_store(store_path))


def _copy_sources(tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    return folder


@pytest.mark.parametrize(
    "damage,message",
    [
        (lambda f: (f / "ofsted-ilacs-rotherham-2025.txt").write_text(""), "empty"),
        (lambda f: (f / "ofsted-ilacs-rotherham-2025.txt").write_bytes(b"\x00\x01binary\x00" * 50), "binary"),
        (lambda f: (f / "ofsted-ilacs-rotherham-2025.txt").unlink(), "does not exist"),
        (
            lambda f: (f / "ofsted-ilacs-rotherham-2025.txt").write_text(
                "A recipe for scones.\n\nMix flour and butter.\n"
            ),
            "not an Ofsted inspection report",
        ),
        (
            lambda f: (f / "ofsted-ilacs-rotherham-2025.txt").write_text(
                (f / "ofsted-ilacs-rotherham-2025.txt")
                .read_text()
                .replace("care leavers\tGood", "care leavers\tSplendid")
            ),
            "Splendid",
        ),
    ],
)
def test_bad_input_fails_and_leaves_the_store_untouched(tmp_path, damage, message):
    store = tmp_path / "store"
    build_graph(store)
    before = sorted_nquads(open_store(store))
    folder = _copy_sources(tmp_path)
    damage(folder)
    result = run_cli("--store", str(store), "build", "--sources", str(folder))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert (message in err and "ofsted-ilacs-rotherham-2025" in err) or (message in err and "sources.yaml" in err)
    assert len(err.strip().splitlines()) == 1
    assert sorted_nquads(open_store(store)) == before


def test_finding_counts_agree_with_the_findings(kg):
    """The Data Cube observations count the findings of the graph, per inspection and area."""
    from collections import Counter

    from cskg.namespace import prefix_block

    def rows(query):
        return [
            tuple(t.value for t in r) for r in kg.store.query(prefix_block() + query, use_default_graph_as_union=True)
        ]

    observed = {
        (i, a): (int(n), int(w), int(s))
        for i, a, n, w, s in rows("""SELECT ?i ?a ?n ?w ?s WHERE {
        ?o qb:dataSet csd:dataset\\/findings-by-area ; cs:refInspection ?i ; cs:refJudgementArea ?a ;
           cs:findingCount ?n ; cs:weaknessCount ?w ; cs:strengthCount ?s }""")
    }
    findings = rows("""SELECT ?f ?i ?a ?p WHERE {
        ?f cs:inInspection ?i ; cs:polarity ?p . OPTIONAL { ?f cs:area ?area }
        BIND(COALESCE(?area, cs:NoJudgementArea) AS ?a) }""")
    total = Counter((i, a) for _, i, a, _ in findings)
    weak = Counter((i, a) for _, i, a, p in findings if p.endswith("#Weakness"))
    strong = Counter((i, a) for _, i, a, p in findings if p.endswith("#Strength"))
    assert observed == {k: (total[k], weak[k], strong[k]) for k in total}
    assert sum(n for n, _, _ in observed.values()) == count(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?f a cs:Finding }")
    assert {i.rsplit("/", 1)[-1] for i, _ in observed} == {"2022", "2025"}  # the two reports with findings


def test_a_default_store_of_an_older_format_is_rebuilt_on_first_use(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from cskg.store.database import STORE_VERSION

    env = {k: v for k, v in os.environ.items() if k != "CSKG_STORE"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    manifest = tmp_path / "cskg" / "store" / "cskg-store.json"

    def show() -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "cskg.cli", "show", "evolve"], env=env, capture_output=True, timeout=300
        )
        assert proc.returncode == 0, proc.stderr.decode()
        return proc.stderr.decode()

    assert "no graph built yet" in show()
    old = json.loads(manifest.read_text())
    old["version"] = STORE_VERSION - 1  # as a store written before the search index was
    manifest.write_text(json.dumps(old))
    assert "written by an older cskg" in show()
    assert json.loads(manifest.read_text())["version"] == STORE_VERSION
    assert (live(manifest.parent) / "search.sqlite").exists()
    assert show() == ""  # current now: nothing to say


def test_the_default_store_is_stale_when_the_code_that_reads_the_sources_changes():
    """An upgraded cskg must not answer from a default store its older extraction built."""
    from cskg.pipeline.build import build_inputs
    from cskg.sources.files import PACKAGE_DIR, default_register, default_sources_dir

    inputs = set(build_inputs(default_sources_dir(), default_register()))
    for code in (
        "extract/commitments.py",
        "parse/report.py",
        "graph/document.py",
        "extract/polarity_weights.json",
        "sparql/queries/council-entities.rq",  # the council pass builds part of the default store
    ):
        assert PACKAGE_DIR / code in inputs, code
    assert not any(p.is_relative_to(PACKAGE_DIR / "lookup") for p in inputs)  # answering code does not rebuild
