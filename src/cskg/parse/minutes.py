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
from dataclasses import dataclass, field
from datetime import date

from ..model import Document, Paragraph
from .dates import DateWindow, Due, resolve_due, stated_dates
from .layout import normalise_space
from .statements import statement_at, statements

_RESOLVED = re.compile(
    r"(?:^|(?<=[\s.]))(?:RESOLVED|Resolved|AGREED|DECIDED)\b\s*(?::-|:|–|—|-)?\s*(?:that\s*:\s*|to\s*[:;]\s*(?=\n|\(|\d|[a-z]\)))?"
)
# "(1)", "(a)", "(ii)", "1)", "a.", "ii)", decimal minute numbers "2.1" of a numbered resolution, and bullets
# ("•", and the private-use bullet PDF text gives for Word's list symbol).
_MARKER = re.compile(
    r"\(([a-z]|\d{1,2}|[ivx]{2,5})\)\s+|([a-z]|\d{1,2}|[ivx]{2,5})[).]\s+|(\d{1,3}\.\d{1,2})\s+(?=\S)|([•●▪\uf0b7])\s+"
)
_MINUTE_HEADING = re.compile(r"^\s*(\d{1,4})\.?\s+([A-Z][^\n]{2,150})$")
_BODY_WORDS = (
    r"(?:Committee|Commission|Panel|Board|Sub-Board|Cabinet|Forum|Sub-Committee|Partnership|Executive|"
    r"COMMITTEE|COMMISSION|PANEL|BOARD|CABINET|FORUM|PARTNERSHIP|EXECUTIVE)"
)
_HELD_ON = re.compile(rf"meeting of (?:the )?(?P<body>[A-Z][^\n]*?{_BODY_WORDS})\s+held\s+on\s+(?P<rest>[^\n]+)")
_TITLE_BODY = re.compile(rf"^Minutes of (?:a meeting of )?(?:the )?(?P<body>.+?{_BODY_WORDS})\b")
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_TIME = r"(?:\s*(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?)?"
_DAY = (
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?\s+\d{4}"
)
_DATE = rf"(?:{_WEEKDAY}{_DAY}|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
# ModernGov's issue pages: "Meeting: 21/03/2017 - Adult Care and Health PDS Committee (Item 78)".
_MEETING_LINE = re.compile(
    rf"^\s*Meeting:\s*(?P<date>{_DATE})\s*[-–]\s*(?P<body>[^\n]+?)\s*(?:\(Item\s*(?P<item>\d+)\))?\s*$", re.M
)
# A meeting page's heading: "Corporate Parenting Board - Monday, 17th June, 2013 6.00 pm".
_BODY_DATE_LINE = re.compile(rf"^\s*(?P<body>[A-Z][^\n]{{2,150}}?)\s+[-–]\s+(?P<date>{_DATE}){_TIME}\s*$", re.M)
# ModernGov agenda item pages: "Meeting of Corporate Parenting Panel, Thursday, 3rd September, 2015 (Item 5.)"
_MEETING_OF = re.compile(
    rf"^\s*(?:[-•·*]\s*)?(?:Agenda item - )?Meeting of (?:the )?(?P<body>[^\n]{{2,150}}?),\s*"
    rf"(?P<date>{_DATE}){_TIME}\s*"
    r"(?:\(Item\s*(?P<item>\d+)[^)]*\))?\s*$",
    re.M,
)
# "Minutes of the Cabinet held on 14 March 2019", "Date: Thursday, 26th January, 2023".
_MINUTES_OF = re.compile(
    rf"^\s*(?:Minutes|MINUTES) of (?:the |a )?(?:meeting of (?:the )?)?(?P<body>[^\n]{{0,150}}?{_BODY_WORDS})\s+"
    r"(?:held\s+)?on\s+"
    rf"(?P<date>{_DATE})",
    re.M,
)
_DATE_FIELD = re.compile(rf"^\s*(?:Date|Meeting date|Date of meeting)\s*:\s*(?P<date>{_DATE})", re.M | re.I)
# A decision record's labelled fields.
_DECISION_MAKER = re.compile(
    r"^\s*(?:Decision Maker|Decision maker|Decided at meeting)\s*:\s*(?P<body>[^\n]+?)\s*$", re.M
)
_DECISION_DATE = re.compile(rf"^\s*Date of decision\s*:\s*(?P<date>{_DATE})", re.M)
# An issue's history: "08/03/2024 - The Ofsted inspection of ...".
_DATED_ENTRY = re.compile(r"^\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s+[-–]\s+\S", re.M)
# The minutes of an earlier meeting of the same body name it: "the minutes of the last meeting of the X held on".
_EARLIER_OF = re.compile(
    rf"(?:[Mm]inutes|[Nn]otes) of (?:the |a )?(?:last |previous )?meetings? of (?:the )?"
    rf"(?P<body>[A-Z][^\n]*?{_BODY_WORDS})\b|"
    rf"(?:[Mm]inutes|[Nn]otes) of (?:the |this )?(?P<named>[A-Z][\w’'&, -]*?{_BODY_WORDS}) meeting\b|"
    rf"(?:[Mm]inutes|[Nn]otes) of (?:the )?(?P<held>[A-Z][\w’'&, -]*?{_BODY_WORDS})s?\s+held\b"
)
# A page heading that ends with the body after a dash: "MS Teams Event, Dorset Council - Corporate Parenting Board".
_DASHED_BODY_LINE = re.compile(rf"^.{{0,120}}\s[-–]\s(?P<body>(?:The\s+)?[A-Z][\w’'&, ]{{0,110}}{_BODY_WORDS})$")
_BODY_NAME_LINE = re.compile(rf"^(?:The\s+)?(?:[A-Z][\w’'&,\- ]{{0,110}}\s)?{_BODY_WORDS}$")
_ITEM = re.compile(r"\(Item\s*(\d{1,4})\.?\)|^\s*(\d{1,4})\.\d{1,2}\s", re.M)

STATUS_NOTED = "noted"
STATUS_PROPOSED = "proposed"
STATUS_PLANNED = "planned"
STATUS_AGREED = "agreed"
STATUS_DEFERRED = "deferred"


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
    subject: str | None = None  # who the opening words name as deciding ("the Mayor agreed that:"), as written


@dataclass(frozen=True)
class Attendee:
    """Someone the minutes list as present, with the post or meeting role written beside the name."""

    name: str | None  # "Councillor J Brennan"; None when only a post is listed
    role: str | None  # "Chair", "Strategic Director of Children's Services"
    start: int  # the entry's offsets in the source
    end: int


@dataclass
class MeetingInfo:
    """Who met and when, as far as the minutes (or their catalogue title) say."""

    body: str | None
    window: DateWindow
    item: str | None = None  # the agenda item or minute number the document records ("78")
    attendees: list[Attendee] = field(default_factory=list)
    body_basis: str | None = None  # where the body's name was read


def resolution_status(text: str) -> str:
    """The status a resolution's wording gives it (``cs:ActionStatuses`` notation).

    "that consideration be given to ..." proposes; "be noted", "be received",
    "welcomes" and approving the last minutes commit to nothing further; a
    deferral is deferred; approving or endorsing a plan, recommendations or a
    proposal decides it (agreed); every other resolution (submit, circulate,
    invite, hold, agree ... subject to) is a decision to act (planned).
    """
    t = text.lower()
    if re.search(r"consideration be given|\bbe (?:considered|explored)\b", t):
        return STATUS_PROPOSED
    if re.search(r"\b(?:deferred|postponed)\b", t):
        return STATUS_DEFERRED
    if re.search(r"\bas (?:a|an) (?:true and )?(?:correct|true|accurate) record\b", t):
        return STATUS_NOTED
    acting = re.search(
        r"\bbe (?:submitted|circulated|brought|presented|invited|asked|requested|referred|sent|held|"
        r"arranged|provided|reported|undertaken|established|made|added|scheduled|prepared|written)\b|"
        r"\bsubject to\b|\bto (?:receive|invite|write|ask|request)\b",
        t,
    )
    if acting:
        return STATUS_PLANNED
    if re.search(r"\bbe (?:received and )?noted\b|\bbe received\b", t):
        return STATUS_NOTED
    if re.search(_DECIDES, t):
        return STATUS_AGREED
    if re.search(r"\b(?:note|noted|notes|receive|received|welcomes?|welcomed|endorsed?|considered)\b", t):
        return STATUS_NOTED
    return STATUS_PLANNED


# Approving or endorsing something to be done (a plan, recommendations, a proposal), not a report to read.
_DECIDES = (
    r"\b(?:approved?|agreed?|endorsed?|adopted?|accepted?|supported?|delegated?)\b(?![^.;]*\b(?:report|minutes|notes|"
    r"update|findings|feedback|presentation)\b)|\b(?:plan|recommendations?|proposals?|strategy|budget|option)\b[^.;]*"
    r"\bbe (?:approved|agreed|endorsed|adopted|accepted|supported)\b"
)


def meeting_info(
    doc: Document,
    title: str | None = None,
    known_reports: list[tuple[date, date]] | None = None,
    stated: date | None = None,
) -> MeetingInfo:
    """The body, date (or date window), agenda item and attendees of the meeting a document records.

    Read from the header in the shapes councils publish: a ModernGov issue
    line ("Meeting: 21/03/2017 - Body (Item 78)"), a meeting page heading
    ("Body - Monday, 17th June, 2013 6.00 pm"), a decision record's labelled
    fields ("Decision Maker:", "Date of decision:"), "... meeting of the Body
    held on ...", a line that names a body followed by one that is only a
    date, the minutes of an earlier meeting of the same body, the catalogue
    title.  Failing a stated date, the date is bounded by context: not before
    the publication of an inspection report whose inspection month the
    minutes name (``known_reports``: (inspection end, publication) pairs),
    not after the earliest later meeting the minutes look ahead to.
    """
    head = doc.source[:4000]
    body, when, basis, body_basis = (
        None,
        stated,
        "the date given for the minutes in sources.yaml" if stated else "",
        None,
    )

    def take(name: str | None, day: str | None, why: str) -> None:
        nonlocal body, when, basis, body_basis
        if name and body is None:
            body, body_basis = _clean_body(name), why
        if day and when is None:
            found = stated_dates(day)
            if found:
                when, basis = found[0].value, f"the {why}: '{normalise_space(day)}'"

    for rule, why in (
        (_MEETING_LINE, "meeting line"),
        (_MEETING_OF, "agenda item's meeting"),
        (_BODY_DATE_LINE, "meeting heading"),
        (_MINUTES_OF, "minutes' heading"),
    ):
        m = rule.search(head)
        if m:
            take(m.group("body"), m.group("date"), why)
    m = _DECISION_MAKER.search(head)
    if m:
        take(m.group("body"), None, "decision record")
    m = _DECISION_DATE.search(head) or _DATE_FIELD.search(head)
    if m:
        take(None, m.group("date"), "decision record" if "decision" in m.group(0).lower() else "header")
    for m in _HELD_ON.finditer(head):
        # "Minutes of a meeting of X held on ..." heads the minutes; inside a sentence ("To confirm the
        # minutes of the meeting of X held on ...") or of a "last" meeting, it is an earlier meeting.
        line_start = head.rfind("\n", 0, m.start()) + 1
        lead = head[line_start : m.start()]
        earlier = re.search(r"\b(?:last|previous)\s+$", lead, re.I) or not re.fullmatch(
            r"\s*(?:(?:minutes|notes) of (?:the |a )?)?", lead, re.I
        )
        if not earlier:
            take(m.group("body"), m.group("rest"), "minutes' header: 'held on")
            break
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:15]
    for k, text in enumerate(lines):
        dashed = _DASHED_BODY_LINE.match(text)
        named = text if _BODY_NAME_LINE.match(text) and _title_case(text) else dashed.group("body") if dashed else None
        if named and not text.lower().startswith("minutes"):
            take(named, None, "header")
            nxt = lines[k + 1] if k + 1 < len(lines) else ""
            if re.fullmatch(_DATE + _TIME, nxt):
                take(None, nxt, "header")
            break
    for text in lines[:5]:
        heading = _TITLE_BODY.match(text)  # "Minutes of the Corporate Parenting Board" heading the page
        if heading and len(text) < 160:
            take(heading.group("body"), None, "minutes' heading")
            break
    if when is None:
        for text in lines[:12]:
            if re.fullmatch(_DATE + _TIME, text):
                take(None, text, "header")
                break
    m = _EARLIER_OF.search(doc.source)
    if m:
        take(m.group("body") or m.group("named") or m.group("held"), None, "minutes of its earlier meeting")
    if body is None and title:
        t = _TITLE_BODY.match(title.strip())
        take(t.group("body") if t else None, None, "title")
    m = _DATED_ENTRY.search(head)
    if m:
        take(None, m.group("date"), "issue history")
    m = _DECIDER.search(doc.source[:6000])
    if m:
        take(m.group("body"), None, "decision maker named in the minutes")
    m = _PROVIDES.search(doc.source[:6000])
    if m:
        take(m.group("body"), None, "the body the report is for")
    item = _ITEM.search(doc.source[:6000])  # "(Item 78)" or a minute's paragraph number "47.1"
    item_number = (item.group(1) or item.group(2)) if item else None
    attendees = read_attendees(doc.source[:6000])
    if when:
        window = DateWindow(
            when, when, basis.replace("the minutes' header: 'held on: '", "the minutes' header: 'held on ")
        )
    else:
        window = _window_from_context(doc, known_reports or [])
    return MeetingInfo(body, window, item_number, attendees, body_basis)


# A decision maker named as the subject of a decision: "The Cabinet considered ...", "the Mayor agreed that".
_DECIDER = re.compile(
    r"(?:^\s*(?:\d{1,4}(?:\.\d{1,2})?\s+)?|[.:]\s+|,\s+)"
    r"(?P<body>(?:The |the )?(?:Executive Mayor and Cabinet|Mayor and Cabinet|[Cc]abinet|Executive|Mayor|"
    r"Leader of the Council|Cabinet Member for [A-Z][\w ,&’']+?)),?\s+(?:considered|agreed|approved|resolved|RESOLVED|"
    r"decided|noted|received)\b",
    re.M,
)
# "This report provides the Children and Young People Overview and Scrutiny Committee with ...".
_PROVIDES = re.compile(
    r"\b(?:report|item|update)\s+(?:provides?|provided|gives|gave)\s+(?:the\s+)?"
    rf"(?P<body>[A-Z][\w’'&, -]{{0,100}}?{_BODY_WORDS})"
    r"\s+with\b"
)
_MINOR_WORDS = {"of", "and", "for", "the", "in", "on", "&", "to", "with"}


def _title_case(text: str) -> bool:
    """Whether a line reads as a name: its words other than "of", "and", ... start with capitals."""
    words = [w for w in re.findall(r"[\w’'&-]+", text) if w.lower() not in _MINOR_WORDS]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _clean_body(name: str) -> str:
    """A body's name as written (capitals only where a heading shouts it), without a leading article."""
    name = normalise_space(name).strip(" .,:;-–")
    if name.isupper():
        name = " ".join(w.capitalize() for w in name.split())
        name = re.sub(r"\b(And|Of|For|The|In|On)\b", lambda m: m.group(1).lower(), name)
    return re.sub(r"^the\s+", "", name, flags=re.I)


_PRESENT = re.compile(r"^\s*(?:Present|Also present|In attendance|Attendees|Members present)\b\s*:?-?\s*", re.I | re.M)
# A post listed without a name ("Director of Children's Services", "Head of Safeguarding").
_POST_WORDS = r"\b(?:Director|Head of|Manager|Officer|Chief|Lead|Adviser|Advisor|Clerk|Solicitor|Principal)\b"
_NEXT_PERSON = r"(?:,|\s+and)\s+(?=(?:Councillors?|Cllrs?|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z])"
_ROLE_IN_BRACKETS = re.compile(r"^(?P<name>.+?)\s*\((?P<role>[^()]{2,80})\)$")
_NAME_ROLE = re.compile(
    r"^(?P<name>(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?:\s*,|\s+[–-])\s*(?P<role>[A-Z].{2,100})$"
)


def read_attendees(head: str) -> list[Attendee]:
    """The people a "Present:" (or "In attendance:") paragraph lists, with roles where written.

    Entries are separated by semicolons, commas or line breaks; "Councillor
    X (Chair)" and "X, Strategic Director of ..." keep their role;
    "Councillors A, B and C" gives each councillor.
    """
    found: list[Attendee] = []
    for m in _PRESENT.finditer(head):
        stop = head.find("\n\n", m.end())
        stop = len(head) if stop < 0 else stop
        block = head[m.end() : stop]
        # Entries end at a semicolon or a line break, or at ", " / " and " before the next title
        # ("Councillor A (Chair), Councillor B and Councillor C").
        for part in re.finditer(r"[^;\n]+", block):
            at, text = m.end() + part.start(), part.group(0)
            label = _PRESENT.match(text)
            if label and head[at - 1 : at] == "\n":
                break  # the next list starts a line ("Also present:"): its own match reads it
            if label:  # "...; In attendance: Director of ..." on the same line: its entries follow the label
                at, text = at + label.end(), text[label.end() :]
            for piece in re.split(_NEXT_PERSON, text):
                found.extend(_entries(head, at, piece))
                at = head.find(piece, at) + len(piece)
                nxt = re.match(_NEXT_PERSON, head[at:])
                at += nxt.end() if nxt else 0
    return found


def _entries(source: str, offset: int, text: str) -> list[Attendee]:
    entry = text.strip().rstrip(".")
    lead = offset + len(text) - len(text.lstrip())
    if not entry:
        return []
    many = re.match(r"^(Councillors|Cllrs)\s+(.+)$", entry)
    if many:
        names = re.split(r",\s*|\s+and\s+", many.group(2))
        out, pos = [], lead + many.start(2)
        for name in names:
            at = source.find(name, pos)
            if name.strip() and at >= 0:
                out.append(Attendee(f"Councillor {name.strip()}", None, at, at + len(name)))
                pos = at + len(name)
        return out
    m = _ROLE_IN_BRACKETS.match(entry) or _NAME_ROLE.match(entry)
    if m:
        role = re.sub(r"^in the\s+", "", m.group("role").strip(), flags=re.I)
        return [Attendee(normalise_space(m.group("name")), role[:1].upper() + role[1:], lead, lead + len(entry))]
    if re.match(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\b", entry) and len(entry) < 60:
        return [Attendee(normalise_space(entry), None, lead, lead + len(entry))]
    post = re.sub(r"^(?:the|The)\s+", "", entry)
    if len(post) < 90 and re.match(r"^[A-Z]", post) and re.search(_POST_WORDS, post):
        return [Attendee(None, normalise_space(post), lead + len(entry) - len(post), lead + len(entry))]
    return []


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
        if re.search(r"\b(?:held on|took place on|minutes of|last meeting|previous meeting)\b", before) and (
            not_before is None or d.value > not_before
        ):
            # A meeting already held (its minutes are approved here): this one came after it.
            not_before = d.value
            why = [w for w in why if not w.startswith("after")] + [f"after the {d.text} meeting whose minutes it reads"]
            continue
        later = (not_before is None or d.value > not_before) and (not_after is None or d.value < not_after)
        if ("meeting" in after or "meeting" in before) and later:
            not_after = d.value
            why = [w for w in why if not w.startswith("before")] + [f"before the {d.text} meeting it looks ahead to"]
    return DateWindow(not_before, not_after, "; ".join(why) if why else "the minutes do not state the date")


# A decision maker's list of decisions without the word RESOLVED: "the Mayor agreed that: (1) ...".
_AGREED_LIST = re.compile(r"\b(?:agreed|resolved|decided|approved)\s+(?:that|to)\s*:\s*", re.I)


def resolutions(doc: Document, window: DateWindow | None = None) -> list[Resolution]:
    """Every resolution in the minutes, in order, with its status, due date and decision maker."""
    source = doc.source
    found: list[Resolution] = []
    openers = sorted(
        [(m, "resolved") for m in _RESOLVED.finditer(source)]
        + [(m, "list") for m in _AGREED_LIST.finditer(source) if _MARKER.match(source, _skip_space(source, m.end()))],
        key=lambda pair: pair[0].start(),
    )
    covered = -1
    for m, shape in openers:
        if m.start() < covered:
            continue
        line_end = source.find("\n", m.end())
        line_end = len(source) if line_end < 0 else line_end
        rest = source[m.end() : line_end].strip()
        lone_that = re.fullmatch(r"(?:That|that)\s*:?", rest)
        pieces = None
        if shape == "list" or not rest or lone_that or re.fullmatch(r"(?:That|that)\s+[^.;]{1,60}:", rest):
            # "RESOLVED:", "... agreed that:", "RESOLVED: That" or "RESOLVED: That Cabinet:" ending its line:
            # the items follow.
            nxt = _skip_space(source, line_end if rest and shape != "list" and not _MARKER.match(rest) else m.end())
            if _MARKER.match(source, nxt):
                pieces = _items(source, nxt)
            elif _ITEM_START.match(source, nxt):
                pieces = _plain_items(source, nxt)
            elif not lone_that:
                continue
        if pieces is None:
            # One resolution on the keyword's line ("RESOLVED – That ..."), or a lone "That" the line wraps after.
            rest = source[m.end() : line_end].lstrip()
            after_that = re.search(r"that\s*:\s*$", m.group(0))  # "Resolved that: there will be ..."
            if not (after_that or rest.lower().startswith(("that", "to ")) or _MARKER.match(rest)):
                continue
            at = m.end() + (len(source[m.end() : line_end]) - len(source[m.end() : line_end].lstrip()))
            pieces = _plain_items(source, at) if _ITEM_START.match(rest) else _items(source, at)
        item = _minute_heading(source, m.start())
        subject = _decision_maker(source, m.start())
        for label, start, end in pieces:
            text = normalise_space(source[start:end])
            if not text:
                continue
            covered = max(covered, end)
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
                    subject=subject,
                )
            )
    return found


# An unnumbered resolution line starts with "That" or the verb of a decision ("Note ...", "Approve ...").
_ITEM_START = re.compile(
    r"(?:That|THAT|Note|Notes|Noted|Agree|Agreed|Approve|Approved|Endorse|Endorsed|Request|Requested|Delegate|Authorise|"
    r"Authorize|Receive|Received|Support|Ask|Instruct|Thank|Welcome|Welcomed|Consider|Recommend|Accept|Adopt|Defer|"
    r"Refer|Confirm|Commission)\b"
)


def _plain_items(source: str, start: int) -> list[tuple[str | None, int, int]]:
    """Unnumbered resolution lines after "RESOLVED to:": one item per line while the lines read as resolutions."""
    pieces: list[tuple[str | None, int, int]] = []
    pos = start
    while pos < len(source) and len(pieces) < 20:
        end = source.find("\n", pos)
        end = len(source) if end < 0 else end
        line = source[pos:end].strip()
        if not line or not (_ITEM_START.match(line) or (pieces and line[:1].islower())):
            break
        if pieces and line[:1].islower() and not re.search(r"[.;:!?]$", source[pieces[-1][1] : pieces[-1][2]]):
            pieces[-1] = (None, pieces[-1][1], _trim_end(source, pos, end))  # a line the page wrapped the item onto
        else:
            pieces.append((None, pos, _trim_end(source, pos, end)))
        nxt = _skip_space(source, end)
        if nxt >= len(source):
            break
        following = source[nxt : source.find("\n", nxt) if source.find("\n", nxt) >= 0 else len(source)]
        if line.endswith(".") and not _ITEM_START.match(following.strip()):
            break
        pos = nxt
    return pieces


def _skip_space(source: str, pos: int) -> int:
    while pos < len(source) and source[pos] in " \t\r\n":
        pos += 1
    return pos


def _decision_maker(source: str, at: int) -> str | None:
    """Who a resolution's opening words name as deciding ("The Cabinet RESOLVED", "..., the Mayor agreed that:").

    The words before the keyword back to the start of its statement (wrapped
    lines joined), last comma-separated phrase; "It was" and a bare minute
    number name nobody.
    """
    holder = statement_at(statements(source[: at + 1]), at, at + 1)
    start = holder.start if holder else max(0, at - 300)
    sentence = normalise_space(source[start:at]).rstrip(" ,;")
    sentence = re.sub(r"^\d{1,4}(?:\.\d{1,2})?\s+", "", sentence)
    phrase = re.split(r",\s*", sentence)[-1].strip() if sentence else ""
    phrase = re.sub(r"\s+(?:has|have|had|was|were|is|also|then|unanimously)$", "", phrase, flags=re.I)
    if not phrase or re.fullmatch(r"(?:it|it was|it is|this|that|and|there)", phrase, re.I) or len(phrase) > 80:
        return None
    if re.match(r"(?:minutes|notes|agenda|record)\b", phrase, re.I):
        return None  # the document's own heading ("Minutes of the Board") above a lone resolution
    return phrase if phrase[:1].isupper() or phrase.lower().startswith("the ") else None


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
    roman = expected == "i"  # "(i)" opens a roman list; "(a)" ... "(i)" reaches it as a letter
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
            if nm and _style(nm) == style and _value(nm) == _successor(expected, roman):
                stop = text_start + inline.start()
                break
        if stop == line_end:
            stop = _continuation(source, stop, style, _successor(expected, roman))
        pieces.append((m.group(0).strip(), text_start, _trim_end(source, text_start, stop)))
        expected = _successor(expected, roman)
        pos = _skip_space(source, stop)
        if source[text_start:stop].rstrip().endswith(":"):
            pos = _after_list(source, pos, style, expected)  # "... be as follows:" and a list of names
        if pos >= len(source):
            break
    return pieces


def _after_list(source: str, pos: int, style: str, expected: str) -> int:
    """Past the short lines an item introduced with a colon, to the next marker of the sequence (if it comes soon)."""
    scan = pos
    for _ in range(15):
        marker = _MARKER.match(source, scan)
        if marker and _style(marker) == style and _value(marker) == expected:
            return scan
        end = source.find("\n", scan)
        if end < 0 or len(source[scan:end].strip()) > 80:
            break
        scan = _skip_space(source, end)
    return pos


def _continuation(source: str, stop: int, style: str, following: str) -> int:
    """Extend an item over the lines a page wrapped it onto (blank lines between, as PDF minutes have them).

    A later line goes on with the item while the item has not ended its
    sentence, or while the line starts in lower case; the next marker of the
    sequence, a minute heading or a line after a finished sentence ends it.
    """
    while True:
        nxt = _skip_space(source, stop)
        if nxt >= len(source):
            return stop
        line_end = source.find("\n", nxt)
        line_end = len(source) if line_end < 0 else line_end
        line = source[nxt:line_end].strip()
        marker = _MARKER.match(source, nxt)
        if marker and (_style(marker) == style or _value(marker) == following):
            return stop
        done = re.search(r"[.;:!?][’”\"')]*$", source[:stop].rstrip())
        if _MINUTE_HEADING.match(line) or (done and not line[:1].islower()) or re.match(_RESOLVED, line):
            return stop
        stop = line_end


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
    if m.group(4):
        return "bullet"
    if m.group(3):
        return "decimal"
    token = m.group(1) or m.group(2)
    kind = "digit" if token.isdigit() else "letter"
    shape = "()" if m.group(1) else m.group(0).strip()[-1]
    return f"{kind}{shape}"


def _value(m: re.Match) -> str:
    return m.group(1) or m.group(2) or m.group(3) or "•"  # every bullet of a list is the same


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def _successor(token: str, roman: bool = False) -> str:
    """The marker after ``token`` in its sequence: 2 after 1, b after a, ii after i in a roman list."""
    if token == "•":
        return token
    if token.isdigit():
        return str(int(token) + 1)
    if "." in token:  # "2.1" -> "2.2"
        major, minor = token.split(".")
        return f"{major}.{int(minor) + 1}"
    if roman and token in _ROMAN[:-1]:
        return _ROMAN[_ROMAN.index(token) + 1]
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
