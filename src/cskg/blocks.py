"""Logical blocks of a document: headings, numbered paragraphs, bullets, prose.

Works on both shapes of source text we meet: web extractions with one line per
paragraph and blank lines between (page breaks show as blank lines inside a
paragraph), and PDF extractions with hard-wrapped lines, form feeds and no
blank lines.  The rules are about layout, never about one council's wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import SUPERSCRIPT_DIGITS, CleanText, Layout, Line, join_pieces

NUMBERED = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
BULLET = re.compile(r"^(?:[•·◼▪●○■□‣⁃–\-\*]|v(?=\s+[A-Z])|\(\w{1,3}\)|\d{1,2}\))\s*")
_TERMINAL = re.compile(r"[.?!:;][’”\"')\]]*\s*[\d" + SUPERSCRIPT_DIGITS + r"]{0,2}$")
GRADE_WORDS = r"outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|adequate"
_AREA_HEADING = re.compile(rf"^(?P<area>[A-Z].{{10,200}}?):\s*(?P<grade>{GRADE_WORDS})\s*$", re.I)


@dataclass
class Block:
    """A run of source lines that belong together."""

    kind: str  # heading | numbered | bullet | text
    pieces: list[tuple[int, int]] = field(default_factory=list)
    number: int | None = None

    def clean(self, source: str) -> CleanText:
        return join_pieces(source, self.pieces)

    def text(self, source: str) -> str:
        return self.clean(source).text


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def heading_text(text: str) -> str:
    """A heading without its footnote marker ("What needs to improve?¹")."""
    return text.strip().rstrip(SUPERSCRIPT_DIGITS).strip()


def _looks_like_heading(text: str, width: int) -> bool:
    text = heading_text(text)
    if not text or len(text) > min(160, max(width, 60)) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if _AREA_HEADING.match(text):
        return True
    if NUMBERED.match(text) or BULLET.match(text):
        return False
    if text.endswith("?"):
        return len(text) < 90
    return not re.search(r"[.,;:’”\"')]$", text) and len(text.split()) <= 16


def build_blocks(layout: Layout) -> list[Block]:
    """Group content lines into blocks.

    Numbered paragraphs are recognised only in sequence (the next number, or 1
    to start a new sequence), so wrapped lines that happen to begin with a
    number, and sub-numbers such as "2.1", are not mistaken for paragraphs.
    """
    is_pdf = "\f" in layout.source
    lines = layout.lines
    width = max((len(ln.stripped) for ln in lines if not ln.furniture), default=80)
    blocks: list[Block] = []
    expected = 1
    previous: Line | None = None
    gap = True  # a blank line or page furniture stands before the current line
    for index, ln in enumerate(lines):
        if ln.blank or ln.furniture:
            gap = gap or ln.blank or not is_pdf
            continue
        text = ln.stripped
        number = NUMBERED.match(text)
        current = blocks[-1] if blocks else None
        prev_text = previous.stripped if previous else ""
        prev_ended = previous is None or ends_sentence(prev_text) or current.kind == "heading"
        nxt = _next_content(lines, index)
        if current and current.kind == "heading" and _AREA_HEADING.match(
                heading_text(current.text(layout.source) + " " + text)) and not ends_sentence(current.text(layout.source)):
            current.pieces.append((ln.start, ln.end))
        elif number and (int(number.group(1)) == expected or int(number.group(1)) == 1) and (prev_ended or gap):
            value = int(number.group(1))
            blocks.append(Block("numbered", [(ln.start, ln.end)], value))
            expected = value + 1
        elif BULLET.match(text) and (prev_ended or gap or current.kind == "bullet"):
            blocks.append(Block("bullet", [(ln.start, ln.end)]))
        elif _heading_here(text, prev_ended, gap, nxt, width, is_pdf):
            if current and current.kind == "heading" and not gap and not ends_sentence(current.text(layout.source)) and is_pdf:
                current.pieces.append((ln.start, ln.end))
            else:
                blocks.append(Block("heading", [(ln.start, ln.end)]))
        elif current is None or current.kind == "heading":
            blocks.append(Block("text", [(ln.start, ln.end)]))
        elif _starts_new_prose(text, prev_text, gap, prev_ended, width, is_pdf):
            blocks.append(Block("text", [(ln.start, ln.end)]))
        else:
            current.pieces.append((ln.start, ln.end))
        previous = ln
        gap = False
    return blocks


def _next_content(lines: list[Line], index: int) -> Line | None:
    for ln in lines[index + 1:]:
        if not ln.blank and not ln.furniture:
            return ln
    return None


def _heading_here(text: str, prev_ended: bool, gap: bool, nxt: Line | None, width: int, is_pdf: bool) -> bool:
    if not (prev_ended or gap):
        return False
    if _AREA_HEADING.match(heading_text(text)):
        return True
    if nxt is not None and _AREA_HEADING.match(heading_text(text + " " + nxt.stripped)):
        return True
    if not _looks_like_heading(text, width):
        return False
    if is_pdf:
        # A short line of prose that ends a page is not a heading: a heading is
        # followed by text that starts a sentence or a list.
        if nxt is None:
            return False
        first = nxt.stripped[:1]
        return first.isupper() or first.isdigit() or bool(BULLET.match(nxt.stripped))
    return True


def _starts_new_prose(text: str, prev_text: str, gap: bool, prev_ended: bool, width: int, is_pdf: bool) -> bool:
    if not prev_ended or not (text[0].isupper() or text[0] in "‘“\"'"):
        return False
    if is_pdf:
        # The last line of a wrapped paragraph is short and ends a sentence.
        return len(prev_text) < 0.75 * width
    return gap
