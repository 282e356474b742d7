"""The one way quads are made: plain tuples of strings, one named graph at a time, written out as N-Quads.

Every step that writes the graph (a document, the register, the
accountability overlay, the authorities) writes through a ``QuadWriter``,
so literals are typed the same way everywhere: ``int`` as ``xsd:integer``,
``bool`` as ``xsd:boolean``, ``date`` as ``xsd:date``, a string with a
``datatype`` or language, else a plain string.  ``None`` writes nothing,
which keeps optional facts to one line each.

A quad is a tuple ``(subject, predicate, object, graph)``: an IRI is a
``str``, a literal a ``Lit``, a blank node a ``Blank``.  Plain tuples, not
pyoxigraph terms: the provenance check and the search index read them
directly, and the store loads their N-Quads text in bulk.  Making a
pyoxigraph term per quad and reading its attributes back cost about a third
of an ingest worker's time beyond parsing.  Every IRI is checked once per
writer, so nothing the store would refuse is written.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..errors import InputError
from ..namespace import xsd


class Lit(NamedTuple):
    """A literal: its lexical value and a datatype IRI or a language tag (neither: a plain string)."""

    value: str
    datatype: str | None = None
    lang: str | None = None


class Blank(NamedTuple):
    """A blank node (only the ontology has them, renamed stably by the build)."""

    id: str


# RFC 3987 as N-Triples checks it: a scheme, then no space, control character or <>"{}|^`\ (a tab is a control).
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')


def check_iri(iri: str) -> str:
    """``iri`` if the store can hold it, else a one-line InputError (a file name with a space makes no IRI)."""
    if not _IRI.fullmatch(iri):
        raise InputError(f"not a valid IRI: {iri[:120]!r}")
    return iri


class QuadWriter:
    """Collects quads for one named graph at a time, as tuples and as N-Quads lines."""

    def __init__(self):
        self.quads: list[tuple] = []
        self.graph: str | None = None  # None: the default graph
        self._graph_text = ""
        self._lines: list[str] = []  # N-Quads of every quad without a blank node, in order
        self._iris: dict[str, str] = {}  # checked IRI -> "<IRI>"
        self._types = {xsd.boolean: f"<{xsd.boolean}>", xsd.integer: f"<{xsd.integer}>", xsd.date: f"<{xsd.date}>"}

    def _iri(self, iri: str) -> str:
        """``<iri>``, checked once per writer."""
        text = self._iris.get(iri)
        if text is None:
            text = self._iris[iri] = f"<{check_iri(iri)}>"
        return text

    def use(self, graph_iri: str) -> None:
        """Write the following quads into the named graph ``graph_iri``."""
        self._graph_text = " " + self._iri(graph_iri)
        self.graph = graph_iri

    def add(self, s: str, p: str, o) -> None:
        """A link: ``o`` is an IRI (or a ``Lit``); None writes nothing."""
        if o is None:
            return
        if type(o) is str:
            obj = self._iri(o)
        else:
            obj = _term(o)
        self.quads.append((s, p, o, self.graph))
        self._lines.append(f"{self._iri(s)} {self._iri(p)} {obj}{self._graph_text} .\n")

    def lit(self, s: str, p: str, value, datatype: str | None = None, lang: str | None = None) -> None:
        """A literal typed by its Python type, or by ``datatype`` / ``lang`` for a string (None: nothing)."""
        if value is None:
            return
        if isinstance(value, bool):
            term, text = Lit("true" if value else "false", xsd.boolean), None
        elif isinstance(value, int):
            term = Lit(str(value), xsd.integer)
            text = f'"{term.value}"^^{self._types[xsd.integer]}'
        elif isinstance(value, date):
            term, text = Lit(value.isoformat(), xsd.date), None
        elif datatype:
            self._iri(datatype)
            term, text = Lit(str(value), datatype), None
        elif lang:
            term, text = Lit(str(value), None, lang), None
        else:
            term, text = Lit(str(value)), None
        self.quads.append((s, p, term, self.graph))
        self._lines.append(f"{self._iri(s)} {self._iri(p)} {text or _term(term)}{self._graph_text} .\n")

    def triple(self, s, p, o) -> None:
        """A triple of pyoxigraph terms (the ontology's, blank nodes included), in our own terms."""
        quad = (_from_ox(s), _from_ox(p), _from_ox(o), self.graph)
        self.quads.append(quad)
        if not has_blank(quad):
            self._lines.append(f"{_term(quad[0])} {_term(quad[1])} {_term(quad[2])}{self._graph_text} .\n")

    def extend(self, other: QuadWriter) -> None:
        """Add another writer's quads after this one's (a build adds the council-level pass's)."""
        self.quads.extend(other.quads)
        self._lines.extend(other._lines)

    def nquads(self) -> bytes:
        """Every quad without a blank node as N-Quads (UTF-8), for the store's bulk loader."""
        return "".join(self._lines).encode("utf-8")

    def blank_quads(self) -> list:
        """The quads with a blank node, as pyoxigraph quads (a bulk load of N-Quads would rename their nodes)."""
        return to_pyoxigraph([q for q in self.quads if has_blank(q)])


def _from_ox(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return Blank(term.value)
    language = term.language
    datatype = None if language or term.datatype.value == xsd.string else term.datatype.value
    return Lit(term.value, datatype, language)


def _term(term) -> str:
    """One term in N-Quads syntax."""
    if type(term) is str:
        return f"<{check_iri(term)}>"
    if type(term) is Lit:
        value = term.value
        text = value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value
        if term.lang:
            return f'"{text}"@{term.lang}'
        return f'"{text}"^^<{term.datatype}>' if term.datatype else f'"{text}"'
    return f"_:{term.id}"


def has_blank(quad) -> bool:
    return type(quad[0]) is Blank or type(quad[2]) is Blank


def to_pyoxigraph(quads) -> list:
    """The quads as pyoxigraph quads, blank node labels kept (a bulk load of N-Quads would rename them)."""
    import pyoxigraph as ox

    def term(t):
        if type(t) is str:
            return ox.NamedNode(t)
        if type(t) is Blank:
            return ox.BlankNode(t.id)
        if t.lang:
            return ox.Literal(t.value, language=t.lang)
        return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype)) if t.datatype else ox.Literal(t.value)

    return [ox.Quad(term(s), term(p), term(o), ox.NamedNode(g) if g else ox.DefaultGraph()) for s, p, o, g in quads]


def value(term) -> str:
    """The string a term stands for: an IRI, a literal's lexical value, a blank node's id."""
    return term if type(term) is str else term[0]
