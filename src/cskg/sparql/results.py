"""Query results for people and programs: the W3C result formats, a text table, Turtle for graphs."""

from __future__ import annotations

import json

from ..errors import InputError
from ..namespace import PREFIXES, XSD
from .runner import FORMATS, Result


def render(result: Result, fmt: str = "table") -> bytes:
    """Bytes to print: the W3C result formats (json, csv, tsv), a text table, or Turtle for graphs."""
    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if result.form == "graph":
        # csd: is left out because Turtle would have to escape every '/' of its local names.
        prefixes = {k: v for k, v in PREFIXES.items() if k != "csd"}
        return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    if fmt == "table":
        return render_table(result).encode("utf-8")
    if result.form == "ask":
        if fmt == "json":
            return (f'{{"head":{{}},"boolean":{"true" if result.boolean else "false"}}}\n').encode()
        return (b"true" if result.boolean else b"false") + b"\n"
    # Through pyoxigraph's own writers, which follow SPARQL 1.1 Query Results
    # JSON/CSV/TSV exactly (CSV: plain values, CRLF; TSV: terms in Turtle syntax).
    solutions = ox.parse_query_results(_to_json(result), ox.QueryResultsFormat.JSON)
    out_format = {
        "json": ox.QueryResultsFormat.JSON,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }[fmt]
    data = solutions.serialize(format=out_format)
    return data if data.endswith(b"\n") else data + b"\n"


def _term_json(term) -> dict:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _term_json(term.subject),
            "predicate": _term_json(term.predicate),
            "object": _term_json(term.object),
        },
    }


def _to_json(result: Result) -> bytes:

    bindings = [{v: _term_json(t) for v, t in row.items() if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}).encode("utf-8")


def short(term) -> str:
    """A term as a person reads it: prefixed IRIs, bare literal values."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(base):
                return f"{prefix}:{term.value[len(base) :]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def render_table(result: Result, width: int = 60) -> str:
    """An aligned text table; cells longer than ``width`` are cut with '…' (use tsv for full values)."""
    if result.form == "ask":
        return ("true" if result.boolean else "false") + "\n"
    header = result.variables
    cells = [[" ".join(short(row.get(v)).split()) for v in header] for row in result.rows]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"
