"""Saved web pages as text: a ModernGov agenda item, issue history or decision record, or a council news page.

Read with the standard library's HTML parser (a real tokenising parser, no
new dependency): scripts, styles and other non-text elements are dropped,
never executed; navigation is dropped; where the page marks its content
(ModernGov's ``#modgov`` or ``.mgContent``, ``<main>``, ``role="main"``,
``<article>``) only that is kept.  Block elements end a line, list items
become "• " lines ("1. ", "a. " in a numbered list, as a browser shows
them) and table cells are joined by spaces on one row, so the text reads
like the pages' text the parsers already know.  The text is kept beside
the store like a PDF's (``STORE/texts/{stem}.txt``), so every offset
stays verifiable.

Also read: the page's own address where it gives one (``<link
rel=canonical>``, ``og:url``, a browser's ``saved from url`` comment) and a
publication date in its metadata, which tell the council and date a news
page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from .limits import MAX_HTML_BYTES, MAX_HTML_DEPTH, check_text

HTML_SUFFIXES = (".html", ".htm")
_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "nav",
}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre", "address",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
    "form", "fieldset", "figure", "figcaption", "caption", "hr", "br", "li",
}  # fmt: skip
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
# End tags a page may leave out, as browsers supply them: a new element of the key closes the innermost
# open element of the first set, unless an element of the second set stands between them
# (``<li>a<li>b``, ``<tr><td>a<td>b``).  Without them an old page's unclosed items would nest ever deeper.
_IMPLIED_END = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "thead": ({"thead", "tbody", "tfoot"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot"}, {"table"}),
    "option": ({"option"}, {"select", "datalist"}),
}
# A block element closes an open paragraph (``<p>a<div>b``), but not across these.
_P_CLOSERS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav", "ol", "p",
    "pre", "section", "table", "ul", "li", "dd", "dt",
}  # fmt: skip
_P_SCOPE = {"button", "caption", "html", "object", "table", "td", "template", "th"}
_CONTENT_IDS = {"modgov", "mgcontent", "main", "main-content", "maincontent", "content"}


@dataclass(frozen=True)
class HtmlText:
    """A page's text and what its markup says of itself."""

    text: str
    title: str | None = None
    url: str | None = None  # the page's own address, where it gives one
    published: date | None = None


class _TooDeep(Exception):
    """Elements nested deeper than any real page: the page is refused rather than walked."""


class _TextMaker(HTMLParser):
    """Collects text runs, marking those inside the page's main content."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, bool]] = []  # (text, inside main content)
        self.stack: list[str] = []
        self.skip_depth: int | None = None  # stack depth of an element whose content is dropped
        self.main_depth: int | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.in_pre = 0
        self.url: str | None = None
        self.published: str | None = None
        self.lists: list[list] = []  # open lists: [next number, marker type] for <ol>, [] for <ul>

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attrs)
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower() and attrs.get("href"):
            self.url = self.url or attrs["href"]
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._emit("\n")
            return
        self._close_implied(tag)
        self.stack.append(tag)
        depth = len(self.stack)
        if depth > MAX_HTML_DEPTH:
            raise _TooDeep(depth)
        if tag == "title":
            self.in_title = True
        if self.skip_depth is None and (tag in _SKIP or "hidden" in attrs or attrs.get("aria-hidden") == "true"):
            self.skip_depth = depth
        marks_main = (
            tag in ("main", "article")
            or attrs.get("role") == "main"
            or attrs.get("id", "").lower() in _CONTENT_IDS
            or "mgcontent" in attrs.get("class", "").lower()
        )
        if marks_main and self.main_depth is None:
            self.main_depth = depth
        if tag == "pre":
            self.in_pre += 1
        if tag in _BLOCK:
            self._emit("\n\n" if tag not in ("li", "tr", "dt", "dd") else "\n")
        if tag in ("ol", "ul"):
            start = attrs.get("start", "1")
            self.lists.append([int(start) if start.isdigit() else 1, attrs.get("type", "1")] if tag == "ol" else [])
        if tag == "li":
            self._emit(self._marker())
        if tag in ("td", "th"):
            self._emit(" ")

    def _close_implied(self, tag: str) -> None:
        """Close what a browser closes before ``tag`` starts (the end tags a page may leave out)."""
        if tag in _IMPLIED_END:
            closes, stops = _IMPLIED_END[tag]
            for open_tag in reversed(self.stack):
                if open_tag in stops:
                    break
                if open_tag in closes:
                    self.handle_endtag(open_tag)
                    break
        if tag in _P_CLOSERS:
            for open_tag in reversed(self.stack):
                if open_tag in _P_SCOPE:
                    break
                if open_tag == "p":
                    self.handle_endtag("p")
                    break

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            depth = len(self.stack) + 1
            if self.skip_depth is not None and depth <= self.skip_depth:
                self.skip_depth = None
            if self.main_depth is not None and depth <= self.main_depth:
                self._emit("\n")
                self.main_depth = None
            if open_tag == "title":
                self.in_title = False
            if open_tag == "pre":
                self.in_pre -= 1
            if open_tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            if open_tag in _BLOCK:
                self._emit("\n\n" if open_tag not in ("li", "tr", "dt", "dd") else "\n")
            if open_tag == tag:
                break

    def _marker(self) -> str:
        """A list item's marker as a browser shows it: "1. ", "a. " in a numbered list, "• " otherwise."""
        if not self.lists or not self.lists[-1]:
            return "• "
        number, kind = self.lists[-1]
        self.lists[-1][0] += 1
        if kind in ("a", "A") and number <= 26:
            letter = chr(ord("a") + number - 1)
            return f"{letter.upper() if kind == 'A' else letter}. "
        return f"{number}. "

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth is not None:
            return
        self._emit(data if self.in_pre else re.sub(r"\s+", " ", data))

    def handle_comment(self, data):
        m = re.search(r"saved from url=\(\d+\)(\S+)", data)
        if m:
            self.url = self.url or unescape(m.group(1))

    def _meta(self, attrs: dict) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content", "")
        if key == "og:url" and value:
            self.url = self.url or value
        if key in ("article:published_time", "dc.date.issued", "dc.date", "dcterms.issued", "datepublished", "date"):
            self.published = self.published or value

    def _emit(self, text: str) -> None:
        self.runs.append((text, self.main_depth is not None))


def html_text(data: bytes, where: str) -> HtmlText:
    """The text of an HTML page (bytes as read), or InputError naming ``where``."""
    if len(data) > MAX_HTML_BYTES:
        raise InputError(_too_big(where, len(data)))
    source = _decode(data)
    maker = _TextMaker()
    try:
        maker.feed(source)
        maker.close()
    except (AssertionError, ValueError) as exc:  # html.parser gives up on some broken markup
        raise InputError(f"{where}: unreadable HTML ({exc})") from None
    except _TooDeep:
        raise InputError(
            f"{where}: elements nested more than {MAX_HTML_DEPTH:,} deep, over the limit (see docs/reliability.md)"
        ) from None
    main = [text for text, inside in maker.runs if inside]
    chosen = main if "".join(main).strip() else [text for text, _ in maker.runs]
    text = _tidy("".join(chosen))
    if not text.strip():
        raise InputError(f"{where}: an HTML page with no text (scripts and styles are not read)")
    check_text(text, where)
    title = " ".join("".join(maker.title_parts).split()) or None
    return HtmlText(text, title, maker.url, _iso_day(maker.published))


def read_html(path: Path) -> HtmlText:
    """Read a saved page from disk (``html_text``)."""
    try:
        size = path.stat().st_size
        # A page far too big is refused before it is read into memory.
        data = path.read_bytes() if size <= MAX_HTML_BYTES else b""
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_HTML_BYTES:
        raise InputError(_too_big(str(path), size))
    return html_text(data, str(path))


def _too_big(where: str, size: int) -> str:
    return (
        f"{where}: an HTML page of {size // 1_000_000} MB, larger than any council page "
        f"(limit {MAX_HTML_BYTES // 1_000_000} MB): save the page itself, not a site archive"
    )


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file are an HTML page's."""
    return bool(re.search(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", head[:4096], re.I))


def _decode(data: bytes) -> str:
    """The page's text: its byte-order mark or declared charset, else UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _tidy(text: str) -> str:
    """One space between words, lines without edge spaces, at most one blank line between paragraphs."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    out = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out) + "\n"


def _iso_day(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None
