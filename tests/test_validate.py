"""SHACL conformance of the built graph, and that a broken graph is caught."""

from __future__ import annotations

import pytest
from conftest import run_cli

pytestmark = pytest.mark.slow


def test_built_graph_conforms(store_path):
    result = run_cli("validate", store=store_path)
    assert result.returncode == 0, result.stdout.decode()[-2000:]


def test_a_finding_without_polarity_is_a_violation(kg):
    import pyshacl
    import rdflib

    from cskg.sources.files import project_path
    from cskg.views.export import export_graph

    data = rdflib.Graph()
    data.parse(data=export_graph(kg, "nt"), format="nt")
    finding = next(data.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/cskg/ontology#Finding")))
    data.remove((finding, rdflib.URIRef("https://w3id.org/cskg/ontology#polarity"), None))
    shapes = rdflib.Graph().parse(project_path("ontology") / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert not conforms and str(finding) in text


def test_a_finding_count_without_its_area_or_with_a_negative_count_is_a_violation(kg):
    import pyshacl
    import rdflib

    from cskg.sources.files import project_path
    from cskg.views.export import export_graph

    cs = rdflib.Namespace("https://w3id.org/cskg/ontology#")
    data = rdflib.Graph()
    data.parse(data=export_graph(kg, "nt"), format="nt")
    by_area, by_theme = (next(data.subjects(cs.findingCount if k == 0 else cs.refTheme, None)) for k in (0, 1))
    data.remove((by_area, cs.refJudgementArea, None))
    data.set((by_theme, cs.weaknessCount, rdflib.Literal(-1)))
    shapes = rdflib.Graph().parse(project_path("ontology") / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert not conforms and str(by_area) in text and str(by_theme) in text


def test_export_formats_parse_with_rdflib(kg, tmp_path):
    import rdflib

    from cskg.views.export import export_graph

    sizes = {}
    for fmt, parser in [("ttl", "turtle"), ("nt", "nt")]:
        out = tmp_path / f"g.{fmt}"
        export_graph(kg, fmt, out)
        sizes[fmt] = len(rdflib.Graph().parse(out, format=parser))
    assert sizes["ttl"] == sizes["nt"] > 10000


def test_an_entity_without_its_council_is_a_violation(kg):
    import pyshacl
    import rdflib

    from cskg.sources.files import project_path
    from cskg.views.export import export_graph

    cs = rdflib.Namespace("https://w3id.org/cskg/ontology#")
    data = rdflib.Graph()
    data.parse(data=export_graph(kg, "nt"), format="nt")
    service = next(data.subjects(rdflib.RDF.type, cs.Service))
    assert (service, cs.localAuthority, None) in data
    data.remove((service, cs.localAuthority, None))
    shapes = rdflib.Graph().parse(project_path("ontology") / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert not conforms and str(service) in text and "cs:localAuthority" in text


def test_validate_json_lists_each_violation(kg):
    """`validate --json` (the API's report) names the focus node, path and constraint of a planted fault."""
    import pyoxigraph as ox

    from cskg.api import KnowledgeGraph
    from cskg.store.validate import validate_graph

    cs = "https://w3id.org/cskg/ontology#"
    store = ox.Store()
    store.bulk_extend(list(kg.store.quads_for_pattern(None, None, None, None)))
    finding = next(store.quads_for_pattern(None, ox.NamedNode(cs + "polarity"), None, None))
    store.remove(finding)
    report = validate_graph(KnowledgeGraph(kg.path, store)).as_dict()
    assert report["conforms"] is False and report["violations"] == len(report["results"]) >= 1
    hit = [r for r in report["results"] if r["focus"] == finding.subject.value]
    assert hit and hit[0]["path"] == cs + "polarity" and hit[0]["severity"] == "Violation"


def test_validate_json_on_the_command_line(store_path):
    import json

    result = run_cli("validate", "--json", store=store_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"conforms": True, "violations": 0, "results": []}
