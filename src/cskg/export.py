"""Export the graph in standard RDF formats.

Triple formats (Turtle, N-Triples, JSON-LD) get the union of all named
graphs; quad formats (TriG, N-Quads) keep one graph per source document.
Serialisation is pyoxigraph's, which is about 90 times faster than rdflib's
Turtle writer on large graphs (field notes, section 5).
"""
from __future__ import annotations

from pathlib import Path

from .model import InputError
from .namespace import PREFIXES

FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "trig": "TRIG", "nq": "N_QUADS"}
QUAD_FORMATS = {"trig", "nq"}


def export_graph(kg, fmt: str, output: str | Path | None = None) -> bytes | None:
    """Serialise the store as ``fmt``; write to ``output`` (atomically) or return bytes."""
    import os
    import tempfile

    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    rdf_format = getattr(ox.RdfFormat, FORMATS[fmt])
    quads = sorted(kg.store.quads_for_pattern(None, None, None, None), key=str)
    items = quads if fmt in QUAD_FORMATS else sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    prefixes = PREFIXES if fmt in ("ttl", "trig") else None
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    if output is None:
        return data
    output = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent or ".")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, output)
    return None
