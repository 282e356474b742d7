"""`cskg export --format csv`: one row per finding, each quote verifiable against its source."""

from __future__ import annotations

import csv
import io
import stat

from conftest import SOURCES, run_cli

from cskg.graph.provenance import QuotedFact, check_offsets


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_csv_has_one_row_per_finding_with_verifiable_quotes(kg, tmp_path):
    from cskg.views.export import export_graph

    out = tmp_path / "findings.csv"
    assert export_graph(kg, "csv", out) is None
    rows = _rows(out.read_bytes())
    assert len(rows) == len({r["finding"] for r in rows}) == _count_findings(kg)
    facts = [QuotedFact(r["finding"], r["document"], r["text"], int(r["start"]), int(r["end"])) for r in rows]
    texts = {f.file: (SOURCES / f.file).read_text(encoding="utf-8") for f in facts}
    assert check_offsets(facts, texts) == []  # quotes re-derive from the source at the exported offsets
    assert {r["polarity"] for r in rows} == {"strength", "weakness", "context"}
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # readable by others, unlike a bare mkstemp file


def _count_findings(kg) -> int:
    """Counted straight from the store, not through the export's query."""
    import pyoxigraph as ox

    from cskg.namespace import cs, rdf

    return len(set(kg.store.quads_for_pattern(None, ox.NamedNode(rdf.type), ox.NamedNode(cs.Finding))))


def test_csv_agrees_with_show(kg):
    from cskg.views.export import export_graph

    rows = _rows(export_graph(kg, "csv"))
    about_evolve = [r for r in rows if "evolve" in r["entities"].split()]
    assert {r["text"] for r in about_evolve} == {f["text"] for f in kg.show("evolve")["findings"]}
    weak = [r for r in rows if r["polarity"] == "weakness"]
    assert all(r["area"] for r in weak if r["year"] == "2025")


def test_csv_from_the_command_line(store_path):
    result = run_cli("export", "--format", "csv", store=store_path)
    assert result.returncode == 0
    rows = _rows(result.stdout)
    assert rows[0].keys() >= {"finding", "document", "paragraph", "polarity", "text"}
    assert {r["year"] for r in rows} == {"2022", "2025"}


def _store_quads(kg) -> set[tuple]:
    """The store's quads as (s, p, o, g) N-Triples-style strings, the default graph as ''."""
    import pyoxigraph as ox

    return {
        (
            str(q.subject),
            str(q.predicate),
            str(q.object),
            "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name),
        )
        for q in kg.store.quads_for_pattern(None, None, None, None)
    }


def test_jsonld_has_a_context_and_keeps_named_graphs(kg, tmp_path):
    """The JSON-LD export reads back, with rdflib and with pyoxigraph, as exactly the store's quads."""
    import json

    import pyoxigraph as ox
    import rdflib

    from cskg.namespace import PREFIXES
    from cskg.views.export import export_graph

    out = tmp_path / "g.jsonld"
    export_graph(kg, "jsonld", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {k: v for k, v in document["@context"].items() if not k.startswith("@")} == PREFIXES
    named = [n for n in document["@graph"] if "@graph" in n]
    assert named and all(n["@id"].startswith("csd:") for n in named)
    # A typed literal keeps its datatype, compacted with the context's prefix.
    assert '"@type": "xsd:integer"' in out.read_text(encoding="utf-8")

    expected = _store_quads(kg)
    assert len({q[3] for q in expected}) > 5  # several named graphs to keep
    read_by_oxigraph = {
        (
            str(q.subject),
            str(q.predicate),
            str(q.object),
            "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name),
        )
        for q in ox.parse(path=str(out), format=ox.RdfFormat.JSON_LD)
    }
    assert read_by_oxigraph == expected

    dataset = rdflib.Dataset()
    dataset.parse(out, format="json-ld")
    read_by_rdflib = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = "" if g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else g.n3()
        read_by_rdflib.add((s.n3(), p.n3(), o.n3(), graph))
    assert len(read_by_rdflib) == len(expected)
    assert {q[3] for q in read_by_rdflib} == {q[3] for q in expected}
    assert {q for q in read_by_rdflib if q[3]} == {q for q in expected if q[3]}
