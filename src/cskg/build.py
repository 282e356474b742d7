"""Build: parsed documents, extracted facts and the register become RDF quads.

One named graph per source document, one for the register and one for the
ontology.  Every IRI is derived from stable names (authority, file stem,
paragraph number, entity id), so two builds of the same sources give the same
graph, and no node users refer to is blank.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .extract import document_facts
from .mentions import EntityMatcher
from .model import Document, InputError, Inspection, Report
from .namespace import (DATASET_BY_AREA, DATASET_WEAKNESS_THEMES, DOCUMENT_KIND, KIND_CLASS, KIND_SUPERCLASS, POLARITY,
                        cs, csd, dcterms, foaf, org, prov, qb, rdf, rdfs, skos, xsd)
from .parse_document import inspections_cited, parse_document
from .parse_report import parse_report
from .register import Citation, Register
from .sources import SourceDocument, read_turtle
from .themes import load_themes, themes_of


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")


@dataclass
class Built:
    """What a build produced, besides the quads: for checks and messages."""

    quads: list
    documents: list[Document]
    warnings: list[str]


class _Writer:
    """Collects quads for one named graph at a time with pyoxigraph terms."""

    def __init__(self):
        import pyoxigraph as ox
        self.ox = ox
        self.quads: list = []
        self.graph = ox.DefaultGraph()

    def use(self, graph_iri: str) -> None:
        self.graph = self.ox.NamedNode(graph_iri)

    def iri(self, value: str):
        return self.ox.NamedNode(value)

    def add(self, s: str, p: str, o) -> None:
        if o is None:
            return
        if isinstance(o, str):
            o = self.ox.NamedNode(o)
        self.quads.append(self.ox.Quad(self.ox.NamedNode(s), self.ox.NamedNode(p), o, self.graph))

    def lit(self, s: str, p: str, value, datatype: str | None = None, lang: str | None = None) -> None:
        if value is None:
            return
        ox = self.ox
        if isinstance(value, bool):
            term = ox.Literal("true" if value else "false", datatype=ox.NamedNode(xsd.boolean))
        elif isinstance(value, int):
            term = ox.Literal(str(value), datatype=ox.NamedNode(xsd.integer))
        elif isinstance(value, date):
            term = ox.Literal(value.isoformat(), datatype=ox.NamedNode(xsd.date))
        elif datatype:
            term = ox.Literal(str(value), datatype=ox.NamedNode(datatype))
        elif lang:
            term = ox.Literal(str(value), language=lang)
        else:
            term = ox.Literal(str(value))
        self.quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), term, self.graph))


def entity_iri(authority: str, ident: str) -> str:
    return f"{csd}entity/{authority}/{ident}"


def document_iri(stem: str) -> str:
    return f"{csd}document/{stem}"


def inspection_iri(authority: str, year: int) -> str:
    return f"{csd}inspection/{authority}/{year}"


def paragraph_iri(doc_iri: str, para) -> str:
    return f"{doc_iri}/p/{para.number}" if para.number is not None and para.kind != "resolution" else (
        f"{doc_iri}/resolution/{para.number}" if para.kind == "resolution" else f"{doc_iri}/b/{para.index}")


def parse_source(src: SourceDocument) -> Document:
    """Parse one source with the parser its kind needs."""
    if src.kind == "inspection-report":
        return parse_report(src.text, src.file, published=src.published)
    if src.kind in DOCUMENT_KIND:
        return parse_document(src.text, src.file, src.kind)
    raise InputError(f"{src.file}: unknown document kind {src.kind!r} in sources.yaml")


def build_quads(sources: list[SourceDocument], register: Register, ontology_dir: Path) -> Built:
    """Every quad of the graph for these sources and register."""
    w = _Writer()
    authority = register.authority
    auth_iri = f"{csd}authority/{authority}"
    matcher = EntityMatcher(list(register.entities.values()))
    documents = [parse_source(src) for src in sources]
    warnings = [msg for doc in documents for msg in doc.warnings]
    file_iri = {src.file: document_iri(src.stem) for src in sources}
    # Lead inspectors the register names are linked to their register entity.
    persons = {e.label.lower(): entity_iri(authority, e.id) for e in register.entities.values() if e.kind == "person"}

    _ontology(w, ontology_dir)
    w.use(f"{csd}graph/register")
    _authority(w, auth_iri, authority, documents)
    _register(w, register, authority, auth_iri, file_iri)

    for src, doc in zip(sources, documents):
        w.use(f"{csd}graph/{src.stem}")
        doc_iri = file_iri[src.file]
        _document(w, src, doc_iri)
        inspection = None
        if isinstance(doc, Report) and doc.inspection:
            inspection = inspection_iri(authority, doc.inspection.year)
            _inspection(w, doc.inspection, inspection, auth_iri, doc_iri, persons)
        facts = document_facts(doc, register, matcher)
        for pf in facts:
            _paragraph(w, pf, doc_iri, inspection, authority)
        if isinstance(doc, Report) and doc.inspection:
            _improvements(w, doc.inspection, inspection, matcher, authority, doc_iri)
            _finding_counts(w, facts, inspection)
        if src.kind == "news-article" and src.meta.get("reports_on"):
            about = src.meta["reports_on"]
            years = [int(y) for y in about.get("inspections", [])]
            for cited in inspections_cited(doc, about.get("framework", "SIF"), authority, years):
                _inspection(w, cited, inspection_iri(authority, cited.year), auth_iri, None, persons, derived_from=doc_iri)
    # Accountability (issue 6): recommendations, meetings, actions, follow-up links.
    from .actions import accountability_quads
    accountability_quads(w, sources, documents, register, file_iri, matcher)
    return Built(w.quads, documents, warnings)


def report_quads(src: SourceDocument, doc: Report, authority: str, register: Register, *,
                 inspection: str | None = None, authority_name: str | None = None) -> list:
    """The quads of one ingested report's named graph ``csd:graph/{stem}`` (``cskg ingest``).

    The same document, inspection, paragraph, finding and improvement quads as
    ``build_quads`` writes for the embedded corpus, for any council.
    ``register`` holds the entities to link: the curated register for its own
    council, else the entities discovered in this report, which are written
    into this graph too (so replacing the report replaces them).
    ``inspection`` overrides the inspection IRI where the default is taken.
    """
    w = _Writer()
    w.use(f"{csd}graph/{src.stem}")
    auth_iri = f"{csd}authority/{authority}"
    doc_iri = document_iri(src.stem)
    matcher = EntityMatcher(list(register.entities.values()))
    curated = register.authority == authority and any(e.curation == "Curated" for e in register.entities.values())
    persons = {e.label.lower(): entity_iri(authority, e.id) for e in register.entities.values() if e.kind == "person"}
    _document(w, src, doc_iri)
    if not curated:
        _discovered(w, register, authority, auth_iri, doc_iri, authority_name or authority)
    node = None
    if doc.inspection:
        node = inspection or inspection_iri(authority, doc.inspection.year)
        _inspection(w, doc.inspection, node, auth_iri, doc_iri, persons)
    facts = document_facts(doc, register, matcher)
    for pf in facts:
        _paragraph(w, pf, doc_iri, node, authority)
    if doc.inspection:
        _improvements(w, doc.inspection, node, matcher, authority, doc_iri)
        _finding_counts(w, facts, node)
    return w.quads


def _discovered(w: _Writer, register: Register, authority: str, auth_iri: str, doc_iri: str, council: str) -> None:
    """Entities found in a report's text: typed by kind, marked discovered, citing their first sentence.

    The label carries the council ("Edge of Care Team (Barnsley)") so that a
    name many councils use stays unambiguous beside Rotherham's curated one;
    the bare name is the ``skos:prefLabel``.  The id is ``{authority}/{slug}``.
    """
    for e in register.entities.values():
        node = entity_iri(authority, e.id)
        w.add(node, rdf.type, KIND_CLASS[e.kind])
        if KIND_SUPERCLASS[e.kind]:
            w.add(node, rdf.type, KIND_SUPERCLASS[e.kind])
        w.lit(node, rdfs.label, f"{e.label} ({council})")
        w.lit(node, skos.prefLabel, e.label)
        for alias in e.aliases:
            w.lit(node, skos.hiddenLabel, alias)
        w.lit(node, dcterms.identifier, f"{authority}/{e.id}")
        w.add(node, cs.curation, cs.term(e.curation))
        w.lit(node, cs.quote, e.citation.quote)
        w.lit(node, cs.sourceFile, e.citation.source)
        w.add(node, prov.wasDerivedFrom, doc_iri)
        w.add(node, org.unitOf if e.kind == "service" else org.subOrganizationOf, auth_iri)
        w.add(node, cs.localAuthority, auth_iri)


def _ontology(w: _Writer, ontology_dir: Path) -> None:
    """The vocabulary files (every ``ontology/*.ttl`` but the SHACL shapes) as the ontology graph."""
    import pyoxigraph as ox
    graph = ox.NamedNode(f"{csd}graph/ontology")
    # The ontology's blank nodes (OWL lists) are renamed in parse order, so
    # that two builds give byte-identical N-Quads.
    names: dict[str, object] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term.value, ox.BlankNode(f"ontology{len(names)}"))
        return term

    for path in sorted(ontology_dir.glob("*.ttl")):
        if path.name == "shapes.ttl":
            continue
        for triple in read_turtle(path):
            w.quads.append(ox.Quad(stable(triple.subject), triple.predicate, stable(triple.object), graph))


def _authority(w: _Writer, iri: str, authority: str, documents: list[Document]) -> None:
    w.add(iri, rdf.type, cs.LocalAuthority)
    w.add(iri, rdf.type, org.FormalOrganization)
    names = [d.inspection.authority for d in documents if isinstance(d, Report) and d.inspection and d.inspection.authority]
    w.lit(iri, rdfs.label, names[0] if names else authority.replace("-", " ").title())


def _cite(w: _Writer, node: str, citation: Citation, file_iri: dict[str, str]) -> None:
    w.lit(node, cs.quote, citation.quote)
    w.lit(node, cs.sourceFile, citation.source)
    if citation.source in file_iri:
        w.add(node, prov.wasDerivedFrom, file_iri[citation.source])


def _register(w: _Writer, register: Register, authority: str, auth_iri: str, file_iri: dict[str, str]) -> None:
    for e in register.entities.values():
        node = entity_iri(authority, e.id)
        w.add(node, rdf.type, KIND_CLASS[e.kind])
        if KIND_SUPERCLASS[e.kind]:
            w.add(node, rdf.type, KIND_SUPERCLASS[e.kind])
        w.lit(node, rdfs.label, e.label)
        w.lit(node, skos.prefLabel, e.label)
        for alias in e.aliases:
            w.lit(node, skos.altLabel, alias)
        for usage in e.names:
            if usage.name != e.label and usage.name not in e.aliases:
                w.lit(node, skos.altLabel, usage.name)
        w.lit(node, dcterms.identifier, e.id)
        w.lit(node, dcterms.description, e.description)
        w.add(node, cs.curation, cs.term(e.curation))
        w.add(node, cs.localAuthority, auth_iri)
        _cite(w, node, e.citation, file_iri)
        parent = entity_iri(authority, e.part_of) if e.part_of else None
        if e.kind == "service":
            w.add(node, org.unitOf, parent or auth_iri)
        elif e.kind in ("body", "partner-agency") and parent:
            w.add(node, org.subOrganizationOf, parent)
        elif e.kind == "role" and parent:
            w.add(node, org.postIn, parent)
        if e.kind == "person":
            w.lit(node, foaf.name, e.label)
        if e.held_by:
            w.add(node, org.heldBy, entity_iri(authority, e.held_by))
        for usage in e.names:
            name_node = f"{node}/name/{usage.year}-{slug(usage.name)}"
            w.add(node, cs.nameUsage, name_node)
            w.add(name_node, rdf.type, cs.NameUsage)
            w.lit(name_node, cs.name, usage.name)
            w.lit(name_node, dcterms.date, str(usage.year), datatype=xsd.gYear)
            if usage.citation.source in file_iri:
                w.add(name_node, cs.usedIn, file_iri[usage.citation.source])
            _cite(w, name_node, usage.citation, file_iri)
        for q in e.possibly_same_as:
            other = entity_iri(authority, q.other)
            w.add(node, cs.possiblySameAs, other)
            qnode = f"{node}/identity/{q.other}"
            w.add(qnode, rdf.type, cs.IdentityQuestion)
            w.add(qnode, cs.subject, node)
            w.add(qnode, cs.object, other)
            w.lit(qnode, cs.reason, q.reason)
            _cite(w, qnode, q.citation, file_iri)


def _document(w: _Writer, src: SourceDocument, node: str) -> None:
    w.add(node, rdf.type, cs.Document)
    w.add(node, rdf.type, prov.Entity)
    w.lit(node, dcterms.title, src.title)
    w.lit(node, dcterms.publisher, src.publisher)
    w.lit(node, dcterms.issued, src.published)
    w.lit(node, dcterms.license, src.licence)
    w.add(node, cs.documentKind, DOCUMENT_KIND[src.kind])
    w.lit(node, cs.sourceFile, src.file)


def _inspection(w: _Writer, insp: Inspection, node: str, auth_iri: str, doc_iri: str | None,
                persons: dict[str, str], derived_from: str | None = None) -> None:
    w.add(node, rdf.type, cs.Inspection)
    w.add(node, rdf.type, prov.Activity)
    w.lit(node, rdfs.label, f"{insp.framework.replace('2026', ' 2026')} inspection {insp.year}")
    w.add(node, cs.ofAuthority, auth_iri)
    w.add(node, cs.framework, cs.term(insp.framework))
    if insp.inspection_type:
        w.add(node, cs.inspectionType, cs.term(insp.inspection_type))
    w.lit(node, cs.startDate, insp.start_date)
    w.lit(node, cs.endDate, insp.end_date)
    w.lit(node, cs.year, str(insp.year), datatype=xsd.gYear)
    if insp.lead_inspector:
        person = persons.get(insp.lead_inspector.lower()) or f"{csd}person/{slug(insp.lead_inspector)}"
        w.add(node, cs.leadInspector, person)
        if person not in persons.values():
            w.add(person, rdf.type, foaf.Person)
            w.lit(person, rdfs.label, insp.lead_inspector)
            w.lit(person, foaf.name, insp.lead_inspector)
    if doc_iri:
        w.add(node, cs.reportedIn, doc_iri)
    if derived_from:
        w.add(node, prov.wasDerivedFrom, derived_from)
    for j in insp.judgements:
        jnode = f"{node}/judgement/{slug(j.area)}"
        w.add(jnode, rdf.type, cs.Judgement)
        w.add(jnode, cs.ofInspection, node)
        w.add(jnode, cs.area, cs.term(j.area))
        w.add(jnode, cs.grade, cs.term(j.grade))
        w.lit(jnode, cs.areaText, j.area_text)
        w.lit(jnode, cs.gradeText, j.grade_text)
        w.lit(jnode, cs.quote, j.quote)
        w.lit(jnode, cs.startOffset, j.start)
        w.lit(jnode, cs.endOffset, j.end)
        w.add(jnode, prov.wasDerivedFrom, doc_iri or derived_from)


def _paragraph(w: _Writer, pf, doc_iri: str, inspection: str | None, authority: str) -> None:
    para = pf.paragraph
    node = paragraph_iri(doc_iri, para)
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
    for k, (sentence, facts) in enumerate(zip(para.sentences, pf.sentences), start=1):
        snode = f"{node}/s/{k}"
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
            for theme in facts.themes:
                w.add(snode, cs.theme, theme)


def _finding_counts(w: _Writer, facts: list, inspection: str) -> None:
    """RDF Data Cube observations counting one report's findings (see "Statistics" in ontology/cskg.ttl).

    Counted here, from the same facts the finding quads are written from, so
    that the counts live in the report's named graph (replaced with it) and
    agree with its findings by construction.  National questions then read a
    few thousand observations instead of every finding: on the on-disk store a
    scan costs about a microsecond a quad, a look-up per finding fifty.
    """
    from collections import Counter

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
        node = f"{inspection}/findings/{_local_name(area)}"
        _observation(w, node, DATASET_BY_AREA, inspection, area)
        w.lit(node, cs.findingCount, n)
        w.lit(node, cs.weaknessCount, by_polarity[area, "weakness"])
        w.lit(node, cs.strengthCount, by_polarity[area, "strength"])
    for (area, theme), n in sorted(weakness_themes.items()):
        node = f"{inspection}/weaknesses/{_local_name(area)}/{_local_name(theme)}"
        _observation(w, node, DATASET_WEAKNESS_THEMES, inspection, area)
        w.add(node, cs.refTheme, theme)
        w.lit(node, cs.weaknessCount, n)


def _observation(w: _Writer, node: str, dataset: str, inspection: str, area: str) -> None:
    w.add(node, rdf.type, qb.Observation)
    w.add(node, qb.dataSet, dataset)
    w.add(node, cs.refInspection, inspection)
    w.add(node, cs.refJudgementArea, area)


def _local_name(term_iri: str) -> str:
    """``IlacsCareLeavers`` for ``cs:IlacsCareLeavers``: the ontology's local names are readable IRI segments."""
    return term_iri.rsplit("#", 1)[-1]


def _improvements(w: _Writer, insp: Inspection, inspection: str, matcher: EntityMatcher, authority: str, doc_iri: str) -> None:
    for item in insp.improvements:
        node = f"{inspection}/improvement/{item.number}"
        w.add(node, rdf.type, cs.ImprovementArea)
        w.add(node, cs.raisedBy, inspection)
        w.lit(node, cs.number, item.number)
        w.lit(node, cs.text, item.text)
        w.lit(node, cs.quote, item.quote)
        w.lit(node, cs.startOffset, item.start)
        w.lit(node, cs.endOffset, item.end)
        w.add(node, prov.wasDerivedFrom, doc_iri)
        w.lit(node, cs.frameworkReferenceText, item.framework_text)
        for ref in item.framework_refs:
            w.add(node, cs.frameworkReference, cs.term(ref))
        for ident in dict.fromkeys(m.entity for m in matcher.find(item.text)):
            w.add(node, cs.concerns, entity_iri(authority, ident))
        for theme in themes_of(item.text, load_themes()):
            w.add(node, cs.theme, theme)
