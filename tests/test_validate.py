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


# ---------------------------------------------------------------- the compiled checks agree with pyshacl

CS = "https://w3id.org/cskg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _break(triples: list, how: str) -> list:
    """The embedded corpus's triples with one kind of fault planted (each a different SHACL component)."""
    import pyoxigraph as ox

    def first(predicate: str, obj=None):
        return next(t for t in triples if t.predicate.value == predicate and (obj is None or t.object == obj))

    out = list(triples)
    if how == "finding without polarity":
        out.remove(first(f"{CS}polarity"))
    elif how == "count without its area, negative count":
        out.remove(first(f"{CS}refJudgementArea"))
        count = first(f"{CS}weaknessCount")
        out[out.index(count)] = ox.Triple(
            count.subject, count.predicate, ox.Literal("-1", datatype=count.object.datatype)
        )
    elif how == "service without its council":
        service = first(RDF_TYPE, ox.NamedNode(f"{CS}Service")).subject
        out = [t for t in out if not (t.subject == service and t.predicate.value == f"{CS}localAuthority")]
    elif how == "two labels":
        label = first(RDFS_LABEL)
        out.append(ox.Triple(label.subject, label.predicate, ox.Literal(label.object.value + " again")))
    elif how == "offsets backwards and mistyped":
        start = first(f"{CS}startOffset")
        out[out.index(start)] = ox.Triple(
            start.subject, start.predicate, ox.Literal("999999999", datatype=start.object.datatype)
        )
        other = next(t for t in out if t.predicate.value == f"{CS}endOffset" and t.subject != start.subject)
        out[out.index(other)] = ox.Triple(other.subject, other.predicate, ox.Literal("twelve"))
    elif how == "unit of a string and a bad GSS code":
        unit = first("http://www.w3.org/ns/org#unitOf")
        out[out.index(unit)] = ox.Triple(unit.subject, unit.predicate, ox.NamedNode("https://example.org/nowhere"))
        council = first(RDF_TYPE, ox.NamedNode(f"{CS}LocalAuthority")).subject
        out.append(ox.Triple(council, ox.NamedNode(f"{CS}gssCode"), ox.Literal("W06000001")))
    elif how == "area outside its scheme":
        area = first(f"{CS}area")
        out[out.index(area)] = ox.Triple(area.subject, area.predicate, ox.NamedNode(f"{CS}Good"))
    return out


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FAULTS = [
    "none",
    "finding without polarity",
    "count without its area, negative count",
    "service without its council",
    "two labels",
    "offsets backwards and mistyped",
    "unit of a string and a bad GSS code",
    "area outside its scheme",
]


@pytest.mark.parametrize("how", FAULTS)
def test_the_compiled_checks_give_pyshacls_verdicts(kg, how):
    """Same conformance and the same (focus node, path, constraint) results as a full pyshacl run."""
    import pyoxigraph as ox

    from cskg.api import KnowledgeGraph
    from cskg.store.validate import validate_graph, validate_pyshacl

    triples = sorted(
        {ox.Triple(q.subject, q.predicate, q.object) for q in kg.store.quads_for_pattern(None, None, None, None)},
        key=str,
    )
    broken = _break(triples, how)
    store = ox.Store()
    store.bulk_extend(
        [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode("https://example.org/g")) for t in broken]
    )
    ours = validate_graph(KnowledgeGraph(kg.path, store))
    theirs = validate_pyshacl(ox.serialize(broken, format=ox.RdfFormat.N_TRIPLES))
    assert ours.conforms == theirs.conforms == (how == "none")
    assert ours.keys() == theirs.keys()


def test_validate_prints_progress_and_the_violations(tmp_path, store_path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(store_path, store)
    result = run_cli("validate", store=store)
    assert result.returncode == 0 and "checks" in result.stderr.decode() and "conforms" in result.stderr.decode()
