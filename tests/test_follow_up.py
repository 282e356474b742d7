"""Follow-up of earlier improvement areas and the 2017 recommendations (issue 6)."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, SOURCES

# Read off the 2025 report by hand: the front door/MASH is credited as improved, identity is considered,
# pathway plans are raised again, audits now feed a QA framework.
EXPECTED_2022 = {1: "addressed", 2: "addressed", 3: "raised-again", 4: "addressed"}


@pytest.fixture(scope="module")
def rows(kg):
    return {(r["year"], r["number"]): r for r in kg.follow_up()}


@pytest.mark.parametrize("number, status", sorted(EXPECTED_2022.items()))
def test_each_2022_area_has_2025_evidence_and_a_confirmed_status(rows, number, status):
    area = rows[(2022, number)]
    assert area["status"] == status and area["confirmed"]
    curated = [e for e in area["evidence"] if e["curation"] == "curated"]
    assert curated and all(e["year"] == 2025 for e in curated)
    text = " ".join((SOURCES / "ofsted-ilacs-rotherham-2025.txt").read_text(encoding="utf-8").split())
    assert all(" ".join(e["quote"].split()) in text for e in area["evidence"])


def test_front_door_is_followed_to_the_mash_paragraph(rows):
    quotes = [e["quote"] for e in rows[(2022, 1)]["evidence"]]
    assert any("MASH social workers triage contacts robustly" in q for q in quotes)


def test_pathway_plans_raised_again_points_at_the_2025_improvement_area(rows):
    evidence = [e["evidence"] for e in rows[(2022, 3)]["evidence"]]
    assert "inspection/rotherham/2025/improvement/1" in evidence


def test_2017_recommendations_are_improvement_areas_followed_into_2022(rows):
    for number in (1, 2, 3):
        area = rows[(2017, number)]
        assert area["text"].startswith("Ensure that")
        assert area["evidence"] and all(e["year"] == 2022 for e in area["evidence"])
    assert rows[(2017, 3)]["status"] == "partly-addressed"


def test_automatic_candidates_have_scores_and_a_basis(rows):
    found = [e for r in rows.values() for e in r["evidence"] if e["curation"] == "discovered"]
    assert found
    assert all(e["score"] and e["score"] > 0 and e["basis"] for e in found)


def test_newest_areas_are_not_followed_up_yet(rows):
    assert rows[(2025, 1)]["status"] is None and rows[(2025, 2)]["status"] is None


def test_candidates_alone_find_the_raised_again_pathway_plans():
    """Without curation, the 2022 pathway-plan area's candidates include the 2025 improvement area."""
    from cskg.extract.follow_up import Evidence, EvidencePool, candidates

    pool = [
        Evidence("ia", "The quality of pathway plans for care leavers.", 0, 1, "f", "s", "i", set(), "raised-again"),
        Evidence(
            "s1", "Children are visited regularly by skilled social workers.", 0, 1, "f", "s", "i", set(), "addressed"
        ),
        Evidence("s2", "Foster carers report positive experiences.", 0, 1, "f", "s", "i", set(), "addressed"),
    ]
    best = candidates(
        "The level of ambition for individual care leavers, the support for them to achieve their "
        "aspirations and the detailing of this in pathway plans.",
        set(),
        EvidencePool(pool),
    )
    assert [ev.iri for _, ev, _ in best] == ["ia"]


def test_bad_follow_up_file_names_file_and_line(tmp_path):
    from cskg import build_graph
    from cskg.errors import InputError

    shutil.copy(ROOT / "data" / "register.yaml", tmp_path / "register.yaml")
    (tmp_path / "follow-up.yaml").write_text(
        "follow_up:\n  - improvement: 2022/1\n    status: addressed\n    evidence:\n"
        '      - source: ofsted-ilacs-rotherham-2025.txt\n        quote: "The MASH is perfect."\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"follow-up.yaml:5: 2022/1: evidence: quote not found verbatim"):
        build_graph(tmp_path / "store", register=tmp_path / "register.yaml")
    assert not (tmp_path / "store").exists()


def test_another_council_s_newer_report_leaves_rotherham_s_follow_up_as_it_was(store_path, kg, tmp_path):
    # Somerset's 2026 report is newer than Rotherham's newest (2025): counting every council's areas made
    # Rotherham's 2025 areas look followed up and found wanting ("no-evidence") when they cannot be yet.
    from conftest import FIXTURES

    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    store = tmp_path / "store"
    shutil.copytree(store_path, store)
    report = ingest([FIXTURES / "reports" / "ilacs-2026-short-somerset.txt"], store, jobs=1)
    assert len(report.ingested) == 1, report.failed
    national = open_graph(store)
    assert national.follow_up() == kg.follow_up()
    somerset = national.follow_up("Somerset")
    assert somerset and {a["id"].split("/")[1] for a in somerset} == {"somerset"}
    assert all(a["status"] is None for a in somerset)  # its newest (and only) inspection: nothing later yet


class _Rows:
    """A graph stand-in that answers the follow-up query with given rows (the verdict rules alone)."""

    path = None

    def __init__(self, rows):
        self.rows = rows

    def select(self, name, **bindings):
        if name == "councils":
            return [{"authority": "https://w3id.org/cskg/id/authority/x", "authorityLabel": "X"}]
        assert name == "follow-up" and bindings == {"authority": "https://w3id.org/cskg/id/authority/x"}
        return self.rows


def _row(inspection: str, year: int, number: int, link: str | None = None) -> dict:
    return {
        "area": f"{inspection}/improvement/{number}",
        "inspection": inspection,
        "year": str(year),
        "number": str(number),
        "areaText": "Improve plans.",
        "link": link,
        "status": "addressed" if link else None,
        "statusLabel": None,
        "curation": "discovered" if link else None,
        "quote": "Plans improved." if link else None,
        "score": "0.5" if link else None,
        "basis": None,
        "laterYear": str(year + 3) if link else None,
        "evidence": None,
        "paragraph": None,
    }


def test_no_evidence_only_for_an_inspection_that_was_followed_up():
    from cskg.lookup.accountability import follow_up
    from cskg.lookup.render import render_follow_up

    rows = [
        _row("csd:i/2014", 2014, 1),
        _row("csd:i/2014", 2014, 2),  # nobody looked: no links at all
        _row("csd:i/2018", 2018, 1, link="csd:i/2018/improvement/1/follow-up/1"),
        _row("csd:i/2018", 2018, 2),  # looked, found nothing
        _row("csd:i/2022", 2022, 1),
    ]  # newest: nothing later yet
    got = {(a["year"], a["number"]): (a["status"], a["assessed"]) for a in follow_up(_Rows(rows))}
    assert got == {
        (2014, 1): (None, False),
        (2014, 2): (None, False),
        (2018, 1): ("addressed", True),
        (2018, 2): ("no-evidence", True),
        (2022, 1): (None, False),
    }
    text = render_follow_up(follow_up(_Rows(rows)))
    assert "2014/1 not followed up (no follow-up was worked out" in text
    assert "2022/1 not followed up yet (no later inspection)" in text


def test_follow_up_says_whose_areas_they_are(kg):
    """On a store of many councils, without --authority the answer is the embedded council's: it says so."""
    from cskg.lookup.render import render_follow_up

    rows = kg.follow_up()
    assert rows and {a["council"] for a in rows} == {"Rotherham Metropolitan Borough Council"}
    assert render_follow_up(rows).splitlines()[0].startswith("Rotherham Metropolitan Borough Council: each")
    assert all(len(line) <= 80 for line in render_follow_up(rows).splitlines())
