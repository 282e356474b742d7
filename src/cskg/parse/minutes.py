"""Resolutions of committee minutes, the meeting that passed them, and its date.

Councils publish minutes through ModernGov in a handful of shapes: "Resolved:-
(1) That ... (2) That ...", "RESOLVED – That ...", "RESOLVED:" followed by
"1) That ..." or "(a) That ..." lines.  A resolution is a decision of the body
whose meeting it is, so each one becomes an action of that body without any
curation.  The scan works on source lines, not on the paragraph parser's
blocks, because minutes often run a minute heading, its discussion and its
resolution together without blank lines; offsets are kept so every
resolution is quoted exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Document, Paragraph
from .dates import DateWindow, Due, resolve_due, stated_dates
from .layout import normalise_space

_RESOLVED = re.compile(r"(?:^|(?<=[\s.]))(?:RESOLVED|Resolved)\b\s*(?::-|:|–|—|-)?\s*(?:that\s*:\s*)?")
_MARKER = re.compile(r"\(([a-z]|\d{1,2})\)\s+|([a-z]|\d{1,2})[).]\s+")
_MINUTE_HEADING = re.compile(r"^\s*(\d{1,4})\.?\s+([A-Z][^\n]{2,150})$")
_BODY_WORDS = r"(?:Committee|Commission|Panel|Board|Cabinet|Forum|Sub-Committee|Partnership)"
_HELD_ON = re.compile(rf"meeting of (?:the )?(?P<body>[A-Z][^\n]*?{_BODY_WORDS})\s+held\s+on\s+(?P<rest>[^\n]+)")
_TITLE_BODY = re.compile(rf"^Minutes of (?:a meeting of )?(?:the )?(?P<body>.+?{_BODY_WORDS})\b")
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"

STATUS_NOTED = "noted"
STATUS_PROPOSED = "proposed"
STATUS_PLANNED = "planned"


@dataclass
class Resolution:
    """One resolution of a meeting, quoted exactly from the minutes."""

    number: int  # position among the document's resolutions, from 1 (unique within the document)
    label: str | None  # the printed item marker ("(2)", "b)", "1)") or None for a lone resolution
    item: str | None  # the minute heading it stands under ("43 Ofsted Inspection ..."), where printed
    text: str
    start: int
    end: int
    status: str  # notation of a cs:ActionStatuses concept
    due: Due | None = None
    meeting_date: date | None = None  # a date the resolution names a meeting for ("the 28th April, 2026 meeting")


@dataclass
class MeetingInfo:
    """Who met and when, as far as the minutes (or their catalogue title) say."""

    body: str | None
    window: DateWindow


def resolution_status(text: str) -> str:
    """The status a resolution's wording gives it (``cs:ActionStatuses`` notation).

    "that consideration be given to ..." proposes; "be noted", "be received",
    "welcomes" and approving the last minutes commit to nothing further; every
    other resolution (submit, circulate, invite, hold, agree ... subject to)
    is a decision to act.
    """
    t = text.lower()
    if re.search(r"consideration be given|\bbe (?:considered|explored)\b", t):
        return STATUS_PROPOSED
    if re.search(r"\b(?:approved|agreed|confirmed|signed) as a (?:correct|true|accurate) record\b", t):
        return STATUS_NOTED
    acting = re.search(
        r"\bbe (?:submitted|circulated|brought|presented|invited|asked|requested|referred|sent|held|"
        r"arranged|provided|reported|undertaken|established|made|added|scheduled|prepared|written)\b|"
        r"\bsubject to\b|\bto (?:receive|invite|write|ask|request)\b",
        t,
    )
    if re.search(r"\b(?:noted|received|welcomes?|welcomed|endorsed?)\b", t) and not acting:
        return STATUS_NOTED
    return STATUS_PLANNED


def meeting_info(
    doc: Document,
    title: str | None = None,
    known_reports: list[tuple[date, date]] | None = None,
    stated: date | None = None,
) -> MeetingInfo:
    """The body and the date (or date window) of the meeting a set of minutes records.

    The date is read from the header ("... held on Tuesday, 13th January,
    2026", or a line that is only a date); failing that it is bounded by
    context: not before the publication of an inspection report whose
    inspection month the minutes name (``known_reports``: (inspection end,
    publication) pairs), not after the earliest later meeting the minutes look
    ahead to.
    """
    head = doc.source[:3000]
    body = None
    when: date | None = stated
    basis = "the date given for the minutes in sources.yaml" if stated else ""
    m = _HELD_ON.search(head)
    if m:
        body = normalise_space(m.group("body"))
        found = stated_dates(m.group("rest"))
        if found and not when:
            when, basis = found[0].value, f"the minutes' header: 'held on {found[0].text}'"
    if body is None:
        for line in head.splitlines()[:12]:
            text = line.strip()
            if (
                text
                and len(text) < 120
                and re.search(_BODY_WORDS + r"\b", text)
                and not text.lower().startswith("minutes")
            ):
                body = text
                break
    if body is None and title:
        t = _TITLE_BODY.match(title.strip())
        body = t.group("body") if t else None
    if when is None:
        for line in head.splitlines()[:12]:
            lone = re.fullmatch(_WEEKDAY + r"(.+)", line.strip())
            found = stated_dates(line)
            if lone and found and len(found[0].text) >= len(lone.group(1).strip()) - 1:
                when, basis = found[0].value, f"the minutes' header: '{line.strip()}'"
                break
    if when:
        return MeetingInfo(body, DateWindow(when, when, basis))
    return MeetingInfo(body, _window_from_context(doc, known_reports or []))


def _window_from_context(doc: Document, known_reports: list[tuple[date, date]]) -> DateWindow:
    text = doc.source
    not_before = None
    why = []
    for m in re.finditer(
        r"\bin\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})",
        text,
    ):
        month_year = (int(m.group(2)), m.group(1).lower())
        for end, published in known_reports:
            if (end.year, end.strftime("%B").lower()) == month_year and (not_before is None or published > not_before):
                not_before = published
                why.append(
                    f"after the report on the {m.group(1)} {m.group(2)} inspection it discusses was published "
                    f"on {published.isoformat()}"
                )
    not_after = None
    for d in stated_dates(text):
        after = text[d.end : d.end + 40].lower()
        before = text[max(0, d.start - 40) : d.start].lower()
        later = (not_before is None or d.value > not_before) and (not_after is None or d.value < not_after)
        if ("meeting" in after or "meeting" in before) and later:
            not_after = d.value
            why = [w for w in why if not w.startswith("before")] + [f"before the {d.text} meeting it looks ahead to"]
    return DateWindow(not_before, not_after, "; ".join(why) if why else "the minutes do not state the date")


def resolutions(doc: Document, window: DateWindow | None = None) -> list[Resolution]:
    """Every resolution in the minutes, in order, with its status and due date."""
    source = doc.source
    found: list[Resolution] = []
    for m in _RESOLVED.finditer(source):
        line_end = source.find("\n", m.end())
        line_end = len(source) if line_end < 0 else line_end
        if not source[m.end() : line_end].strip():
            # "RESOLVED:" alone on its line: the items follow on the next lines.
            nxt = m.end()
            while nxt < len(source) and source[nxt] in " \t\r\n":
                nxt += 1
            if not _MARKER.match(source, nxt):
                continue
            pieces = _items(source, nxt)
        else:
            rest = source[m.end() : line_end].lstrip()
            if not (rest.lower().startswith("that") or _MARKER.match(rest)):
                continue
            pieces = _items(
                source, m.end() + (len(source[m.end() : line_end]) - len(source[m.end() : line_end].lstrip()))
            )
        item = _minute_heading(source, m.start())
        for label, start, end in pieces:
            text = normalise_space(source[start:end])
            if not text:
                continue
            status = resolution_status(text)
            found.append(
                Resolution(
                    number=len(found) + 1,
                    label=label,
                    item=item,
                    text=text,
                    start=start,
                    end=end,
                    status=status,
                    due=_due(text, status, window),
                    meeting_date=_meeting_named(text, window),
                )
            )
    return found


def _due(text: str, status: str, window: DateWindow | None) -> Due | None:
    """A resolution's due date; none for one that only notes, or for a date before the meeting."""
    if status == STATUS_NOTED:
        return None
    due = resolve_due(text, window)
    if due and window and window.not_before and due.last_day < window.not_before:
        return None
    return due


def _items(source: str, start: int) -> list[tuple[str | None, int, int]]:
    """The items of one resolution block starting at ``start``: (label, start, end) each.

    Items are split at markers that continue one sequence ("(1)" then "(2)",
    "a)" then "b)"), inline or at the start of a line; the block ends at the
    first line that does not go on with the sequence.
    """
    pieces: list[tuple[str | None, int, int]] = []
    pos = start
    first = _MARKER.match(source, pos)
    if not first:
        end = source.find("\n", pos)
        end = len(source) if end < 0 else end
        return [(None, pos, _trim_end(source, pos, end))]
    style = _style(first)
    expected = _value(first)
    while True:
        m = _MARKER.match(source, pos)
        if not m or _style(m) != style or _value(m) != expected:
            break
        text_start = m.end()
        line_end = source.find("\n", text_start)
        line_end = len(source) if line_end < 0 else line_end
        # An inline next item on the same line ends this one.
        stop = line_end
        for inline in re.finditer(r"\s(?=" + _MARKER.pattern + ")", source[text_start:line_end]):
            nm = _MARKER.match(source, text_start + inline.end())
            if nm and _style(nm) == style and _value(nm) == _successor(expected):
                stop = text_start + inline.start()
                break
        pieces.append((m.group(0).strip(), text_start, _trim_end(source, text_start, stop)))
        expected = _successor(expected)
        pos = stop
        while pos < len(source) and source[pos] in " \t\r\n":
            pos += 1
        if pos >= len(source):
            break
    return pieces


def _trim_end(source: str, start: int, end: int) -> int:
    """End a resolution at its last full stop when a minute heading follows on the same line."""
    segment = source[start:end]
    heading = re.search(r"(?<=\.)\s+\d{1,4}\.\s+[A-Z]", segment)
    if heading:
        end = start + heading.start()
    while end > start and source[end - 1].isspace():
        end -= 1
    return end


def _style(m: re.Match) -> str:
    token = m.group(1) or m.group(2)
    kind = "digit" if token.isdigit() else "letter"
    shape = "()" if m.group(1) else m.group(0).strip()[-1]
    return f"{kind}{shape}"


def _value(m: re.Match) -> str:
    return m.group(1) or m.group(2)


def _successor(token: str) -> str:
    if token.isdigit():
        return str(int(token) + 1)
    return chr(ord(token) + 1) if len(token) == 1 else token + "?"


def _minute_heading(source: str, at: int) -> str | None:
    """The nearest minute heading ("43 Ofsted Inspection ...") above a position."""
    for line in reversed(source[:at].splitlines()[-40:]):
        m = _MINUTE_HEADING.match(line)
        if m and not line.rstrip().endswith((".", ",", ";")):
            return normalise_space(line)
    return None


def _meeting_named(text: str, window: DateWindow | None) -> date | None:
    """A later meeting the resolution names ("the 28th April, 2026 meeting", "the meeting ... on 24th March, 2026")."""
    for d in stated_dates(text):
        near = text[max(0, d.start - 40) : d.end + 30].lower()
        if "meeting" in near and not (window and window.not_before and d.value <= window.not_before):
            return d.value
    return None


def containing_paragraph(doc: Document, start: int, end: int) -> Paragraph | None:
    """The paragraph whose source span holds ``[start, end)`` (the smallest, if several)."""
    holders = [p for p in doc.paragraphs if p.start <= start and end <= p.end]
    return min(holders, key=lambda p: p.end - p.start) if holders else None
