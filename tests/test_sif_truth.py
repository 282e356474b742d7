"""The parser against the hand-verified table of every SIF report's judgements (tests/fixtures/sif).

Needs ``../shared/ofsted-reports`` (skipped with the reason when it is
absent). Each SIF PDF is read with the extractor the ingest uses and parsed;
every judgement of the table (overall, five areas, LSCB) must agree, except
the disagreements listed in ``EXPLAINED``, each a truth error verified by
reading the text or a documented limit. The agreement figures are printed
(``pytest -s``) and written to the test's report.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest
import yaml
from conftest import FIXTURES, NATIONAL_REPORTS

from cskg.parse.layout import normalise_space
from cskg.parse.report import parse_report

TRUTH = FIXTURES / "sif"

pytestmark = [
    pytest.mark.national,
    pytest.mark.skipif(
        not NATIONAL_REPORTS.is_dir(),
        reason=f"the national corpus is not at {NATIONAL_REPORTS} (set CSKG_OFSTED_REPORTS to its folder to run these tests)",
    ),
]

COLUMNS = {
    "overall": "SifOverallEffectiveness",
    "help_and_protection": "SifHelpAndProtection",
    "looked_after": "SifLookedAfter",
    "adoption": "SifAdoption",
    "care_leavers": "SifCareLeavers",
    "leadership": "SifLeadership",
    "lscb": "LscbEffectiveness",
}
GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires-improvement": "RequiresImprovement",
    "inadequate": "Inadequate",
    "": None,
}
HULL = "80477_kingston-upon-hull/single-inspection-of-la-children's-services-as-pdf---10-february-2015.pdf"
# (file, column) -> why the parser and the table differ.
EXPLAINED = {
    (HULL, "lscb"): (
        "limit: the file holds two reports, the local authority's (published 3 February 2015, no LSCB review) and "
        "the separate LSCB review appended after its closing boilerplate; the parser reads the first report of a "
        "file, whose paragraph numbering the second restarts"
    ),
}


def _rows() -> list[dict]:
    with (TRUTH / "sif-judgements.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def parsed() -> dict:
    from cskg.sources.pdf import extract_pdf_text

    return {row["file"]: parse_report(extract_pdf_text(NATIONAL_REPORTS / row["file"]), row["file"]) for row in _rows()}


def test_the_table_covers_every_sif_report_of_the_folder(parsed):
    # Every file the parser reads as SIF is in the table, and every file of the table is read as SIF.
    from cskg.sources.pdf import extract_pdf_text

    assert all(report.inspection.framework == "SIF" for report in parsed.values())
    others = []
    for pdf in sorted(NATIONAL_REPORTS.rglob("*.pdf")):
        rel = pdf.relative_to(NATIONAL_REPORTS).as_posix()
        if rel in parsed:
            continue
        try:
            text = extract_pdf_text(pdf)
        except Exception:
            continue  # the three HTML pages saved as .pdf
        if "inspection of services for children in need of help and protection" in normalise_space(
            text[:3000]
        ).lower().replace("’", "'"):
            others.append(rel)
    assert others == []


def test_every_sif_judgement_agrees_with_the_table(parsed, record_property):
    agree, total, disagreements = Counter(), Counter(), {}
    for row in _rows():
        got = {j.area: j.grade for j in parsed[row["file"]].inspection.judgements}
        for column, area in COLUMNS.items():
            want = GRADES[row[column]]
            total[column] += 1
            if got.get(area) == want:
                agree[column] += 1
            else:
                disagreements[(row["file"], column)] = (want, got.get(area))
    lines = [f"{column:<20} {agree[column]:>3}/{total[column]}" for column in COLUMNS]
    lines.append(f"{'all':<20} {sum(agree.values()):>3}/{sum(total.values())}")
    print("\nSIF judgements: parser against the hand-verified table\n" + "\n".join(lines))
    record_property("sif_agreement", "; ".join(lines))
    assert sum(total.values()) == 7 * 137
    assert {k: v for k, v in disagreements.items() if k not in EXPLAINED} == {}
    assert set(EXPLAINED) <= set(disagreements), "an explained disagreement no longer occurs: update EXPLAINED"


def test_the_overall_and_lscb_judgements_quote_the_labelled_sentence(parsed):
    # The table's sentences are exact quotes of the text; the parser's judgement quotes the same sentence
    # (it may go on where the labeller stopped at a line end: "requires improvement" / "to be good").
    quotes = yaml.safe_load((TRUTH / "sif-quotes.yaml").read_text(encoding="utf-8"))
    assert set(quotes) == {row["file"] for row in _rows()}

    def norm(text: str) -> str:
        return normalise_space(text).rstrip(". ").lower()

    wrong = {}
    for file, sentences in quotes.items():
        report = parsed[file]
        flat = normalise_space(report.source)
        judged = {j.area: j for j in report.inspection.judgements}
        for key, area in (("overall", "SifOverallEffectiveness"), ("lscb", "LscbEffectiveness")):
            want = sentences[key]
            assert not want or normalise_space(want) in flat, f"{file}: the table's {key} sentence is not in the text"
            got = judged.get(area)
            if (file, key) in EXPLAINED or (not want and not got):
                continue
            if not (want and got and norm(got.quote).startswith(norm(want))):
                wrong[(file, key)] = (want, got.quote if got else None)
    assert wrong == {}
