"""Tests of the Ofsted report parser on every report format and on the Rotherham corpus.

Fixtures: tests/fixtures/reports/<name>.txt (PDF-extracted text) with a
hand-checked truth file <name>.yaml; see tests/fixtures/reports/README.md.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

from cskg.errors import InputError
from cskg.parse.layout import analyse, clean_span
from cskg.parse.report import parse_report

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
SOURCES = ROOT / "data" / "sources"
YAMLS = sorted(FIXTURES.glob("*.yaml"))


def _truth(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_CACHE: dict[str, object] = {}


def _parse(path: Path):
    if str(path) not in _CACHE:
        _CACHE[str(path)] = parse_report(path.read_text(encoding="utf-8"), path.name)
    return _CACHE[str(path)]


def _report(yaml_path: Path):
    return _parse(yaml_path.with_suffix(".txt"))


def truth_area(text: str, fmt: str) -> str:
    """The judgement-area concept for the truth file's wording of an area."""
    t = re.sub(r"\s+", " ", text).lower().replace("’", "'")
    sif, lac = fmt == "sif", fmt.startswith("lac")
    if t.startswith("overall effectiveness"):
        return "LacOverallEffectiveness" if lac else "SifOverallEffectiveness" if sif else "IlacsOverallEffectiveness"
    if t.startswith("capacity to improve"):
        return "LacCapacityForImprovement"
    if t.startswith("outcomes for"):
        return "LacOutcomes"
    if t.startswith("quality of provision"):
        return "LacQualityOfProvision"
    if t.startswith("leadership and management"):
        return "LacLeadershipAndManagement"
    if t.startswith("leadership, management and governance"):
        return "SifLeadership"
    if "impact of leaders" in t:
        return "IlacsLeadership"
    if "help and protection" in t:
        return "SifHelpAndProtection" if sif else "IlacsHelpAndProtection"
    if "looked after and achieving permanence" in t:
        return "SifLookedAfter"
    if t.startswith("adoption"):
        return "SifAdoption"
    if "children in care and care leavers" in t:
        return "IlacsChildrenInCareAndCareLeavers"
    if "care leavers" in t:  # also the "children care leavers" misprint
        return "SifCareLeavers" if sif else "IlacsCareLeavers"
    if "children in care" in t:
        return "IlacsChildrenInCare"
    raise AssertionError(f"no area concept for truth wording {text!r}")


def truth_grade(text: str) -> str:
    t = text.lower().strip()
    for prefix, concept in [
        ("outstanding", "Outstanding"),
        ("good", "Good"),
        ("requires", "RequiresImprovement"),
        ("inadequate", "Inadequate"),
        ("adequate", "Adequate"),
    ]:
        if t.startswith(prefix):
            return concept
    raise AssertionError(f"no grade concept for truth wording {text!r}")


def _expected_judgements(truth: dict) -> list[tuple[str, str]]:
    fmt = truth["format"]
    rows = [(truth_area(j["area"], fmt), truth_grade(j["grade"])) for j in truth["judgements"]]
    if truth.get("overall_effectiveness") and not any(a.endswith("OverallEffectiveness") for a, _ in rows):
        rows.append((truth_area("Overall effectiveness", fmt), truth_grade(truth["overall_effectiveness"])))
    if truth.get("lscb_judgement"):
        rows.append(("LscbEffectiveness", truth_grade(truth["lscb_judgement"])))
    return sorted(rows)


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _ids(paths):
    return [p.stem for p in paths]


# --- every fixture ---------------------------------------------------------


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_authority(yaml_path):
    truth, insp = _truth(yaml_path), _report(yaml_path).inspection
    assert insp.authority and truth["authority"].lower() in insp.authority.lower()


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_inspection_dates(yaml_path):
    truth, insp = _truth(yaml_path), _report(yaml_path).inspection
    assert (insp.start_date, insp.end_date) == (_as_date(truth["inspection_start"]), _as_date(truth["inspection_end"]))


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_lead_inspector(yaml_path):
    truth, insp = _truth(yaml_path), _report(yaml_path).inspection
    assert insp.lead_inspector == truth["lead_inspector"]  # None where the report names nobody


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_judgements(yaml_path):
    truth, insp = _truth(yaml_path), _report(yaml_path).inspection
    got = sorted((j.area, j.grade) for j in insp.judgements)
    assert got == _expected_judgements(truth)
    for j in insp.judgements:
        assert j.quote and j.start < j.end


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_improvements(yaml_path):
    truth, insp = _truth(yaml_path), _report(yaml_path).inspection
    assert len(insp.improvements) == truth["improvement_count"]
    assert insp.improvements[0].text.startswith(truth["first_improvement_starts"])


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_highest_numbered_paragraph(yaml_path):
    truth, report = _truth(yaml_path), _report(yaml_path)
    local = [p.number for p in report.paragraphs if p.number is not None and p.area != "LscbEffectiveness"]
    assert max(local, default=0) == truth["numbered_paragraphs"]
    if truth.get("lscb_paragraphs"):
        lscb = [p.number for p in report.paragraphs if p.number is not None and p.area == "LscbEffectiveness"]
        assert len(lscb) == truth["lscb_paragraphs"]
        assert min(lscb) == truth["numbered_paragraphs"] + 1


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_paragraph_samples(yaml_path):
    truth, report = _truth(yaml_path), _report(yaml_path)
    by_number = {}
    for p in report.paragraphs:
        if p.number is not None:
            by_number.setdefault(p.number, p)
    for sample in (truth.get("paragraph_samples") or []) + (truth.get("lscb_paragraph_samples") or []):
        para = by_number.get(sample["number"])
        assert para is not None, f"paragraph {sample['number']} not found"
        assert para.text.startswith(sample["starts"]), (sample["number"], para.text[:60])
        assert para.text.endswith(sample["ends"]), (sample["number"], para.text[-60:])


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_sentence_offsets_rederive_text(yaml_path):
    report = _report(yaml_path)
    layout = analyse(report.source)
    for p in report.paragraphs:
        assert clean_span(layout, p.start, p.end) == p.text
        for s in p.sentences:
            assert clean_span(layout, s.start, s.end) == s.text


@pytest.mark.parametrize("yaml_path", YAMLS, ids=_ids(YAMLS))
def test_truncation_is_found_by_the_self_check(yaml_path):
    from cskg.extract.selfcheck import check_report

    truth, report = _truth(yaml_path), _report(yaml_path)
    problems = check_report(report).problems
    if truth.get("truncated"):
        message = " ".join(problems)
        for missing in ("IlacsChildrenInCare", "IlacsCareLeavers", "IlacsLeadership"):
            assert f"no findings under {missing}" in message
        assert "IlacsHelpAndProtection" not in message
    else:
        assert problems == ()


# --- the Rotherham corpus --------------------------------------------------


def _rotherham(year: int):
    return _parse(SOURCES / f"ofsted-ilacs-rotherham-{year}.txt")


def _numbered(report):
    return [p for p in report.paragraphs if p.number is not None and p.kind == "paragraph"]


def _grade_counts(report):
    counts: dict[str, int] = {}
    for j in report.inspection.judgements:
        counts[j.grade] = counts.get(j.grade, 0) + 1
    return counts


def test_rotherham_2025():
    report = _rotherham(2025)
    numbered = _numbered(report)
    assert max(p.number for p in numbered) == 58
    assert len(numbered) == 58
    assert _grade_counts(report) == {"Outstanding": 4, "Good": 1}
    items = report.inspection.improvements
    assert len(items) == 2
    assert all("Outcome4" in item.framework_refs for item in items)
    assert sum(len(p.sentences) for p in numbered) == 231


def test_rotherham_2022():
    report = _rotherham(2022)
    numbered = _numbered(report)
    assert max(p.number for p in numbered) == 60
    assert len(numbered) == 60
    assert _grade_counts(report) == {"Good": 4}
    assert len(report.inspection.improvements) == 4


def test_rotherham_2025_paragraph_3_repaired():
    para = next(p for p in _rotherham(2025).paragraphs if p.number == 3)
    assert para.text.endswith(
        "robust oversight at all decision-making points. Children's records show decisive management guidance, "
        "enabling social workers to explore information with confidence and clarity. This results in timely and "
        "effective initial screening that supports children to receive the right help and at the right time."
    )
    assert "cross-referenced" not in para.text


@pytest.mark.parametrize("year", [2022, 2025])
def test_rotherham_offsets_rederive_text(year):
    report = _rotherham(year)
    layout = analyse(report.source)
    for p in report.paragraphs:
        for s in p.sentences:
            assert clean_span(layout, s.start, s.end) == s.text


# --- bad input -------------------------------------------------------------

RECIPE = """Victoria sponge

Ingredients: 200g caster sugar, 200g softened butter, 4 eggs, 200g self-raising flour.

Heat the oven to 190C. Cream the butter and sugar, beat in the eggs, fold in the flour.
Bake for 20 minutes until golden. Leave to cool, then sandwich with jam and cream.
"""


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "\x00\x01\x02\xff\xfe" * 200 + "PK\x03\x04", RECIPE],
    ids=["empty", "blank", "binary", "recipe"],
)
def test_bad_input_raises_input_error_naming_the_file(text):
    with pytest.raises(InputError) as err:
        parse_report(text, "some-file.txt")
    assert "some-file.txt" in str(err.value)


@pytest.mark.parametrize(
    "path,good,bad_word",
    [
        (FIXTURES / "ilacs-2024-standard-cumberland.txt", "Overall effectiveness Good \n", "Splendid"),
        (FIXTURES / "ilacs-2024-standard-cumberland.txt", "children in care\nGood \n", "Marvellous"),
        (SOURCES / "ofsted-ilacs-rotherham-2022.txt", "Overall effectiveness\tGood", "Superb"),
    ],
    ids=["pdf-row", "pdf-grade-own-line", "web-table"],
)
def test_unknown_grade_word_in_table_raises(path, good, bad_word):
    text = path.read_text(encoding="utf-8")
    assert good in text
    bad = text.replace(good, good.replace("Good", bad_word), 1)
    with pytest.raises(InputError, match=bad_word):
        parse_report(bad, path.name)
