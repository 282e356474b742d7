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
    if is_pdf:
        return build_pdf_blocks(layout)
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
        if (
            current
            and current.kind == "heading"
            and _AREA_HEADING.match(heading_text(current.text(layout.source) + " " + text))
            and not ends_sentence(current.text(layout.source))
        ):
            current.pieces.append((ln.start, ln.end))
        elif number and (int(number.group(1)) == expected or int(number.group(1)) == 1) and (prev_ended or gap):
            value = int(number.group(1))
            blocks.append(Block("numbered", [(ln.start, ln.end)], value))
            expected = value + 1
        elif BULLET.match(text) and (prev_ended or gap or current.kind == "bullet"):
            blocks.append(Block("bullet", [(ln.start, ln.end)]))
        elif _heading_here(text, prev_ended, gap, nxt, width, is_pdf):
            if (
                current
                and current.kind == "heading"
                and not gap
                and not ends_sentence(current.text(layout.source))
                and is_pdf
            ):
                current.pieces.append((ln.start, ln.end))
            else:
                blocks.append(Block("heading", [(ln.start, ln.end)]))
        elif (
            current is None
            or current.kind == "heading"
            or _starts_new_prose(text, prev_text, gap, prev_ended, width, is_pdf)
        ):
            blocks.append(Block("text", [(ln.start, ln.end)]))
        else:
            current.pieces.append((ln.start, ln.end))
        previous = ln
        gap = False
    return blocks


def _next_content(lines: list[Line], index: int) -> Line | None:
    for ln in lines[index + 1 :]:
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


# --- PDF extractions -------------------------------------------------------

# "12. Text", "12.Text", and the odd doubled full stop "46.. Text".
PDF_NUMBERED = re.compile(r"^(\d{1,3})\.(?!\d)\.?(?:\s+(?=\S)|(?=[A-Z‘“\"'(]))")
_BARE_NUMBER = re.compile(r"^(\d{1,3})\s+(?=[A-Z][a-z])")
PDF_BULLET = re.compile(r"^[•·◼▪●○■□‣⁃\uf06e\uf02d\uf0a7\uf0b7\uf0d8\uf076\uf0fc]\s*")
_COLON_AREA = rf"(?P<area>[A-Z][^.?!:]{{10,200}}?):\s*(?P<grade>{GRADE_WORDS})"
_SENTENCE_AREA = (
    r"(?P<area2>(?:The experiences? and progress of|The graded judge?ments? |The impact of leaders|"
    r"Adoption performance|"
    r"Leadership, management and governance|The Local Safeguarding Children Board|"
    r"The effectiveness of the (?:Local Safeguarding|LSCB))[^.?!:]{0,160}?)"
    rf"\s+(?:(?:is|are)\s+(?:that\s+it\s+is\s+)?)?(?P<grade2>{GRADE_WORDS})"
)
_LAC_AREA = r"(?P<area3>[A-Z][^.?!:]{5,160}?)\s+(?P<grade3>Grade\s+\d\s*\([A-Za-z ]+\))"
#: A judgement section heading in any framework's wording: "<area>: <grade>",
#: "<area> is <grade>" (SIF, ILACS 2018) or "<area>" over "Grade 3 (Adequate)" (2012-13).
PDF_AREA_HEADING = re.compile(rf"^(?:{_COLON_AREA}|{_SENTENCE_AREA}|{_LAC_AREA})\.?\s*$", re.I)
#: Ofsted's standard section titles, a line of their own: a heading wherever it stands, even after a
#: line that does not end a sentence (a page break, a list item without a full stop, a glued page number).
#: A footnote marker may be glued on ("What needs to improve?1"); a contents entry ends " 36", so is not one.
STANDARD_HEADING = re.compile(
    r"^(?:what needs to improve|what does the (?:local authority|lscb|local safeguarding children board) need to "
    r"improve|areas? for improvement|priority and immediate action|recommendations|information about this "
    r"(?:inspection|review|(?:local authority )?area)|the inspection team|children living in this area|"
    r"child protection in this area|children looked after in this area|(?:other|previous) ofsted inspections|"
    r"other information about this area|summary for children and young people|executive summary|"
    r"inspection findings(?: [–-] the local safeguarding children board)?|summary of (?:key )?findings|"
    r"inspection judge?ments? about the (?:local authority|lscb)|what the inspection judge?ments mean"
    r"(?:: the (?:local authority|lscb))?|the local authority.s strengths|"
    r"the local authority has the following strengths|progress since the last inspection|"
    r"key strengths and weaknesses of the lscb)(?:\s*[?:])?\d{0,2}\s*$",
    re.I,
)
_PDF_BOILERPLATE = re.compile(r"^The Office for Standards in Education, Children.s Services and Skills")
LAC_GRADE_LINE = re.compile(r"^Grade\s+\d\s*\(\s*([A-Za-z ]+?)\s*\)$")


def split_area_heading(text: str) -> tuple[str, str] | None:
    """(area wording, grade wording) of a judgement section heading, or None."""
    m = PDF_AREA_HEADING.match(heading_text(text))
    if not m:
        return None
    area = m.group("area") or m.group("area2") or m.group("area3")
    grade = m.group("grade") or m.group("grade2") or m.group("grade3")
    lac = LAC_GRADE_LINE.match(grade)
    return area.strip(), (lac.group(1) if lac else grade)


def _pdf_width(lines: list[Line]) -> float:
    lengths = sorted(len(ln.stripped) for ln in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _starts_ok(line: Line | None) -> bool:
    """What follows a heading starts a sentence, a numbered paragraph or a list."""
    if line is None:
        return False
    text = line.stripped
    return text[:1].isupper() or text[:1].isdigit() or text[:1] in "‘“\"'(" or bool(PDF_BULLET.match(text))


def _pdf_heading_span(content: list[Line], i: int, width: float) -> int:
    """How many lines from ``content[i]`` form a heading (0 when none)."""
    texts = [ln.stripped for ln in content[i : i + 6]]
    # A judgement heading starts a line with a capital (the patterns match case-blind) and takes in no bullet.
    for k in (1, 2, 3, 4, 5) if texts[0][:1].isupper() else ():
        if k > len(texts):
            break
        if k > 1 and (re.search(r"[.?!;]$", texts[k - 2]) or PDF_BULLET.match(texts[k - 1])):
            break
        joined = " ".join(texts[:k])
        if joined.count(")") > joined.count("("):
            break  # it closes a bracket opened above: a list item's end ("... (National Framework," / "Outcome 2)")
        if PDF_AREA_HEADING.match(heading_text(joined)) and (i + k >= len(content) or _starts_ok(content[i + k])):
            return k
    if PDF_NUMBERED.match(texts[0]) or PDF_BULLET.match(texts[0]):
        return 0
    for k in (1, 2):
        if k > len(texts):
            break
        parts = texts[:k]
        if any(len(p) > 0.8 * width for p in parts):
            break
        if k == 2 and (re.search(r"[.?!;:,]$", parts[0]) or not parts[1][:1].islower()):
            break
        joined = " ".join(parts)
        if _looks_like_heading(joined, int(width)) and _starts_ok(content[i + k] if i + k < len(content) else None):
            if k == 1 and i + 1 < len(content) and content[i + 1].stripped[:1].islower():
                continue
            return k
    return 0


def build_pdf_blocks(layout: Layout) -> list[Block]:
    """Group the content lines of a PDF extraction into blocks.

    PDF text is hard-wrapped with no blank lines between paragraphs, so a
    paragraph starts at its number (in sequence, with or without a space after
    the full stop), at a bullet glyph, after a heading, or after a short line
    that ends a sentence.
    """
    content: list[Line] = []
    gaps: list[bool] = []
    gap = True
    for ln in layout.lines:
        if ln.blank:
            gap = True
            continue
        if ln.furniture:
            continue
        content.append(ln)
        gaps.append(gap)
        gap = False
    width = _pdf_width(content)
    blocks: list[Block] = []
    expected = 1
    i = 0
    while i < len(content):
        ln = content[i]
        text = ln.stripped
        current = blocks[-1] if blocks else None
        prev_text = content[i - 1].stripped if i else ""
        prev_ended = current is None or ends_sentence(prev_text) or current.kind == "heading"
        opening = prev_ended or gaps[i]
        number = PDF_NUMBERED.match(text)
        bare = None if number else _BARE_NUMBER.match(text)
        if number or bare:
            value = int((number or bare).group(1))
            context = opening or current.kind in ("heading", "bullet")
            body = text[(number or bare).end() :]
            if bare:  # "34 Most children ...": the label lost its full stop; only the next number, after a sentence
                accept = value == expected and opening
            else:
                accept = (
                    (value == expected and (context or body[:1].isupper() or body[:1] in "‘“\"'("))
                    or (value == 1 and (context or body[:1].isupper()))
                    # the report skips a number (Ofsted's misnumbering, an empty "89."): the sequence goes on
                    or (value == expected + 1 and expected > 1 and context and body[:1].isupper())
                )
            if accept:
                blocks.append(Block("numbered", [(ln.start, ln.end)], value))
                expected = value + 1
                i += 1
                continue
        span = _pdf_heading_span(content, i, width) if opening else 0
        if not span and STANDARD_HEADING.match(text) and i + 1 < len(content) and _starts_ok(content[i + 1]):
            span = 1
        if not span and not opening and text[:1].isupper():
            # a judgement heading straight after a line that does not end a sentence: a list item ending
            # without a full stop or in a cross-reference "(Enabler Two, National Framework)", a page break
            span = _pdf_heading_span(content, i, width)
            span = (
                span
                if span and PDF_AREA_HEADING.match(heading_text(" ".join(x.stripped for x in content[i : i + span])))
                else 0
            )
        if span:
            blocks.append(Block("heading", [(x.start, x.end) for x in content[i : i + span]]))
            i += span
            continue
        if PDF_BULLET.match(text):
            blocks.append(Block("bullet", [(ln.start, ln.end)]))
        elif _PDF_BOILERPLATE.match(text) or current is None or current.kind == "heading":
            blocks.append(Block("text", [(ln.start, ln.end)]))
        elif text.endswith(":") and len(text) < 40 and text[:1].isupper() and len(prev_text) < 0.75 * width:
            blocks.append(Block("text", [(ln.start, ln.end)]))  # a lead-in such as "Within three months:"
        elif _starts_new_prose(text, prev_text, gaps[i], prev_ended, int(width), True):
            blocks.append(Block("text", [(ln.start, ln.end)]))
        else:
            current.pieces.append((ln.start, ln.end))
        i += 1
    return blocks
