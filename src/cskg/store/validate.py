"""SHACL validation of the store against ``ontology/shapes.ttl``.

pyshacl is the maintained SHACL engine for Python; it needs rdflib graphs, so
the store is exported to N-Triples and parsed once.  It is imported only here,
because it costs about half a second to import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..sources.files import project_path


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    results: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        """What ``cskg validate --json`` prints: the verdict and one entry per SHACL result."""
        return {"conforms": self.conforms, "violations": self.violations, "results": self.results}


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
    return ValidationReport(bool(conforms), len(found := _results(results)), text, found)


def _results(report) -> list[dict]:
    """Each sh:ValidationResult of pyshacl's report graph as plain strings, sorted."""
    import rdflib

    sh = rdflib.namespace.SH

    def one(node, predicate) -> str | None:
        value = report.value(node, predicate)
        return str(value) if value is not None else None

    out = [
        {
            "focus": one(r, sh.focusNode),
            "path": one(r, sh.resultPath),
            "value": one(r, sh.value),
            "severity": (one(r, sh.resultSeverity) or "").rsplit("#", 1)[-1] or None,
            "message": one(r, sh.resultMessage),
            "constraint": (one(r, sh.sourceConstraintComponent) or "").rsplit("#", 1)[-1] or None,
        }
        for r in report.subjects(rdflib.RDF.type, sh.ValidationResult)
    ]
    return sorted(out, key=lambda r: tuple(v or "" for v in r.values()))
