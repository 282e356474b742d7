"""Sentence polarity and improved-since-last-inspection on councils other than Rotherham.

tests/fixtures/annotations/polarity-heldout.yaml annotates ~900 sentences of nine
reports (ILACS and SIF, grades from inadequate to outstanding) by the rules of
polarity.yaml.  Its ``dev`` councils were used while writing the rules; its
``test`` councils were only measured, so their figures are the honest estimate
of how the rules do on unseen councils.  The floors below are figures the rules
actually reach, with a small margin, so a rule change that loses recall or
precision elsewhere fails here.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES, SOURCES

from cskg.extract.polarity import improved_since_last_inspection, polarity, weakness_cue
from cskg.parse.report import parse_report

GOLD = yaml.safe_load((FIXTURES / "annotations" / "polarity-heldout.yaml").read_text(encoding="utf-8"))


def _in_scope(number, ranges) -> bool:
    return number is not None and any(lo <= number <= hi for lo, hi in ranges)


def heldout_sentences(part: str):
    """(file, paragraph number, sentence text, is weakness, is improved) for one part of the set."""
    rows = []
    for file, entry in GOLD.items():
        if entry["part"] != part:
            continue
        report = parse_report((FIXTURES / entry["dir"] / file).read_text(encoding="utf-8"), file)
        weak, improved = entry.get("weaknesses") or {}, entry.get("improved") or {}
        count = 0
        for para in report.paragraphs:
            if para.kind != "paragraph" or not _in_scope(para.number, entry["paragraphs"]):
                continue
            for s in para.sentences:
                count += 1
                rows.append(
                    (
                        file,
                        para.number,
                        s.text,
                        any(s.text.startswith(x) for x in weak.get(para.number, [])),
                        any(s.text.startswith(x) for x in improved.get(para.number, [])),
                    )
                )
        assert count == entry["sentences"], (
            f"{file}: parser now gives {count} sentences in scope, not {entry['sentences']}"
        )
    return rows


def _scores(pairs):
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if p and not g)
    fn = sum(1 for g, p in pairs if g and not p)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def measure(part: str):
    """Weakness and improved precision/recall on one part of the held-out set."""
    rows = heldout_sentences(part)
    weak = _scores([(w, polarity(t) == "weakness") for _, _, t, w, _ in rows])
    imp = _scores([(i, improved_since_last_inspection(t)) for _, _, t, _, i in rows])
    return rows, weak, imp


def test_every_annotated_prefix_matches_a_sentence():
    for file, entry in GOLD.items():
        report = parse_report((FIXTURES / entry["dir"] / file).read_text(encoding="utf-8"), file)
        texts = {}
        for para in report.paragraphs:
            if para.kind == "paragraph" and _in_scope(para.number, entry["paragraphs"]):
                texts.setdefault(para.number, []).extend(s.text for s in para.sentences)
        for key in ("weaknesses", "improved"):
            for number, prefixes in (entry.get(key) or {}).items():
                for prefix in prefixes:
                    hits = [t for t in texts.get(number, []) if t.startswith(prefix)]
                    assert len(hits) == 1, f"{file} {key} paragraph {number}: {prefix!r} matches {len(hits)} sentences"


# Measured when the rules were last changed (issue 14, national set): dev weakness P 1.000 R 1.000,
# improved P 1.000 R 1.000; test weakness P 0.962 R 0.911, improved P 1.000 R 1.000 (before: dev
# 1.000/0.994, test 0.967/0.869; before the held-out rules: dev 0.946/0.809 and 0.800/0.800, test
# 0.962/0.744 and 0.889/0.800).  The test part has only 10 improved sentences, so its improved floor
# allows two misses.
@pytest.mark.parametrize("part, weak_floor, improved_floor", [("dev", 0.95, 0.90), ("test", 0.85, 0.80)])
def test_heldout_precision_and_recall(part, weak_floor, improved_floor):
    rows, (wp, wr), (ip, ir) = measure(part)
    print(
        f"\n{part}: {len(rows)} sentences; weakness precision {wp:.3f} recall {wr:.3f}; "
        f"improved-since precision {ip:.3f} recall {ir:.3f}"
    )
    assert wp >= weak_floor and wr >= weak_floor
    assert ip >= improved_floor and ir >= improved_floor


# Rule families, each shown on real sentences from the fixtures (looked up by file, paragraph
# number and sentence prefix, so the examples are the parser's sentences, not retyped text).
# Councils of the held-out test part are deliberately not used here.
_SENTENCE_CACHE: dict[str, dict[int, list[str]]] = {}


def _sentence(path: str, number: int, prefix: str) -> str:
    if path not in _SENTENCE_CACHE:
        base = SOURCES if path.startswith("sources/") else FIXTURES
        file = path.split("/", 1)[1] if path.startswith("sources/") else path
        report = parse_report((base / file).read_text(encoding="utf-8"), file.rsplit("/", 1)[-1])
        table: dict[int, list[str]] = {}
        for para in report.paragraphs:
            if para.number is not None and para.kind == "paragraph":
                table.setdefault(para.number, []).extend(s.text for s in para.sentences)
        _SENTENCE_CACHE[path] = table
    hits = [t for t in _SENTENCE_CACHE[path].get(number, []) if t.startswith(prefix)]
    assert len(hits) == 1, f"{path} paragraph {number}: {prefix!r} matches {len(hits)} sentences"
    return hits[0]


LIV = "reports/sif-2014-lscb-liverpool.txt"
WAR = "reports/ilacs-2025-nolead-warwickshire.txt"
BRENT = "reports/ilacs-2018-early-brent.txt"
KENT = "reports/lac-2013-kent.txt"
CUMB = "reports/ilacs-2024-standard-cumberland.txt"
KNOW = "heldout/ilacs-2025-knowsley.txt"
BCP = "heldout/ilacs-2025-bcp.txt"
WAKE = "heldout/ilacs-2025-wakefield.txt"
ROT25 = "sources/ofsted-ilacs-rotherham-2025.txt"
ROT22 = "sources/ofsted-ilacs-rotherham-2022.txt"

WEAKNESS_CASES = [
    # absence of something that should exist
    ("absence", LIV, 17, "There is no monitoring system in place", True),
    ("absence", KNOW, 61, "There is an absence of effective scrutiny", True),
    ("absence", KNOW, 14, "While some children have well-thought-out work", True),
    ("absence", LIV, 2, "“Performance management within Children’s Social Care is underdeveloped", True),
    ("absence", BRENT, 22, "For this reason, there have been no tenancy breakdowns.", False),
    ("absence", LIV, 151, "There are no care leavers living in bed and breakfast", False),
    # decline and failure
    ("decline", KNOW, 1, "The quality of services for children who need help and protection has declined", True),
    ("decline", KNOW, 1, "There are serious failures across children’s services", True),
    ("decline", KNOW, 54, "There has been a failure to ensure the adoption", True),
    ("decline", KENT, 11, "The Safeguarding and Looked after Children (SLAC) inspection", False),
    # not known, not assessed, not done
    ("unknown", LIV, 9, "The local authority was unaware that referrals", True),
    ("unknown", KNOW, 5, "Information received during the inspection identified further unassessed", True),
    ("unknown", WAR, 16, "Some children who are subject to child protection planning have come into care", True),
    ("unknown", KNOW, 9, "Parental capacity and information from those people", True),
    ("unknown", LIV, 71, "This leads to unnecessary work in the already very busy team.", True),
    ("unknown", ROT22, 21, "Leaders use a variety of agencies and information to find children who are missing", False),
    ("unknown", BCP, 42, "Decisions are made alongside young people, carefully balanced", False),
    # variation and persistence
    ("variation", LIV, 72, "Domestic abuse notifications to Careline vary in quality", True),
    ("variation", LIV, 75, "Caseloads vary from 29 to 45", True),
    ("persistence", WAR, 58, "This remains an issue for some children.", True),
    ("persistence", WAR, 58, "Oversight and decision-making for children living in unapproved placements", False),
    # something still needed
    ("needed", LIV, 5, "The local authority needs to work with partner agencies to improve", True),
    ("needed", KNOW, 55, "The DCS has rightly acknowledged that there is a need for further cultural change", True),
    ("needed", ROT25, 1, "The rapid allocation of early help workers is providing swift interventions", False),
    ("needed", CUMB, 67, "Dashboards and performance clinics are providing managers with the information", False),
    ("needed", BRENT, 17, "Where needs escalate, children and young people are promptly triaged", False),
    # consequences for children
    ("consequence", KNOW, 10, "This leaves children in potentially ongoing harmful situations.", True),
    ("consequence", KNOW, 1, "Disabled children have been left in unsafe and unassessed situations", True),
    ("consequence", KNOW, 4, "This acts as a barrier to children getting the right help", True),
    ("consequence", WAR, 59, "This could well make it difficult for children to tell", True),
    ("consequence", WAR, 24, "This could affect children’s ability to understand", True),
    ("consequence", ROT22, 48, "They also recently undertook a joint performance review", False),
    ("consequence", BRENT, 19, "Care leavers are surrounded by strong support networks", False),
    ("consequence", WAKE, 23, "This includes panels whose mechanisms provide effective management oversight", False),
    # staffing instability
    ("staffing", KNOW, 56, "Leaders confirmed that the churn of social workers", True),
    (
        "staffing",
        KNOW,
        27,
        "Some children in care, including disabled children, have experienced frequent changes",
        True,
    ),
    ("staffing", WAR, 28, "Changes of social workers have affected engagement", True),
    # "too" + an adverse degree, and its harmless uses
    ("too", KNOW, 41, "While PAs are allocated before children reach 18, contact is too infrequent", True),
    ("too", WAR, 3, "Here, too, management oversight at key points", False),
    ("too", LIV, 68, "Feedback about the newly formed family support ‘team around the schools’ is positive", False),
    # children living in unregistered homes, stated as a finding (not leaders' oversight of them)
    ("unregistered", WAR, 24, "A small but significant number of children live in unregistered", True),
    ("unregistered", WAKE, 36, "Senior leaders have good oversight of the arrangements", False),
    # fixes, responses, conditions and mitigations are not weaknesses
    ("fix", WAR, 17, "This helps to reduce delays for children when care proceedings are issued.", False),
    ("fix", BCP, 58, "Work is now under way with local providers to address existing gaps", False),
    ("fix", KNOW, 33, "Viability assessments of family members are completed promptly", False),
    ("fix", LIV, 116, "A database is currently in development to address this shortfall.", False),
    ("response", KNOW, 12, "Senior leaders identified this in their self-assessment", False),
    ("response", CUMB, 18, "Leaders are aware of these shortfalls in practice", False),
    ("condition", WAR, 19, "If they cannot remain in their family network", False),
    ("condition", WAKE, 48, "Care leavers can access specialist workers for emotional health", False),
    ("neet", BCP, 44, "The impact of this joined-up approach and improved stability", False),
    ("neet", KNOW, 49, "Approximately half of young people aged 19 to 21 are not in education", True),
    ("mitigation", LIV, 73, "However, in those cases seen by inspectors where there was delay", False),
    ("mitigation", LIV, 79, "Whilst no children were identified by inspectors as currently unsafe", True),
]


@pytest.mark.parametrize(
    "family, path, number, prefix, weak",
    WEAKNESS_CASES,
    ids=[f"{c[0]}-{c[1].split('/')[-1][:14]}-{c[2]}-{'weak' if c[4] else 'not'}" for c in WEAKNESS_CASES],
)
def test_weakness_rule_families(family, path, number, prefix, weak):
    sentence = _sentence(path, number, prefix)
    assert (polarity(sentence) == "weakness") is weak, f"{family}: cue {weakness_cue(sentence)!r} in {sentence!r}"


IMPROVED_CASES = [
    # a new service, a halving, a transformed service: change words beyond "improved"
    (WAKE, 41, "These services are new initiatives since the last inspection", True),
    (WAKE, 69, "Since the last inspection, the number of children living at a distance from home has halved", True),
    (BCP, 53, "Partners have described a positively transformed service, unrecognisable", True),
    # an improvement with a caveat is still an improvement (and also a weakness)
    (WAKE, 44, "Despite strengths and improvements since the last inspection", True),
    # the old finding, a decline, no progress, a state that merely continued: not improvements
    (WAR, 58, "Oversight and decision-making for children living in unapproved placements", False),
    (WAKE, 50, "The assessment of and response to risk for vulnerable care leavers was identified", False),
    (KNOW, 54, "Since the last inspection in October 2021, when Knowsley was judged", False),
    (WAR, 62, "Partnership working was identified as a strength at the last inspection", False),
    (ROT25, 49, "Since the last inspection in 2022, there has been sustained", False),
]


@pytest.mark.parametrize(
    "path, number, prefix, improved",
    IMPROVED_CASES,
    ids=[f"{c[0].split('/')[-1][:14]}-{c[1]}-{'improved' if c[3] else 'not'}" for c in IMPROVED_CASES],
)
def test_improved_since_last_inspection_cases(path, number, prefix, improved):
    assert improved_since_last_inspection(_sentence(path, number, prefix)) is improved


def test_caveated_improvement_is_both_improved_and_a_weakness():
    sentence = _sentence(WAKE, 44, "Despite strengths and improvements since the last inspection")
    assert improved_since_last_inspection(sentence) and polarity(sentence) == "weakness"
