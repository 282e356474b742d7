"""Every namespace and term IRI the code uses (classes, properties, concepts), in one place.

IRIs are plain strings so that importing this module costs nothing; the
graph step wraps them in pyoxigraph terms and rdflib users can wrap them in
``URIRef``.  IRIs of things (authorities, documents, findings) are built by
``iris``; nothing else in the package spells out an IRI.
"""

from __future__ import annotations

CS = "https://w3id.org/cskg/ontology#"
CSD = "https://w3id.org/cskg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
OA = "http://www.w3.org/ns/oa#"
QB = "http://purl.org/linked-data/cube#"

PREFIXES = {
    "cs": CS,
    "csd": CSD,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "foaf": FOAF,
    "oa": OA,
    "qb": QB,
}


class _Namespace:
    """A namespace whose attributes are the IRIs of its terms (``cs.Finding``).

    Not a ``str`` subclass on purpose: ``dcterms.title`` must be the IRI, not
    ``str.title``.
    """

    def __init__(self, base: str):
        self._base = base

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        # Kept on the instance: later look-ups skip __getattr__ (the build asks for cs.text per quad).
        value = self.__dict__[name] = self._base + name
        return value

    def term(self, name: str) -> str:
        return self._base + name

    def __str__(self) -> str:
        return self._base

    def __len__(self) -> int:
        return len(self._base)


cs = _Namespace(CS)
rdf = _Namespace(RDF)
rdfs = _Namespace(RDFS)
owl = _Namespace(OWL)
xsd = _Namespace(XSD)
skos = _Namespace(SKOS)
dcterms = _Namespace(DCTERMS)
prov = _Namespace(PROV)
org = _Namespace(ORG)
foaf = _Namespace(FOAF)
oa = _Namespace(OA)
qb = _Namespace(QB)

# The class that says what kind an entity is, both ways round.
KIND_CLASS = {
    "service": cs.Service,
    "body": cs.Body,
    "partner-agency": cs.PartnerAgency,
    "role": cs.Role,
    "person": foaf.Person,
}
CLASS_KIND = {iri: kind for kind, iri in KIND_CLASS.items()}
# The standard class each kind also carries (contract, section 1).
KIND_SUPERCLASS = {
    "service": org.OrganizationalUnit,
    "body": org.Organization,
    "partner-agency": org.Organization,
    "role": org.Post,
    "person": None,
}

POLARITY = {"strength": cs.Strength, "weakness": cs.Weakness, "context": cs.Context}
POLARITY_NAME = {iri: name for name, iri in POLARITY.items()}

DOCUMENT_KIND = {
    "inspection-report": cs.InspectionReport,
    "minutes": cs.Minutes,
    "decision-record": cs.DecisionRecord,
    "press-release": cs.PressRelease,
    "news-article": cs.NewsArticle,
}


DOCUMENT_KIND_NAME = {iri: name for name, iri in DOCUMENT_KIND.items()}


def prefix_block() -> str:
    """SPARQL PREFIX lines for every namespace."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
