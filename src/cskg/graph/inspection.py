"""An inspection into quads: its node, judgements and improvement areas, as a report states or a document cites them.

Shared by the path of a report (``document``), of a council document that
cites an inspection (``record``) and of a curated news article's citations
(``corpus``, ``accountability``).
"""

from __future__ import annotations

from ..extract.mentions import EntityMatcher
from ..extract.themes import load_themes, themes_of
from ..iris import entity_iri, improvement_iri, judgement_iri, person_iri
from ..model import Inspection
from ..namespace import cs, foaf, prov, rdf, rdfs, xsd
from .writer import QuadWriter


def inspection_quads(
    w: QuadWriter,
    insp: Inspection,
    node: str,
    auth_iri: str,
    doc_iri: str | None,
    persons: dict[str, str],
    derived_from: str | None = None,
) -> None:
    """An inspection with its judgements; reported in ``doc_iri``, or cited by ``derived_from``."""
    w.add(node, rdf.type, cs.Inspection)
    w.add(node, rdf.type, prov.Activity)
    framework = insp.framework.replace("2026", " 2026")
    w.lit(
        node,
        rdfs.label,
        f"{framework} inspection {insp.year}" if insp.year else f"{framework} inspection (year not stated)",
    )
    w.add(node, cs.ofAuthority, auth_iri)
    w.add(node, cs.framework, cs.term(insp.framework))
    if insp.inspection_type:
        w.add(node, cs.inspectionType, cs.term(insp.inspection_type))
    w.lit(node, cs.startDate, insp.start_date)
    w.lit(node, cs.endDate, insp.end_date)
    w.lit(node, cs.year, str(insp.year) if insp.year else None, datatype=xsd.gYear)
    if insp.lead_inspector:
        person = persons.get(insp.lead_inspector.lower()) or person_iri(insp.lead_inspector)
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
        jnode = judgement_iri(node, j.area)
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


def improvement_quads(
    w: QuadWriter, items: list, inspection: str, matcher: EntityMatcher, authority: str, doc_iri: str
) -> None:
    """Improvement areas (or recommendations) of an inspection, each quoted from ``doc_iri``."""
    themes = load_themes()
    for item in items:
        node = improvement_iri(inspection, item.number)
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
        for theme in themes_of(item.text, themes):
            w.add(node, cs.theme, theme)
