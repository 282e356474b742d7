"""`cskg reports`: the reports in a store with their counts and self-check, and the quality node behind it.

The embedded corpus's two Rotherham reports are sound; an ingest of a
truncated report (pages 1-2 of Leeds 2025) writes it all the same, with its
problems in a ``cs:QualityCheck`` of its named graph, lists it as suspect at
the end, and ``cskg reports --suspect`` names it and only it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

REPORTS = FIXTURES / "reports"
CS = "https://w3id.org/cskg/ontology#"


def _count(kg, query: str) -> int:
    from cskg.namespace import prefix_block

    return int(next(iter(kg.store.query(prefix_block() + query, use_default_graph_as_union=True)))["n"].value)


def test_the_embedded_reports_are_listed_sound_with_the_graphs_own_counts(kg):
    rows = kg.reports()
    assert [r["document"] for r in rows] == ["ofsted-ilacs-rotherham-2022.txt", "ofsted-ilacs-rotherham-2025.txt"]
    for r in rows:
        assert r["verdict"] == "sound" and r["problems"] == [] and r["council"] == "rotherham"
        assert r["framework"] == "ILACS" and r["start"] < r["end"]
        inspection = f"csd:{r['inspection'].replace('/', chr(92) + '/')}"
        stem = r["document"].removesuffix(".txt")
        assert r["findings"] == _count(
            kg, f"SELECT (COUNT(?f) AS ?n) WHERE {{ ?f a cs:Finding ; cs:inInspection {inspection} }}"
        )
        assert r["weaknesses"] == _count(
            kg, f"SELECT (COUNT(?f) AS ?n) WHERE {{ ?f cs:inInspection {inspection} ; cs:polarity cs:Weakness }}"
        )
        assert r["improvement_areas"] == _count(kg, f"SELECT (COUNT(?i) AS ?n) WHERE {{ ?i cs:raisedBy {inspection} }}")
        assert r["paragraphs"] == _count(
            kg, f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a cs:Paragraph ; dcterms:isPartOf csd:document\\/{stem} }}"
        )
    assert kg.reports(suspect=True) == []


def test_cli_reports_json_is_what_the_api_returns(kg, store_path):
    proc = run_cli("reports", "--json", store=store_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout) == kg.reports()
    text = run_cli("reports", store=store_path)
    assert text.returncode == 0 and "2 reports: 2 sound, 0 suspect" in text.stdout.decode()
    none = run_cli("reports", "--suspect", store=store_path)
    assert none.returncode == 1  # nothing found: no suspect report in the embedded corpus


def test_an_unknown_council_is_a_one_line_error(store_path):
    proc = run_cli("reports", "--authority", "Atlantis", store=store_path)
    assert proc.returncode == 2 and len(proc.stderr.decode().strip().splitlines()) == 1


@pytest.mark.slow
def test_a_truncated_report_is_ingested_suspect_and_listed(store_path, tmp_path):
    from cskg import open_graph

    store = tmp_path / "store"
    shutil.copytree(store_path, store)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(REPORTS / "ilacs-2025-truncated-leeds.txt", inbox / "leeds-2025.txt")
    shutil.copy(REPORTS / "ilacs-2024-standard-cumberland.txt", inbox / "cumberland-2024.txt")
    proc = run_cli("--store", str(store), "ingest", str(inbox), "--json")
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    suspect = json.loads(proc.stdout)["suspect"]
    assert [Path(s["file"]).name for s in suspect] == ["leeds-2025.txt"]
    assert "no findings under IlacsCareLeavers" in suspect[0]["problems"]
    lines = [ln for ln in err.splitlines() if ln.startswith("cskg: suspect:")]
    assert len(lines) == 1 and "leeds-2025.txt" in lines[0] and "no findings under IlacsLeadership" in lines[0]
    assert "(1 suspect)" in err

    kg = open_graph(store)
    listed = kg.reports(suspect=True)
    assert [r["council"] for r in listed] == ["leeds"] and listed[0]["problems"] == sorted(suspect[0]["problems"])
    assert {r["council"]: r["verdict"] for r in kg.reports()}["cumberland"] == "sound"
    # The quality node lives in the report's own named graph: replacing the report replaces it.
    graph = next(r for r in kg.reports() if r["council"] == "leeds")["document"].removesuffix(".txt")
    rows = list(
        kg.store.query(
            f"SELECT ?v (COUNT(?p) AS ?n) WHERE {{ GRAPH <https://w3id.org/cskg/id/graph/{graph}> "
            f"{{ ?c a <{CS}QualityCheck> ; <{CS}verdict> ?v ; <{CS}problem> ?p }} }} GROUP BY ?v"
        )
    )
    assert [(r["v"].value, int(r["n"].value)) for r in rows] == [(f"{CS}Suspect", 3)]
    cli = run_cli("--store", str(store), "reports", "--suspect")
    assert cli.returncode == 0 and "! no findings under IlacsChildrenInCare" in cli.stdout.decode()
    assert "Cumberland" not in cli.stdout.decode()


@pytest.mark.slow
def test_a_suspect_check_without_a_problem_is_a_shacl_violation(kg):
    import pyshacl
    import rdflib

    from cskg.sources.files import project_path
    from cskg.views.export import export_graph

    cs = rdflib.Namespace(CS)
    data = rdflib.Graph()
    data.parse(data=export_graph(kg, "nt"), format="nt")
    check = next(data.subjects(rdflib.RDF.type, cs.QualityCheck))
    data.set((check, cs.verdict, cs.Suspect))
    shapes = rdflib.Graph().parse(project_path("ontology") / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert not conforms and str(check) in text
