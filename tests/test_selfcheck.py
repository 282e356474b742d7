"""The self-check of a parsed report (extract/selfcheck.py): sound reports pass, each kind of damage is named.

The damaged reports are real fixtures changed in one place (a heading,
a label, a row removed), or a parse changed the way the parser used to go
wrong (findings filed under the wrong area, findings read as improvement
areas, a marker read as a finding).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cskg.extract.selfcheck import MOST_IMPROVEMENTS, check_report
from cskg.model import Sentence
from cskg.parse.report import parse_report

REPORTS = Path(__file__).resolve().parent / "fixtures" / "reports"
WHOLE = sorted(p for p in REPORTS.glob("*.txt") if "truncated" not in p.name)
CUMBERLAND = REPORTS / "ilacs-2024-standard-cumberland.txt"


def _parse(path: Path, text: str | None = None):
    return parse_report(text if text is not None else path.read_text(encoding="utf-8"), path.name)


@pytest.mark.parametrize("path", WHOLE, ids=[p.stem for p in WHOLE])
def test_every_whole_report_fixture_is_sound(path):
    check = check_report(_parse(path))
    assert check.problems == () and check.verdict == "sound"


def test_a_truncated_report_is_suspect_naming_the_areas_without_findings():
    check = check_report(_parse(REPORTS / "ilacs-2025-truncated-leeds.txt"))
    assert check.verdict == "suspect"
    assert set(check.problems) == {
        "no findings under IlacsChildrenInCare",
        "no findings under IlacsCareLeavers",
        "no findings under IlacsLeadership",
    }


def test_a_paragraph_label_lost_from_the_text_breaks_the_numbering():
    text = CUMBERLAND.read_text(encoding="utf-8")
    label = "\n12. "
    assert text.count(label) == 1
    problems = check_report(_parse(CUMBERLAND, text.replace(label, "\n", 1))).problems
    assert any(p.startswith("paragraph 13 follows paragraph 11") for p in problems), problems


def test_a_report_without_its_overall_row_has_no_overall_judgement():
    text = CUMBERLAND.read_text(encoding="utf-8")
    row = "Overall effectiveness Good \n"
    assert text.count(row) == 1
    assert "no overall judgement recognised" in check_report(_parse(CUMBERLAND, text.replace(row, ""))).problems


def test_findings_filed_under_the_area_before_a_missed_heading_are_found():
    # What a missed heading did to early ILACS reports: the section's findings stood under the area before it.
    report = copy.deepcopy(_parse(CUMBERLAND))
    moved = [p for p in report.paragraphs if p.finding and p.area == "IlacsChildrenInCare"]
    assert len(moved) > 10
    for p in moved:
        p.area = "IlacsHelpAndProtection"
    problems = check_report(report).problems
    assert "no findings under IlacsChildrenInCare" in problems
    misplaced = [p for p in problems if "stand under another area than the heading before them" in p]
    assert misplaced and f"first: paragraph {moved[0].number} under IlacsHelpAndProtection" in misplaced[0]


def test_too_many_improvement_areas_for_the_framework():
    report = copy.deepcopy(_parse(CUMBERLAND))
    items = report.inspection.improvements
    report.inspection.improvements = items * (MOST_IMPROVEMENTS["ILACS"] // len(items) + 1)
    problems = check_report(report).problems
    assert any("improvement areas, more than any ILACS report lists" in p for p in problems), problems


@pytest.mark.parametrize("text", ["(Recommendation)", "\uf06e The quality of plans.", "What needs to improve?"])
def test_a_finding_that_is_a_marker_glyph_or_heading_is_named(text):
    report = copy.deepcopy(_parse(CUMBERLAND))
    para = next(p for p in report.paragraphs if p.finding)
    s = para.sentences[0]
    para.sentences[0] = Sentence(text, s.start, s.end)
    problems = check_report(report).problems
    assert any("findings are a heading, marker or bullet glyph" in p and repr(text[:40]) in p for p in problems)


@pytest.mark.parametrize("year", [2022, 2025])
def test_the_embedded_rotherham_reports_are_sound(year):
    path = Path(__file__).resolve().parents[1] / "data" / "sources" / f"ofsted-ilacs-rotherham-{year}.txt"
    assert check_report(_parse(path)).verdict == "sound"


def test_numbers_that_go_back_are_out_of_order_not_a_crash():
    """Found by the fuzzer: a number lower than the one before left no 'missing' paragraph to name."""
    from dataclasses import replace

    report = _parse(CUMBERLAND)
    numbered = [k for k, p in enumerate(report.paragraphs) if p.number == 12]
    assert len(numbered) == 1
    report.paragraphs[numbered[0]] = replace(report.paragraphs[numbered[0]], number=9)
    problems = check_report(report).problems
    assert "paragraph 9 follows paragraph 11 (out of order)" in problems, problems
