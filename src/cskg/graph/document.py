"""One document into quads: the one path every document takes, in a build or an ingest.

A document's named graph (``csd:graph/{stem}``) holds the document node, the
entities discovered in it (for a council nobody curated), the inspection it
reports with its judgements, every paragraph and sentence with offsets, the
findings (typed, with polarity, area, entities and themes), the improvement
areas, the finding counts and, for a report, its self-check.  The facts come in already extracted
(``extract.facts.document_facts``), once per document: the follow-up step
reuses them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..extract.council_record import CouncilRecord
from ..extract.facts import ParagraphFacts
from ..extract.mentions import EntityMatcher
from ..extract.register import Register
from ..extract.selfcheck import QualityCheck, check_report
from ..extract.service_types import type_from_description, type_of
from ..iris import (
    DATASET_BY_AREA,
    DATASET_WEAKNESS_THEMES,
    authority_iri,
    document_iri,
    entity_iri,
    finding_count_iri,
    inspection_iri,
    paragraph_iri,
    quality_iri,
    sentence_iri,
    weakness_count_iri,
)
from ..model import Report
from ..namespace import (
    DOCUMENT_KIND,
    KIND_CLASS,
    KIND_SUPERCLASS,
    POLARITY,
    cs,
    dcterms,
    org,
    prov,
    qb,
    rdf,
    skos,
)
from ..sources.files import SourceDocument
from .inspection import improvement_quads, inspection_quads
from .record import plan_record, record_quads
from .writer import QuadWriter


@dataclass
class DocumentContext:
    """Who a document is about and which entities it is linked to."""

    authority: str  # the council's slug
    register: Register  # the council's curated register, or the entities discovered in this document
    matcher: EntityMatcher
    curated: bool  # the register is curated (written in its own graph), else discovered here
    authority_name: str | None = None  # the council's name, which a council document may write as a body
    operator: str | None = None  # IRI of a children's trust that runs the council's services, if one does

    @property
    def authority_iri(self) -> str:
        return authority_iri(self.authority)

    @property
    def persons(self) -> dict[str, str]:
        """Register persons by lower-case name: a lead inspector the register names is linked to that entity."""
        return {
            e.label.lower(): entity_iri(self.authority, e.id)
            for e in self.register.entities.values()
            if e.kind == "person"
        }


def document_quads(
    w: QuadWriter,
    src: SourceDocument,
    doc,
    facts: list[ParagraphFacts],
    ctx: DocumentContext,
    inspection: str | None = None,
    quality: QualityCheck | None = None,
    record: CouncilRecord | None = None,
    confirmed: set[int] | None = None,
    cite_inspection: bool = True,
) -> str | None:
    """Write one document's quads into the writer's current graph; the IRI of the inspection it reports, if any.

    ``inspection`` overrides the inspection IRI (an ingest gives a second
    inspection of a year its own node).  A report's self-check is written
    with it: ``quality`` where the caller has run it already, else run here.
    ``record`` is what a minutes, decision record or news text says for
    accountability (its meeting, actions and cited inspection,
    ``record.record_quads``); ``confirmed`` are the numbers of its actions a
    curated entry confirms, written once by the curated overlay;
    ``cite_inspection`` False leaves the inspections it cites to sources.yaml
    (the curated news article).
    """
    doc_iri = document_iri(src.stem)
    document_node(w, src, doc_iri)
    w.add(doc_iri, cs.localAuthority, ctx.authority_iri)  # the council whose document it is (reports, minutes, news)
    plan = plan_record(record, ctx, src.file) if record else None  # may add discovered entities to the register
    if not ctx.curated:
        discovered_entities(w, ctx, doc_iri)
    node = None
    if isinstance(doc, Report) and doc.inspection:
        node = inspection or inspection_iri(ctx.authority, doc.inspection.year)
        inspection_quads(w, doc.inspection, node, ctx.authority_iri, doc_iri, ctx.persons)
    for pf in facts:
        paragraph_quads(w, pf, doc_iri, node, ctx.authority, ctx.operator)
    if node:
        improvement_quads(w, doc.inspection.improvements, node, ctx.matcher, ctx.authority, doc_iri)
        finding_counts(w, facts, node)
    if isinstance(doc, Report):
        quality_quads(w, quality or check_report(doc), doc_iri)
    if record is not None:
        record_quads(w, record, plan, ctx, src, doc_iri, confirmed, cite_inspection)
    return node


def quality_quads(w: QuadWriter, check: QualityCheck, doc_iri: str) -> None:
    """The report's self-check: its verdict and one ``cs:problem`` per fault (``cs:QualityCheck``)."""
    node = quality_iri(doc_iri)
    w.add(node, rdf.type, cs.QualityCheck)
    w.add(node, rdf.type, prov.Entity)
    w.add(node, cs.checkOf, doc_iri)
    w.add(node, cs.verdict, cs.Suspect if check.suspect else cs.Sound)
    for problem in check.problems:
        w.lit(node, cs.problem, problem)


def document_node(w: QuadWriter, src: SourceDocument, node: str) -> None:
    w.add(node, rdf.type, cs.Document)
    w.add(node, rdf.type, prov.Entity)
    w.lit(node, dcterms.title, src.title)
    w.lit(node, dcterms.publisher, src.publisher)
    w.lit(node, dcterms.issued, src.published)
    w.lit(node, dcterms.license, src.licence)
    w.add(node, cs.documentKind, DOCUMENT_KIND[src.kind])
    w.lit(node, cs.sourceFile, src.file)


def discovered_entities(w: QuadWriter, ctx: DocumentContext, doc_iri: str) -> None:
    """Entities found in a document's text: typed by kind, marked discovered, citing their first sentence.

    A document writes only the spellings it uses (``skos:hiddenLabel``): the
    label, aliases and service type come from every document of the council
    at once, in the council-level pass (``graph.council_entities``), so two
    reports that spell a unit differently never give it two labels.  The id
    is ``{authority}/{slug}``.
    """
    for e in ctx.register.entities.values():
        node = entity_iri(ctx.authority, e.id)
        w.add(node, rdf.type, KIND_CLASS[e.kind])
        if KIND_SUPERCLASS[e.kind]:
            w.add(node, rdf.type, KIND_SUPERCLASS[e.kind])
        for name in (e.label, *e.aliases):
            w.lit(node, skos.hiddenLabel, name)
        w.lit(node, dcterms.identifier, f"{ctx.authority}/{e.id}")
        w.add(node, cs.curation, cs.term(e.curation))
        w.lit(node, cs.quote, e.citation.quote)
        w.lit(node, cs.sourceFile, e.citation.source)
        w.add(node, prov.wasDerivedFrom, doc_iri)
        w.add(node, org.unitOf if e.kind == "service" else org.subOrganizationOf, ctx.authority_iri)
        w.add(node, cs.localAuthority, ctx.authority_iri)


def service_type_quads(w: QuadWriter, node: str, names: list[str], description: str | None = None) -> None:
    """The kind of unit an entity is (``ontology/service-types.ttl``), with the reason, where its names say so.

    The names are tried first; the description only when no name says.
    """
    found = type_of(names) or (type_from_description(description) if description else None)
    if found:
        w.add(node, cs.serviceType, found[0])
        w.lit(node, cs.serviceTypeReason, found[1])


def paragraph_quads(
    w: QuadWriter, pf: ParagraphFacts, doc_iri: str, inspection: str | None, authority: str, operator: str | None = None
) -> None:
    """A paragraph and its sentences; a report's numbered paragraphs' sentences are findings.

    ``operator``, a children's trust that runs the council's services, is what
    every finding of a judgement area is about: the area judges its services.
    """
    para = pf.paragraph
    node = paragraph_iri(doc_iri, para.number, para.index, para.kind)
    w.add(node, rdf.type, cs.Paragraph)
    w.add(node, rdf.type, prov.Entity)
    w.add(node, dcterms.isPartOf, doc_iri)
    w.lit(node, cs.number, para.number)
    w.lit(node, cs.index, para.index)
    w.lit(node, cs.text, para.text)
    w.lit(node, cs.startOffset, para.start)
    w.lit(node, cs.endOffset, para.end)
    w.lit(node, cs.sectionHeading, para.heading)
    if para.area:
        w.add(node, cs.section, cs.term(para.area))
    for ident in pf.mentions:
        w.add(node, cs.mentions, entity_iri(authority, ident))
    for k, (sentence, facts) in enumerate(zip(para.sentences, pf.sentences, strict=False), start=1):
        snode = sentence_iri(node, k)
        w.add(snode, rdf.type, cs.Sentence)
        w.add(snode, dcterms.isPartOf, node)
        w.lit(snode, cs.text, sentence.text)
        w.lit(snode, cs.startOffset, sentence.start)
        w.lit(snode, cs.endOffset, sentence.end)
        w.lit(snode, cs.index, k)
        for ident in facts.mentions:
            w.add(snode, cs.mentions, entity_iri(authority, ident))
        if pf.is_findings and inspection:
            w.add(snode, rdf.type, cs.Finding)
            w.add(snode, rdf.type, prov.Entity)
            w.add(snode, prov.wasDerivedFrom, node)
            w.add(snode, cs.inInspection, inspection)
            w.add(snode, cs.polarity, POLARITY[facts.polarity])
            if para.area:
                w.add(snode, cs.area, cs.term(para.area))
            if facts.improved:
                w.lit(snode, cs.improvedSinceLastInspection, True)
            for ident in facts.about:
                w.add(snode, cs.about, entity_iri(authority, ident))
            if operator and para.area and para.area != "LscbEffectiveness":
                w.add(snode, cs.about, operator)
            for theme in facts.themes:
                w.add(snode, cs.theme, theme)


def finding_counts(w: QuadWriter, facts: list[ParagraphFacts], inspection: str) -> None:
    """RDF Data Cube observations counting one report's findings (see "Statistics" in ontology/cskg.ttl).

    Counted here, from the same facts the finding quads are written from, so
    that the counts live in the report's named graph (replaced with it) and
    agree with its findings by construction.  National questions then read a
    few thousand observations instead of every finding: on the on-disk store a
    scan costs about a microsecond a quad, a look-up per finding fifty.
    """
    findings: Counter = Counter()
    by_polarity: Counter = Counter()
    weakness_themes: Counter = Counter()
    for pf in facts:
        if not pf.is_findings:
            continue
        area = cs.term(pf.paragraph.area) if pf.paragraph.area else cs.NoJudgementArea
        for sf in pf.sentences:
            findings[area] += 1
            by_polarity[area, sf.polarity] += 1
            if sf.polarity == "weakness":
                for theme in sf.themes:
                    weakness_themes[area, theme] += 1
    for area, n in sorted(findings.items()):
        node = finding_count_iri(inspection, area)
        _observation(w, node, DATASET_BY_AREA, inspection, area)
        w.lit(node, cs.findingCount, n)
        w.lit(node, cs.weaknessCount, by_polarity[area, "weakness"])
        w.lit(node, cs.strengthCount, by_polarity[area, "strength"])
    for (area, theme), n in sorted(weakness_themes.items()):
        node = weakness_count_iri(inspection, area, theme)
        _observation(w, node, DATASET_WEAKNESS_THEMES, inspection, area)
        w.add(node, cs.refTheme, theme)
        w.lit(node, cs.weaknessCount, n)


def _observation(w: QuadWriter, node: str, dataset: str, inspection: str, area: str) -> None:
    w.add(node, rdf.type, qb.Observation)
    w.add(node, qb.dataSet, dataset)
    w.add(node, cs.refInspection, inspection)
    w.add(node, cs.refJudgementArea, area)
