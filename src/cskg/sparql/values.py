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


# A default: ``VALUES ?name { term }`` on a line of its own at the head of the WHERE clause (comments
# may stand between).  The library's queries carry their parameters' defaults so, and run unchanged on
# any endpoint; binding a parameter replaces its default's term.
_DEFAULT = re.compile(r"(?:\s|#[^\n]*\n)*VALUES[ \t]+\?(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*\{(?P<term>[^{}\n]*)\}")


def default_blocks(text: str) -> dict[str, tuple[int, int, str]]:
    """The query's default VALUES blocks: parameter name -> (start, end, term text) of each one's term."""
    at = where_brace(text)
    found: dict[str, tuple[int, int, str]] = {}
    while at is not None and (m := _DEFAULT.match(text, at)):
        found[m.group("name")] = (m.start("term"), m.end("term"), m.group("term").strip())
        at = m.end()
    return found


def with_values(text: str, terms: dict) -> str:
    """The query with ``terms`` bound: each replaces its default VALUES block, the rest go in a new one.

    A new block goes at the head of the WHERE clause.  The terms are written
    by pyoxigraph (N-Triples syntax, escaped), so a value cannot close the
    block or the query.
    """
    if not terms:
        return text
    at = where_brace(text)
    if at is None:
        raise InputError("cannot bind parameters: the query has no WHERE clause")
    defaults = default_blocks(text)
    for name, (start, end, _) in sorted(
        ((n, d) for n, d in defaults.items() if n in terms), key=lambda nd: nd[1][0], reverse=True
    ):
        text = f"{text[:start]} {terms[name]} {text[end:]}"
    rest = {name: term for name, term in terms.items() if name not in defaults}
    if not rest:
        return text
    names = " ".join(f"?{name}" for name in rest)
    values = " ".join(str(term) for term in rest.values())
    return f"{text[:at]}\n  VALUES ({names}) {{ ({values}) }}\n{text[at:]}"
