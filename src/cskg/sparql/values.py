"""Bind query parameters as a VALUES block of RDF terms written by pyoxigraph.

The terms are serialised by pyoxigraph (N-Triples syntax, escaped), so a
value can never close the block or the query; nothing typed by a user is
pasted in.  (Why a VALUES block: docs/decisions.md.)
"""

from __future__ import annotations

import re

from ..errors import InputError

# A SPARQL tokenizer just good enough to find the outer WHERE clause's brace
# while skipping comments, strings and IRIs (which may hold braces or 'where').
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>.)
""",
    re.VERBOSE | re.DOTALL,
)


def where_brace(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE clause (None if it has none)."""
    depth = 0
    saw_where = False
    first_open = None
    words_before: list[str] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word" and depth == 0:
            word = m.group().upper()
            words_before.append(word)
            if word == "WHERE":
                saw_where = True
        elif kind == "open":
            if depth == 0:
                if saw_where:
                    return m.end()
                if first_open is None and "CONSTRUCT" not in words_before:
                    first_open = m.end()
            depth += 1
        elif kind == "close":
            depth -= 1
    return first_open


def with_values(text: str, terms: dict) -> str:
    """The query with a ``VALUES`` block binding ``terms`` at the head of its WHERE clause.

    The terms are written by pyoxigraph (N-Triples syntax, escaped), so a
    value cannot close the block or the query.
    """
    if not terms:
        return text
    at = where_brace(text)
    if at is None:
        raise InputError("cannot bind parameters: the query has no WHERE clause")
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())
    return f"{text[:at]}\n  VALUES ({names}) {{ ({values}) }}\n{text[at:]}"
