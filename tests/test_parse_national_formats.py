"""Report layouts met in the national corpus that the fixtures did not cover (found by the outcomes.csv check).

Each text is the first page of a real report as pypdfium2 extracts it
(council names kept, body shortened), followed by one numbered paragraph.
"""

from __future__ import annotations

import datetime

from cskg.parse.report import parse_report

BODY = "\n1. Children are seen regularly and their plans are reviewed on time.\n"

EARLY_ILACS_SPLIT_GRADES = (
    """1
Liverpool City Council
Inspection of local authority children's services
Inspection dates: 14 May 2018 to 25 May 2018
Lead inspector: Shabana Abasi HMI
Judgement Grade
The impact of leaders on social work practice with 
children and families
Requires improvement
to be good
The experiences and progress of children who need help 
and protection
Requires improvement
to be good
The experiences and progress of children in care and 
care leavers
Good
Overall effectiveness Requires improvement
to be good
Senior leaders have made purposeful progress.
"""
    + BODY
)

OVERALL_ROW_WRAPPED = (
    """1
Rochdale Borough Council
Inspection of local authority children's services 
Inspection dates: 29 January to 9 February 2018
Lead inspector: Paula Thomson-Jones HMI
Judgement Grade
The impact of leaders on social work practice with 
children and families
Requires improvement to 
be good
The experiences and progress of children who need 
help and protection
Requires improvement to 
be good
The experiences and progress of children in care and 
care leavers
Good
Overall effectiveness Requires improvement to 
be good
Leaders have been successful in making improvements.
"""
    + BODY
)

SIF_NUMERIC_DATES_NOT_JUDGED = (
    """1
Isles of Scilly
Inspection of services for children in need of help and 
protection, children looked after and care leavers
Inspection date: 11/04/2016 – 28/04/2016
Report published: 27 June 2016
Children's services in the Isles of Scilly are good
1. Children who need help and protection Good
2. Children looked after and achieving 
permanence
Not Judged
2.1 Adoption performance Not Judged
2.2 Experiences and progress of care leavers Not Judged
3. Leadership, management and governance Good
Lead inspector: Emmy Tomsett
"""
    + BODY
)

SIF_ABBREVIATED_MONTH = (
    """1
City of Bradford Metropolitan District 
Council
Inspection of services for children in need of help and 
protection, children looked after and care leavers
Inspection date: 18 Feb 2014 – 12 March 2014
The overall judgement is requires improvement
1. Children who need help and protection Requires
Improvement
2. Children looked after and achieving permanence Good
3. Leadership, management and governance Good
"""
    + BODY
)


def _grades(text: str) -> dict[str, str]:
    return {j.area: j.grade for j in parse_report(text, "x.txt").inspection.judgements}


def test_grade_broken_before_to_be_good_keeps_every_row():
    report = parse_report(EARLY_ILACS_SPLIT_GRADES, "x.txt")
    grades = {j.area: (j.grade, j.grade_text) for j in report.inspection.judgements}
    assert grades == {
        "IlacsLeadership": ("RequiresImprovement", "Requires improvement to be good"),
        "IlacsHelpAndProtection": ("RequiresImprovement", "Requires improvement to be good"),
        "IlacsChildrenInCareAndCareLeavers": ("Good", "Good"),
        "IlacsOverallEffectiveness": ("RequiresImprovement", "Requires improvement to be good"),
    }
    leadership = report.inspection.judgements[0]
    assert EARLY_ILACS_SPLIT_GRADES[leadership.start : leadership.end].rstrip().endswith("to be good")


def test_overall_row_broken_after_to_is_not_an_unknown_grade():
    assert _grades(OVERALL_ROW_WRAPPED) == {
        "IlacsLeadership": "RequiresImprovement",
        "IlacsHelpAndProtection": "RequiresImprovement",
        "IlacsChildrenInCareAndCareLeavers": "Good",
        "IlacsOverallEffectiveness": "RequiresImprovement",
    }


def test_numeric_dates_and_not_judged_rows():
    insp = parse_report(SIF_NUMERIC_DATES_NOT_JUDGED, "x.txt").inspection
    assert (insp.start_date, insp.end_date) == (datetime.date(2016, 4, 11), datetime.date(2016, 4, 28))
    assert {j.area: j.grade for j in insp.judgements} == {
        "SifOverallEffectiveness": "Good",
        "SifHelpAndProtection": "Good",
        "SifLeadership": "Good",
    }


def test_abbreviated_month_in_inspection_dates():
    insp = parse_report(SIF_ABBREVIATED_MONTH, "x.txt").inspection
    assert (insp.start_date, insp.end_date) == (datetime.date(2014, 2, 18), datetime.date(2014, 3, 12))
    assert insp.framework == "SIF"


def test_prose_after_the_table_that_names_an_area_and_a_grade_is_not_a_second_row():
    # Three national reports (Portsmouth 2026, Leicester 2021, North Lincolnshire 2022) open the text after
    # the judgement table with a sentence that ends in a grade word and names an area ("Children, care
    # leavers and families in Portsmouth benefit greatly from outstanding ..."); it was read as a second
    # judgement of that area, and the graph had two quotes for one judgement (a SHACL violation).
    from conftest import FIXTURES

    text = (FIXTURES / "reports" / "ilacs-2024-standard-cumberland.txt").read_text(encoding="utf-8")
    table_end = "Overall effectiveness Good \n"
    assert text.count(table_end) == 1
    prose = "The experiences and progress of care leavers in Cumberland are mostly \ngood\n"
    report = parse_report(text.replace(table_end, table_end + prose), "cumberland-with-prose.txt")
    areas = [j.area for j in report.inspection.judgements]
    assert len(areas) == len(set(areas)) == 5
    leavers = next(j for j in report.inspection.judgements if j.area == "IlacsCareLeavers")
    assert leavers.grade_text == "Good" and "Cumberland" not in leavers.quote
