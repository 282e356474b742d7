"""Export the graph in standard RDF formats, as a GraphML network, or as a CSV table of findings.

Triple formats (Turtle, N-Triples) get the union of all named graphs; quad
formats (TriG, N-Quads, JSON-LD) keep one graph per source document.
Serialisation is pyoxigraph's, which is about 90 times faster than rdflib's
Turtle writer on large graphs (field notes, section 5), except JSON-LD:
pyoxigraph writes it without an ``@context`` (full IRIs everywhere), so it is
written here, compacted with the project's prefixes (``_jsonld``).  The CSV is for
spreadsheets: one row per finding with its quote and where it stands.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..errors import InputError
from ..namespace import PREFIXES
from ..sources.files import write_atomic
from .networks import overview_network

FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "trig": "TRIG", "nq": "N_QUADS"}
QUAD_FORMATS = {"trig", "nq", "jsonld"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def export_graph(kg, fmt: str, output: str | Path | None = None) -> bytes | None:
    """Serialise the store as ``fmt``; write to ``output`` (atomically) or return bytes."""
    import pyoxigraph as ox

    if fmt == "graphml":
        return export_graphml(kg, output)
    if fmt == "csv":
        return export_csv(kg, output)
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}, graphml, csv")
    rdf_format = getattr(ox.RdfFormat, FORMATS[fmt])
    quads = sorted(kg.store.quads_for_pattern(None, None, None, None), key=str)
    if fmt == "jsonld":
        return _deliver(_jsonld(quads), output)
    items = (
        quads if fmt in QUAD_FORMATS else sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    )
    prefixes = PREFIXES if fmt in ("ttl", "trig") else None
    return _deliver(ox.serialize(items, format=rdf_format, prefixes=prefixes), output)


def _jsonld(quads) -> bytes:
    """A JSON-LD 1.1 document of ``quads``: the prefixes as ``@context``, one ``@graph`` per named graph.

    Every IRI is written compact where a prefix covers it; literals keep their
    lexical form and datatype (``{"@value": "458", "@type": "xsd:integer"}``)
    or language, and plain strings are JSON strings, so the quads read back
    exactly (a test compares them after rdflib and pyoxigraph read the file).
    """
    import pyoxigraph as ox

    def iri(value: str) -> str:
        for prefix, base in PREFIXES.items():
            rest = value[len(base) :]
            # A suffix starting "//" would read as an absolute IRI, not prefix + suffix.
            if value.startswith(base) and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return value

    def node_id(term) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else iri(term.value)

    def value(term):
        if not isinstance(term, ox.Literal):
            return {"@id": node_id(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": iri(term.datatype.value)}

    graphs: dict[str, dict[str, dict]] = {}
    for q in quads:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else node_id(q.graph_name)
        node = graphs.setdefault(graph, {}).setdefault(node_id(q.subject), {"@id": node_id(q.subject)})
        if q.predicate.value == RDF_TYPE and not isinstance(q.object, ox.Literal):
            node.setdefault("@type", []).append(node_id(q.object))
        else:
            node.setdefault(iri(q.predicate.value), []).append(value(q.object))
    top = list(graphs.pop("", {}).values())
    top += [{"@id": name, "@graph": list(nodes.values())} for name, nodes in sorted(graphs.items())]
    document = {"@context": {**PREFIXES, "@version": 1.1}, "@graph": top}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _deliver(data: bytes, output: str | Path | None) -> bytes | None:
    """Return ``data``, or write it to ``output`` atomically (a reader never sees half a file)."""
    if output is None:
        return data
    write_atomic(output, data)
    return None


CSV_COLUMNS = [
    "finding",
    "authority",
    "inspection",
    "year",
    "document",
    "paragraph",
    "area",
    "polarity",
    "improved_since_last_inspection",
    "start",
    "end",
    "entities",
    "text",
]


# A cell a spreadsheet would run as a formula starts with one of these (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def export_csv(kg, output: str | Path | None = None) -> bytes | None:
    """Every finding as one CSV row (RFC 4180, UTF-8), the quote in the last column.

    Document text is untrusted: a quote or a name that starts like a formula
    (``=HYPERLINK(...)``) is written with a leading apostrophe (``inert``).
    """

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in kg.select("export-findings"):
        writer.writerow(
            inert(str(cell))
            for cell in [
                r["finding"],
                r["authority"],
                r["inspection"],
                r["year"],
                r["file"],
                r["paragraph"] or "",
                r["area"] or "",
                r["polarity"],
                "true" if r["improved"] == "true" else "false",
                r["start"],
                r["end"],
                r["entities"] or "",
                r["text"],
            ]
        )
    return _deliver(buffer.getvalue().encode("utf-8"), output)


def export_graphml(kg, output: str | Path | None = None) -> bytes | None:
    """The overview network (``cskg view`` without a name) as GraphML, for Gephi and yEd.

    GraphML attributes must be scalars: lists (inspection years) become
    space-separated text and empty values are left out.
    """

    import networkx as nx

    g = overview_network(kg)
    flat = nx.DiGraph()
    flat.graph.update({k: str(v) for k, v in g.graph.items() if v is not None})
    for node in sorted(g.nodes):
        flat.add_node(node, **_scalars(g.nodes[node]))
    for s, t in sorted(g.edges):
        flat.add_edge(s, t, **_scalars(g.edges[s, t]))
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return _deliver(buffer.getvalue(), output)


def _scalars(attrs: dict) -> dict:
    out = {}
    for key, value in sorted(attrs.items()):
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            value = " ".join(str(v) for v in value)
        out[key] = value if isinstance(value, (bool, int, float, str)) else str(value)
    return out
