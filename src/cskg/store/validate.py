"""SHACL validation of the store against ``ontology/shapes.ttl``, on the store's own data, one pass a property.

pyshacl needs an rdflib copy of the data: on the national store (2.3 M
quads) that took 10 min 20 s and 4.4 GB and printed nothing (issue 17).
Compiling each constraint into a SPARQL query over the store was tried
first and measured: 404 queries, then 202 with each property's tests in one
query, still took 3 to 4 minutes there, since each query joins every one of
the 400,000 sentences again.  So the shapes are read once and each
constraint becomes a Python test, and the store is read one property at a
time (``quads_for_pattern``: every value of that property, once) with the
types of every node kept as strings: each quad is read once or twice, the
national graph in well under a minute and in a few hundred MB.
``validate_pyshacl`` keeps the full pyshacl run, which the tests compare this
with, result by result, on the embedded corpus and on graphs broken on
purpose.

What is understood (everything ``shapes.ttl`` uses): targets
``sh:targetClass`` (with subclasses) and ``sh:targetSubjectsOf``; property
shapes with an IRI path and ``sh:minCount``, ``sh:maxCount``,
``sh:hasValue``, ``sh:lessThan``, ``sh:lessThanOrEquals``, ``sh:disjoint``;
value constraints ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in``,
``sh:minLength``, ``sh:minInclusive``, ``sh:pattern``, ``sh:node`` and
``sh:or``.  A shape using anything else is refused with the name of what is
missing, so a new constraint cannot pass unchecked.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import InputError
from ..sources.files import project_path, read_turtle

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {f"{XSD}{t}" for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}
VALUE_KEYS = ("class", "datatype", "nodeKind", "in", "minLength", "minInclusive", "pattern", "node", "or", "hasValue")
PAIR_KEYS = ("lessThan", "lessThanOrEquals", "disjoint")
KNOWN = {
    *VALUE_KEYS,
    *PAIR_KEYS,
    "path",
    "minCount",
    "maxCount",
    "property",
    "targetClass",
    "targetSubjectsOf",
    "message",
    "name",
    "description",
}
CACHED_PATHS = 4  # the values of this many properties are kept at once (memory: one property's values each)


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    # One entry per SHACL result: focus, path, value, severity, message, constraint (pyshacl's names).
    results: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        """What ``cskg validate --json`` prints: the verdict and one entry per SHACL result."""
        return {"conforms": self.conforms, "violations": self.violations, "results": self.results}

    def keys(self) -> set[tuple[str | None, str | None, str | None]]:
        """(focus node, path, constraint) of each result: what two validators must agree on."""
        return {(r["focus"], r["path"], r["constraint"]) for r in self.results}


class _Shapes:
    """The shapes graph, read with pyoxigraph."""

    def __init__(self, shapes_store):
        import pyoxigraph as ox

        self.ox, self.g = ox, shapes_store
        self._memo: dict[tuple[str, str], list] = {}

    def values(self, node, key: str) -> list:
        """The objects of ``node sh:key``, read once (the tests ask for them per value of the data)."""
        memo = (str(node), key)
        if memo not in self._memo:
            self._memo[memo] = [
                q.object for q in self.g.quads_for_pattern(node, self.ox.NamedNode(SH + key), None, None)
            ]
        return self._memo[memo]

    def one(self, node, key: str):
        found = self.values(node, key)
        return found[0] if found else None

    def keys(self, node) -> set[str]:
        return {
            q.predicate.value[len(SH) :]
            for q in self.g.quads_for_pattern(node, None, None, None)
            if q.predicate.value.startswith(SH)
        }

    def listed(self, head) -> list:
        memo = (str(head), "list")
        if memo not in self._memo:
            self._memo[memo] = self._read_list(head)
        return self._memo[memo]

    def _read_list(self, head) -> list:
        out = []
        while head is not None and head.value != "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil":
            out += [q.object for q in self.g.quads_for_pattern(head, self.ox.NamedNode(RDF_FIRST), None, None)]
            rest = [q.object for q in self.g.quads_for_pattern(head, self.ox.NamedNode(RDF_REST), None, None)]
            head = rest[0] if rest else None
        return out

    def check_known(self, node) -> None:
        unknown = self.keys(node) - KNOWN
        if unknown:
            raise InputError(
                f"shapes.ttl: sh:{sorted(unknown)[0]} is not understood by cskg validate (store/validate.py)"
            )


class _Data:
    """The store, read a property at a time: each node's types, and the values of one path per subject."""

    def __init__(self, store):
        import pyoxigraph as ox

        self.ox, self.store = ox, store
        self.types: dict[str, set[str]] = defaultdict(set)
        for s, t in self._pairs(RDF_TYPE):
            self.types[str(s)].add(t.value)
        below: dict[str, set[str]] = defaultdict(set)
        for q in store.quads_for_pattern(None, ox.NamedNode(SUBCLASS), None, None):
            below[q.object.value].add(q.subject.value)
        self.below = below
        self.closures: dict[str, set[str]] = {}
        self.cache: OrderedDict[str, dict[str, list]] = OrderedDict()

    def subclasses(self, cls: str) -> set[str]:
        if cls not in self.closures:
            seen, todo = {cls}, [cls]
            while todo:
                for sub in self.below.get(todo.pop(), ()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            self.closures[cls] = seen
        return self.closures[cls]

    def values(self, path: str) -> dict[str, list]:
        """Subject (N-Triples form) -> its distinct values of ``path``, over every graph."""
        if path in self.cache:
            self.cache.move_to_end(path)
            return self.cache[path]
        found: dict[str, list] = defaultdict(list)
        for s, o in self._pairs(path):
            found[str(s)].append(o)
        self.cache[path] = found
        if len(self.cache) > CACHED_PATHS:
            self.cache.popitem(last=False)
        return found

    def _pairs(self, path: str):
        """(subject, value) of every triple of ``path`` in any graph, each once (the store removes repeats:
        a third faster than reading the quads and removing them here)."""
        query = f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{path}> ?o }}"
        return ((row[0], row[1]) for row in self.store.query(query, use_default_graph_as_union=True))

    def type_values(self) -> dict[str, list]:
        """The values of rdf:type per subject, from the types already read (the largest property)."""
        named = {t: self.ox.NamedNode(t) for types in self.types.values() for t in types}
        return {node: [named[t] for t in types] for node, types in self.types.items()}

    def forget(self, path: str) -> None:
        """Drop a property's values once every shape that reads it is done (nested shapes' paths stay)."""
        self.cache.pop(path, None)

    def focus_nodes(self, shapes: _Shapes, shape) -> set[str]:
        nodes: set[str] = set()
        for cls in shapes.values(shape, "targetClass"):
            wanted = self.subclasses(cls.value)
            nodes.update(n for n, types in self.types.items() if types & wanted)
        for prop in shapes.values(shape, "targetSubjectsOf"):
            nodes.update(self.values(prop.value))
        return nodes


class _Tests:
    """The shapes' constraints as Python tests of one value (or one node) against the data."""

    def __init__(self, shapes: _Shapes, data: _Data):
        self.shapes, self.data, self.ox = shapes, data, data.ox
        self._conforms: dict[tuple[str, str], bool] = {}

    def conforms(self, shape, value) -> bool:
        """Whether a node meets a shape used through sh:node or sh:or; worked out once per node and shape.

        The same few values recur (a judgement area on 200,000 findings, a
        council on every entity), so the answer is kept.
        """
        memo = (str(shape), str(value))
        if memo not in self._conforms:
            self._conforms[memo] = self._conforms_now(shape, value)
        return self._conforms[memo]

    def _conforms_now(self, shape, value) -> bool:
        shapes = self.shapes
        shapes.check_known(shape)
        if not all(self.test(k, c, value) for k in VALUE_KEYS for c in shapes.values(shape, k)):
            return False
        for prop in shapes.values(shape, "property"):
            shapes.check_known(prop)
            path = shapes.one(prop, "path").value
            found = self.data.values(path).get(str(value), [])
            low, high = shapes.one(prop, "minCount"), shapes.one(prop, "maxCount")
            if (low is not None and len(found) < int(low.value)) or (high is not None and len(found) > int(high.value)):
                return False
            if any(v not in found for v in shapes.values(prop, "hasValue")):
                return False
            inner = [(k, c) for k in VALUE_KEYS if k != "hasValue" for c in shapes.values(prop, k)]
            if not all(self.test(k, c, v) for v in found for k, c in inner):
                return False
        return True

    def test(self, key: str, constraint, value) -> bool:
        ox = self.ox
        if key == "class":
            return bool(self.data.types.get(str(value), set()) & self.data.subclasses(constraint.value))
        if key == "datatype":
            return isinstance(value, ox.Literal) and value.datatype.value == constraint.value
        if key == "nodeKind":
            kind = constraint.value[len(SH) :]
            kinds = {"IRI": ox.NamedNode, "Literal": ox.Literal, "BlankNode": ox.BlankNode}
            if kind not in kinds:
                raise InputError(f"shapes.ttl: sh:nodeKind sh:{kind} is not understood by cskg validate")
            return isinstance(value, kinds[kind])
        if key == "in":
            return value in self.shapes.listed(constraint)
        if key == "hasValue":
            return value == constraint
        if key == "minLength":
            return not isinstance(value, ox.BlankNode) and len(value.value) >= int(constraint.value)
        if key == "minInclusive":
            number = _number(value)
            return number is not None and number >= float(constraint.value)
        if key == "pattern":
            return not isinstance(value, ox.BlankNode) and re.search(constraint.value, value.value) is not None
        if key == "node":
            return self.conforms(constraint, value)
        if key == "or":
            return any(self.conforms(member, value) for member in self.shapes.listed(constraint))
        raise AssertionError(key)


def _number(term) -> float | None:
    """A numeric literal's value; None for anything else (SHACL: a value that cannot be compared fails)."""
    if getattr(term, "datatype", None) is None or term.datatype.value not in NUMERIC:
        return None
    try:
        return float(term.value)
    except ValueError:
        return None


def _ordered(a, b, strict: bool) -> bool:
    """sh:lessThan / sh:lessThanOrEquals of two values: numbers by value, same-typed literals by their text."""
    x, y = _number(a), _number(b)
    if x is None or y is None:
        same = getattr(a, "datatype", None) is not None and getattr(b, "datatype", None) == a.datatype
        if not same or a.datatype.value in NUMERIC:
            return False
        x, y = a.value, b.value
    return x < y if strict else x <= y


def validate_graph(kg, progress: Callable[[int, int, float], None] | None = None) -> ValidationReport:
    """Validate every triple of the store (all named graphs together) against ``ontology/shapes.ttl``.

    ``progress(done, total, elapsed)`` is called after each property shape.
    """
    import pyoxigraph as ox

    started = time.perf_counter()
    shapes_store = ox.Store()
    shapes_store.bulk_extend(
        [ox.Quad(t.subject, t.predicate, t.object) for t in read_turtle(project_path("ontology") / "shapes.ttl")]
    )
    shapes = _Shapes(shapes_store)
    data = _Data(kg.store)
    tests = _Tests(shapes, data)
    targets = [
        s
        for s in sorted(
            {
                q.subject
                for q in shapes_store.quads_for_pattern(
                    None, ox.NamedNode(RDF_TYPE), ox.NamedNode(SH + "NodeShape"), None
                )
            },
            key=str,
        )
        if shapes.values(s, "targetClass") or shapes.values(s, "targetSubjectsOf")
    ]
    focus = {shape: data.focus_nodes(shapes, shape) for shape in targets}
    # Property shapes grouped by path: each property's values are read from the store once for all of them.
    by_path: dict[str, list] = defaultdict(list)
    for shape in targets:
        for prop in shapes.values(shape, "property"):
            shapes.check_known(prop)
            path = shapes.one(prop, "path")
            if not isinstance(path, ox.NamedNode):
                raise InputError("shapes.ttl: only IRI paths are understood by cskg validate (store/validate.py)")
            by_path[path.value].append((shape, prop))
    results: list[dict] = []
    lines: list[str] = []

    def violation(shape, focus: str, path: str | None, component: str, value, message: str) -> None:
        results.append(_result(focus[1:-1] if focus.startswith("<") else focus, path, component, value, message))
        name = shape.value.rsplit("#", 1)[-1]
        where = f" on <{path}>" if path else ""
        lines.append(f"Violation of {name} (sh:{component}{where}): {focus} value {value}: {message}")

    total = len(targets) + len(by_path)
    for n, shape in enumerate(targets, 1):  # constraints on the focus nodes themselves
        shapes.check_known(shape)
        message = shapes.one(shape, "message")
        for key in VALUE_KEYS:
            for constraint in shapes.values(shape, key):
                for f in focus[shape]:
                    if not tests.test(key, constraint, _term(ox, f)):
                        violation(shape, f, None, key, f, message.value if message else "")
        if progress:
            progress(n, total, time.perf_counter() - started)
    for n, (path, uses) in enumerate(sorted(by_path.items()), len(targets) + 1):
        values = data.type_values() if path == RDF_TYPE else data.values(path)
        for shape, prop in uses:
            _property(shapes, data, tests, shape, prop, focus[shape], values, violation)
        data.forget(path)
        if progress:
            progress(n, total, time.perf_counter() - started)
    text = "Conforms: True" if not lines else f"Conforms: False\nResults ({len(lines)}):\n" + "\n".join(lines)
    return ValidationReport(not lines, len(lines), text, sorted(results, key=_order))


def _result(focus: str, path: str | None, component: str, value, message: str) -> dict:
    """One result as ``validate --json`` gives it; a count constraint has no value, as in SHACL."""
    plain = None if isinstance(value, int) or value is None else getattr(value, "value", str(value))
    if isinstance(plain, str) and plain.startswith("<") and plain.endswith(">"):
        plain = plain[1:-1]
    return {
        "focus": focus,
        "path": path,
        "value": plain,
        "severity": "Violation",
        "message": message or None,
        "constraint": component[0].upper() + component[1:] + "ConstraintComponent",
    }


def _order(result: dict) -> tuple:
    return tuple(v or "" for v in result.values())


def _term(ox, ntriples: str):
    """The node of an N-Triples name (an IRI or a blank node: focus nodes are never literals here)."""
    return ox.NamedNode(ntriples[1:-1]) if ntriples.startswith("<") else ox.BlankNode(ntriples[2:])


def _property(shapes, data, tests, shape, prop, focus, values: dict, violation) -> None:
    """Check one property shape on every focus node of its shape (``values``: its path's, per subject)."""
    path = shapes.one(prop, "path")
    text = shapes.one(prop, "message") or shapes.one(shape, "message")
    message = text.value if text else ""
    low, high = shapes.one(prop, "minCount"), shapes.one(prop, "maxCount")
    has = shapes.values(prop, "hasValue")
    inner = [(k, c) for k in VALUE_KEYS if k != "hasValue" for c in shapes.values(prop, k)]
    pairs = [(k, data.values(o.value)) for k in PAIR_KEYS for o in shapes.values(prop, k)]
    for f in focus:
        found = values.get(f, [])
        if low is not None and len(found) < int(low.value):
            violation(shape, f, path.value, "minCount", len(found), message)
        if high is not None and len(found) > int(high.value):
            violation(shape, f, path.value, "maxCount", len(found), message)
        for wanted in has:
            if wanted not in found:
                violation(shape, f, path.value, "hasValue", wanted, message)
        for value in found:
            for key, constraint in inner:
                if not tests.test(key, constraint, value):
                    violation(shape, f, path.value, key, value, message)
            for key, others in pairs:
                for other in others.get(f, []):
                    ok = value != other if key == "disjoint" else _ordered(value, other, key == "lessThan")
                    if not ok:
                        violation(shape, f, path.value, key, value, message)


def validate_pyshacl(triples_nt: bytes) -> ValidationReport:
    """The full pyshacl run over N-Triples (slow, whole graph in rdflib): what the compiled checks must agree with."""
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    data.parse(data=triples_nt, format="nt")
    shapes = rdflib.Graph()
    shapes.parse(project_path("ontology") / "shapes.ttl", format="turtle")
    conforms, graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    sh = rdflib.Namespace(SH)
    results = []

    def one(node, predicate) -> str | None:
        value = graph.value(node, predicate)
        return str(value) if value is not None else None

    # The report's own results: those of a failed sh:node also hang under sh:detail, and are not counted.
    for r in graph.objects(None, sh.result):
        results.append(
            {
                "focus": one(r, sh.focusNode),
                "path": one(r, sh.resultPath),
                "value": one(r, sh.value),
                "severity": (one(r, sh.resultSeverity) or "").rsplit("#", 1)[-1] or None,
                "message": one(r, sh.resultMessage),
                "constraint": (one(r, sh.sourceConstraintComponent) or "").rsplit("#", 1)[-1] or None,
            }
        )
    return ValidationReport(bool(conforms), len(results), text, sorted(results, key=_order))
