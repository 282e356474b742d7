"""Weakness and mention extraction measured against the hand-annotated set.

The annotations (tests/fixtures/annotations/) were written by reading the two
reports, independently of the rules.  Precision and recall are printed and
must both be at least 0.85.
"""

from __future__ import annotations

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
