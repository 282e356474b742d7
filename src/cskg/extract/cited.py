"""The inspection a council document cites: the Ofsted grades and the improvement areas it quotes.

Minutes and news restate an inspection's outcome in a few shapes, found in
many councils' documents:

- a list of judgements, one per line or table row ("Experiences and progress
  of care leavers – Outstanding", "Adoption performance: Good", "The impact
  of leaders ... Inadequate", "... children and families. This area requires
  improvement to be good.");
- prose with grade words in a grading context ("rated 'good' by Ofsted",
  "judged to be good overall and outstanding for the experiences and progress
  of children in care", "The 'good' ratings were for A; B; and C",
  "an overall judgement of 'Inadequate'");
- the areas for improvement ("including A and B", "These were A; B; and C",
  "Areas that still need to improve include:" and a list).

A grade's judgement areas are the Ofsted judgement names next to it (the
coordinated list just before it, or after "for", "in", "overall"); a grade
with none is the overall judgement.  A grade the text places in an earlier
inspection ("since the 'requires improvement' rating in 2019", "slipping
from their last 'outstanding' inspection", "moved from 'Outstanding' to")
keeps that year or is marked earlier.  Grades of other inspections (a
children's home, a school, youth justice, a joint targeted inspection, a
board's self-assessment) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse.layout import clean_quote
from ..parse.statements import Statement

AREA_KEYS = (
    "overall",
    "help-and-protection",
    "children-in-care",
    "care-leavers",
    "children-in-care-and-care-leavers",
    "leadership",
    "adoption",
    "looked-after",
    "lscb",
)
# Ofsted's judgement names and the short forms the press uses, longest first within each area.
_AREAS = [
    (
        "children-in-care-and-care-leavers",
        r"(?:the )?(?:experiences? and progress of )?(?:children in care|looked after children) and care leavers",
    ),
    (
        "leadership",
        r"(?:the )?impact (?:of )?leaders(?: have)?(?: on (?:social (?:work|care) )?practice)?"
        r"(?: with children and families)?|leadership, management and governance|leadership and management|"
        r"(?<!senior )leadership(?: of (?:children.s )?services)?",
    ),
    (
        "help-and-protection",
        r"(?:the )?(?:experiences? and progress of )?(?:(?:services for|work with) )?children (?:who need|in need of) "
        r"(?:help and )?protection|(?:children.s )?help and protection|(?:to )?help and protect children",
    ),
    (
        "looked-after",
        r"children looked after(?: and achieving permanence)?|looked after children|\bLAC\b(?: permanence)?",
    ),
    (
        "care-leavers",
        r"(?:the )?(?:experiences? and progress of )?care leavers?(?: support)?|those who (?:have )?left care|"
        r"those who leave care|leaving care|care[- ]experienced (?:young people|18 to 25 year olds)",
    ),
    ("children-in-care", r"(?:the )?(?:experiences? and progress of )?children in care|those in care"),
    ("adoption", r"adoption(?: performance)?"),
    (
        "lscb",
        r"(?:local )?safeguarding children(?:.s)? board|\bLSCB\b|children.s safeguarding board|"
        r"effectiveness of the board",
    ),
    ("overall", r"overall(?: effectiveness| judgements?| judgments?| ratings?| outcome(?: judgement)?| grade)?"),
]
_AREA = re.compile("|".join(f"(?P<a{k}>{pattern})" for k, (_, pattern) in enumerate(_AREAS)), re.I)
_GRADE = re.compile(
    r"(?P<grade>outstanding|requires? improvement(?: to be good)?|required improvement|requiring improvement|"
    r"needs? improvement to be good|improvement (?:was|is|were) (?:still )?required|inadequate|good)\b",
    re.I,
)
_GRADE_KEY = {
    "o": "outstanding",
    "g": "good",
    "i": "inadequate",
    "r": "requires-improvement",
    "n": "requires-improvement",
}
# Words that make a grade word a grade: the verbs and nouns of Ofsted's judgements.
_GRADING = re.compile(
    r"\b(?:rated|rating|ratings|judged|judgement|judgment|graded|grade|found to be|found|concluded|remains?|"
    r"received|given|issued|considered|ranked|attributed|identified as|moved from|slipping from)\b",
    re.I,
)
_OFSTED_TALK = re.compile(r"\b(?:ofsted|inspect\w*|rated|judged|graded|judgements?|judgments?|ratings?)\b", re.I)
# Other inspections' grades, and a council's own view of itself.
_OTHER_INSPECTION = re.compile(
    r"children.s homes?|\bschools?\b|youth (?:justice|offending)|self[- ]assessment|joint targeted|\bJTAI\b|"
    r"\bSEND\b|fostering agency|adoption agency|nursery|college",
    re.I,
)
# A grade word followed by one of these is a grade; "good" followed by another noun ("good work") is not.
_AFTER_GRADE = re.compile(
    r"^(?:[’'\"”]|\s*(?:$|[.,;:)–-]|\s(?:overall|for|in|by|and|across|with|at|to|from|judgement|judgment|rating|"
    r"grade|score|following|after|on|since|under|but|as|when|a|this|the|'|’)\b))",
    re.I,
)
_FORWARD = re.compile(
    r"^\W{0,3}\s*(?:(?:rating|ratings|judgement|judgment|grade)s?\s+(?:were|was|is|are)?\s*(?:for|attributed to|"
    r"given to|awarded to)|overall|for|in|across|judgements? in the area of)\b|^[’'\"”]?\s*:",
    re.I,
)
_LIST_GAP = re.compile(r"^[\s,;]*(?:(?:and|as well as|with)\s+)?(?:the\s+)?$", re.I)
_PARTIAL = re.compile(r"\b(?:one|some|two|three|four|other|several|many) (?:areas?|features?|categories)\b", re.I)
_EARLIER = re.compile(
    r"\b(?:last|previous|earlier|prior|since)\b|\b(?:moved|slipping|slipped|up|down|improved) from\s*$", re.I
)
_YEAR = re.compile(r"\b(20[01]\d|202\d)\b")
# A grade aimed at, not given: "Getting to Good", "if the Council were to meet 'Good'", "ambition to be outstanding".
_ASPIRED = re.compile(
    r"\b(?:(?:getting|get|journey|move|moving|aim|aims|ambition|aspiration|target|striving|strive)\s+to(?:\s+be)?|"
    r"to (?:meet|achieve|reach|become))\s*(?:an?\s+|the\s+)?[‘'\"“]?\s*$",
    re.I,
)


# A grade counted over inspections: "20 were graded good", "and two outstanding".
_COUNTED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\s+(?:(?:were|are|was|is)\s+)?"
    r"(?:(?:graded|rated|judged)\s+)?(?:as\s+)?[‘'\"“]?$",
    re.I,
)
# A judgement area's name as the subject of a grade: "... children in care were (judged to be) good".
_AREA_IS = re.compile(
    rf"(?:{'|'.join(pattern for _, pattern in _AREAS)})\s+(?:was|were|is|are|has been|have been|remains?)\s+"
    r"(?:(?:judged|rated|found|graded|assessed)\s+(?:to be\s+|as\s+)?)?[‘'\"“]?\s*$",
    re.I,
)


@dataclass(frozen=True)
class CitedGrade:
    """A judgement a document states: area and grade keys, its words, the statement quoted, when."""

    area_key: str  # one of AREA_KEYS
    grade_key: str  # outstanding | good | requires-improvement | inadequate
    area_text: str
    grade_text: str
    quote: str
    start: int
    end: int
    year: int | None = None  # the inspection's year where the statement gives it
    earlier: bool = False  # the statement places it in an earlier inspection


@dataclass(frozen=True)
class CitedImprovement:
    """An area for improvement a document quotes (one item of a list, or the sentence that states it)."""

    text: str
    start: int
    end: int


def _area_key(match: re.Match) -> str:
    return next(_AREAS[int(name[1:])][0] for name, value in match.groupdict().items() if value)


def _grade_key(word: str) -> str:
    w = word.lower()
    return _GRADE_KEY["r" if w.startswith(("requir", "need", "improvement")) else w[0]]


def _grades_in(st: Statement, previous: Statement | None) -> list[CitedGrade]:
    """The grades one statement states (with the previous statement of its list item, for "This area ...")."""
    text = st.text
    if _OTHER_INSPECTION.search(text):
        return []
    areas = list(_AREA.finditer(text))
    grades = [g for g in _GRADE.finditer(text) if _is_grade(text, g) and not _ASPIRED.search(text[: g.start()])]
    if not grades or len({_grade_key(g.group(0)) for g in grades}) >= 3:
        return []  # none, or Ofsted's scale itself ("'Inadequate'; 'Requires Improvement'; 'Good' and 'Outstanding'")
    out = []
    for k, g in enumerate(grades):
        if _PARTIAL.search(text[max(0, g.start() - 30) : g.start()]) or re.match(
            r"^[’'\"”]?\s*(?:features|score|in\s+(?:\d+%|(?:half|some|one|two|three|four|several|many|most)\b))",
            text[g.end() :],
        ):
            continue
        prev_end = grades[k - 1].end() if k else 0
        next_start = grades[k + 1].start() if k + 1 < len(grades) else len(text)
        named = _named_areas(text, areas, g, prev_end, next_start)
        if not named and re.match(r"^(?:This|The) (?:area|judgement|judgment)\b", text) and previous is not None:
            named = [(m.group(0), _area_key(m)) for m in _AREA.finditer(previous.text)][:1]
        if not named:
            named = [("overall", "overall")]
        year, earlier = _when(text, g, prev_end, next_start)
        for words, key in named:
            out.append(
                CitedGrade(key, _grade_key(g.group(0)), words, g.group(0), text, st.start, st.end, year, earlier)
            )
    return out


def _is_grade(text: str, g: re.Match) -> bool:
    """Whether a grade word is used as an Ofsted grade here."""
    word = g.group(0)
    before = text[max(0, g.start() - 60) : g.start()]
    quoted = before.rstrip().endswith(("‘", "'", '"', "“")) or before.endswith(("‘", "'", '"', "“"))
    after = text[g.end() :]
    if word.lower() == "good" and not quoted and not _AFTER_GRADE.match(after):
        return False
    if re.match(r"^\s+(?:or|and) (?:better|worse)\b|^\s+(?:progress|practice|work|news|outcome)\b", after, re.I):
        return False
    if _COUNTED.search(before):
        return False  # "Nationally ... only 20 were graded good and two outstanding": other councils, counted
    if word.lower().startswith("improvement"):
        # "In terms of care leavers it was found that improvement was required"; but "improvement was required
        # for X" names an area for improvement, not a judgement's grade.
        return bool(_AREA.search(text[: g.start()])) and not re.match(r"^\s+(?:for|in)\b", after)
    if quoted or (word[:1].isupper() and g.start() > 0) or word.lower().startswith(("requires", "require ", "need")):
        return True
    if re.match(r"^\s+(?:rating|ratings|judgement|judgment|grade)\b", after, re.I):
        return True
    if re.search(r"\s[-–:]\s*$", before[-4:]) and not after.strip(" .") and _AREA.search(text[: g.start()]):
        return True  # a list line "Experiences and progress of care leavers - inadequate"
    if re.match(r"^(?:This|The) (?:area|judgement|judgment)\b", text):
        return True
    if re.search(
        r"\b(?:services?|authority|council|department)\b[^.]{0,40}\b(?:are|were|is|was|remains?|remained|now|as)\s*$",
        before,
        re.I,
    ) and _OFSTED_TALK.search(text):
        return True  # "Ofsted found that children's services in X are good"
    if _AREA_IS.search(text[: g.start()]) and (_OFSTED_TALK.search(text) or _GRADING.search(text[: g.start()])):
        return True  # "the experiences and progress of children in care were good"
    if word.lower() in ("inadequate", "required improvement", "requiring improvement"):
        return bool(_OFSTED_TALK.search(text)) or bool(_GRADING.search(before))
    return bool(_GRADING.search(before)) and bool(_OFSTED_TALK.search(text))


def _named_areas(text: str, areas: list[re.Match], g: re.Match, lo: int, hi: int) -> list[tuple[str, str]]:
    """The judgement areas a grade belongs to: a list just after it ("good for A and B"), else just before it."""
    after = [m for m in areas if g.end() <= m.start() < hi]
    adjacent = after and not text[g.end() : after[0].start()].strip(" ’'\"”")
    if after and (_FORWARD.match(text[g.end() :]) or adjacent):
        return _coordinated(text, after, g.end(), forward=True)
    before = [m for m in areas if lo <= m.start() and m.end() <= g.start()]
    if before:
        return _coordinated(text, list(reversed(before)), g.start(), forward=False)
    return []


def _coordinated(text: str, mentions: list[re.Match], at: int, forward: bool) -> list[tuple[str, str]]:
    """The area mentions that form one list next to position ``at`` (separated by commas, "and", semicolons)."""
    out: list[tuple[str, str]] = []
    edge = at
    for k, m in enumerate(mentions):
        gap = text[edge : m.start()] if forward else text[m.end() : edge]
        first_gap_ok = k == 0 and (len(gap) <= 60 or gap.rstrip().endswith(":"))
        if k and not _LIST_GAP.match(_strip_lead(gap)):
            break
        if k == 0 and not forward and len(gap) > 60:
            break
        if k == 0 and forward and not first_gap_ok:
            break
        key = _area_key(m)
        if all(key != have for _, have in out):
            out.append((m.group(0), key))
        edge = m.end() if forward else m.start()
    return out


def _strip_lead(gap: str) -> str:
    """A gap between two listed areas without the wording Ofsted's names share ("the experiences and progress of")."""
    gap = re.sub(r"[‘’'\"“”]", "", gap)
    return re.sub(
        r"\b(?:the )?(?:experiences? (?:and progress )?of|services for|work with)\s*|\b(?:its|their|our)\s*$",
        "",
        gap,
        flags=re.I,
    )


def _when(text: str, g: re.Match, lo: int, hi: int) -> tuple[int | None, bool]:
    """The year the text gives the grade's inspection, and whether it is an earlier one."""
    window = text[lo:hi]
    years = [int(y) for y in _YEAR.findall(window)]
    before = text[max(lo, g.start() - 40) : g.start()]
    earlier = bool(_EARLIER.search(before)) or bool(re.search(r"\b(?:last|previous) inspection\b", window, re.I))
    if re.search(r"\bfrom\s*[‘'\"“]?\s*$", before) and "to" in text[g.end() : g.end() + 12]:
        earlier = True
    return (years[-1] if years else None), earlier


_LONE_GRADE = re.compile(
    r"^(?:Grade\s*:?\s*)?(?:outstanding|good|requires? improvement(?: to be good)?|inadequate)\.?$", re.I
)


def cited_grades(found: list[Statement], source: str | None = None) -> list[CitedGrade]:
    """Every grade the statements state, without repeating one area's grade from the same statement.

    A grade alone on its line under a line that names a judgement area (a
    table whose cells the page put on lines of their own) is that area's
    grade, quoted over both lines (``source`` gives the quote).
    """
    out: list[CitedGrade] = []
    previous: Statement | None = None
    for k, st in enumerate(found):
        same_block = previous if previous is not None and previous.block == st.block else None
        if (
            source is not None
            and previous is not None
            and _LONE_GRADE.match(st.text.strip())
            and _AREA.search(previous.text)
            and not _GRADE.search(previous.text.rstrip(" .")[-30:])
            and len(previous.text.split()) <= 20
        ):
            joined = Statement(clean_quote(source, previous.start, st.end), previous.start, st.end, st.block)
            for grade in _grades_in(joined, None):
                out.append(grade)
            previous = st
            continue
        grades = _grades_in(st, same_block)
        if len(grades) == 1 and grades[0].area_key == "overall" and _FOLLOWING.search(st.text):
            # "judged the following four key areas to be judged as Good" and the areas listed below it.
            listed = _listed_areas(found, k, grades[0])
            grades = listed or grades
        for grade in grades:
            if not any(
                (o.area_key, o.grade_key, o.start) == (grade.area_key, grade.grade_key, grade.start) for o in out
            ):
                out.append(grade)
        previous = st
    return out


_FOLLOWING = re.compile(r"\bthe following\b(?:\s+\w+){0,3}\s+(?:areas?|judgements?|judgments?)\b", re.I)


def _listed_areas(found: list[Statement], k: int, grade: CitedGrade) -> list[CitedGrade]:
    """The judgement areas listed (one per item) just after statement ``k``, each with its grade."""
    out = []
    for item in found[k + 1 : k + 9]:
        m = _AREA.match(item.text.strip())
        if not item.first or not (m or item.marker):
            break  # the list has ended
        if not m:
            continue  # an item that is no judgement area of Ofsted's ("The arrangements for permanence ...")
        out.append(
            CitedGrade(_area_key(m), grade.grade_key, m.group(0), grade.grade_text, item.text, item.start, item.end)
        )
    return out


# ---------------------------------------------------------------- improvement areas

_IMPROVE = re.compile(
    r"\bwhat needs to improve\b|\bareas? for (?:further )?development\b|\b(?:areas?|things) (?:for|of) improvement|"
    r"\bareas?\b[^.]{0,40}\b(?:requiring|require|requires|required|needing|need|needed) improvement\b|"
    r"\b(?:marked|identified|highlighted|flagged) (?:as |for )(?:needing |requiring )?(?:further )?improvement\b|"
    r"\b(?:get|be|do) better\b[^.]{0,30}\b(?:areas?|including)\b|"
    r"\bareas? (?:that |which )?(?:still )?needs? (?:to )?improve(?:ment)?|"
    r"\bas needing improvement|\bneed(?:s|ed)? to improve\b|\bimprovements? (?:are|is|were|was) (?:still )?needed in\b|"
    r"\badvised on how to improve\b|\bareas? of improvement\b|\bimprovement was required for\b|\bmust do more to\b|"
    r"\brecommendations?\b[^.]*\b(?:including|include|included|were|are)\b|"
    r"\bimprove\b[^.]{0,60}\bin the areas? of\b|"
    r"\bareas? where (?:further )?improvements? (?:was|were|is|are|can be|could be|should be|needs? to be|needed)"
    r"(?: (?:required|needed|made))?",
    re.I,
)
_LIST_START = re.compile(
    r"\b(?:including|include|included|which included|such as|needed in|these (?:were|are|included)|"
    r"were|are|being)\b\s*:?\s*|:\s*|\s[–—]\s+",
    re.I,
)


def cited_improvements(found: list[Statement]) -> list[CitedImprovement]:
    """The improvement areas the statements quote, one per listed item."""
    out: list[CitedImprovement] = []
    listing, marked = False, False
    for k, st in enumerate(found):
        text = st.text
        if listing and st.first and (st.marker or (not marked and _one_line_item(found, k))):
            marked = marked or bool(st.marker)
            body = re.sub(r"[\s.;]*(?:\band)?[\s.;]*$", "", text)
            out.append(CitedImprovement(body, st.start, st.start + len(body)))
            continue
        listing, marked = False, False
        if _OTHER_INSPECTION.search(text):
            continue
        need = _NEEDS.search(text)
        if (
            need
            and not re.search(r"\b(?:areas?|things)\b|\b(?:these|this|which|we|it)\s*$", need.group("what"), re.I)
            and not re.search(r"[:–-]$", text.rstrip())
        ):
            # "planning for children needs to be the next area of focus. This includes A and B."
            out.append(_clause(st, need))
            follow = found[k + 1] if k + 1 < len(found) else None
            lead = _FOLLOWING_LIST.match(follow.text) if follow else None
            if lead:
                out.extend(_items(follow, lead.end()))
            continue
        m = _IMPROVE.search(text)
        if not m or (m.group(0).lower().startswith("recommendation") and not re.search(r"Ofsted|inspect|report", text)):
            continue
        if re.search(r"[:–-]$", text.rstrip()) or (not re.search(r"[.!]$", text.rstrip()) and len(text.split()) <= 12):
            listing = True  # "... areas for improvement:" or a heading ("What needs to improve") over a list
            continue
        if re.search(r"\bmust do more to\b|\bimprovement was required for\b", text):
            out.append(_clause(st, m))
            continue
        if re.match(r"^(?:One|A|The|Another)\s+(?:key\s+)?recommendation\s+(?:was|is)\s+to\b", text):
            body = text.rstrip(" .")
            out.append(CitedImprovement(body, st.start, st.start + len(body)))  # "One recommendation was to ..."
            continue
        opens = re.search(r"\b(?:in|including|include|included)$", m.group(0), re.I)
        rest_at = m.end() if opens else _list_start(text, m.end())
        follow = found[k + 1] if k + 1 < len(found) else None
        lead = _FOLLOWING_LIST.match(follow.text) if follow else None
        if rest_at is None and lead:
            out.extend(_items(follow, lead.end()))  # "Four areas were highlighted ... These were A; B; and C."
        elif rest_at is not None:
            out.extend(_items(st, rest_at))
    return out


# An improvement stated of its subject: "the quality of supervision needs to improve".
_NEEDS = re.compile(
    r"(?P<what>[^,;:]{5,140}?)\s+(?:needs?|needed) to (?:improve|be improved|be strengthened|"
    r"be (?:the )?(?:next )?(?:area|focus)|be better \w+ed)\b"
)
_FOLLOWING_LIST = re.compile(r"^(?:This|These|They)\s+(?:includes?|included|were|are)\s*:?\s*")


def _one_line_item(found: list[Statement], k: int) -> bool:
    """A statement that is a list item without a marker: a block of its own, one short sentence."""
    st = found[k]
    alone = k + 1 >= len(found) or found[k + 1].block != st.block
    return alone and len(st.text.split()) <= 40 and not st.text.rstrip().endswith(":")


def _list_start(text: str, at: int) -> int | None:
    m = _LIST_START.search(text, at)
    if not m or m.start() - at > 60:
        return None
    return m.end()


def _clause(st: Statement, m: re.Match) -> CitedImprovement:
    """The clause of a statement that states an improvement ("the department must do more to ...")."""
    text = st.text
    begin = 0
    for cut in re.finditer(r"\b(?:say|says|said|that|found|noted|highlighted|identified)\s+|,\s+", text[: m.start()]):
        begin = cut.end()
    body = text[begin:].rstrip(" .")
    return CitedImprovement(body, st.start + begin, st.start + begin + len(body))


def _items(st: Statement, at: int) -> list[CitedImprovement]:
    """The items of an inline list starting at ``at`` of a statement, each with its offsets."""
    text = st.text
    pieces = []
    for part in re.finditer(r"[^;]+", text[at:]):
        pieces.extend(_split_part(at + part.start(), part.group(0)))
    out = []
    for start, piece in pieces:
        lead = re.match(r"^\s*(?:and,?\s+|the following\s*:?\s*)?[“”\"‘’']?", piece)
        body = piece[lead.end() :].rstrip(" .“”\"‘’'")
        begin = start + lead.end()
        if len(body.split()) >= 2:
            out.append(CitedImprovement(body, st.start + begin, st.start + begin + len(body)))
    return out


def _split_part(offset: int, part: str) -> list[tuple[int, str]]:
    """Split one semicolon-separated part at ", " and " and " where both sides are phrases of their own.

    A list that ends ", and ..." is split there only: its other commas and
    "and"s are inside its items ("challenge by managers and chairs, when ...").
    """
    out: list[tuple[int, str]] = []
    begin = 0
    # "A, B, and C": the list's commas and its final ", and"; not a comma before a clause ("..., when ...").
    clause = r"(?!which|who|whom|whose|where|when|including|as|if|although|but|and\b)"
    cuts = rf",\s+and\s+|,\s+{clause}" if re.search(r",\s+and\s+", part) else rf",\s+{clause}|\s+and\s+(?!\d)"
    for cut in re.finditer(cuts, part):
        left = part[begin : cut.start()]
        right = part[cut.end() :]
        is_and = "and" in cut.group(0)
        if len(left.split()) >= 3 and (not is_and or len(right.split()) >= 3):
            out.append((offset + begin, left))
            begin = cut.end()
    out.append((offset + begin, part[begin:]))
    return out
