"""Lines, page furniture and whitespace: the physical layer under every parser.

Source texts come from PDFs and web pages.  Paragraphs are split by page
breaks, running headers, page numbers and footnotes.  This module finds that
furniture and joins the remaining pieces into clean text while remembering,
for every clean character, where it came from in the source, so that quotes
can always be traced back to exact offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
SOFT_HYPHEN = "\ufffe"  # how the PDF extractor renders a hyphen where the PDF breaks a line
# Bullets drawn in a Symbol or Wingdings font come out of the PDF as private-use code points
# (U+F06E, U+F0A7, U+F0B7 bullets, U+F02D and U+F0BE dashes of sub-items): in clean text they are "•".
# One character for one, so clean offsets still map to the source.
_ODD_CHARS = re.compile("[\ufffe\uf020-\uf0ff]")
_CHAR_MAP = str.maketrans({SOFT_HYPHEN: "-", **{chr(c): "•" for c in range(0xF020, 0xF100)}})
_FOOTNOTE_LINE = re.compile(rf"^[{SUPERSCRIPT_DIGITS}]+\s")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)
_WS = re.compile(r"\s+")
# Whitespace that join_pieces must rewrite: a run of two or more, or one that is not a plain space.
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


@dataclass(frozen=True)
class Line:
    """One physical line of the source, without its line break."""

    start: int
    end: int
    text: str
    page: int
    furniture: bool = False

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Layout:
    """The lines of a source text with page furniture marked."""

    source: str
    lines: list[Line] = field(default_factory=list)
    _index: tuple[list[int], list[int]] | None = field(default=None, init=False, repr=False, compare=False)
    _clean: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def clean_lines(self) -> list[str]:
        """Each line as ``clean_segment`` writes it, made once."""
        if self._clean is None or len(self._clean) != len(self.lines):
            self._clean = [clean_segment(self.source[ln.start : ln.end]) for ln in self.lines]
        return self._clean

    def line_index(self) -> tuple[list[int], list[int]]:
        """The lines' start and end offsets (both ascending), for bisection."""
        if self._index is None or len(self._index[0]) != len(self.lines):
            self._index = ([ln.start for ln in self.lines], [ln.end for ln in self.lines])
        return self._index

    def content(self) -> list[Line]:
        """Lines that carry text of the document itself."""
        return [ln for ln in self.lines if not ln.furniture and not ln.blank]


def split_lines(source: str) -> list[Line]:
    """Split on newlines and form feeds, keeping code-point offsets and page numbers."""
    lines: list[Line] = []
    page = 1
    pos = 0
    for match in re.finditer(r"[^\n\f]*([\n\f]|$)", source):
        text = match.group(0)
        if not text:
            break
        brk = match.group(1)
        body = text[:-1] if brk else text
        lines.append(Line(pos, pos + len(body), body.rstrip("\r"), page))
        pos += len(text)
        if brk == "\f":
            page += 1
    return lines


def _running_headers(lines: list[Line]) -> set[str]:
    """Lines that open or close at least two pages with the same words.

    Ofsted's PDFs repeat the report title and dates at the top of each page;
    digits are ignored so "... 2025 2" and "... 2025 3" count as one header.
    """
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        if not ln.blank:
            pages.setdefault(ln.page, []).append(ln)
    if len(pages) < 3:
        return set()
    seen: dict[str, set[int]] = {}
    for page, page_lines in pages.items():
        for ln in page_lines[:3] + page_lines[-2:]:
            key = re.sub(r"\d+", "#", ln.stripped.lower())
            if len(key) > 3:
                seen.setdefault(key, set()).add(page)
    return {key for key, where in seen.items() if len(where) >= max(2, len(pages) // 3)}


_DATE_START = re.compile(
    r"^\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_FOOTNOTE_START = re.compile(r"^(\d{1,2})(?:\s+[A-Z‘“(].*)?$")


def _pdf_footnotes(page_lines: list[Line]) -> set[int]:
    """Start offsets of footnote lines at the foot of one PDF page.

    A PDF footnote is a block at the very end of a page that opens with a bare
    footnote number, either followed by the note ("1 Ofsted produces this
    report ...") or alone on its line with the note on the next line.
    Numbered findings paragraphs carry a full stop after their number, so
    they never match; a wrapped line that starts with a number ("12 children")
    goes on in lower case, so it does not match either, nor does one that
    starts with a date going on from an unfinished line ("... at" / "31 March
    2013. Of this number:").
    """
    found: set[int] = set()
    tail = page_lines[-9:]
    for index, ln in enumerate(tail):
        text = ln.stripped
        m = _FOOTNOTE_START.match(text)
        if not m or ln is page_lines[0]:
            continue
        before = page_lines[len(page_lines) - len(tail) + index - 1].stripped
        if _DATE_START.match(text) and not re.search(r"[.?!:;]\W*$", before):
            continue
        rest = tail[index:]
        if text == m.group(1) and (len(rest) < 2 or not rest[1].stripped[:1].isupper()):
            continue
        # A footnote block runs to the end of the page and reads as prose.
        if sum(len(r.stripped) for r in rest) > 25:
            found.update(r.start for r in rest)
            break
    return found


def _page_top_headers(by_page: dict[int, list[Line]]) -> set[int]:
    """Start offsets of a running header whose last line ends with the page number.

    ILACS reports head every page after the first with the title and
    "<dates> <page>"; this finds it even in a text too short for
    ``_running_headers`` to see it repeat.
    """
    found: set[int] = set()
    for page, page_lines in by_page.items():
        if page < 2:
            continue
        for index, ln in enumerate(page_lines[:3]):
            if re.search(rf"\b(?:19|20)\d\d\s+{page}$", ln.stripped):
                found.update(x.start for x in page_lines[: index + 1])
                break
    return found


def _contents_lines(lines: list[Line]) -> set[int]:
    """Start offsets of a table of contents: "Contents" and its entries ending in page numbers."""
    found: set[int] = set()
    content = [ln for ln in lines if not ln.blank]
    for index, ln in enumerate(content):
        if ln.stripped.lower() != "contents":
            continue
        entries = []
        j = index + 1
        while j < len(content):
            text = content[j].stripped
            # An entry ends in its page number, or is a short title (some entries have no number, an entry
            # may wrap) with a numbered entry within the next three lines.
            if re.search(r"\s\d{1,3}$", text) or (
                len(text) < 100
                and not re.search(r"[.;:,]$", text)
                and any(re.search(r"\s\d{1,3}$", c.stripped) for c in content[j + 1 : j + 4])
            ):
                entries.append(content[j])
            else:
                break
            j += 1
        if sum(bool(re.search(r"\s\d{1,3}$", e.stripped)) for e in entries) >= 3:
            found.add(ln.start)
            found.update(e.start for e in entries)
    return found


def analyse(source: str) -> Layout:
    """Split ``source`` into lines and mark running headers, page numbers and footnotes."""
    lines = split_lines(source)
    is_pdf = "\f" in source
    headers = _running_headers(lines) if is_pdf else set()
    footnote_starts: set[int] = set()
    if is_pdf:
        by_page: dict[int, list[Line]] = {}
        for ln in lines:
            if not ln.blank:
                by_page.setdefault(ln.page, []).append(ln)
        footnote_starts |= _page_top_headers(by_page)
        footnote_starts |= _contents_lines(lines)
        for page_lines in by_page.values():
            body = [
                ln
                for ln in page_lines
                if re.sub(r"\d+", "#", ln.stripped.lower()) not in headers and ln.start not in footnote_starts
            ]
            # The printed page number opens the page; a bare number further
            # down is a footnote marker.
            if body and _PAGE_NUMBER.match(body[0].stripped):
                body = body[1:]
            footnote_starts |= _pdf_footnotes(body)
    marked = []
    for ln in lines:
        text = ln.stripped
        furniture = bool(
            _FOOTNOTE_LINE.match(text)
            or (is_pdf and _PAGE_NUMBER.match(text))
            or re.sub(r"\d+", "#", text.lower()) in headers
            or ln.start in footnote_starts
        )
        marked.append(Line(ln.start, ln.end, ln.text, ln.page, furniture))
    return Layout(source, marked)


@dataclass
class CleanText:
    """Text joined from source pieces, with a map back to source offsets."""

    text: str
    offsets: list[int]  # source offset of each character of ``text``

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (start, end) of the clean slice ``text[start:end]``."""
        return self.offsets[start], self.offsets[end - 1] + 1


def join_pieces(source: str, pieces: list[tuple[int, int]]) -> CleanText:
    """Join source slices into one clean text.

    Whitespace runs become one space; a piece ending in a hyphen after a letter
    joins the next piece without a space ("decision-" + "making"), because that
    is a word broken by a line or page break.  Each run of whitespace maps to
    the offset of its last character.  Works a run of text at a time, not a
    character at a time: the parsers and the provenance check call this for
    every block and quote of every report.
    """
    parts: list[str] = []
    offsets: list[int] = []
    tail = ""  # the last two characters joined so far
    for start, end in pieces:
        segment = source[start:end]
        stripped = segment.lstrip()
        segment_start = start + len(segment) - len(stripped)
        segment = stripped.rstrip()
        if not segment:
            continue
        if parts:
            hyphen_break = tail[-1] == "-" and len(tail) > 1 and tail[-2].isalpha() and segment[0].islower()
            if not hyphen_break:
                parts.append(" ")
                offsets.append(segment_start)
                tail = tail[-1:] + " "
        if _ODD_CHARS.search(segment):
            segment = segment.translate(_CHAR_MAP)
        if _ODD_SPACE.search(segment) is None:  # the common line: single plain spaces only, kept as they are
            parts.append(segment)
            offsets.extend(range(segment_start, segment_start + len(segment)))
            tail = (tail + segment)[-2:]
            continue
        pos = 0
        for run in _WS.finditer(segment):
            parts.append(segment[pos : run.start()])
            offsets.extend(range(segment_start + pos, segment_start + run.start()))
            parts.append(" ")
            offsets.append(segment_start + run.end() - 1)
            pos = run.end()
        parts.append(segment[pos:])
        offsets.extend(range(segment_start + pos, segment_start + len(segment)))
        tail = (tail + segment)[-2:]
    return CleanText("".join(parts), offsets)


def clean_span(layout: Layout, start: int, end: int) -> str:
    """The clean text of source ``[start, end)``: furniture dropped, pieces joined.

    This is the normalisation the parsers apply, exposed so that the
    provenance check can re-derive a quote from offsets alone.  Gives the
    text of ``join_pieces`` over the span's pieces, without the offsets: the
    lines are found by bisection and the lines the span covers whole are
    cleaned once per layout (the provenance check asks for every quote of a
    report).
    """

    starts, ends = layout.line_index()
    lo, hi = bisect_right(ends, start), bisect_left(starts, end)
    whole = layout.clean_lines()
    parts: list[str] = []
    tail = ""  # the last two characters joined so far
    for i in range(lo, hi):
        ln = layout.lines[i]
        if ln.furniture or ln.end <= start or ln.start >= end:
            continue
        if start <= ln.start and ln.end <= end:
            segment = whole[i]
        else:
            segment = clean_segment(layout.source[max(ln.start, start) : min(ln.end, end)])
        if not segment:
            continue
        if parts and not (tail[-1] == "-" and len(tail) > 1 and tail[-2].isalpha() and segment[0].islower()):
            parts.append(" ")
            tail = tail[-1:] + " "
        parts.append(segment)
        tail = (tail + segment)[-2:]
    return "".join(parts)


def clean_segment(segment: str) -> str:
    """One piece as ``join_pieces`` writes it: trimmed, whitespace runs as one space, soft hyphens as hyphens,
    private-use bullet glyphs as "•"."""
    segment = segment.strip()
    if _ODD_CHARS.search(segment):
        segment = segment.translate(_CHAR_MAP)
    return segment if _ODD_SPACE.search(segment) is None else _WS.sub(" ", segment)


def normalise_space(text: str) -> str:
    """Collapse whitespace runs to one space and trim."""
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=16)
def layout_of(text: str) -> Layout:
    """``analyse(text)``, once per text: the parser, the provenance check and the
    curated quotes all cut from the same few texts.

    Nothing changes a Layout after ``analyse`` (its line cache fills itself),
    so one object can serve them all; a string keeps its own hash, so a hit
    costs a lookup, not a pass over the text.
    """
    return analyse(text)


def clean_quote(text: str, start: int, end: int) -> str:
    """``clean_span`` of ``text`` at these offsets, on the text's shared analysis."""
    return clean_span(layout_of(text), start, end)


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``, whitespace-insensitively, or None.

    How a curated quote (typed by a person, whitespace as they liked) is
    found in its source before the parser's offsets can be checked.
    """
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
