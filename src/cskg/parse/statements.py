"""Statements of a council document: its sentences and list items, each with exact source offsets.

Minutes, decision records and news come from web pages (one line per
paragraph, blank lines between) and from PDFs (hard-wrapped lines, and
ModernGov PDFs that put a blank line after every wrapped line).  The
accountability extractors read one statement at a time, so this module
rebuilds the statements from the physical lines: a line goes on the previous
one when that one was cut mid-sentence (it does not end a sentence and runs
long, or the new line starts in lower case); a list marker ("(1)", "a)", "•",
"-", "47.1") starts a statement of its own.  The rules are about layout and
punctuation, never about one council's wording.

A statement's text is what ``layout.clean_span`` gives for its offsets, so a
quote cut from it passes the provenance check by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import CleanText, Line, join_pieces, layout_of
from .sentences import split_sentences

# A list marker at the start of a line: bullets, "(1)", "(a)", "1)", "a)", "1.", "47.1", "2.1".
MARKER = re.compile(
    r"^(?P<marker>[•·◼▪●○■□‣⁃\-–\*]|v(?=\s+[A-Z])|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z])\)"
    r"|\d{1,3}\.\d{1,2}\.?(?=\s)|\d{1,3}\.(?=\s))\s+"
)
_ENDS_SENTENCE = re.compile(r"[.?!:;][’”\"')\]]*$")
# Text whose longest line is this short was wrapped by a page; a line that fills most of the page and
# stops mid-sentence goes on in the next line.
WRAPPED_WIDTH = 120
WRAP_SHARE = 0.7
_CONTINUES = re.compile(r"(?:\b(?:and|or|the|of|to|by|for|in|on|with|a|an|be|that|as|at|from)|[,&(–-])$", re.I)


@dataclass(frozen=True)
class Statement:
    """One sentence or list item of a document, as clean text with its source offsets."""

    text: str
    start: int
    end: int
    block: int  # the index of the run of lines (paragraph or list item) it belongs to
    marker: str | None = None  # the list marker its block starts with, for the block's first statement
    first: bool = True  # the first statement of its block


def statements(source: str) -> list[Statement]:
    """Every statement of ``source`` in reading order."""
    out: list[Statement] = []
    for index, block in enumerate(_blocks(source)):
        clean = join_pieces(source, [_cell(source, ln) for ln in block])
        marker = MARKER.match(clean.text)
        label = None
        if marker:
            label = marker.group("marker")
            clean = CleanText(clean.text[marker.end() :], clean.offsets[marker.end() :])
        if not clean.text.strip():
            continue
        for k, sentence in enumerate(split_sentences(clean)):
            out.append(Statement(sentence.text, sentence.start, sentence.end, index, label if k == 0 else None, k == 0))
    return out


def _cell(source: str, ln: Line) -> tuple[int, int]:
    """A line's span without the table rule a page's table left at its ends ("| ... |")."""
    start, end = ln.start, ln.end
    while start < end and source[start] in "| \t":
        start += 1
    while end > start and source[end - 1] in "| \t":
        end -= 1
    return start, end


def _blocks(source: str) -> list[list[Line]]:
    """Runs of content lines that make one paragraph or one list item."""
    lines = [
        ln
        for ln in layout_of(source).lines
        if not (ln.furniture or ln.blank) and not re.fullmatch(r"[\s|:-]+", ln.text)  # a table's rule lines
    ]
    width = max((len(ln.stripped) for ln in lines), default=0)
    # Hard-wrapped text (a PDF's) has no line much longer than its page; a web page's paragraphs run on.
    wrap = WRAP_SHARE * width if width <= WRAPPED_WIDTH else None
    blocks: list[list[Line]] = []
    for ln in lines:
        if blocks and _goes_on(blocks[-1][-1].stripped, ln.stripped, blocks[-1], wrap):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    return blocks


def _goes_on(prev: str, text: str, block: list[Line], wrap: float | None) -> bool:
    """Whether ``text`` continues the statement the line ``prev`` left unfinished."""
    if MARKER.match(text) or _ENDS_SENTENCE.search(prev):
        return False
    if text[:1].islower() or text[:1] in "&),;":
        return True
    if _CONTINUES.search(prev):
        return True
    return wrap is not None and len(prev) >= wrap and not (len(block) == 1 and MARKER.match(prev))


def statement_at(found: list[Statement], start: int, end: int) -> Statement | None:
    """The statement that holds ``[start, end)``, if one does."""
    for st in found:
        if st.start <= start and end <= st.end:
            return st
    return None
