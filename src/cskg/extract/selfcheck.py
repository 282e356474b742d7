"""The self-check of a parsed report: does what the parser read look like an Ofsted report read right?

A wrong reading is otherwise written as confidently as a right one: a
missed section heading files a whole section's findings under the area
before it, a missed end of the improvement list turns findings into
improvement areas, a missed page makes a report look complete.  The checks
here look at the parse from the outside, each with a reason a person can
verify in the text:

- paragraph numbers run on without a gap (a label the parser did not take
  as a paragraph start cuts the sequence short);
- every judgement area the report grades has findings;
- each finding stands under the judgement heading it follows in the text
  (headings found again by a loose scan of the lines, independent of the
  block builder);
- the number of improvement areas is plausible for the framework;
- no finding is a heading, a marker such as "(Recommendation)" or a bullet glyph;
- the report has a recognised overall judgement (where its framework gives one).

A report that fails is still written, with its problems recorded (see
``graph.document.quality_quads``); the ingest lists it as suspect.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..model import Paragraph, Report
from ..parse.blocks import GRADE_WORDS, PDF_AREA_HEADING, STANDARD_HEADING
from ..parse.layout import Layout, layout_of, normalise_space
from ..parse.report import classify_area

#: The most improvement areas each framework's reports list in the national corpus (413 reports,
#: 2012-2026), with a margin; a count above it means findings were read as improvement areas.
MOST_IMPROVEMENTS = {
    "ILACS": 16,
    "ILACS2026": 10,
    "SIF": 40,
    "LACInspection2012": 30,
    "SafeguardingInspection2012": 30,
}
#: Frameworks whose reports give no overall judgement.
NO_OVERALL = {"ILACS2026"}
#: Share of findings allowed to stand under another area than the heading before them (a stray line).
MISPLACED_SHARE = 0.05

# A finding that is only a marker ("(Recommendation)") or starts with a bullet glyph (as the PDF draws it or
# as clean text writes it).
_MARKER_OR_GLYPH = re.compile(
    r"^(?:\(?\s*(?:recommendations?|priority action|area for improvement)\s*\)?\.?$|[\ue000-\uf8ff•·◼▪●○■□‣⁃\ufffe])",
    re.I,
)
_LABEL = re.compile(r"^(\d{1,3})\.+\s*[A-Z‘“\"'(]")
_LSCB_PART = re.compile(r"^section \d:? .*local safeguarding", re.I)
_GRADE_END = re.compile(
    rf"(?:[:\s]|^)(?:is that it is |is |are )?(?:({GRADE_WORDS})\.?|grade \d \(\s*({GRADE_WORDS})\s*\))$", re.I
)
_LAST_GRADE_WORDS = ("good", "outstanding", "adequate", "improvement")  # a grade's last word (it may wrap)
_ENDS_SENTENCE = re.compile(r"(?:[.?!:][’”\"')]*|\))\s*\d{0,2}$")


@dataclass(frozen=True)
class QualityCheck:
    """The verdict on one report: sound, or suspect with the problems found."""

    problems: tuple[str, ...]

    @property
    def suspect(self) -> bool:
        return bool(self.problems)

    @property
    def verdict(self) -> str:
        return "suspect" if self.problems else "sound"


def findings_paragraphs(report: Report) -> list[Paragraph]:
    """The paragraphs whose sentences are findings."""
    return [p for p in report.paragraphs if p.finding]


def check_report(report: Report) -> QualityCheck:
    """Every check on one parsed report."""
    insp = report.inspection
    if insp is None:
        return QualityCheck(("no inspection read from the report",))
    layout = layout_of(report.source)
    problems = [
        *_numbering(report, layout),
        *_areas_without_findings(report),
        *_misplaced_findings(report, layout),
        *_improvement_count(report),
        *_odd_findings(report),
        *_overall(report),
    ]
    return QualityCheck(tuple(problems))


def _numbering(report: Report, layout: Layout) -> list[str]:
    """Paragraph numbers run 1, 2, 3 ... (a new sequence may start at 1), and no label is left unread."""
    numbered = [p for p in report.paragraphs if p.number is not None and p.kind != "resolution"]
    problems = []
    for before, after in itertools.pairwise(numbered):
        if after.number not in (before.number + 1, 1):
            missing = range(before.number + 1, after.number)
            if not missing:  # the numbers repeat or go back: no paragraph is missing, the order is wrong
                problems.append(f"paragraph {after.number} follows paragraph {before.number} (out of order)")
                continue
            between = report.source[before.start : after.start]
            empty = [n for n in missing if re.search(rf"(?m)^{n}\.[ \t]*(?:[\n\f]|$)", between)]
            why = f"paragraph {missing[0]} has no text" if empty else f"the report has no paragraph {missing[0]}"
            problems.append(f"paragraph {after.number} follows paragraph {before.number} ({why})")
    if not numbered:
        return problems
    # A run ends at its last number L; a line further on that starts with "L+1." was not read as paragraph L+1.
    starts = {p.start for p in numbered}
    runs: list[tuple[Paragraph, int]] = []  # (last paragraph of a run, source offset where the next run starts)
    for k, p in enumerate(numbered):
        nxt = numbered[k + 1] if k + 1 < len(numbered) else None
        if nxt is None or nxt.number == 1:
            runs.append((p, nxt.start if nxt else len(report.source)))
    for last, limit in runs:
        for ln in layout.lines:
            if ln.furniture or ln.start < last.end or ln.start >= limit:
                continue
            m = _LABEL.match(ln.stripped)
            if m and int(m.group(1)) == last.number + 1 and not any(ln.start <= s <= ln.end for s in starts):
                problems.append(
                    f"paragraph numbering stops at {last.number}, but the text goes on with "
                    f"'{normalise_space(ln.stripped)[:40]}'"
                )
                break
    return problems


def _graded_areas(report: Report) -> list[str]:
    """The judgement areas the report grades that have findings of their own (all but the overall one)."""
    return [j.area for j in report.inspection.judgements if not j.area.endswith("OverallEffectiveness")]


def _areas_without_findings(report: Report) -> list[str]:
    findings = findings_paragraphs(report)
    if not findings:
        return ["no findings paragraphs"]
    covered = {p.area for p in findings}
    return [f"no findings under {area}" for area in _graded_areas(report) if area not in covered]


def _heading_positions(report: Report, layout: Layout) -> list[tuple[int, str]]:
    """(source offset, area) of every line window that reads as a graded judgement heading.

    A loose scan of the lines, not the block builder's headings: a window of
    one to five lines that starts where a sentence could start (after a line
    that ends one or a bracket, a short line, a page break), names a judgement area the report grades
    without a sentence break, and ends with a grade ("... : good", "... is
    good", "Grade 3 (Adequate)") at a line end.  The first page (the
    judgement table and the summary that repeats its wording) is skipped.
    """
    insp = report.inspection
    graded = set(_graded_areas(report))
    first_page = report.source.find("\f")
    if first_page > 0:
        floor = first_page  # a PDF: the table and the summary are on page 1
    else:  # a web text: after the judgement table near the top (a body judgement such as the LSCB's is later)
        floor = max((j.end for j in insp.judgements if j.start < len(report.source) // 10), default=0)
    lines = [ln for ln in layout.lines if not ln.furniture and not ln.blank and ln.start >= floor]
    width = sorted(len(ln.stripped) for ln in lines)[len(lines) * 9 // 10] if lines else 80
    # A heading ends at a line that ends in a grade's last word (or is the LSCB section's first line): mark
    # those once, and try windows only where one of the next five lines is such a line.
    ends = []
    for ln in lines:
        text = ln.stripped
        ends.append(
            text.rstrip(" .:)").lower().endswith(_LAST_GRADE_WORDS)
            or (text[:7].lower() == "section" and bool(_LSCB_PART.match(text)))
        )
    found: list[tuple[int, str]] = []
    k = 0
    while k < len(lines):
        hit = None
        before = lines[k - 1] if k else None
        if any(ends[k : k + 5]) and (
            before is None
            or before.page != lines[k].page
            or _ENDS_SENTENCE.search(before.stripped)
            or len(before.stripped) < 0.7 * width
        ):
            hit = _heading_at(lines, k, graded, insp.framework)
        if hit:
            found.append((lines[k].start, hit[1]))
            k += hit[0]
        else:
            k += 1
    return found


def _heading_at(lines: list, k: int, graded: set[str], framework: str) -> tuple[int, str] | None:
    """(lines, area) of a graded judgement heading starting at ``lines[k]``, or None."""
    for span in (1, 2, 3, 4, 5):
        window = lines[k : k + span]
        if len(window) < span:
            return None
        text = normalise_space(" ".join(w.stripped for w in window))
        if len(text) > 220 or not text[:1].isupper():
            return None
        if span == 1 and _LSCB_PART.match(text) and "LscbEffectiveness" in graded:
            return 1, "LscbEffectiveness"  # "Section 2: The effectiveness of the Local Safeguarding ..."
        m = _GRADE_END.search(text)
        if not m:
            continue
        named = text[: m.start()].rstrip(" :")
        if re.search(r"[.;!?]\s", named):
            return None  # a sentence ends inside: prose, not a heading
        area = classify_area(named, framework)
        if area in graded:
            return span, area
    return None


def _misplaced_findings(report: Report, layout: Layout) -> list[str]:
    """Findings whose area is not the area of the last judgement heading before them in the text."""
    headings = _heading_positions(report, layout)
    findings = findings_paragraphs(report)
    if not headings or not findings:
        return []
    total = misplaced = 0
    first = None
    for p in findings:
        before = [area for at, area in headings if at < p.start]
        if not before or p.area is None:
            # No heading before it, or the parser filed it under none (a summary, the strengths, the
            # recommendations): sections that are no judgement area, which the loose scan does not know.
            continue
        n = len(p.sentences)
        total += n
        if p.area != before[-1]:
            misplaced += n
            first = first or (p, before[-1])
    if total and misplaced / total > MISPLACED_SHARE:
        p, area = first
        return [
            f"{misplaced} of {total} findings ({100 * misplaced / total:.0f} %) stand under another area than the "
            f"heading before them (first: paragraph {p.number} under {p.area}, heading {area})"
        ]
    return []


def _improvement_count(report: Report) -> list[str]:
    insp = report.inspection
    most = MOST_IMPROVEMENTS.get(insp.framework)
    count = len(insp.improvements)
    if most is not None and count > most:
        return [f"{count} improvement areas, more than any {insp.framework} report lists ({most})"]
    return []


def _odd_findings(report: Report) -> list[str]:
    """Findings that are a marker, a bullet glyph or a heading rather than a statement."""
    odd: list[str] = []
    for p in findings_paragraphs(report):
        for s in p.sentences:
            text = s.text.strip()
            if (
                _MARKER_OR_GLYPH.match(text)
                or STANDARD_HEADING.match(text)
                or (not text.endswith(".") and PDF_AREA_HEADING.match(text))
            ):
                odd.append(f"paragraph {p.number}: {text[:40]!r}")
    if not odd:
        return []
    return [f"{len(odd)} findings are a heading, marker or bullet glyph (first: {odd[0]})"]


def _overall(report: Report) -> list[str]:
    insp = report.inspection
    areas = {j.area for j in insp.judgements}
    if insp.framework in NO_OVERALL or any(a.endswith("OverallEffectiveness") for a in areas):
        return []
    if areas == {"LscbEffectiveness"}:
        return []  # a review of the LSCB on its own: its one judgement is the overall one
    return ["no overall judgement recognised"]
