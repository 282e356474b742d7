"""SHACL validation of the store against ``ontology/shapes.ttl``.

pyshacl is the maintained SHACL engine for Python; it needs rdflib graphs, so
the store is exported to N-Triples and parsed once.  It is imported only here,
because it costs about half a second to import.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sources.files import project_path


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_graph(kg) -> ValidationReport:
    """Validate every triple of the store (all named graphs together)."""
    import pyoxigraph as ox
    import pyshacl
    import rdflib

    triples = sorted(
        {ox.Triple(q.subject, q.predicate, q.object) for q in kg.store.quads_for_pattern(None, None, None, None)},
        key=str,
    )
    data = rdflib.Graph()
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph()
    shapes.parse(project_path("ontology") / "shapes.ttl", format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    count = len(list(results.subjects(rdflib.RDF.type, rdflib.namespace.SH.ValidationResult)))
    return ValidationReport(bool(conforms), count, text)
