"""Plain data passed between the pipeline steps (parse -> extract -> build)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import InputError
from .sentences import Sentence

__all__ = ["InputError", "Paragraph", "Judgement", "ImprovementItem", "Inspection", "Document", "Report"]


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
    year: int
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
