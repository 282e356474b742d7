"""Entity matching: names found, ordinary words not mistaken for services."""

from __future__ import annotations

import pytest
from conftest import ROOT

from cskg.extract.mentions import EntityMatcher
from cskg.extract.register import load_register


@pytest.fixture(scope="module")
def matcher():
    return EntityMatcher(list(load_register(ROOT / "data" / "register.yaml").entities.values()))


def ids(matcher, text):
    return [m.entity for m in matcher.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Children's plans are developed using restorative practice that empowers them, so they are central.",
        "Evidence-based programmes and community resources engage families and empower them to make sustained change.",
        "Empower them to make sustained change.",
        "A transformation programme provides a collective focus to this improvement journey.",
        "The Council emphasises that improvement is a continuing journey.",
        "Leaders act on their views, so that policy and practice evolve to meet their needs.",
        "Services must evolve quickly.",
    ],
)
def test_ordinary_words_are_not_services(matcher, text):
    assert not {"empower", "journey-hub", "evolve"} & set(ids(matcher, text))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The 'Journey' hub is a valued and well-resourced centre.", "journey-hub"),
        ("The Commission were encouraged to visit The Journey to view first-hand the events.", "journey-hub"),
        ("The Evolve team works proactively with children.", "evolve"),
        ("Evolve workers use a range of tools.", "evolve"),
        ("The Empower therapeutic team provides consultations.", "empower"),
        ("The multi agency safeguarding hub provides a timely response.", "mash"),
        ("The MULTI-AGENCY SAFEGUARDING HUB (MASH) provides a timely response.", "mash"),
    ],
)
def test_names_are_found_case_hyphen_and_quote_insensitively(matcher, text, expected):
    assert expected in ids(matcher, text)


def test_longest_name_wins(matcher):
    found = ids(matcher, "The MASH baby clinic plays a vital role.")
    assert "mash-baby-clinic" in found and "mash" not in found
