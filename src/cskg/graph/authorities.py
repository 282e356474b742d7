"""Councils into quads: every council of ``data/la-lookup.csv``, and a children's trust that runs one.

The authorities graph (``csd:graph/authorities``) gives every council its
Ofsted URN, GSS code, region and statistical neighbours, so national
questions can group and compare councils; it is rewritten at the end of
every ingest.
"""

from __future__ import annotations

from ..iris import AUTHORITIES_GRAPH, authority_iri, entity_iri
from ..namespace import cs, dcterms, org, rdf, rdfs, skos
from ..sources.councils import by_la_code, load_authorities
from .document import service_type_quads
from .writer import QuadWriter


def authority_quads(labelled: set[str]) -> QuadWriter:
    """The authorities graph; councils in ``labelled`` (slugs) already have a label elsewhere and get none here."""
    w = QuadWriter()
    w.use(AUTHORITIES_GRAPH)
    for a in load_authorities():
        node = authority_iri(a.slug)
        w.add(node, rdf.type, cs.LocalAuthority)
        w.add(node, rdf.type, org.FormalOrganization)
        w.lit(node, cs.ofstedURN, a.urn)
        w.lit(node, cs.gssCode, a.gss)
        w.lit(node, cs.region, a.region)
        if a.slug not in labelled:
            w.lit(node, rdfs.label, a.name)
        for code in a.neighbours:
            other = by_la_code(code)
            if other:
                w.add(node, cs.statisticalNeighbour, authority_iri(other.slug))
    return w


def trust_quads(w: QuadWriter, trust: str, authority: str, ident: str, text_file: str) -> None:
    """A children's trust named on a report's first page, as a partner agency linked to its council.

    The name is written as one of the trust's spellings (``skos:hiddenLabel``),
    as a discovered entity's are: the council-level pass gives every entity
    of the council its one label, and the report's text may discover the
    same trust too: ``ident`` is the identifier discovery gives the name
    (``discover.unit_id``), so the two are one entity.
    """
    node = entity_iri(authority, ident)
    council = authority_iri(authority)
    w.add(node, rdf.type, cs.PartnerAgency)
    w.add(node, rdf.type, org.Organization)
    w.lit(node, skos.hiddenLabel, trust)
    w.lit(node, dcterms.identifier, f"{authority}/{ident}")
    w.add(node, cs.curation, cs.Discovered)
    w.lit(node, cs.quote, trust)
    w.lit(node, cs.sourceFile, text_file)
    w.add(node, org.linkedTo, council)
    w.add(node, cs.localAuthority, council)
    service_type_quads(w, node, [trust])
