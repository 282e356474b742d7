"""What counts as an action in a council document's sentence (``extract.commitments.classify``).

Each case is a sentence shape, not one council's wording; the counter-cases keep the rule from
swallowing the commitments beside it.
"""

from __future__ import annotations

import pytest

from cskg.extract.commitments import classify


@pytest.mark.parametrize(
    "sentence",
    [
        # what happened at the meeting itself
        "The Chair invited the Executive Director to deliver her presentation which covered:-",
        "The Committee invited the Head of Service to introduce the report.",
        # a verb inside "how" or "whether", a few words on
        "Some plans do not reflect the complexity of needs or how these will affect the children.",
        # "to" that is no infinitive after "For ..."
        "For children looked after, assessments are not always up to date and some are late.",
        # a promise told as history
        "I said at that time that we would do everything we could to make our services the best.",
    ],
)
def test_not_an_action(sentence):
    assert classify(sentence) is None


@pytest.mark.parametrize(
    "sentence, owner",
    [
        ("The Committee invited the Director to present an update at the next meeting.", "the Director"),
        ("The Director said that the service would review the policy by March.", "the service"),
        ("For officers to report back to the committee in March.", None),
        ("Members asked how the reshape would work and the Acting Director agreed to provide details.", None),
    ],
)
def test_still_an_action(sentence, owner):
    found = classify(sentence)
    assert found is not None and found[0] == "planned"
    if owner:
        assert found[1] == owner


@pytest.mark.parametrize(
    "sentence",
    [
        # a past promise refuses only what it promised, not the clause that commits now
        "We said we would report back and we will do so in March.",
        "We will deliver everything we said we would in the improvement plan.",
        "Last year we said we would recruit 50 social workers; we have now recruited 40 and will recruit the rest.",
        # an invitation that looks ahead, or a commitment after the meeting's own course
        "The Committee invited the Director to present a revised plan to Cabinet in March.",
        "The Committee invited officers to give a further update in six months.",
        "The Chair invited the Director to present the report, and officers agreed to circulate the figures.",
        # "if" opening the sentence is a condition on a commitment, not a question
        "If approved, officers will publish the plan in March.",
        "If so officers will report back.",
    ],
)
def test_a_commitment_beside_the_refused_shapes_stays(sentence):
    assert classify(sentence) is not None
