"""The council-level pass as a plain function: one council's facts in, its derived graph's quads out (issue 15).

Facts are written by hand here (a made-up council, "testshire"), so each
link the pass makes, or refuses to make, is checked against a case a reader
can judge.
"""

from __future__ import annotations

from datetime import date

from cskg.graph.council import (
    ADDRESSES_THRESHOLD,
    ActionFact,
    AreaFact,
    CouncilFacts,
    FindingFact,
    InspectionFact,
    council_quads,
)
from cskg.iris import council_graph_iri
from cskg.namespace import cs, rdf

I = "https://w3id.org/cskg/id/inspection/testshire/"  # noqa: E741
REPORT_2019 = I + "2019"
REPORT_2022 = I + "2022"
CITED = I + "cited/testshire-news"
DOC = "https://w3id.org/cskg/id/document/testshire-news"
MINUTES = "https://w3id.org/cskg/id/document/testshire-minutes"


def _facts(**more) -> CouncilFacts:
    facts = CouncilFacts(
        "testshire",
        [
            InspectionFact(REPORT_2019, 2019, date(2019, 3, 1), reported=True, grades=(("overall", "inadequate"),)),
            InspectionFact(REPORT_2022, 2022, date(2022, 6, 10), reported=True, grades=(("overall", "good"),)),
        ],
    )
    facts.areas = [
        AreaFact(
            REPORT_2019 + "/improvement/1",
            REPORT_2019,
            1,
            "The quality and timeliness of pathway plans for care leavers.",
            quote="The quality and timeliness of pathway plans for care leavers.",
            start=100,
            end=160,
            file="testshire-2019.txt",
        ),
        AreaFact(
            REPORT_2022 + "/improvement/1",
            REPORT_2022,
            1,
            "The sufficiency of local placement options for children in care.",
            quote="The sufficiency of local placement options for children in care.",
            start=200,
            end=265,
            file="testshire-2022.txt",
        ),
    ]
    facts.findings = [
        FindingFact(
            REPORT_2022 + "/f1",
            REPORT_2022,
            "Since the last inspection, pathway plans for care leavers are timely and of good quality.",
            300,
            389,
            "testshire-2022.txt",
            "strength",
            improved=True,
        ),
        FindingFact(
            REPORT_2022 + "/f2",
            REPORT_2022,
            "Most children live in stable homes close to their families.",
            400,
            459,
            "testshire-2022.txt",
            "strength",
        ),
    ]
    for key, value in more.items():
        setattr(facts, key, value)
    return facts


def _links(w, kind: str) -> list[dict]:
    nodes = {q[0] for q in w.quads if q[1] == rdf.type and q[2] == kind}
    out = []
    for node in sorted(nodes):
        props: dict = {}
        for s, p, o, _ in w.quads:
            if s == node:
                props.setdefault(p.rsplit("#", 1)[-1], []).append(o if isinstance(o, str) else o.value)
        out.append(props)
    return out


def test_every_quad_is_in_the_council_s_own_graph():
    w = council_quads(_facts())
    assert w.quads and {q[3] for q in w.quads} == {council_graph_iri("testshire")}


def test_an_earlier_area_is_followed_to_the_next_report_s_evidence_with_quote_score_and_reason():
    (link, *_) = _links(council_quads(_facts()), cs.FollowUp)
    assert link["followsUp"] == [REPORT_2019 + "/improvement/1"]
    assert link["evidence"] == [REPORT_2022 + "/f1"] and link["laterInspection"] == [REPORT_2022]
    assert link["followUpStatus"] == [cs.Addressed]  # a strength that says it improved
    assert link["quote"][0].startswith("Since the last inspection") and link["sourceFile"] == ["testshire-2022.txt"]
    assert (link["startOffset"], link["endOffset"]) == (["300"], ["389"])
    assert float(link["score"][0]) > 0 and "pathway" in link["basis"][0]


def test_the_newest_inspection_s_areas_are_not_followed_up_and_unrelated_findings_are_not_evidence():
    links = _links(council_quads(_facts()), cs.FollowUp)
    assert {x["followsUp"][0] for x in links} == {REPORT_2019 + "/improvement/1"}
    assert all(x["evidence"] != [REPORT_2022 + "/f2"] for x in links)


def test_a_weakness_of_the_next_report_says_the_area_was_raised_again():
    facts = _facts()
    facts.findings = [
        FindingFact(
            REPORT_2022 + "/f3",
            REPORT_2022,
            "Pathway plans for care leavers are still not timely and their quality varies.",
            500,
            577,
            "testshire-2022.txt",
            "weakness",
        )
    ]
    (link,) = _links(council_quads(facts), cs.FollowUp)
    assert link["followUpStatus"] == [cs.RaisedAgain]


def test_a_cited_inspection_is_matched_to_the_report_of_its_year_when_grades_agree():
    cited = InspectionFact(CITED, 2022, cited_in=DOC, cited_on=date(2022, 8, 1), grades=(("overall", "good"),))
    facts = _facts()
    facts.inspections.append(cited)
    w = council_quads(facts)
    assert (REPORT_2022, cs.sameInspectionAs, CITED, council_graph_iri("testshire")) in w.quads
    (match,) = _links(w, cs.InspectionMatch)
    assert match["linkFrom"] == [CITED] and match["linkTo"] == [REPORT_2022]
    assert match["score"] == ["1.00"] and match["basis"] == ["both of 2022; 1 of 1 grades agree"]


def test_one_inspection_two_documents_cite_and_no_report_is_is_one_inspection():
    """Two sets of minutes quoting one 2021 report the store does not hold: the first citing one stands for it."""
    march = InspectionFact(
        I + "cited/march", 2021, cited_in=DOC, cited_on=date(2022, 3, 1), grades=(("overall", "good"),)
    )
    july = InspectionFact(
        I + "cited/july", 2021, cited_in=MINUTES, cited_on=date(2022, 7, 1), grades=(("overall", "good"),)
    )
    other = InspectionFact(I + "cited/other", 2021, cited_in=MINUTES, grades=(("overall", "inadequate"),))
    facts = _facts()
    facts.inspections += [july, march, other]
    w = council_quads(facts)
    same = {(s, o) for s, p, o, _ in w.quads if p == cs.sameInspectionAs}
    assert same == {(march.iri, july.iri)}  # grades that disagree are another inspection's
    (match,) = _links(w, cs.InspectionMatch)
    assert match["linkFrom"] == [july.iri] and match["linkTo"] == [march.iri]


def test_a_cited_inspection_whose_grades_disagree_is_not_the_report():
    cited = InspectionFact(CITED, 2022, cited_in=DOC, grades=(("overall", "inadequate"),))
    facts = _facts()
    facts.inspections.append(cited)
    w = council_quads(facts)
    assert not any(q[1] == cs.sameInspectionAs for q in w.quads)


def test_a_cited_inspection_without_a_year_is_the_latest_report_before_the_document():
    cited = InspectionFact(CITED, None, cited_in=DOC, cited_on=date(2020, 1, 15), grades=(("overall", "inadequate"),))
    facts = _facts()
    facts.inspections.append(cited)
    (match,) = _links(council_quads(facts), cs.InspectionMatch)
    assert match["linkTo"] == [REPORT_2019] and "latest reported inspection before" in match["basis"][0]


def _action(name: str, text: str) -> ActionFact:
    """An action of Testshire's minutes, said after its 2022 report."""
    return ActionFact(f"https://w3id.org/cskg/id/action/testshire/{name}", text, MINUTES, date(2022, 9, 1))


def test_an_action_addresses_the_area_it_names_with_score_and_reason_and_not_an_unrelated_one():
    facts = _facts(
        actions=[
            _action("a1", "The Director will present a plan to increase the sufficiency of local placement options."),
            _action("a2", "The minutes of the last meeting were approved as a correct record."),
        ]
    )
    w = council_quads(facts)
    (link,) = _links(w, cs.AddressesLink)
    assert link["linkFrom"] == ["https://w3id.org/cskg/id/action/testshire/a1"]
    assert link["linkTo"] == [REPORT_2022 + "/improvement/1"]
    assert float(link["score"][0]) >= ADDRESSES_THRESHOLD
    assert "refers to the area in its own words" in link["basis"][0] and "sufficiency" in link["basis"][0]
    # Both actions answer the latest inspection reported before their meeting.
    responds = {(s, o) for s, p, o, _ in w.quads if p == cs.respondsTo}
    assert {o for _, o in responds} == {REPORT_2022} and len(responds) == 2


def test_one_word_in_common_and_nothing_else_is_no_link():
    """ "the November meeting" and "meet their needs", "Sue Foster" and "foster placements": a coincidence, however
    rare the word is among the council's areas; a second word, a practice theme or an entity makes a link."""
    facts = _facts(
        actions=[
            _action("vice-chair", "Election of a new Vice-Chairman be deferred until the sufficiency meeting."),
            _action("plan", "Officers will report on local placement sufficiency in March."),
        ]
    )
    # Among many areas one word shared with only one of them scores high on its own.
    facts.areas += [
        AreaFact(f"{REPORT_2022}/improvement/{n}", REPORT_2022, n, f"Practice area number {n} of the report.")
        for n in range(2, 14)
    ]
    links = _links(council_quads(facts), cs.AddressesLink)
    assert [link["linkFrom"] for link in links] == [["https://w3id.org/cskg/id/action/testshire/plan"]]


def test_an_action_said_before_any_report_answers_no_inspection():
    facts = _facts(
        actions=[
            ActionFact(
                "https://w3id.org/cskg/id/action/testshire/a0", "The Board will meet.", MINUTES, date(2018, 1, 1)
            )
        ]
    )
    assert not any(q[1] == cs.respondsTo for q in council_quads(facts).quads)


def test_the_pass_is_a_function_of_its_facts():
    assert council_quads(_facts()).nquads() == council_quads(_facts()).nquads()


def test_facts_read_from_a_store_carry_their_entities_and_themes(store_path):
    """The gathering queries give IRIs as lists: GROUP_CONCAT of an IRI without STR is an error, an empty list."""
    import pyoxigraph as ox
    from conftest import live

    from cskg.pipeline.council_pass import council_facts

    facts = council_facts(ox.Store.read_only(str(live(store_path) / "db")), "rotherham")
    assert facts.areas and any(a.themes for a in facts.areas) and any(a.entities for a in facts.areas)
    assert all(t.startswith("https://w3id.org/cskg/ontology#") for a in facts.areas for t in a.themes)
    assert facts.actions and any(a.concerns for a in facts.actions)
    assert facts.findings and any(f.about for f in facts.findings)


def test_workers_that_cannot_open_the_store_fail_the_pass_in_one_line(tmp_path, capfd):
    import pytest

    from cskg.errors import StoreError
    from cskg.pipeline.council_pass import KeptTexts, council_pass_in_workers

    with pytest.raises(StoreError) as err:
        council_pass_in_workers(tmp_path / "no-db", {"kent", "brent"}, KeptTexts(tmp_path, tmp_path), 2, "pass: ")
    assert "\n" not in str(err.value) and str(err.value).startswith("pass: cannot open the store copy")
    assert "Traceback" not in capfd.readouterr().err
