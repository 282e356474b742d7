"""Grade history across four inspections and the timeline chart (issue 6).

Expected grades are read off the sources by hand: the 2018 article's bullet
list (2014) and prose (2017), and the judgement tables of the 2022 and 2025
reports.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import run_cli

EXPECTED = {
    2014: {
        "Overall effectiveness": "Inadequate",
        "Children who need help and protection": "Inadequate",
        "Children looked after and achieving permanence": "Inadequate",
        "Adoption performance": "Requires improvement to be good",
        "Experiences and progress of care leavers": "Inadequate",
        "Leadership, management and governance": "Inadequate",
    },
    2017: {
        "Overall effectiveness": "Good",
        "Children who need help and protection": "Good",
        "Children looked after and achieving permanence": "Requires improvement to be good",
        "Adoption performance": "Good",
        "Experiences and progress of care leavers": "Outstanding",
        "Leadership, management and governance": "Good",
    },
    2022: {
        "Overall effectiveness": "Good",
        "The experiences and progress of children who need help and protection": "Good",
        "The experiences and progress of children in care and care leavers": "Good",
        "The impact of leaders on social work practice with children and families": "Good",
    },
    2025: {
        "Overall effectiveness": "Outstanding",
        "The experiences and progress of children who need help and protection": "Outstanding",
        "The experiences and progress of children in care": "Outstanding",
        "The experiences and progress of care leavers": "Good",
        "The impact of leaders on social work practice with children and families": "Outstanding",
    },
}


@pytest.fixture(scope="module")
def data(kg):
    return kg.timeline()


def test_four_inspections_with_the_grades_the_sources_state(data):
    assert [(i["year"], i["framework"]) for i in data["inspections"]] == [
        (2014, "SIF"),
        (2017, "SIF"),
        (2022, "ILACS"),
        (2025, "ILACS"),
    ]
    got: dict[int, dict[str, str]] = {}
    for j in data["judgements"]:
        got.setdefault(j["year"], {})[j["area"]] = j["grade"]
    assert got == EXPECTED


def _row(data, name):
    return next(r for r in data["table"] if r["area"] == name)


def test_help_and_protection_followed_from_2014_to_2025(data):
    row = _row(data, "Help and protection")
    assert [(c["year"], c["grade"], c["change"]) for c in row["cells"]] == [
        (2014, "Inadequate", None),
        (2017, "Good", "up"),
        (2022, "Good", "same"),
        (2025, "Outstanding", "up"),
    ]


def test_combined_2022_judgement_sits_on_both_2025_rows(data):
    care = _row(data, "Children in care")
    leavers = _row(data, "Care leavers")
    assert (
        care["cells"][2]["judged_as"]
        == leavers["cells"][2]["judged_as"]
        == "The experiences and progress of children in care and care leavers"
    )
    assert care["cells"][2]["combined"] and leavers["cells"][2]["combined"]
    assert not care["cells"][3]["combined"]
    # Care leavers: outstanding in 2017 (SIF sub-judgement), good in the 2022 combined judgement: down.
    assert [(c["grade"], c["change"]) for c in leavers["cells"][1:]] == [
        ("Outstanding", "up"),
        ("Good", "down"),
        ("Good", "same"),
    ]
    assert [(c["grade"], c["change"]) for c in care["cells"][1:]] == [
        ("Requires improvement to be good", "up"),
        ("Good", "up"),
        ("Outstanding", "up"),
    ]


def test_adoption_has_its_own_row_with_no_ilacs_successor(data):
    row = _row(data, "Adoption performance")
    assert [c["grade"] for c in row["cells"]] == ["Requires improvement to be good", "Good", None, None]


def test_skos_links_the_areas_across_frameworks(kg):
    ask = kg.store.query(
        """
        PREFIX cs: <https://w3id.org/cskg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        ASK { cs:SifHelpAndProtection skos:closeMatch cs:IlacsHelpAndProtection .
              cs:IlacsChildrenInCareAndCareLeavers skos:narrowMatch cs:IlacsChildrenInCare , cs:IlacsCareLeavers . }""",
        use_default_graph_as_union=True,
    )
    assert bool(ask)


def test_svg_escapes_text_and_fetches_nothing():
    from cskg.views.chart import html, svg

    data = {
        "inspections": [{"year": 2025, "inspection": "x", "framework": "<b>F</b>"}],
        "judgements": [{"grade": "Good", "rank": 2}],
        "table": [
            {
                "area": "<script>alert(1)</script> & co",
                "cells": [
                    {
                        "year": 2025,
                        "grade": "Good",
                        "change": None,
                        "from": None,
                        "judged_as": "<img src=x onerror=alert(2)>",
                        "framework": "F",
                    }
                ],
            }
        ],
    }
    for text in (svg(data), html(data)):
        assert "<script>" not in text and "<img" not in text and "<b>" not in text
        assert "&lt;script&gt;" in text
        assert not re.search(r"(src|href)\s*=\s*[\"']?https?://", text)


def test_cli_timeline_json_text_and_chart(store_path, tmp_path):
    proc = run_cli("timeline", "--json", store=store_path)
    assert proc.returncode == 0
    rows = json.loads(proc.stdout)
    assert len(rows) == sum(len(v) for v in EXPECTED.values())
    assert all({"inspection", "year", "framework", "area", "grade"} <= set(r) for r in rows)
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)
    text = run_cli("timeline", store=store_path).stdout.decode()
    assert "2014 SIF" in text and "2025 ILACS" in text
    out = tmp_path / "grades.html"
    assert run_cli("timeline", "-o", str(out), store=store_path).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<rect") >= 4 * 5 and "Help and protection" in page
    bad = run_cli("timeline", "-o", str(tmp_path / "grades.png"), store=store_path)
    assert bad.returncode == 2 and b".svg or .html" in bad.stderr


def test_a_store_of_several_councils_gives_one_council_s_timeline(ingested_councils, data):
    from cskg import open_graph

    kg = open_graph(ingested_councils)
    assert kg.timeline() == data  # Rotherham's, as on the embedded store: no other council's rows mixed in
    shropshire = kg.timeline("Shropshire")
    assert shropshire["authority"] == "Shropshire"
    assert [i["inspection"] for i in shropshire["inspections"]] == ["inspection/shropshire/2022"]
    assert {j["inspection"] for j in shropshire["judgements"]} == {"inspection/shropshire/2022"}


def test_cli_timeline_of_another_council_names_it(ingested_councils):
    proc = run_cli("--store", str(ingested_councils), "timeline", "--authority", "brent")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.splitlines()[0] == "Brent: Ofsted grades per judgement area" and "2018 ILACS" in out
    proc = run_cli("--store", str(ingested_councils), "timeline", "--authority", "Atlantis")
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
