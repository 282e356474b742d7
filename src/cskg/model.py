"""Plain data passed between the pipeline steps (parse -> extract -> graph), and due values.

Due values live here because both the extraction of actions and the
lookups that judge lateness read them, and a lookup must not load the
parser.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph: its clean text and its source offsets."""

    text: str
    start: int  # source offset of the first character
    end: int  # source offset after the last character


@dataclass
class Paragraph:
    """A paragraph (or bullet item) with page breaks and footnotes repaired."""

    index: int  # position among the document's paragraphs, from 1
    number: int | None  # the document's own number, where it numbers paragraphs
    text: str
    start: int
    end: int
    sentences: list[Sentence]
    heading: str | None = None  # the section heading it stands under
    area: str | None = None  # local name of the judgement-area concept of that section
    kind: str = "paragraph"  # paragraph | bullet | improvement | resolution
    # Its sentences are findings: a report's numbered paragraph, or, in a report that numbers none (the
    # first SIF reports, early 2014), a bullet under a judgement heading.
    finding: bool = False


@dataclass
class Document:
    """A parsed source text of any kind, citable by paragraph and sentence."""

    file: str
    kind: str  # inspection-report | minutes | press-release | news-article
    source: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Judgement:
    """One graded judgement area as the report states it."""

    area: str  # local name of the area concept, e.g. "IlacsCareLeavers"
    area_text: str
    grade: str  # local name of the grade concept, e.g. "RequiresImprovement"
    grade_text: str
    quote: str
    start: int
    end: int


@dataclass
class ImprovementItem:
    """An item under "What needs to improve" (or a recommendation)."""

    number: int
    text: str
    start: int
    end: int
    framework_refs: list[str] = field(default_factory=list)  # concept local names
    framework_text: str | None = None  # wording of the cross-reference
    quote: str = ""  # the item as it stands in the source, cross-reference included


@dataclass
class Inspection:
    """One inspection as a report (or a document citing it) describes it."""

    authority: str | None
    year: int | None  # None only for an inspection a document cites without saying when
    framework: str  # local name of the framework concept
    inspection_type: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    published: date | None = None
    lead_inspector: str | None = None
    judgements: list[Judgement] = field(default_factory=list)
    improvements: list[ImprovementItem] = field(default_factory=list)
    reported_in: str | None = None  # file of the report, when this is a report


@dataclass
class Report(Document):
    """An Ofsted inspection report: a document plus its inspection."""

    inspection: Inspection | None = None


_DUE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def check_due_value(value: object) -> str:
    """``value`` as ``YYYY-MM-DD`` or ``YYYY-MM`` (``cs:due``: ``xsd:date`` or ``xsd:gYearMonth``), else ValueError."""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = _DUE.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD, or YYYY-MM for a month)")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date (month {month})")
    if m.group(3):
        try:
            date(year, month, int(m.group(3)))
        except ValueError:
            raise ValueError(f"{text!r} is not a date (no such day)") from None
    return text


def due_last_day(value: str) -> date:
    """The last day a due value covers: the date itself, or the month's last day."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    return date(parts[0], parts[1], monthrange(parts[0], parts[1])[1])
