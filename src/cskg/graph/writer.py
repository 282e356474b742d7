"""The one way quads are made: subject, predicate and object as strings and Python values, one named graph at a time.

Every step that writes the graph (a document, the register, the
accountability overlay, the authorities) writes through a ``QuadWriter``,
so literals are typed the same way everywhere: ``int`` as ``xsd:integer``,
``bool`` as ``xsd:boolean``, ``date`` as ``xsd:date``, a string with a
``datatype`` or language, else ``xsd:string``.  ``None`` writes nothing,
which keeps optional facts to one line each.
"""

from __future__ import annotations

from datetime import date

from ..namespace import xsd


class QuadWriter:
    """Collects pyoxigraph quads for one named graph at a time."""

    def __init__(self):
        import pyoxigraph as ox  # heavy: only where quads are made

        self.ox = ox
        self.quads: list = []
        self.graph = ox.DefaultGraph()
        self._types = {
            name: ox.NamedNode(iri)
            for name, iri in (("boolean", xsd.boolean), ("integer", xsd.integer), ("date", xsd.date))
        }

    def use(self, graph_iri: str) -> None:
        """Write the following quads into the named graph ``graph_iri``."""
        self.graph = self.ox.NamedNode(graph_iri)

    def add(self, s: str, p: str, o) -> None:
        """A link: ``o`` is an IRI string or a ready-made term (None: nothing)."""
        if o is None:
            return
        ox = self.ox
        if isinstance(o, str):
            o = ox.NamedNode(o)
        self.quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, self.graph))

    def lit(self, s: str, p: str, value, datatype: str | None = None, lang: str | None = None) -> None:
        """A literal typed by its Python type, or by ``datatype`` / ``lang`` for a string (None: nothing)."""
        if value is None:
            return
        ox = self.ox
        if isinstance(value, bool):
            term = ox.Literal("true" if value else "false", datatype=self._types["boolean"])
        elif isinstance(value, int):
            term = ox.Literal(str(value), datatype=self._types["integer"])
        elif isinstance(value, date):
            term = ox.Literal(value.isoformat(), datatype=self._types["date"])
        elif datatype:
            term = ox.Literal(str(value), datatype=ox.NamedNode(datatype))
        elif lang:
            term = ox.Literal(str(value), language=lang)
        else:
            term = ox.Literal(str(value))
        self.quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), term, self.graph))

    def triple(self, s, p, o) -> None:
        """A triple of ready-made pyoxigraph terms (the ontology's, blank nodes included)."""
        self.quads.append(self.ox.Quad(s, p, o, self.graph))
