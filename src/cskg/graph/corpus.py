"""A curated corpus into quads: the embedded Rotherham corpus, or any folder with ``sources.yaml`` and a register.

One named graph per source document (written by ``document.document_quads``,
the path an ingested file takes too), one for the register and one for the
ontology; then the accountability overlay (minutes' resolutions, curated
actions, follow-up).  Every IRI is derived from stable names (authority,
file stem, paragraph number, entity id), so two builds of the same sources
give the same graph, and no node users refer to is blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..extract.facts import document_facts
from ..extract.mentions import EntityMatcher
from ..extract.register import Register
from ..extract.selfcheck import check_report
from ..iris import REGISTER_GRAPH, authority_iri, document_iri, graph_iri, inspection_iri
from ..model import Document, Report
from ..parse.document import inspections_cited, parse_source
from ..sources.files import SourceDocument
from .accountability import accountability_quads
from .document import DocumentContext, document_quads, inspection_quads
from .register import authority_node, ontology_quads, register_quads
from .writer import QuadWriter


@dataclass
class Built:
    """What a build produced, besides the quads: for checks and messages."""

    writer: QuadWriter
    documents: list[Document]
    warnings: list[str]

    @property
    def quads(self) -> list:
        return self.writer.quads


def build_quads(sources: list[SourceDocument], register: Register, ontology_dir: Path) -> Built:
    """Every quad of the graph for these sources and register (each document parsed and extracted once)."""
    w = QuadWriter()
    authority = register.authority
    auth_iri = authority_iri(authority)
    matcher = EntityMatcher(list(register.entities.values()))
    ctx = DocumentContext(authority, register, matcher, curated=True)
    documents = [parse_source(src) for src in sources]
    warnings = [msg for doc in documents for msg in doc.warnings]
    checks = {
        src.file: check_report(doc) for src, doc in zip(sources, documents, strict=False) if isinstance(doc, Report)
    }
    warnings += [f"{file}: suspect: {problem}" for file, check in checks.items() for problem in check.problems]
    file_iri = {src.file: document_iri(src.stem) for src in sources}
    facts = {src.file: document_facts(doc, register, matcher) for src, doc in zip(sources, documents, strict=False)}

    ontology_quads(w, ontology_dir)
    w.use(REGISTER_GRAPH)
    authority_node(w, auth_iri, authority, documents)
    register_quads(w, register, auth_iri, file_iri)

    for src, doc in zip(sources, documents, strict=False):
        w.use(graph_iri(src.stem))
        document_quads(w, src, doc, facts[src.file], ctx, quality=checks.get(src.file))
        if src.kind == "news-article" and src.meta.get("reports_on"):
            about = src.meta["reports_on"]
            years = [int(y) for y in about.get("inspections", [])]
            for cited in inspections_cited(doc, about.get("framework", "SIF"), authority, years):
                inspection_quads(
                    w,
                    cited,
                    inspection_iri(authority, cited.year),
                    auth_iri,
                    None,
                    ctx.persons,
                    derived_from=file_iri[src.file],
                )
    accountability_quads(w, sources, documents, facts, register, file_iri, matcher)
    return Built(w, documents, warnings)
