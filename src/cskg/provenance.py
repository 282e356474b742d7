"""Provenance check: every quoted fact must be re-findable in its source.

For each finding, sentence, judgement and improvement area the quote must
equal the source text at its offsets after the parsers' own normalisation
(page furniture dropped, whitespace collapsed, hyphenated breaks joined).
For each curated fact of the register the quote must occur verbatim in its
source after whitespace normalisation; a failure names the register file and
line.
"""
from __future__ import annotations

from dataclasses import dataclass

from .layout import clean_span, layout_of, normalise_space
from .model import InputError
from .register import Register, citations
from .sources import SourceDocument


@dataclass(frozen=True)
class QuotedFact:
    """A quote with its offsets into a source file (from the graph or the parser)."""

    node: str
    file: str
    quote: str
    start: int
    end: int


def check_offsets(facts: list[QuotedFact], texts: dict[str, str]) -> list[str]:
    """Problems (one line each) for quotes that are not at their offsets."""
    problems = []
    layouts = {}
    for fact in facts:
        text = texts.get(fact.file)
        if text is None:
            problems.append(f"{fact.node}: source file {fact.file} is not known")
            continue
        layout = layouts.get(fact.file)
        if layout is None:  # analyse once per file, not once per fact
            layout = layouts[fact.file] = layout_of(text)
        if not (0 <= fact.start < fact.end <= len(text)):
            problems.append(f"{fact.node}: offsets {fact.start}-{fact.end} outside {fact.file}")
            continue
        found = clean_span(layout, fact.start, fact.end)
        if found != fact.quote:
            problems.append(f"{fact.node}: quote differs from {fact.file}[{fact.start}:{fact.end}]: {found[:60]!r}")
    return problems


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``, whitespace-insensitively, or None."""
    wanted = normalise_space(quote)
    if not wanted:
        return None
    # Map the whitespace-collapsed text back to the original offsets.
    chars, where, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = bool(chars)
            continue
        if space:
            chars.append(" ")
            where.append(i - 1)
            space = False
        chars.append(ch)
        where.append(i)
    at = "".join(chars).find(wanted)
    if at < 0:
        return None
    return where[at], where[at + len(wanted) - 1] + 1


def check_register(register: Register, sources: list[SourceDocument]) -> None:
    """Raise InputError at the first curated quote not found in its source."""
    texts = {s.file: s.text for s in sources}
    for ident, citation in citations(register):
        where = f"{register.file}:{citation.line}"
        if citation.source not in texts:
            raise InputError(f"{where}: {ident}: source {citation.source!r} is not in sources.yaml")
        if locate(texts[citation.source], citation.quote) is None:
            raise InputError(f"{where}: {ident}: quote not found verbatim in {citation.source}: {citation.quote[:60]!r}")
