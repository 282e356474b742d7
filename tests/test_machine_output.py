"""`--json` on the commands that write rather than look up: build and view print what they did."""

from __future__ import annotations

import json

from conftest import run_cli


def test_build_json_reports_the_store_it_wrote(tmp_path):
    from cskg import open_graph

    store = tmp_path / "store"
    result = run_cli("--store", str(store), "build", "--json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert set(report) == {"store", "quads", "documents", "findings", "warnings"}
    kg = open_graph(store)
    # The report counts the quads written, a dozen of which the store holds once (the same fact twice).
    assert report["quads"] >= len(kg.store) > 10000
    documents = kg.query("SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/cskg/ontology#Document> }")
    assert report["documents"] == int(documents.rows[0]["n"].value)
    findings = kg.query("SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/cskg/ontology#Finding> }")
    assert report["findings"] == int(findings.rows[0]["n"].value)
    assert "built " in result.stderr.decode()  # the human line still goes to stderr


def test_view_json_names_the_file_and_its_counts(store_path, tmp_path):
    out = tmp_path / "evolve.html"
    result = run_cli("view", "evolve", "-o", str(out), "--json", store=store_path)
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["file"] == str(out) and out.exists()
    assert report["view"] == "service-evolve"
    html = out.read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="cskg-data">') + len(
        '<script type="application/json" id="cskg-data">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert report["nodes"] == len(data["nodes"]) and report["edges"] == len(data["edges"])
    assert sum(report["kinds"].values()) == report["nodes"]
    assert report["kinds"]["service"] >= 1
