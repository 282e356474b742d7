"""What kind of document a text is: an Ofsted report, committee minutes, a decision record, or news.

``cskg ingest`` takes any of them through one door and parses each as its
kind needs, so the kind is told from the text itself (and, for a saved web
page, from the address the page gives): Ofsted's report furniture
("Inspection dates", "Lead inspector"), ModernGov's decision fields
("Decision Maker:", "Date of decision:", "Issue - decisions"), minutes'
wording ("RESOLVED", "Minutes:", "Present:", "Apologies for absence", "The
Committee considered"), and news about a council's children's services
(Ofsted's grades, an inspection, a spokesperson "said").  Anything else is
refused with a one-line reason: a document of unknown kind must not become
a graph of nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .layout import normalise_space

REPORT, MINUTES, DECISION, PRESS_RELEASE, NEWS = (
    "inspection-report",
    "minutes",
    "decision-record",
    "press-release",
    "news-article",
)
_REPORT = re.compile(r"Inspection dates?\s*:?\s*\d|Lead (?:social care )?inspector\s*:", re.I)
_DECISION = [
    re.compile(r"^\s*Decision Maker\s*:", re.I | re.M),
    re.compile(r"^\s*Date of decision\s*:", re.I | re.M),
    re.compile(r"^\s*Decision status\s*:", re.I | re.M),
    re.compile(r"^\s*Issue - decisions\s*$", re.I | re.M),
    re.compile(r"^\s*Decisions?\s*:\s*$", re.M),
    re.compile(r"\bRecord of (?:an? )?(?:executive |key |delegated |officer )?decision", re.I),
    re.compile(r"^\s*Decision details\s*$", re.I | re.M),
]
_MINUTES = [
    re.compile(r"^\s*Minutes\s*:\s*$", re.M),
    re.compile(r"\bAgenda and (?:draft )?minutes\b", re.I),
    re.compile(r"(?:^|[\s.])(?:RESOLVED|Resolved)\s*(?::|–|-|that\b|to\b)"),
    re.compile(r"^\s*Present\s*:", re.M),
    re.compile(r"\bApologies (?:for absence )?(?:were )?(?:received|were received|for absence)\b", re.I),
    re.compile(r"\bminutes of the (?:previous |last )?meeting\b", re.I),
    re.compile(r"^\s*Meeting\s*:\s*\d{1,2}/\d{1,2}/\d{4}", re.M),
    re.compile(r"\bmeeting of (?:the )?[A-Z][^\n]{2,120}? held on\b"),
    re.compile(
        r"\b(?:The|the) (?:Committee|Panel|Board|Commission|Sub-Committee|Sub-Board|Cabinet|Forum)\s+"
        r"(?:considered|received|noted|welcomed|agreed|resolved|discussed|was informed|were informed)\b"
    ),
    re.compile(r"^\s*Declarations? of (?:Interests?|pecuniary interests?)\s*$", re.I | re.M),
    # ModernGov's agenda item page, and the way minutes record a report being taken.
    re.compile(r"^\s*Agenda item\s*$", re.M),
    re.compile(
        r"\b(?:introduced|presented) the report\b|\bA report was (?:presented|received|considered|submitted)\b|"
        r"\bMembers (?:praised|questioned|asked|welcomed|discussed|were (?:informed|advised|told))\b"
    ),
    re.compile(r"\((?:Key decision|Non[- ]key(?: decision)?)\b|\(Report No\.\s*\d", re.I),
]
# News about children's services: an inspection's grades, or Ofsted and the council's services.
_GRADE = re.compile(
    r"\b(?:rated|judged|graded|rating|judgement|judgment|grade)\b[^.]{0,80}\b(?:outstanding|good|inadequate|"
    r"requires? improvement)|\b(?:outstanding|good|inadequate|requires? improvement)\b[^.]{0,40}\bby Ofsted\b",
    re.I,
)
_ABOUT_CHILDREN = re.compile(
    r"\b(?:Ofsted|children.s (?:social care|services)|social care|safeguarding|care leavers?|looked[- ]after|"
    r"corporate parenting|children in care)\b",
    re.I,
)
_PRESS = re.compile(
    r"\b(?:press release|news release|notes to editors|media enquiries|for more information contact)\b", re.I
)
_OUR_VOICE = re.compile(
    r"\b(?:our|we)\b[^“”\"]{0,60}\b(?:children.s services|services|council|inspection|staff)\b", re.I
)


@dataclass(frozen=True)
class Kind:
    """A document's kind and what in it said so."""

    name: str
    reason: str


def _hits(rules: list[re.Pattern], text: str) -> int:
    return sum(bool(r.search(text)) for r in rules)


def recognise(text: str, file: str, url: str | None = None) -> Kind:
    """The kind of ``text``; InputError naming ``file`` for a text that is none of cskg's kinds.

    ``url`` is the web address a saved page gives for itself, if any
    (ModernGov's page names tell a decision record from an agenda item).
    """
    head = text[:6000]
    if _REPORT.search(head) and re.search(r"Ofsted|inspection", head, re.I):
        return Kind(REPORT, "an Ofsted report's first page (inspection dates, lead inspector)")
    page = (url or "").lower()
    decision = _hits(_DECISION, text)
    minutes = _hits(_MINUTES, text)
    # ModernGov's own headings of a decision page ("Issue - decisions", "Decision details") settle it.
    heading = re.search(r"^\s*(?:Issue - decisions|Decision details)\s*$", text[:2000], re.I | re.M)
    if "decisiondetails.aspx" in page or heading or (decision and decision >= minutes) or decision >= 2:
        return Kind(DECISION, "a decision record (decision maker, decision date or decision text)")
    if minutes >= 1:
        return Kind(MINUTES, "minutes of a meeting (resolutions, minutes headings or a committee's business)")
    about = _ABOUT_CHILDREN.search(text) and (_GRADE.search(text) or re.search(r"\bOfsted\b", text))
    if about and len(text.split()) >= 20:  # a sentence or two at least: a word or a heading is no news
        plain = normalise_space(text[:3000])
        if _PRESS.search(text) or _OUR_VOICE.search(plain) or re.search(r"\.gov\.uk\b", page):
            return Kind(PRESS_RELEASE, "a council's own news about its children's services")
        return Kind(NEWS, "news about a council's children's services")
    raise InputError(
        f"{file}: not an Ofsted report, committee minutes, a decision record or council news about children's "
        "services (found no inspection dates, resolutions, decision details or Ofsted findings)"
    )
