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
from datetime import date
from pathlib import Path

from ..extract.council_record import CouncilRecord, read_council_document
from ..extract.facts import document_facts
from ..extract.mentions import EntityMatcher
from ..extract.register import Register
from ..extract.selfcheck import check_report
from ..iris import REGISTER_GRAPH, authority_iri, document_iri, graph_iri, inspection_iri
from ..model import Document, Report
from ..parse.document import inspections_cited, parse_source
from ..sources.councils import by_slug
from ..sources.files import SourceDocument
from .accountability import accountability_quads, load_overlay, match_curated
from .document import DocumentContext, document_quads
from .inspection import inspection_quads
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


# Kinds of source that are a council's accountability documents (read by ``extract.council_record``).
COUNCIL_KINDS = ("minutes", "decision-record", "press-release", "news-article")


def build_quads(sources: list[SourceDocument], register: Register, ontology_dir: Path, curation: bool = True) -> Built:
    """Every quad of the graph for these sources and register (each document parsed and extracted once).

    ``curation`` False leaves out the curated actions and follow-up
    confirmations beside the register (``cskg build --without-curation``).
    """
    w = QuadWriter()
    authority = register.authority
    auth_iri = authority_iri(authority)
    matcher = EntityMatcher(list(register.entities.values()))
    council = by_slug(authority)
    ctx = DocumentContext(authority, register, matcher, curated=True, authority_name=council.name if council else None)
    documents = [parse_source(src) for src in sources]
    warnings = [msg for doc in documents for msg in doc.warnings]
    checks = {
        src.file: check_report(doc) for src, doc in zip(sources, documents, strict=False) if isinstance(doc, Report)
    }
    warnings += [f"{file}: suspect: {problem}" for file, check in checks.items() for problem in check.problems]
    file_iri = {src.file: document_iri(src.stem) for src in sources}
    facts = {src.file: document_facts(doc, register, matcher) for src, doc in zip(sources, documents, strict=False)}
    records = council_records(sources, documents)
    overlay = load_overlay(sources, documents, register, records, curation)
    matched = match_curated(overlay.actions, records, {src.file: src.text for src in sources})
    confirmed: dict[str, set[int]] = {}
    for curated in overlay.actions:
        if curated.id in matched:
            confirmed.setdefault(curated.citation.source, set()).add(matched[curated.id].number)

    ontology_quads(w, ontology_dir)
    w.use(REGISTER_GRAPH)
    authority_node(w, auth_iri, authority, documents)
    register_quads(w, register, auth_iri, file_iri)

    for src, doc in zip(sources, documents, strict=False):
        w.use(graph_iri(src.stem))
        reports_on = src.kind == "news-article" and src.meta.get("reports_on")
        document_quads(
            w,
            src,
            doc,
            facts[src.file],
            ctx,
            quality=checks.get(src.file),
            record=records.get(src.file),
            confirmed=confirmed.get(src.file),
            cite_inspection=not reports_on,
        )
        if reports_on:
            years = [int(y) for y in reports_on.get("inspections", [])]
            for cited in inspections_cited(doc, reports_on.get("framework", "SIF"), authority, years):
                inspection_quads(
                    w,
                    cited,
                    inspection_iri(authority, cited.year),
                    auth_iri,
                    None,
                    ctx.persons,
                    derived_from=file_iri[src.file],
                )
    accountability_quads(w, sources, documents, register, file_iri, matcher, overlay, matched, records)
    return Built(w, documents, warnings)


def council_records(sources: list[SourceDocument], documents: list[Document]) -> dict[str, CouncilRecord]:
    """What each minutes, press release and news text of the corpus says for accountability, by file."""
    reports = [
        (d.inspection.end_date, s.published)
        for s, d in zip(sources, documents, strict=False)
        if isinstance(d, Report) and d.inspection and d.inspection.end_date and s.published
    ]
    records = {}
    for src, doc in zip(sources, documents, strict=False):
        if src.kind not in COUNCIL_KINDS:
            continue
        stated = src.meta.get("meeting_date")
        records[src.file] = read_council_document(
            src.text,
            src.file,
            src.kind,
            title=src.title,
            published=src.published,
            meeting_date=stated if isinstance(stated, date) else None,
            known_reports=reports,
            document=doc,
        )
    return records
