"""Parse an Ofsted children's-services inspection report from plain text.

Handles every framework Ofsted has used for councils' children's services:
the 2012-13 safeguarding and looked-after-children inspections, the single
inspection framework (SIF, 2013-2018, with LSCB reviews), ILACS from 2018
(standard and short, with combined or separate children-in-care and
care-leaver judgements) and the reformed 2026 reports without an overall
grade.  The rules key on Ofsted's framework wording (judgement names, grade
words, section titles), which is national, never on one council's prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..errors import InputError
from ..iris import local_name
from ..model import ImprovementItem, Inspection, Judgement, Paragraph, Report
from ..namespace import cs, skos
from ..sources.files import project_path, read_turtle
from .blocks import (
    GRADE_WORDS,
    PDF_BULLET,
    STANDARD_HEADING,
    Block,
    build_blocks,
    heading_text,
    split_area_heading,
)
from .dates import MONTHS, parse_date_range, parse_single_date
from .layout import Layout, join_pieces, layout_of, normalise_space
from .sentences import split_sentences

_GRADE = re.compile(rf"\b({GRADE_WORDS})\b\.?\s*$", re.I)
_BOILERPLATE = re.compile(r"^The Office for Standards in Education, Children.s Services and Skills \(Ofsted\)")
_IMPROVE_HEADING = re.compile(
    r"what needs to improve|need to improve\?|areas for improvement|^recommendations$|priority and immediate action",
    re.I,
)
_MAJOR_HEADING = re.compile(
    r"strengths|\w summary|summary \w|progress since|information about|inspection judgements? about|"
    r"experiences and progress|"
    r"impact of leaders|what the inspection judge?ments mean|local safeguarding children board|\blscb\b|"
    r"overall effectiveness|leadership, management|\bthis area$|the inspection team|ofsted inspections$",
    re.I,
)
# The review of the LSCB that ends a SIF report; its heading may wrap before "Children Board"
# ("Section 2: The effectiveness of the Local Safeguarding" / "Children Board").
_LSCB_SECTION = re.compile(r"\blscb\b|safeguarding children board|local safeguarding\s*$", re.I)
# An improvement area's cross-reference to the national framework, at its end: "(outcome 3, national framework)",
# "(Outcome Three, National Framework)", "(enabler 2, leaders drive conditions for effective practice)",
# "[Outcome 3, national framework]", or a sentence of its own "Enabler three: National Framework."
_CITES = r"(?:national framework|\b(?:outcome|enabler|principle)s?\b\s*(?:\d|one|two|three|four|:))"
_REFERENCE = re.compile(
    rf"\s*(?:[(\[]\s*([^()\[\]]*{_CITES}[^()\[\]]*?)\s*[)\]]"
    r"|(?<=[.!?] )((?:outcome|enabler|principle)s?\s+(?:\d|one|two|three|four)\b[^.()]*national framework))"
    r"\s*\.?$",
    re.I,
)


def grade_concept(word: str, where: str = "") -> str:
    """The local name of the grade concept for a report's grade wording."""
    w = normalise_space(word).lower().rstrip(".")
    if w.startswith("outstanding"):
        return "Outstanding"
    if w.startswith("good"):
        return "Good"
    if w.startswith("require"):
        return "RequiresImprovement"
    if w.startswith("inadequate"):
        return "Inadequate"
    if w.startswith("adequate"):
        return "Adequate"
    raise InputError(f"{where}: unknown grade word {word!r}")


def classify_area(text: str, framework: str) -> str | None:
    """The judgement-area concept a heading or table row names, or None."""
    t = normalise_space(text).lower().replace("’", "'")
    t = re.sub(r"^\d+(\.\d+)*\.?\s*", "", t)
    ilacs = framework.startswith("ILACS")
    lac = framework == "LACInspection2012"
    prefix = "Ilacs" if ilacs else "Lac" if lac else "Sif"
    if "safeguarding children board" in t or re.search(r"\blscb\b", t):
        return "LscbEffectiveness"
    if t.startswith("overall effectiveness") or t.startswith("overall judgement"):
        return {
            "SafeguardingInspection2012": "SafeguardingOverallEffectiveness",
            "LACInspection2012": "LacOverallEffectiveness",
        }.get(framework, prefix + "OverallEffectiveness")
    if t.startswith("capacity for improvement") or t.startswith("capacity to improve"):
        return "LacCapacityForImprovement" if framework == "LACInspection2012" else "SafeguardingCapacityForImprovement"
    if lac and t.startswith("outcomes for"):
        return "LacOutcomes"
    if lac and t.startswith("quality of provision"):
        return "LacQualityOfProvision"
    if "impact of leaders" in t or t.startswith("leadership, management") or t.startswith("leadership and management"):
        return "LacLeadershipAndManagement" if lac else prefix + "Leadership"
    if "help and protection" in t:
        return prefix + "HelpAndProtection"
    if "children in care and care leavers" in t:
        return "IlacsChildrenInCareAndCareLeavers"
    if "looked after" in t and "permanence" in t:
        return "SifLookedAfter"
    if t.startswith("adoption") or "judgment for adoption" in t or "judgement for adoption" in t:
        return "SifAdoption"
    if "care leavers" in t and len(t) < 90:
        return prefix + "CareLeavers"
    if "children in care" in t and len(t) < 90:
        return prefix + "ChildrenInCare"
    return None


# The title words of each framework's reports, most specific first.
_FRAMEWORK_WORDS = [
    ("inspection of services for children in need of help and protection", "SIF"),
    ("safeguarding and looked after children", "SafeguardingInspection2012"),
    ("inspection of safeguarding", "SafeguardingInspection2012"),
    ("inspection of looked after children services", "LACInspection2012"),
]
# A review of the Local Safeguarding Children Board published on its own, under the SIF arrangements.
_LSCB_REVIEW = re.compile(
    r"^(?:\S+ ){0,8}?(?:review|inspection) of the effectiveness of the local safeguarding children board"
)


def detect_framework(text: str, year: int | None) -> str:
    """Which inspection framework the report belongs to, from its title, else its opening words.

    The title comes first: a running header can name another framework
    (Medway's 2013 looked-after-children report heads its pages "Inspection
    of safeguarding and looked after children").
    """
    title = (_title(text) or "").lower().replace("’", "'")
    head = normalise_space(text[:3000]).lower().replace("’", "'")
    for words in (title, head):
        for phrase, framework in _FRAMEWORK_WORDS:
            if phrase in words:
                return framework
    if _LSCB_REVIEW.match(normalise_space(text[:400]).lower()):
        return "SIF"
    if "looked after children services" in head and "inspection of" in head:
        return "LACInspection2012"
    if "overall effectiveness" not in head and year and year >= 2026 and "judgement" in head:
        return "ILACS2026"
    return "ILACS"


_GENERIC_TITLE = re.compile(
    r"^(?:children.s social care services|services for children|looked after children|safeguarding)", re.I
)


def _authority(text: str) -> str | None:
    """The council or trust the report is about, from the title on its first page."""
    lines = [normalise_space(ln) for ln in text[:2500].replace("\f", "\n").splitlines()]
    lines = [ln for ln in lines if ln]
    for i, ln in enumerate(lines[:12]):
        if not ln.lower().startswith("inspection of"):
            continue
        j = i + 1
        title = ln
        while (
            j < len(lines)
            and j < i + 6
            and (
                lines[j][:1].islower()
                or lines[j].lower() in ("and",)
                or lines[j - 1].lower() == "and"
                or lines[j - 1].endswith(" and")
            )
        ):
            title += " " + lines[j]
            j += 1
        title = re.sub(r"\d+$", "", title).strip()
        named = re.sub(r"^inspection of\s+", "", title, flags=re.I)
        named = re.sub(r"\s*(?:local authority\s+)?children.s services$", "", named, flags=re.I).strip()
        if named and not _GENERIC_TITLE.match(named):
            return named
        before = lines[i - 1] if i > 0 else ""
        if before and not before.isdigit():
            return before
        after = lines[j] if j < len(lines) else ""
        if after and not re.match(r"inspection date", after, re.I):
            return after
        return None
    return None


_TRUST = re.compile(
    r"((?:[A-Z][\w'’-]*\s+){0,3}?(?:Children(?:'s|’s)?\s+(?:Services\s+)?Trust|Children and Families Trust|"
    r"Children First|Together for Children|Achieving for Children))"
)
_TITLE_NAME = re.compile(
    r"Inspection of\s+(.{3,80}?)\s*(?:local authority|children.s services|\n\s*\n|Inspection dates)", re.I | re.S
)


@dataclass(frozen=True)
class TitlePage:
    """What a report's first page says of itself: its title, the council it names, a trust that runs it."""

    title: str | None
    authority: str | None  # the council as the title names it
    names: tuple[str, ...]  # every way the first page names the council, best first (for the council lookup)
    trust: str | None


def title_page(text: str) -> TitlePage:
    """Read a report's first page once: the one reader of title, council and trust."""
    authority = _authority(text)
    names = [authority] if authority else []
    m = _TITLE_NAME.search(text[:1500])
    if m:
        names.append(" ".join(m.group(1).split()))
    return TitlePage(_title(text), authority, tuple(names), _trust_name(text))


def _title(text: str) -> str | None:
    lines = [" ".join(ln.split()) for ln in text[:1500].replace("\f", "\n").splitlines() if ln.strip()]
    for i, ln in enumerate(lines[:15]):
        if ln.lower().startswith("inspection of"):
            title = ln
            for nxt in lines[i + 1 : i + 4]:
                if re.match(r"(inspection dates?|lead inspector|report published)", nxt, re.I) or len(title) > 160:
                    break
                title += " " + nxt
            return title
    return None


def _trust_name(text: str) -> str | None:
    """The children's trust a report is written about, where the first page names one."""
    m = _TRUST.search(" ".join(text[:1500].split()))
    return re.sub(r"^(?:inspection of|the)\s+", "", m.group(1).strip(), flags=re.I) if m else None


def _lead_inspector(text: str) -> str | None:
    m = re.search(r"(?:Lead|Reporting) (?:social care )?inspector\s*:?[ \t]*([A-Z][^,\n]{2,60})", text)
    if not m:
        return None
    name = normalise_space(m.group(1).replace("\ufffe", "-"))
    name = _INSPECTOR_TITLE.sub("", name)
    return name or None


# What follows an inspector's name: "His Majesty's Inspector", "HMI", "Senior HMI", "(HMI)", with a full stop.
_INSPECTOR_TITLE = re.compile(
    r"(?:[\s,]+\(?(?:senior\s+)?(?:(?:his|her)\s+majesty.s\s+inspector\b.*|hmi\b)\)?\.?)+$", re.I
)


_ROW_START = re.compile(
    r"^(?:\d(?:\.\d)?\.?\s|the impact of leaders|the experiences? and progress|overall effectiveness)", re.I
)


def _judgement_table(layout: Layout, framework: str, file: str) -> tuple[list[Judgement], set[int]]:
    """Rows of the judgement table near the start, and the line offsets they use."""
    lines = [ln for ln in layout.lines if not ln.furniture and not ln.blank]
    start = None
    for i, ln in enumerate(lines[:80]):
        t = ln.stripped.lower()
        if re.match(r"^(key )?judgements?\s+(judgement )?grade", t) or "judgements on areas of the service" in t:
            start = i + 1
            break
        if framework == "SIF" and re.match(r"^1\.\s+children who need help", t):
            start = i
            break
    if start is None:
        return [], set()
    rows: list[Judgement] = []
    used: set[int] = set()
    buffer: list = []
    i = start
    while i < len(lines) and len(buffer) < 5:
        ln = lines[i]
        if re.search(r"\bnot judged\.?$", ln.stripped, re.I):
            # An area the inspection did not judge (Isles of Scilly 2016): no judgement, next row.
            used.update(b.start for b in [*buffer, ln])
            buffer = []
            i += 1
            continue
        if buffer and _ROW_START.match(ln.stripped):
            _unknown_grade(buffer, framework, file)
            break
        buffer.append(ln)
        if "\t" in ln.text:
            # A tab-separated row: the right-hand cell must be a grade we know.
            left, _, right = ln.text.rpartition("\t")
            if classify_area(left, framework) and right.strip() and not _GRADE.search(right):
                _reject_grade(right.strip(), file)
        joined = normalise_space(" ".join(b.stripped for b in buffer))
        m = _GRADE.search(joined)
        if not m and len(buffer) == 1:
            single = re.match(r"^overall effectiveness\s+(\S.{0,40})$", joined, re.I)
            wraps = i + 1 < len(lines) and _GRADE.search(joined + " " + lines[i + 1].stripped)
            if single and not _GRADE.search(joined) and not wraps:
                _reject_grade(single.group(1), file)
        if m:
            area_text = re.sub(r"^\d+(\.\d+)*\.?\s*", "", joined[: m.start()]).strip()
            area = classify_area(area_text, framework)
            numbered = re.match(r"^\d(?:\.\d)?\.?\s", joined)
            if area is None or (framework == "SIF" and not numbered and not re.search(r"\b(?:is|are)$", area_text)):
                break
            if any(r.area == area for r in rows):
                # A table grades each area once: a second "row" for an area is the prose after the table
                # ("Children, care leavers and families in Portsmouth benefit greatly from outstanding").
                break
            grade_text = normalise_space(m.group(1))
            # Early ILACS tables break the grade: "Requires improvement" / "to be good".
            if (
                re.fullmatch(r"requires?\s+improvement", grade_text, re.I)
                and i + 1 < len(lines)
                and re.fullmatch(r"to be good\.?", lines[i + 1].stripped, re.I)
            ):
                i += 1
                buffer.append(lines[i])
                grade_text += " " + lines[i].stripped.rstrip(".")
            first, last = buffer[0], buffer[-1]
            quote = join_pieces(layout.source, [(b.start, b.end) for b in buffer]).text
            rows.append(
                Judgement(area, area_text, grade_concept(grade_text, file), grade_text, quote, first.start, last.end)
            )
            used.update(b.start for b in buffer)
            buffer = []
        i += 1
    return rows, used


def _unknown_grade(buffer: list, framework: str, file: str) -> None:
    """A table row ended without a grade: if its last line stands where the grade goes, the word is unknown."""
    last = buffer[-1].stripped
    area_text = normalise_space(" ".join(b.stripped for b in buffer[:-1]))
    area_text = re.sub(r"^\d+(\.\d+)*\.?\s*", "", area_text)
    if (
        len(buffer) > 1
        and len(last.split()) <= 5
        and last[:1].isupper()
        and not re.search(r"[.,;:]$", last)
        and classify_area(area_text, framework) is not None
    ):
        _reject_grade(last, file)


def _reject_grade(word: str, file: str) -> None:
    """The one error for a word standing where a judgement table's grade goes."""
    raise InputError(f"{file}: unknown grade word {word!r} in the judgement table")


# The verb may be the grade itself: "children's services require improvement (to be good)", "the LSCB
# requires improvement", as well as "are good", "is inadequate".
_OVERALL_SENTENCES = [
    re.compile(
        rf"^The overall judgement is (?:that )?(?:children.s services? (?:in [\w ,'’&-]+? )?(?:(?:are|is) )?)?"
        rf"({GRADE_WORDS})\b",
        re.I,
    ),
    re.compile(rf"^(?:Overall, )?children.s services in [\w ,'’&-]+? (?:(?:are|is|were) )?({GRADE_WORDS})\b", re.I),
]
_LSCB_SENTENCE = re.compile(
    rf"^The (?:(?:judgement for the )?effectiveness of the )?Local Safeguarding Children Board(?: \(LSCB\))? "
    rf"(?:(?:is|are) )?({GRADE_WORDS})\b",
    re.I,
)


def _page_one_sentences(layout: Layout, framework: str, file: str) -> list[Judgement]:
    """SIF and earlier reports state the overall (and LSCB) grade in a sentence on page 1."""
    lines = [ln for ln in layout.lines if not ln.furniture and not ln.blank][:40]
    found: list[Judgement] = []
    for i, _ln in enumerate(lines):
        window = lines[i : i + 3]
        joined = normalise_space(" ".join(w.stripped for w in window))
        for pattern, area_text in [(p, "Overall effectiveness") for p in _OVERALL_SENTENCES] + [
            (_LSCB_SENTENCE, "Local Safeguarding Children Board")
        ]:
            m = pattern.match(joined)
            if not m:
                continue
            area = classify_area(area_text, framework)
            if any(j.area == area for j in found):
                continue
            end_at = m.end()
            used, consumed = [], 0
            for w in window:
                used.append(w)
                consumed += len(normalise_space(w.stripped)) + 1
                if consumed >= end_at:
                    break
            clean = join_pieces(layout.source, [(w.start, w.end) for w in used])
            # The quote ends with the grade ("... require improvement.2": no footnote marker after it).
            cut = pattern.match(clean.text)
            stop = cut.end() if cut else len(clean.text)
            start, end = clean.source_span(0, stop)
            found.append(
                Judgement(
                    area,
                    area_text,
                    grade_concept(m.group(1), file),
                    normalise_space(m.group(1)),
                    clean.text[:stop],
                    start,
                    end,
                )
            )
            break
    return found


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))) + " "


@lru_cache(maxsize=1)
def _framework_labels() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(local name, labels as words) of each outcome and enabler of the national framework, from the ontology."""
    scheme, labels = set(), {}
    for t in read_turtle(project_path("ontology") / "cskg.ttl"):
        p, subject = t.predicate.value, t.subject.value
        if p == skos.inScheme and t.object.value == cs.NationalFrameworkOutcomes:
            scheme.add(subject)
        elif p in (skos.prefLabel, skos.altLabel):
            labels.setdefault(subject, []).append(_words(t.object.value))
    return tuple((local_name(c), tuple(labels.get(c, ()))) for c in sorted(scheme))


def framework_concepts(reference: str) -> list[str]:
    """The outcomes and enablers a cross-reference names, by number ("outcome 3", "Outcome Three") or by name
    ("leaders drive conditions for effective practice"), matched on the ontology's labels."""
    words = _words(reference)
    return [name for name, labels in _framework_labels() if any(label in words for label in labels)]


def _improvement_item(number: int, block: Block, source: str) -> ImprovementItem:
    text = block.text(source)
    text = re.sub(r"^(?:[•·◼▪●\-–\uf06e\uf02d\uf0a7\uf0b7]|v(?=\s)|\d{1,3}\.)\s*", "", text)
    refs: list[str] = []
    ref_text = None
    m = _REFERENCE.search(text)
    if m:
        ref_text = m.group(1) or m.group(2)
        refs = framework_concepts(ref_text)
        text = text[: m.start()].rstrip()
    clean = block.clean(source)
    body_start = clean.text.find(text[:20]) if text else 0
    start, end = clean.source_span(max(body_start, 0), len(clean.text))
    return ImprovementItem(number, text, start, end, refs, ref_text, clean.text[max(body_start, 0) :])


def parse_report(source: str, file: str, *, published: date | None = None) -> Report:
    """Parse a report's text into its inspection and citable paragraphs.

    Raises InputError when the text is not an Ofsted children's-services report.
    A truncated or damaged report yields what it has; ``extract.selfcheck``
    says what is missing.
    """
    if not source.strip():
        raise InputError(f"{file}: the file is empty")
    sample = source[:4000]
    if "\x00" in sample or sum(ch < " " and ch not in "\n\r\t\f" for ch in sample) > len(sample) // 20:
        raise InputError(f"{file}: binary data, not the text of a report")
    layout = layout_of(source)
    head = normalise_space(source[:4000])
    dates = None
    # Numeric dates ("12/09/2016 to 06/10/2016", SIF 2015-16) as words, for the one date parser.
    dated = re.sub(
        r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b",
        lambda d: (
            f"{int(d.group(1))} {list(MONTHS)[int(d.group(2)) - 1]} {d.group(3)}"
            if 1 <= int(d.group(2)) <= 12
            else d.group(0)
        ),
        head,
    )
    m = re.search(
        r"Inspection dates?\s*:?\s*(.{5,60}?\d{4})((?:\s*(?:to|–|-|—|until|and)\s*\d{1,2}\s+[A-Za-z]+\s+\d{4})?)", dated
    )
    if m:
        wording = m.group(1) + m.group(2)
        dates = parse_date_range(wording) or ((d, d) if (d := parse_single_date(wording)) else None)
    if not re.search(r"Ofsted|inspection", source[:6000], re.I) or not dates:
        raise InputError(f"{file}: not an Ofsted inspection report (no inspection dates found on its first page)")
    year = dates[1].year
    framework = detect_framework(source, year)
    report = Report(file=file, kind="inspection-report", source=source)
    judgements, table_lines = _judgement_table(layout, framework, file)
    if framework != "LACInspection2012":
        for found in _page_one_sentences(layout, framework, file):
            if not any(j.area == found.area for j in judgements):
                if found.area.endswith("OverallEffectiveness"):
                    judgements.insert(0, found)
                else:
                    judgements.append(found)
    if (
        framework == "ILACS"
        and judgements
        and year >= 2026
        and not any(j.area.endswith("OverallEffectiveness") for j in judgements)
    ):
        framework = "ILACS2026"
    pub = published
    m = re.search(r"Report published\s*:?\s*(\d{1,2}\s+\w+\s+\d{4})", head)
    if m:
        pub = parse_single_date(m.group(1)) or pub
    inspection = Inspection(
        authority=_authority(source),
        year=year,
        framework=framework,
        inspection_type=_inspection_type(source, framework),
        start_date=dates[0],
        end_date=dates[1],
        published=pub,
        lead_inspector=_lead_inspector(source),
        judgements=judgements,
        reported_in=file,
    )
    report.inspection = inspection
    _read_body(report, layout, table_lines)
    _one_paragraph_per_number(report)
    _unnumbered_findings(report)
    return report


def _one_paragraph_per_number(report: Report) -> None:
    """A number is a paragraph's name (its IRI ``.../p/N``): a second paragraph with it keeps no number.

    A mis-numbered or damaged report (the fuzzer's renumbered lines) gave two
    paragraphs one IRI, which merged them into one node with two texts.
    """
    seen: set[tuple[str, int]] = set()
    for para in report.paragraphs:
        if para.number is None:
            continue
        key = (para.kind, para.number)
        if key in seen:
            report.warnings.append(
                f"{report.file}: paragraph {para.number} is numbered twice; the second keeps no number"
            )
            para.number = None
        seen.add(key)


def _inspection_type(source: str, framework: str) -> str | None:
    text = source[:20000].lower()
    if framework.startswith("ILACS"):
        if "short inspection" in text:
            return "ShortInspection"
        if "standard inspection" in text:
            return "StandardInspection"
        return None
    if framework == "SIF":
        return "FullInspection"
    return None


@dataclass
class _Section:
    """Where the walk through a report's blocks stands."""

    heading: str | None = None
    area: str | None = None  # the judgement area of the section
    improvements: str | None = None  # "authority" in the authority's list of improvement areas
    lscb: bool = False  # in the review of the LSCB that ends a SIF report
    review: bool = False  # the whole report is a review of the LSCB: every section is the LSCB's


def _read_body(report: Report, layout: Layout, table_lines: set[int]) -> None:
    """Walk the blocks: headings set the section, numbered blocks become paragraphs."""
    source = report.source
    framework = report.inspection.framework
    is_pdf = "\f" in source
    first_page_end = source.find("\f") if is_pdf else -1
    judged = {j.area for j in report.inspection.judgements}
    review = framework == "SIF" and judged == {"LscbEffectiveness"}
    at = _Section(area="LscbEffectiveness" if review else None, review=review)
    improvement_number = 0
    consumed: set[int] = set()  # blocks read as part of the item before them
    blocks = build_blocks(layout)
    for index, block in enumerate(blocks):
        if block.pieces[0][0] in table_lines:
            continue
        text = block.text(source)
        if _BOILERPLATE.match(text):
            break
        split = None
        if is_pdf:
            split = split_area_heading(text) if block.kind == "heading" else None
            area_here = classify_area(split[0], framework) if split else None
        else:
            short = len(text) < 220
            area_here = (
                classify_area(_strip_grade(text), framework)
                if short and (block.kind == "heading" or _GRADE.search(text))
                else None
            )
        if block.kind == "heading" or (area_here and block.kind == "text"):
            title = heading_text(text)
            if is_pdf:  # a footnote marker glued on: "What needs to improve?1", "... area2"
                title = re.sub(r"(?<=[?a-z])\d{1,2}$", "", title)
            report.headings.append(title)
            at.heading = title
            if (
                (_LSCB_SECTION.search(title) or area_here == "LscbEffectiveness")
                and block.pieces[0][0] > first_page_end
                and framework == "SIF"
                and not at.lscb
            ):
                at.lscb, at.area = True, "LscbEffectiveness"
            _enter_section(report, at, block, title, area_here, split, framework)
            continue
        if index in consumed:
            continue
        kind = "paragraph"
        if (
            at.improvements
            and block.kind in ("bullet", "numbered")
            and not _introduces_list(blocks, index, source)
            and not _NONE_TO_IMPROVE.match(_item_text(block.text(source)))
        ):
            subs = _sub_items(blocks, index, source)
            if subs:  # one recommendation with its sub-bullets: one item, one paragraph
                consumed.update(subs)
                block = Block(block.kind, [p for k in (index, *subs) for p in blocks[k].pieces], block.number)
            improvement_number += 1
            report.inspection.improvements.append(_improvement_item(improvement_number, block, source))
            kind = "improvement"
        elif block.kind == "bullet":
            kind = "bullet"
        _add_paragraph(report, block, at.heading, at.area, kind)


def _enter_section(
    report: Report, at: _Section, block: Block, title: str, area_here: str | None, split, framework: str
) -> None:
    """What a heading changes: the area of the findings under it, whether a list of improvements starts or ends."""
    if _IMPROVE_HEADING.search(title):
        # The LSCB's recommendations are not the authority's improvement areas; they stay paragraphs of the
        # LSCB section (a late SIF report can print the LSCB's "Recommendations" heading among its findings).
        at.improvements = None if at.lscb else "authority"
    elif area_here:
        at.area, at.improvements = area_here, None
        if split:
            _body_judgement(report, block, area_here, split)
    elif re.match(r"inspection findings", title, re.I):
        at.improvements = None  # the findings of the section whose heading came before
    elif (
        at.improvements == "authority"
        and classify_area(title, framework) not in (None, "LscbEffectiveness")
        and not STANDARD_HEADING.match(title)
    ):
        pass  # recommendations grouped under an area's name without a grade: a sub-heading of the list
    elif _MAJOR_HEADING.search(title):
        at.improvements = None
        at.area = "LscbEffectiveness" if at.lscb or at.review else None


# "The inspection did not find any areas for priority and immediate action", "There are no areas of
# priority action": a statement that the list is empty, not an item of it.
_NONE_TO_IMPROVE = re.compile(
    r"^(?:there (?:are|were) no (?:areas|recommendations)|the inspection did not (?:find|identify) any|"
    r"no (?:areas|recommendations) (?:for|of|were))",
    re.I,
)
# Second-level bullets in Ofsted's PDFs: a dash drawn in the Symbol font (U+F02D, U+F0BE) or typed.
_SUB_BULLET = re.compile(r"^\s*[\uf02d\uf0be–-]")


def _item_text(text: str) -> str:
    """An item's words without its bullet glyph or number."""
    return re.sub(r"^(?:[•·◼▪●\-–]|v(?=\s)|\d{1,3}\.)\s*", "", text)


def _introduces_list(blocks: list[Block], index: int, source: str) -> bool:
    """A numbered paragraph that leads into bullets that are the items ("... should take the following action.",
    a numbered theme "1. Quality and effectiveness of practice"), not a recommendation the bullets complete."""
    if blocks[index].kind != "numbered":
        return False
    for nxt in blocks[index + 1 : index + 3]:
        if nxt.kind == "bullet":
            return not _continued_by(blocks[index], nxt, source)
        if nxt.kind != "text":
            return False
    return False


def _continued_by(item: Block, bullet: Block, source: str) -> bool:
    """Whether ``bullet`` completes ``item`` rather than standing as an item of its own.

    Ofsted writes a recommendation's sub-items as a second-level dash, or as
    bullets that go on the item's unfinished sentence in lower case ("5.
    Ensure that:" / "- the senior management review of ...").
    """
    first = source[bullet.pieces[0][0] : bullet.pieces[0][1]].strip()
    if item.kind == "bullet":  # a dash under a bullet of another glyph: a second-level item
        head = source[item.pieces[0][0] : item.pieces[0][1]].strip()
        return bool(_SUB_BULLET.match(first)) and head[:1] != first[:1]
    if _SUB_BULLET.match(first):
        return True
    words = _item_text(PDF_BULLET.sub("", first))
    open_end = not re.search(r"[.?!][’”\"')]*\s*\d{0,2}$", item.text(source).rstrip())
    return open_end and words[:1].islower()


def _sub_items(blocks: list[Block], index: int, source: str) -> list[int]:
    """Indexes of the bullets that complete item ``index`` (see ``_continued_by``): they are part of it."""
    subs = []
    for k in range(index + 1, len(blocks)):
        if blocks[k].kind != "bullet" or not _continued_by(blocks[index], blocks[k], source):
            break
        subs.append(k)
    return subs


def _body_judgement(report: Report, block: Block, area: str, split: tuple[str, str]) -> None:
    """A graded section heading is the judgement where the report has no table for it.

    The 2012-13 reports grade each section under its heading ("Grade 3
    (Adequate)"); late SIF reports grade the LSCB only in its own section.
    """
    insp = report.inspection
    if not (insp.framework == "LACInspection2012" or area == "LscbEffectiveness"):
        return
    if any(j.area == area for j in insp.judgements):
        return
    clean = block.clean(report.source)
    # "The Local Safeguarding Children Board (LSCB)" / "The Local Safeguarding Children Board is good": the
    # judgement is the graded sentence, not the section title above it.
    graded = list(re.finditer(r"The (?:effectiveness of the )?Local Safeguarding Children", clean.text))
    first = graded[-1].start() if area == "LscbEffectiveness" and graded else 0
    start, end = clean.source_span(first, len(clean.text))
    area_text = normalise_space(split[0])
    if first:
        area_text = normalise_space(clean.text[first:]).removesuffix(normalise_space(split[1])).rstrip(" :.")
        area_text = re.sub(r"\s+(?:is|are)$", "", area_text)
    insp.judgements.append(
        Judgement(
            area,
            area_text,
            grade_concept(split[1], report.file),
            normalise_space(split[1]),
            clean.text[first:],
            start,
            end,
        )
    )


def _strip_grade(text: str) -> str:
    return re.sub(rf"[:\s]*\b({GRADE_WORDS})\s*$", "", text.strip(), flags=re.I)


_BULLET_GLYPH = r"^[•·◼▪●○■□‣⁃]\s*"


def _add_paragraph(report: Report, block: Block, heading: str | None, area: str | None, kind: str) -> None:
    clean = block.clean(report.source)
    number = block.number if block.kind == "numbered" else None
    body = clean
    prefix = re.match(r"^\d{1,3}\.\.?\s*" if number is not None else _BULLET_GLYPH, clean.text)
    if prefix:  # the paragraph's text starts after its number or its bullet glyph
        body = type(clean)(clean.text[prefix.end() :], clean.offsets[prefix.end() :])
    if not body.text:
        return
    start, end = body.source_span(0, len(body.text))
    report.paragraphs.append(
        Paragraph(
            index=len(report.paragraphs) + 1,
            number=number,
            text=body.text,
            start=start,
            end=end,
            sentences=split_sentences(body),
            heading=heading,
            area=area,
            kind=kind,
            finding=number is not None and kind == "paragraph",
        )
    )


def _unnumbered_findings(report: Report) -> None:
    """A report that numbers none of its paragraphs states its findings as bullets under each judgement heading."""
    if any(p.finding for p in report.paragraphs):
        return
    for p in report.paragraphs:
        if p.kind == "bullet" and p.area and not p.area.endswith("OverallEffectiveness"):
            p.finding = True
