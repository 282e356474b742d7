"""When an action is due: dates stated outright or relative to the meeting.

Minutes rarely give a full date for a commitment.  They say "By September",
"in June", "in six months' time" or "the 28th April, 2026 meeting".  A
relative phrase can only be read against the date of the meeting that said
it, and some minutes do not state that date either: then the meeting is known
only to lie in a window (after the report it discusses, before the next
meeting it looks ahead to), and a month is resolved only when every day of
the window gives the same answer.  Every resolved date keeps the source
wording and a sentence saying how it was resolved; a phrase that cannot be
resolved gives no date rather than a guess.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date

from ..model import due_last_day

MONTHS = {
    name: n
    for n, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
# Reports also write "18 Feb 2014" (SIF, 2014); the full names stay first, in calendar order.
MONTH_WORDS = MONTHS | {name[:3]: n for name, n in MONTHS.items()} | {"sept": 9}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
# Full dates also take the short month names ("11 Jul 2017"), which never stand alone as due months.
_MONTH_OR_SHORT = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_OR_SHORT},?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_OR_SHORT}\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I)
# "21/03/2017": day first, as English councils write it.
_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\b")
# A day and month with no year after it ("on 18 July", "December 11", "the 3rd of October").
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d{{4}})", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})(?!\s*(?:am|pm|a\.m|p\.m))", re.I)
_NEXT_MONTH = re.compile(r"\bnext month(?:[’']s)?(?:\s+(?:meeting|[A-Z][\w-]+))?", re.I)
_YEAR_END = re.compile(r"\b(?:by|before)\s+the\s+end\s+of\s+(?:the|this)\s+(?:calendar\s+)?year\b", re.I)
_RELATIVE_MONTH = re.compile(
    rf"\b(?:by|before|in|during|until|from|at)\s+(?:the\s+end\s+of\s+)?(?:the\s+)?{_MONTH}\b(?!\s*,?\s*\d)", re.I
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_IN_MONTHS = re.compile(
    r"\b(?:in|within)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+months?(?:['’]s?)?(?:\s+time)?\b",
    re.I,
)


@dataclass(frozen=True)
class DateWindow:
    """When a meeting was held: one day, or a window with the reason for it."""

    not_before: date | None
    not_after: date | None
    basis: str

    @property
    def exact(self) -> date | None:
        return self.not_before if self.not_before and self.not_before == self.not_after else None


@dataclass(frozen=True)
class Due:
    """A resolved due date: ``YYYY-MM-DD`` or ``YYYY-MM``, with its wording and reasoning."""

    value: str
    text: str
    basis: str

    @property
    def last_day(self) -> date:
        return due_last_day(self.value)


@dataclass(frozen=True)
class StatedDate:
    """A full date written in a text, with its wording and offsets in that text."""

    value: date
    text: str
    start: int
    end: int


def stated_dates(text: str) -> list[StatedDate]:
    """Every full date written in ``text`` ("28th April, 2026", "April 28, 2026"), in order."""
    found: list[StatedDate] = []
    for m in _DAY_MONTH_YEAR.finditer(text):
        _append(found, int(m.group(3)), m.group(2), int(m.group(1)), m)
    for m in _MONTH_DAY_YEAR.finditer(text):
        _append(found, int(m.group(3)), m.group(1), int(m.group(2)), m)
    for m in _NUMERIC.finditer(text):
        if 1 <= int(m.group(2)) <= 12:
            _append(found, int(m.group(3)), list(MONTHS)[int(m.group(2)) - 1], int(m.group(1)), m)
    return sorted(found, key=lambda d: d.start)


def _append(found: list[StatedDate], year: int, month: str, day: int, m: re.Match) -> None:
    with contextlib.suppress(ValueError):
        found.append(
            StatedDate(date(year, MONTH_WORDS[month.lower().rstrip(".")], day), m.group(0), m.start(), m.end())
        )


def impossible_date(text: str) -> str | None:
    """The wording of a written date that is no day of the calendar ("31 February 2025", "30/02/2024"), if any."""
    for rule, day_group, month_group in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1), (_NUMERIC, 1, 2)):
        for m in rule.finditer(text):
            month = m.group(month_group)
            number = int(month) if month.isdigit() else MONTH_WORDS.get(month.lower().rstrip("."), 0)
            year = int(m.group(3))
            try:
                date(year, number, int(m.group(day_group)))
            except ValueError:
                return m.group(0)
    return None


# Words before a date that look ahead to it ("by", "until", "the deadline ... is"): not a date already past.
_AHEAD = re.compile(r"\b(?:by|until|before|deadline|due|expected|planned|scheduled|next)\b[^.]{0,50}$", re.I)
_ANY_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def latest_past_date(text: str) -> StatedDate | None:
    """The latest full date a text states as past, to bound an undated text from below; None if unsure.

    Dates the text looks ahead to ("by 30 June 2023", "the deadline ... 3
    July") are left out; when the text writes a later year anywhere, it is
    not clear the bound is close, so there is none.
    """
    past = [d for d in stated_dates(text) if not _AHEAD.search(text[max(0, d.start - 60) : d.start])]
    if not past:
        return None
    last = max(past, key=lambda d: d.value)
    if any(int(y) > last.value.year for y in _ANY_YEAR.findall(text)):
        return None
    return last


def relative_wording(text: str) -> str | None:
    """Timing wording that needs the meeting's date to become a due date ("in six months", "by 12 June")."""
    for rule in (_IN_MONTHS, _NEXT_MONTH, _DAY_MONTH, _MONTH_DAY, _YEAR_END, _RELATIVE_MONTH):
        m = rule.search(text)
        if m:
            return m.group(0)
    return None


def resolve_due(text: str, window: DateWindow | None) -> Due | None:
    """The due date a text states or implies, or None where it cannot be told.

    A full date wins, then a month with its year, then "in N months' time"
    (counted from the meeting date, which must be known), then a bare month
    ("By September": the first such month after the meeting; when the date is
    only known to lie in a window, both ends of the window must agree).
    """
    dates = stated_dates(text)
    if dates:
        d = dates[0]
        return Due(d.value.isoformat(), d.text, "the date is stated in the text")
    if impossible_date(text):
        return None  # "by 31 February 2025" is no date, and not February 2025 either
    m = _MONTH_YEAR.search(text)
    if m:
        return Due(
            f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}",
            m.group(0),
            "the month and year are stated in the text",
        )
    m = _IN_MONTHS.search(text)
    if m and window and window.exact:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1).lower()]
        start = window.exact
        month0 = start.month - 1 + n
        value = f"{start.year + month0 // 12:04d}-{month0 % 12 + 1:02d}"
        return Due(value, m.group(0), f"{n} months after the meeting of {start.isoformat()}")
    m = _NEXT_MONTH.search(text)
    if m and window and window.exact:
        month0 = window.exact.month  # the month after the meeting's, counted from 0
        value = f"{window.exact.year + month0 // 12:04d}-{month0 % 12 + 1:02d}"
        return Due(value, m.group(0), f"the month after the meeting of {window.exact.isoformat()}")
    m = _DAY_MONTH.search(text) or _MONTH_DAY.search(text)
    if m and window:
        day, month = (m.group(1), m.group(2)) if m.re is _DAY_MONTH else (m.group(2), m.group(1))
        return _day_in_window(int(day), MONTHS[month.lower()], m.group(0), window)
    m = _YEAR_END.search(text)
    if m and window and window.exact:
        return Due(f"{window.exact.year:04d}-12", m.group(0), f"the end of the year of the meeting of {window.exact}")
    m = _RELATIVE_MONTH.search(text)
    if m and window and (window.not_before or window.not_after):
        month = MONTHS[m.group(1).lower()]
        ends = [d for d in (window.not_before, window.not_after) if d]
        candidates = {_next_month(d, month) for d in ends}
        if len(candidates) != 1 or not (window.not_before and window.not_after):
            return None
        year = candidates.pop()
        if window.exact:
            basis = f"the first {m.group(1).capitalize()} after the meeting of {window.exact.isoformat()}"
        else:
            basis = (
                f"the first {m.group(1).capitalize()} after the meeting, which was held between "
                f"{window.not_before.isoformat()} and {window.not_after.isoformat()} ({window.basis})"
            )
        return Due(f"{year:04d}-{month:02d}", m.group(0), basis)
    return None


def _day_in_window(day: int, month: int, wording: str, window: DateWindow) -> Due | None:
    """A day and month without a year: the first such day on or after the meeting (both ends of a window agree).

    A window with only its start (an undated text bounded by the latest date
    it states) gives the first such day after that start.
    """
    ends = [d for d in (window.not_before, window.not_after) if d]
    if not window.not_before:
        return None
    years = set()
    for end in ends:
        year = end.year if (month, day) >= (end.month, end.day) else end.year + 1
        years.add(year)
    if len(years) != 1:
        return None
    try:
        value = date(years.pop(), month, day)
    except ValueError:
        return None
    if window.exact:
        when = f"the meeting of {window.exact.isoformat()}"
    elif window.not_after:
        when = (
            f"the meeting, held between {window.not_before.isoformat()} and {window.not_after.isoformat()} "
            f"({window.basis})"
        )
    else:
        when = window.basis
    return Due(value.isoformat(), wording, f"the first {value.day} {value:%B} after {when}")


def _next_month(day: date, month: int) -> int:
    """The year of the first ``month`` that ends on or after ``day``."""
    return day.year if month >= day.month else day.year + 1


def parse_date_range(text: str) -> tuple[date, date] | None:
    """Parse "3 to 7 November 2025", "27 June to 1 July 2022", "16 September – 8 October 2014"."""
    m = re.search(
        r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+([A-Za-z]+))?(?:\s+(\d{4}))?\s*(?:to|–|-|—|until|and)\s*"
        r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})",
        text,
    )
    if not m:
        return None
    d1, m1, y1, d2, m2, y2 = m.groups()
    try:
        end = date(int(y2), MONTH_WORDS[m2.lower()], int(d2))
        start = date(int(y1 or y2), MONTH_WORDS[(m1 or m2).lower()], int(d1))
    except (KeyError, ValueError):
        return None
    return start, end


def parse_single_date(text: str) -> date | None:
    """The first "12 March 2024" (or "12 Mar 2024") in ``text``."""
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text)
    if not m or m.group(2).lower() not in MONTH_WORDS:
        return None
    try:
        return date(int(m.group(3)), MONTH_WORDS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None
