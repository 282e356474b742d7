"""Everything accountability needs from one council document: its kind, meeting, actions and cited inspection.

The one reading of a minutes, decision record, press release or news text,
shared by the build (the embedded corpus's minutes and press release), the
ingest (any council's documents) and the evaluation against hand labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Document
from ..parse.dates import DateWindow, latest_past_date
from ..parse.document import parse_document
from ..parse.kind import DECISION, MINUTES, recognise
from ..parse.minutes import MeetingInfo, meeting_info
from ..parse.statements import statements
from .cited import CitedGrade, CitedImprovement, cited_grades, cited_improvements
from .commitments import FoundAction, find_actions


@dataclass
class CouncilRecord:
    """What a council document says about accountability."""

    kind: str
    document: Document
    meeting: MeetingInfo | None  # minutes and decision records only
    window: DateWindow | None  # when it was said: the meeting, or the publication
    actions: list[FoundAction] = field(default_factory=list)
    grades: list[CitedGrade] = field(default_factory=list)
    improvements: list[CitedImprovement] = field(default_factory=list)
    # Set when the record is written (graph.record): the meeting's node and its body, for the curated overlay.
    meeting_iri: str | None = None
    body_iri: str | None = None
    body_label: str | None = None


def read_council_document(
    text: str,
    file: str,
    kind: str | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
    meeting_date: date | None = None,
    known_reports: list[tuple[date, date]] | None = None,
    document: Document | None = None,
) -> CouncilRecord:
    """Read one minutes, decision record or news text (``kind`` recognised from the text when not given).

    ``published`` dates a news text; ``meeting_date`` is a date known for the
    minutes from elsewhere (sources.yaml); ``known_reports`` are (inspection
    end, publication) pairs of reports, which bound an undated meeting that
    discusses one.  ``document`` is the parsed text when the caller has it.
    """
    kind = kind or recognise(text, file, url).name
    doc = document or parse_document(text, file, kind)
    meeting = None
    window = None
    if kind in (MINUTES, DECISION):
        meeting = meeting_info(doc, title, known_reports, meeting_date)
        window = meeting.window if (meeting.window.not_before or meeting.window.not_after) else None
    elif published:
        window = DateWindow(published, published, f"the document was published on {published.isoformat()}")
    if window is None and (bound := latest_past_date(text)):
        # An undated text is said after the latest date it states as past (an inspection's last day, the
        # previous meeting): enough to give a year to "18 July" when no later year is written in it.
        window = DateWindow(
            bound.value,
            None,
            f"{bound.text}, the latest date the document states as past (it gives no date of its own)",
        )
    found = statements(text)
    return CouncilRecord(
        kind,
        doc,
        meeting,
        window,
        find_actions(doc, window),
        cited_grades(found, text),
        cited_improvements(found),
    )
