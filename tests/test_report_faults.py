"""Faults found reading reports of councils nobody tuned the parser to (issue 14), one fixture each.

Each ``tests/fixtures/reports/excerpts/<name>.txt`` is whole pages of a real
report's extracted text (the pages named in the truth file), and
``<name>.yaml`` says what went wrong (``fault``) and what a person reading
those pages finds there.  Every key of a truth file is one check below;
each fixture failed at least one of them before its fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cskg.parse.layout import clean_span, layout_of
from cskg.parse.report import parse_report

EXCERPTS = Path(__file__).resolve().parent / "fixtures" / "reports" / "excerpts"
CHECKS = (
    "framework",
    "judgements",
    "improvement_count",
    "improvements_start",
    "improvement_ends",
    "improvement_contains",
    "improvement_refs",
    "areas",
    "headings_include",
    "bullets_start",
    "no_sentence",
    "sentence_ends",
    "lead_inspector",
    "paragraph_text",
    "paragraphs_include",
)


def _truths() -> list[tuple[str, dict]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(EXCERPTS.glob("*.yaml"))]


CASES = [(name, check) for name, truth in _truths() for check in CHECKS if check in truth]
_PARSED: dict[str, object] = {}


def _report(name: str):
    if name not in _PARSED:
        path = EXCERPTS / f"{name}.txt"
        _PARSED[name] = parse_report(path.read_text(encoding="utf-8"), path.name)
    return _PARSED[name]


def _truth(name: str) -> dict:
    return yaml.safe_load((EXCERPTS / f"{name}.yaml").read_text(encoding="utf-8"))


def test_every_truth_file_names_its_source_and_fault():
    for name, truth in _truths():
        assert truth["source_pdf"].endswith(".pdf") and truth["pages"], name
        assert len(truth["fault"]) > 40, name
        assert any(check in truth for check in CHECKS), f"{name}: no check"


@pytest.mark.parametrize("name,check", CASES, ids=[f"{n}-{c}" for n, c in CASES])
def test_excerpt(name, check):
    report, want = _report(name), _truth(name)[check]
    insp = report.inspection
    items = insp.improvements
    if check == "framework":
        assert insp.framework == want
    elif check == "judgements":
        assert {j.area: j.grade for j in insp.judgements} == want
    elif check == "improvement_count":
        assert len(items) == want, [i.text[:50] for i in items]
    elif check == "improvements_start":
        assert [i.text[: len(w)] for i, w in zip(items, want, strict=False)] == want
        assert len(items) == len(want)
    elif check == "improvement_ends":
        for number, end in want.items():
            assert items[number - 1].quote.endswith(end), items[number - 1].quote[-80:]
    elif check == "improvement_contains":
        for number, parts in want.items():
            assert all(part in items[number - 1].text for part in parts), items[number - 1].text
    elif check == "improvement_refs":
        for number, refs in want.items():
            assert items[number - 1].framework_refs == refs, items[number - 1].framework_text
    elif check == "areas":
        for area, (first, last) in want.items():
            numbers = [p.number for p in report.paragraphs if p.kind == "paragraph" and p.area == area and p.number]
            assert numbers and (numbers[0], numbers[-1]) == (first, last), numbers
            assert numbers == list(range(first, last + 1))
    elif check == "headings_include":
        assert set(want) <= set(report.headings), report.headings
    elif check == "bullets_start":
        bullets = [p.text for p in report.paragraphs if p.kind == "bullet"]
        assert all(any(b.startswith(w) for b in bullets) for w in want), [b[:40] for b in bullets]
    elif check == "no_sentence":
        sentences = [s.text for p in report.paragraphs for s in p.sentences]
        assert not set(want) & set(sentences)
    elif check == "sentence_ends":
        for number, end in want.items():
            para = next(p for p in report.paragraphs if p.number == number and p.kind == "paragraph")
            assert any(s.text.endswith(end) for s in para.sentences), [s.text[-60:] for s in para.sentences]
    elif check == "lead_inspector":
        assert insp.lead_inspector == want
    elif check == "paragraphs_include":
        texts = [p.text for p in report.paragraphs]
        assert all(any(w in t for t in texts) for w in want), [t[:60] for t in texts]
    elif check == "paragraph_text":
        for number, fragment in want.items():
            para = next(p for p in report.paragraphs if p.number == number)
            assert fragment in para.text, para.text


@pytest.mark.parametrize("name", [n for n, _ in _truths()])
def test_excerpt_offsets_rederive_every_quote(name):
    report = _report(name)
    layout = layout_of(report.source)
    for p in report.paragraphs:
        assert clean_span(layout, p.start, p.end) == p.text
        for s in p.sentences:
            assert clean_span(layout, s.start, s.end) == s.text
    for item in report.inspection.improvements:
        assert clean_span(layout, item.start, item.end) == item.quote


ALL_TEXTS = sorted((EXCERPTS.parent).glob("*.txt")) + sorted(EXCERPTS.glob("*.txt"))


@pytest.mark.parametrize("path", ALL_TEXTS, ids=[p.stem for p in ALL_TEXTS])
def test_no_pdf_glyph_or_soft_hyphen_in_read_text(path):
    # PDFs draw bullets in a Symbol or Wingdings font: the extractor gives private-use code points
    # (U+F06E, U+F0A7, U+F02D ...), and U+FFFE for a hyphen where the PDF breaks a line. In the text the
    # parser reads out they are "•" and "-", and no paragraph starts with its bullet.
    report = parse_report(path.read_text(encoding="utf-8"), path.name)
    texts = [p.text for p in report.paragraphs] + [s.text for p in report.paragraphs for s in p.sentences]
    texts += [i.text for i in report.inspection.improvements] + [i.quote for i in report.inspection.improvements]
    texts += report.headings + [j.quote for j in report.inspection.judgements]
    odd = [t[:50] for t in texts if any("\ue000" <= ch <= "\uf8ff" or ch == "\ufffe" for ch in t)]
    assert odd == []
    starts = [p.text[:30] for p in report.paragraphs if p.text[:1] in "•·◼▪●"]
    assert starts == []


def test_unnumbered_report_has_its_bullets_as_findings():
    # The first SIF reports (early 2014: Derbyshire, Hartlepool, Hillingdon, Slough) number no paragraph:
    # each judgement section states its findings as bullets. They had no findings at all.
    path = EXCERPTS.parent / "sif-2014-unnumbered-hartlepool.txt"
    report = parse_report(path.read_text(encoding="utf-8"), path.name)
    findings = [p for p in report.paragraphs if p.finding]
    graded = {j.area for j in report.inspection.judgements if not j.area.endswith("OverallEffectiveness")}
    assert {p.area for p in findings} == graded
    assert all(p.kind == "bullet" and p.number is None for p in findings)
    care_leavers = [p.text for p in findings if p.area == "SifCareLeavers"]
    assert care_leavers and care_leavers[0].startswith("The Council’s strategy to ensure young people have the same")


@pytest.mark.parametrize(
    "line",
    [
        "Lead inspector: Helen Cawston HMI.",  # Cambridgeshire 2014
        "Lead inspector: Helen Cawston Senior HMI",  # the deputy lead's line of Kensington and Chelsea 2016
        "Lead inspector: Helen Cawston, Senior HMI",  # Waltham Forest 2015
        "Lead inspector: Helen Cawston (HMI)",  # the wording
        "Lead inspector: Helen Cawston, Her Majesty’s Inspector",  # ILACS
        "Reporting inspector Helen Cawston HMI",  # 2013 looked-after-children reports
    ],
)
def test_lead_inspector_without_title(line):
    text = (EXCERPTS / "sif-2014-cambridgeshire-lead-inspector.txt").read_text(encoding="utf-8")
    text = text.replace("Lead inspector: Helen Cawston HMI.", line)
    assert parse_report(text, "x.txt").inspection.lead_inspector == "Helen Cawston"


def test_a_reference_wrapped_before_the_next_heading_stays_with_its_item():
    # Somerset 2026: "... in custody. (National Framework," / "Outcome 2)" / "The experiences and progress of ...":
    # the line closing the bracket belongs to the list item, not to the judgement heading after it.
    path = EXCERPTS.parent / "ilacs-2026-short-somerset.txt"
    report = parse_report(path.read_text(encoding="utf-8"), path.name)
    last = report.inspection.improvements[-1]
    assert last.framework_text == "National Framework, Outcome 2" and last.framework_refs == ["Outcome2"]
    assert "The experiences and progress of children who need help and protection: requires improvement to be good" in (
        report.headings
    )
