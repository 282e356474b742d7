"""Limits a query must keep before it reaches the engine: size, nesting, operators, and no SERVICE.

Oxigraph parses and plans a query by recursion, so a deep enough one
overflows its stack: 3,000 nested braces, 5,000 nested brackets, 10,000
UNION branches or 10,000 ``+`` of one expression ended ``cskg query`` with a
segmentation fault and the server with an abort (issue 17; measured in
docs/reliability.md).  ``SERVICE`` makes the engine fetch any URL it is
given, from the user's machine or the server's.  So every query from a user
is read once here, in linear time, and refused in one line when it:

- is longer than ``MAX_CHARS``;
- nests brackets (``{ ( [``) deeper than ``MAX_DEPTH``;
- has more than ``MAX_GROUPS`` graph-pattern keywords (UNION, OPTIONAL,
  MINUS, SELECT, GRAPH, EXISTS, SERVICE, FILTER, BIND, VALUES);
- has more than ``MAX_OPERATORS`` operators (``+ - * / | ^ ! && || = != < >
  <= >=``: each may deepen an expression or a property path by one);
- has more than ``MAX_OPTIONALS`` OPTIONALs (planning time grows steeply);
- names ``SERVICE``, unless the caller allows it.

The limits are far above any query of the library (the largest: depth 5,
32 keywords, 10 operators) and below the measured breaking points on an 8 MB
stack and on the server's threads.  The text is read as the SPARQL grammar
reads it: ``\\u`` escapes first (so ``\\u0053ERVICE`` is SERVICE), then
comments, strings and IRIs are skipped, so a literal that says "SERVICE"
or holds braces is only text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

MAX_CHARS = 500_000
MAX_DEPTH = 100
MAX_GROUPS = 1_000
MAX_OPERATORS = 1_000
# Oxigraph plans OPTIONALs in steeply growing time: 100 took 1.5 s on an empty store, 200 took 23 s, and
# 1,000 held a server thread for more than a minute whatever its timeout.
MAX_OPTIONALS = 100
GROUP_WORDS = frozenset(
    {"union", "optional", "minus", "select", "graph", "exists", "service", "filter", "bind", "values"}
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# One token per match, every alternative linear: a string or IRI that never closes runs to the end of its
# line (or of the text, for a long string) instead of being tried again from every later quote.
_TOKEN = re.compile(
    r"""(?P<skip>\#[^\n]*
        |'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)
        |'(?:[^'\\\n]|\\.)*(?:'|$)|"(?:[^"\\\n]|\\.)*(?:"|$)
        |<[^<>"{}|^`\\\x00-\x20]*>
        |[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]*)
       |(?P<word>[\w:][\w\-.:%\\\u00B7\u0300-\u036F\u203F-\u2040]*(?<!\.))
       |(?P<open>[{(\[])|(?P<close>[})\]])
       |(?P<op>\|\||&&|!=|<=|>=|\^\^|[|/^!*+=<>\-])
       |(?P<other>\S)""",
    re.X | re.M | re.S,
)


@dataclass
class Shape:
    """What the guard measured of a query."""

    chars: int
    depth: int
    groups: int
    operators: int
    service: bool
    optionals: int = 0


def measure(text: str) -> Shape:
    """The query's size, deepest nesting, keyword and operator counts, and whether it names SERVICE."""
    if len(text) > MAX_CHARS:
        return Shape(len(text), 0, 0, 0, False)
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if _valid(m) else m.group(0), text)
    depth = deepest = groups = operators = optionals = 0
    service = False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            word = m.group().lower()
            if word in GROUP_WORDS:
                groups += 1
                service = service or word == "service"
                optionals += word == "optional"
        elif kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "op":
            operators += 1
    return Shape(len(text), deepest, groups, operators, service, optionals)


def _valid(m: re.Match) -> bool:
    code = int(m.group(1) or m.group(2), 16)
    return code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF


def check_query(text: str, name: str = "the query", allow_service: bool = False) -> None:
    """Refuse (InputError, one line) a query over a limit, or one that names SERVICE unless ``allow_service``."""
    shape = measure(text)
    over = [
        (shape.chars, MAX_CHARS, "characters"),
        (shape.depth, MAX_DEPTH, "levels of nested brackets"),
        (shape.groups, MAX_GROUPS, "graph-pattern keywords (UNION, OPTIONAL, FILTER, ...)"),
        (shape.operators, MAX_OPERATORS, "operators"),
        (shape.optionals, MAX_OPTIONALS, "OPTIONALs"),
    ]
    for value, limit, what in over:
        if value > limit:
            raise InputError(
                f"{name} has {value:,} {what}; the limit is {limit:,} (a larger query can crash the engine)"
            )
    if shape.service and not allow_service:
        raise InputError(
            f"{name} uses SERVICE, which makes the engine fetch another URL: refused "
            "(cskg query --allow-service, cskg serve --allow-service to allow it)"
        )
