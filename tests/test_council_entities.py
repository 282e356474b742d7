"""One council's discovered entities across its reports: one label each, and sentences linked across reports."""

from __future__ import annotations

from cskg.graph.council_entities import EntityFact, SentenceFact, choose_label, cross_links, entity_quads
from cskg.graph.writer import Lit, QuadWriter
from cskg.namespace import cs, rdfs, skos

EDGE = "https://w3id.org/cskg/id/entity/barnsley/edge-of-care-team"
HUB = "https://w3id.org/cskg/id/entity/barnsley/multi-agency-safeguarding-hub"


def test_the_label_is_the_spelling_most_reports_write():
    assert choose_label(("Edge of Care Team", "Edge of care team", "Edge of care team")) == "Edge of care team"
    assert choose_label(("MASH", "Multi-agency safeguarding hub")) == "Multi-agency safeguarding hub"
    # a tie goes to the longer, then the first alphabetically: the same answer whatever the order
    assert choose_label(("Awaken team", "Awaken Team")) == choose_label(("Awaken Team", "Awaken team")) == "Awaken Team"
    # one report's "virtual school team" and another's "virtual school" are one unit, named as its identifier is
    assert choose_label(("Virtual school team", "Virtual school"), "virtual-school") == "Virtual school"


def test_one_label_aliases_and_type_for_each_entity():
    w = QuadWriter()
    w.use("https://w3id.org/cskg/id/graph/council/barnsley")
    entity_quads(
        w, [EntityFact(HUB, ("Multi-agency safeguarding hub", "MASH", "Multi-agency safeguarding hub"))], "Barnsley"
    )
    by_predicate = {}
    for _subject, p, o, _graph in w.quads:
        by_predicate.setdefault(p, []).append(o)
    assert by_predicate[rdfs.label] == [Lit("Multi-agency safeguarding hub (Barnsley)")]
    assert by_predicate[skos.prefLabel] == [Lit("Multi-agency safeguarding hub")]
    assert by_predicate[skos.altLabel] == [Lit("MASH")]
    assert by_predicate[cs.serviceType] == [cs.FrontDoor]


def test_a_sentence_naming_another_reports_unit_is_linked_to_it():
    entities = [EntityFact(EDGE, ("Edge of care team",)), EntityFact(HUB, ("Multi-agency safeguarding hub", "MASH"))]
    finding = "https://w3id.org/cskg/id/document/barnsley-2019/p/4/s/2"
    minutes = "https://w3id.org/cskg/id/document/barnsley-minutes/b/3/s/1"
    sentences = [
        SentenceFact(
            finding, "Referrals to the MASH are screened promptly by the edge of care team.", True, frozenset({EDGE})
        ),
        SentenceFact(minutes, "Members asked about the multi-agency safeguarding hub.", False, frozenset()),
        SentenceFact(finding + "x", "Nothing named here.", True, frozenset()),
    ]
    w = QuadWriter()
    assert cross_links(w, entities, sentences) == 2
    links = {(s, p, o) for s, p, o, _ in w.quads}
    assert links == {(finding, cs.mentions, HUB), (finding, cs.about, HUB), (minutes, cs.mentions, HUB)}


def test_a_one_word_name_is_not_looked_for_in_other_reports():
    # "Horizons" found as "Horizons" in one report is too likely an ordinary word elsewhere.
    w = QuadWriter()
    assert (
        cross_links(
            w, [EntityFact(EDGE, ("Horizons",))], [SentenceFact("x:s", "New horizons open.", True, frozenset())]
        )
        == 0
    )


def test_a_spelling_two_entities_share_links_to_both():
    """Minutes that discover "LADO service" as a unit of its own still reach the report's LADO entity."""
    report_lado = "https://w3id.org/cskg/id/entity/shropshire/local-authority-designated-officer-service"
    minutes_lado = "https://w3id.org/cskg/id/entity/shropshire/lado"
    entities = [
        EntityFact(report_lado, ("Local authority designated officer service", "LADO service", "LADO")),
        EntityFact(minutes_lado, ("LADO service",)),
    ]
    sentence = "https://w3id.org/cskg/id/document/shropshire-panel-minutes/b/4/s/1"
    said = "The panel heard that the LADO service had received 40 referrals."
    w = QuadWriter()
    assert cross_links(w, entities, [SentenceFact(sentence, said, False, frozenset({minutes_lado}))]) == 1
    assert {(s, p, o) for s, p, o, _ in w.quads} == {(sentence, cs.mentions, report_lado)}
