"""Binding what a user typed to RDF terms of the types a query's header declares.

``--param entity=mash`` resolves a name like ``cskg show``, ``authority``
takes a council's name, slug, URN or GSS code, dates and years are checked;
the terms then go into the query's VALUES block (``runner``), never into
its text.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..iris import authority_iri
from ..namespace import PREFIXES, XSD
from ..sources.councils import resolve as resolve_council
from .runner import Param, Query


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["name=value", ...]`` from ``--param`` options into a dict."""
    given: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise InputError(f"--param {pair!r}: write NAME=VALUE, NAME a SPARQL variable name without '?'")
        given[name] = value
    return given


def expand_iri(value: str) -> str:
    """An IRI from ``<...>``, an absolute IRI, or a prefixed name such as ``cs:Weakness``."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*", value):
        raise InputError(
            f"{value!r} is not an IRI (give <https://...>, https://... or a prefixed name like cs:Weakness)"
        )
    return value


def _looks_like_iri(value: str) -> bool:
    """Whether a name-typed value (entity, authority) was given as an IRI rather than a name to resolve."""
    return value.startswith(("<", "http://", "https://")) or value.split(":", 1)[0] in PREFIXES


def make_term(param: Param, value: str, resolve_entity=None):
    """The RDF term for one parameter value, checked against its declared type."""
    import pyoxigraph as ox

    where = f"parameter {param.name} ({param.type})"
    kind = param.type
    if kind == "entity":
        if _looks_like_iri(value) or resolve_entity is None:
            return ox.NamedNode(expand_iri(value))
        return ox.NamedNode(resolve_entity(value))
    if kind == "authority":
        if _looks_like_iri(value):
            return ox.NamedNode(expand_iri(value))
        try:
            return ox.NamedNode(authority_iri(resolve_council(value).slug))
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    if kind == "iri":
        try:
            return ox.NamedNode(expand_iri(value))
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    if kind == "literal":
        return ox.Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
            raise InputError(f"{where}: {value!r} is not a whole number")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if kind == "date":
        text = date.today().isoformat() if value.strip() == "today" else value.strip()
        try:
            return ox.Literal(date.fromisoformat(text).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        except ValueError:
            raise InputError(f"{where}: {value!r} is not a date (YYYY-MM-DD or 'today')") from None
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value.strip()):
            raise InputError(f"{where}: {value!r} is not a four-digit year")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "gYear"))
    raise InputError(f"{where}: unknown type")


def bind(query: Query, given: dict[str, str], resolve_entity=None) -> dict:
    """Parameter name -> RDF term: given values over header defaults.

    A value for a parameter the header does not declare is refused, so a typo
    in ``--param`` does not silently run the query on its default.  Files
    without a header may take parameters of any name; those are bound as
    plain literals unless they look like ``<IRI>``.
    """
    import pyoxigraph as ox

    declared = {p.name: p for p in query.params}
    terms = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise InputError(f"{query.name} needs a value for its parameter {p.name} ({p.meaning or p.type})")
        terms[p.name] = make_term(p, value, resolve_entity)
    for name, value in given.items():
        if name in declared:
            continue
        if query.params:
            raise InputError(
                f"{query.name} has no parameter {name!r}; it takes: " + ", ".join(p.name for p in query.params)
            )
        if value.startswith("<") and value.endswith(">"):
            terms[name] = ox.NamedNode(expand_iri(value))
        else:
            terms[name] = ox.Literal(value)
    return terms
