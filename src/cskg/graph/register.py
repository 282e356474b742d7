"""The curated side of the graph: the ontology graph, the council's node and its register of entities.

The register's entities and every curated statement about them (former
names, open identity questions) are written into ``csd:graph/register``,
each with the quote and source file it rests on.
"""

from __future__ import annotations

from pathlib import Path

from ..extract.register import Citation, Register
from ..iris import ONTOLOGY_GRAPH, entity_iri, identity_question_iri, name_usage_iri
from ..model import Document, Report
from ..namespace import KIND_CLASS, KIND_SUPERCLASS, cs, dcterms, foaf, org, prov, rdf, rdfs, skos, xsd
from ..sources.files import read_turtle
from .document import service_type_quads
from .writer import QuadWriter


def ontology_quads(w: QuadWriter, ontology_dir: Path) -> None:
    """The vocabulary files (every ``ontology/*.ttl`` but the SHACL shapes) as the ontology graph."""
    import pyoxigraph as ox

    w.use(ONTOLOGY_GRAPH)
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
            w.triple(stable(triple.subject), triple.predicate, stable(triple.object))


def authority_node(w: QuadWriter, iri: str, authority: str, documents: list[Document]) -> None:
    """The council of a curated corpus, labelled as its reports name it."""
    w.add(iri, rdf.type, cs.LocalAuthority)
    w.add(iri, rdf.type, org.FormalOrganization)
    names = [
        d.inspection.authority for d in documents if isinstance(d, Report) and d.inspection and d.inspection.authority
    ]
    w.lit(iri, rdfs.label, names[0] if names else authority.replace("-", " ").title())


def cite(w: QuadWriter, node: str, citation: Citation, file_iri: dict[str, str]) -> None:
    """The quote and source file a curated statement rests on."""
    w.lit(node, cs.quote, citation.quote)
    w.lit(node, cs.sourceFile, citation.source)
    if citation.source in file_iri:
        w.add(node, prov.wasDerivedFrom, file_iri[citation.source])


def register_quads(w: QuadWriter, register: Register, auth_iri: str, file_iri: dict[str, str]) -> None:
    """Every entity of the register, with its names, parent, holder and identity questions."""
    authority = register.authority
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
        cite(w, node, e.citation, file_iri)
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
        if e.kind in ("service", "body"):
            service_type_quads(w, node, e.all_names, e.description)
        elif e.kind == "partner-agency":
            service_type_quads(w, node, e.all_names)
        for usage in e.names:
            name_node = name_usage_iri(node, usage.year, usage.name)
            w.add(node, cs.nameUsage, name_node)
            w.add(name_node, rdf.type, cs.NameUsage)
            w.lit(name_node, cs.name, usage.name)
            w.lit(name_node, dcterms.date, str(usage.year), datatype=xsd.gYear)
            if usage.citation.source in file_iri:
                w.add(name_node, cs.usedIn, file_iri[usage.citation.source])
            cite(w, name_node, usage.citation, file_iri)
        for q in e.possibly_same_as:
            other = entity_iri(authority, q.other)
            w.add(node, cs.possiblySameAs, other)
            qnode = identity_question_iri(node, q.other)
            w.add(qnode, rdf.type, cs.IdentityQuestion)
            w.add(qnode, cs.subject, node)
            w.add(qnode, cs.object, other)
            w.lit(qnode, cs.reason, q.reason)
            cite(w, qnode, q.citation, file_iri)
