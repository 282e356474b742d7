"""Weakness and mention extraction measured against the hand-annotated set.

The annotations (tests/fixtures/annotations/) were written by reading the two
reports, independently of the rules.  Precision and recall are printed and
must both be at least 0.85.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES, ROOT, SOURCES

from cskg.extract.facts import document_facts
from cskg.extract.polarity import improved_since_last_inspection, polarity
from cskg.extract.register import load_register
from cskg.parse.report import parse_report

REPORTS = ["ofsted-ilacs-rotherham-2025.txt", "ofsted-ilacs-rotherham-2022.txt"]


def _scores(pairs):
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if p and not g)
    fn = sum(1 for g, p in pairs if g and not p)
    return tp / (tp + fp), tp / (tp + fn)


def _sentence_labels(key, predict):
    gold = yaml.safe_load((FIXTURES / "annotations" / "polarity.yaml").read_text(encoding="utf-8"))
    pairs = []
    for file in REPORTS:
        report = parse_report((SOURCES / file).read_text(encoding="utf-8"), file)
        marked = gold[file].get(key) or {}
        for para in report.paragraphs:
            if para.number is None or para.kind != "paragraph":
                continue
            for s in para.sentences:
                pairs.append((any(s.text.startswith(x) for x in marked.get(para.number, [])), predict(s.text)))
    return pairs


def test_weakness_precision_and_recall():
    p, r = _scores(_sentence_labels("weaknesses", lambda t: polarity(t) == "weakness"))
    print(f"\nweakness precision {p:.3f} recall {r:.3f}")
    assert p >= 0.85 and r >= 0.85


def test_improved_since_last_inspection_precision_and_recall():
    p, r = _scores(_sentence_labels("improved", improved_since_last_inspection))
    print(f"\nimproved-since precision {p:.3f} recall {r:.3f}")
    assert p >= 0.85 and r >= 0.85


def test_mention_precision_and_recall():
    gold = yaml.safe_load((FIXTURES / "annotations" / "entities.yaml").read_text(encoding="utf-8"))
    register = load_register(ROOT / "data" / "register.yaml")
    tp = fp = fn = 0
    for file in REPORTS:
        report = parse_report((SOURCES / file).read_text(encoding="utf-8"), file)
        for facts in document_facts(report, register):
            para = facts.paragraph
            if para.number is None or para.kind != "paragraph":
                continue
            want = set(gold[file]["paragraphs"].get(para.number) or [])
            got = set(facts.mentions)
            tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"\nmention precision {p:.3f} recall {r:.3f}")
    assert p >= 0.85 and r >= 0.85


def test_caveat_sentence_is_a_weakness():
    assert (
        polarity("While risk is well recognised, assessment tools are not consistently used to support analysis.")
        == "weakness"
    )


# Short sentences of the kinds the rules of a fourth reading (mixed sentences in reports outside the labelled
# sets) are for, written for these tests: each weakness was missed before its rule, each non-weakness is a use of
# the same words that must stay out.
RULE_CASES = [
    # caveats in words no rule knew
    ("Support for care leavers is provided on an ad hoc basis.", True),
    ("Plans are well written, but there is an over-reliance on agency staff.", True),
    ("The new team was created at the expense of the duty service.", True),
    ("A few children experience prolonged periods in pre-proceedings.", True),
    ("Some cases are closed prematurely.", True),
    ("Some work is good, while other work is less so.", True),
    ("Many children continue to wait for a permanent home.", True),
    ("Staff shortages have reduced the time managers have for supervision.", True),
    ("No system is in place to track the actions from audits.", True),
    ("Leaders know that the pace of change needs to accelerate.", True),
    ("The council acknowledges that it needs to listen more to children.", True),
    ("Foster carers say that they were deterred by the paperwork.", True),
    ("Procedures for private fostering are out of date.", True),
    ("Involving parents more fully would strengthen these plans.", True),
    ("Conferences are sometimes held slightly late.", True),
    ("The work is still in its early stages.", True),
    # a contrast with a low figure, unless what is low is itself bad
    ("The scheme is valued, but the number of carers taking part is still low.", True),
    ("The service is stable, and turnover remains low.", False),
    ("Staff are experienced, although their caseloads are low.", False),
    # consequences stated as a rise in pressure, repeat work, a risk, an absence
    ("This has led to a high volume of referrals.", True),
    ("A significant number of children are subject to repeat referrals.", True),
    ("When children are subject to repeat plans, senior managers review the reasons.", False),
    ("The fragility of the workforce presents a risk to the improvement plan.", True),
    ("Social workers carefully consider the presenting risks.", False),
    ("The absence of a single tracking process means that actions are lost.", True),
    ("Concerns about the absence of a child from school are followed up.", False),
    ("Management oversight was less than good in half of the audits.", True),
    ("No child is placed in provision that is less than good.", False),
    ("A few children return home in a sudden and unplanned way.", True),
    ("Meetings are held when there is a risk of a placement ending in an unplanned way.", False),
    ("For a small number of children, police act unilaterally.", True),
    ("Late planning for transition causes anxiety.", True),
    # frequency and completeness words
    ("Plans are detailed but are rarely updated.", True),
    ("Unregistered homes are rarely used.", False),
    ("The needs of younger children are sometimes lost.", True),
    ("When contact is lost, advisers work hard to find the young person.", False),
    ("It often takes a long time to find a permanent home.", True),
    ("Supervision is regular but mostly task-focused.", True),
    ("Progress across teams has been uneven.", True),
    ("The strategy remains a long way from delivery.", True),
    ("Children are visited even when they live a long way from home.", False),
    ("There remains a need for more foster carers.", True),
    ("Children return home without purposeful work with their parents.", True),
    ("Very few children take part in their reviews.", True),
    ("Few complaints are received from parents.", False),
    ("Few children are placed outside the area.", False),
    ("Some children have experienced multiple disruptions to their care.", True),
    ("The rate of visits is showing a small decline.", True),
    ("Inspectors identified some issues with police attendance.", True),
    ("There is still further work needed on pathway plans.", True),
    # fixes of rules that hid a caveat or made one
    ("Efforts to address this have not had sufficient impact.", True),
    ("For a few children, delay is not always purposeful.", True),
    ("Evaluation is strong and shows leaders where services need to improve.", False),
    ("Leaders respond quickly to identified deficits in practice.", False),
    ("Children are well supported, and those who do not attend school are known.", False),
    # the fifth reading (the second dev batch): "without", slowness, what a shortfall affected, plain negative words,
    # a negation after an adverb, waits counted in days or weeks, repeated contacts, what remains to be done
    ("Some cases are held for days without a decision being made.", True),
    ("This leaves young people without the help they need.", True),
    ("Referrals are screened without delay.", False),
    ("Care plans are agreed without the need for further assessment.", False),
    ("There is no child in foster care without a life story book.", False),
    ("Most children without a school place receive tuition at home.", False),
    ("Care leavers are helped to manage without a personal adviser.", False),
    ("This slows progress towards permanence.", True),
    ("Changes in staffing have affected children's opportunities to build relationships.", True),
    ("Social workers address issues that are affecting children's progress at school.", False),
    ("Some care leavers live in inappropriate accommodation.", True),
    ("Fewer children now come into care inappropriately.", False),
    ("This practice is contrary to statutory guidance.", True),
    ("The distance made it impossible for the sisters to meet.", True),
    ("Two young people were unhappy with where they live.", True),
    ("Return interviews are currently not effective.", True),
    ("Some children wait up to six weeks to be seen.", True),
    ("A few children experience repeated contacts before they get help.", True),
    ("Some relatives remain to be assessed.", True),
    ("Early help is easy to reach, and very few families receive a joint assessment.", True),
    ("As a result, some children are experiencing anxiety about their future.", True),
    ("Direct work reduces anxiety for children.", False),
    # good news and history in a shortfall's words
    ("No children are living in unregistered homes.", False),
    ("In most cases delays are not excessive.", False),
    ("Life-story work helps children understand why they cannot live at home.", False),
    ("The number of changes of social worker that children experience has reduced.", False),
    ("Managers challenge poor practice robustly.", False),
    ("Leaders focus on the areas in which improvement is needed.", False),
    ("Until recently, planning for permanence was underdeveloped.", False),
    # a negated fear is boldness, and still no cover for a caveat beside it
    ("Leaders are not afraid to make difficult decisions.", False),
    ("Managers are not afraid to challenge, but plans are not updated.", True),
    ("The focused visit in March 2023 found serious delays in the front door.", False),
    ("Allegations of abuse or poor practice by carers are not always followed up.", True),
    ("Allegations of abuse or poor practice by staff, carers and volunteers are managed well.", False),
    ("Inspectors saw children for whom a lack of planning led to delay.", True),
    # a second read's counter-examples: "without" what nobody needs, a prediction, a shortfall being dealt with,
    # a council's own recent review
    ("Children are seen alone, without their parents present.", False),
    ("Care leavers can drop in without an appointment.", False),
    ("Foster carers can access respite without going to panel.", False),
    ("Social workers visit children unannounced, without notice, to check on them.", False),
    ("Partner agencies are managing situations without social work support.", True),
    ("The new recording system would strengthen oversight of plans.", False),
    ("Managers return inappropriate referrals to partners, which has reduced demand.", False),
    ("Children are placed in inappropriate homes far from their families.", True),
    ("A review in 2025 found that many plans lack clear actions.", True),
    # the condition a service acts on is no shortfall of its own; the service's own shortfall still is
    ("The virtual school presses schools where support is not good enough, or when pupils are not in class.", False),
    ("Reviewing officers escalate concerns when plans are not progressing.", False),
    ("Reviewing officers escalate concerns WHEN plans are not progressing.", False),  # the rules ignore case
    ("Managers do not challenge when plans are not progressed.", True),
    ("Leaders respond when audits are poor, but actions are not followed up.", True),
    ("The threshold for escalating concerns when neglect is long-standing is too high.", True),
    ("Some children stayed under the Children Act 1989 for too long when proceedings were needed.", True),
    ("This is a particular challenge when families do not engage.", True),
    ("The rota offers no opportunity for independent challenge when carers make poor decisions.", True),
    # a word of manner between the verb and its condition is the service's own shortfall; so is what follows
    # "and"; and a recommendation asks for what is missing
    ("Managers act too late when risks to children increase.", True),
    ("Partners respond inconsistently when children go missing.", True),
    ("Managers challenge when practice is weak and this is not recorded on children's files.", True),
    ("Ensure that there is appropriate challenge when deficits in practice are identified.", True),
]


@pytest.mark.parametrize("sentence, weak", RULE_CASES)
def test_rules_of_the_fourth_reading(sentence, weak):
    assert (polarity(sentence) == "weakness") is weak, sentence
