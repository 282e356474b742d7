"""Polarity on 46 councils' reports the rules were not written from: confusion table and floors.

tests/fixtures/annotations/polarity-national/ holds 2,979 findings sentences
of 46 councils (23 SIF, 23 ILACS; about a third each Inadequate, Requires
improvement and Good/Outstanding), labelled weakness, strength or context by
reading (README there).  ``dev`` councils were read error by error while the
rules were written and are the word model's training data; ``test`` councils
were only ever measured, so their figures are the honest estimate for a
council nobody tuned to.  Both tables are printed (pytest -s); the test part
must reach weakness precision and recall 0.9 and strength recall 0.85.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, NATIONAL_REPORTS, ROOT

from cskg.extract import polarity_model
from cskg.extract.polarity import polarity, polarity_by_rules
from cskg.parse.layout import SOFT_HYPHEN

NATIONAL = FIXTURES / "annotations" / "polarity-national"
LABELS = ("weakness", "strength", "context")


def _entries() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(NATIONAL.glob("*.yaml"))]


ENTRIES = _entries()


def national_sentences(part: str) -> list[tuple[str, int, str, str]]:
    """(council, paragraph, sentence as the parser gives it, label) of one part."""
    return [
        (e["council"], s["para"], s["text"].replace(SOFT_HYPHEN, "-"), s["label"])
        for e in ENTRIES
        if e["part"] == part
        for s in e["sentences"]
    ]


def confusion(rows, classify) -> Counter:
    """(gold label, predicted label) -> count."""
    return Counter((label, classify(text)) for _, _, text, label in rows)


def scores(table: Counter) -> dict[str, tuple[float, float]]:
    """Label -> (precision, recall)."""
    out = {}
    for c in LABELS:
        tp = table[c, c]
        predicted = sum(table[g, c] for g in LABELS)
        actual = sum(table[c, p] for p in LABELS)
        out[c] = (tp / max(predicted, 1), tp / max(actual, 1))
    return out


def report(title: str, table: Counter) -> str:
    """The confusion table (rows: the labels, columns: what the classifier said) and per-class figures."""
    lines = [title, "labelled / said".ljust(18) + "".join(f"{p:>10}" for p in LABELS)]
    lines += [f"{g:18}" + "".join(f"{table[g, p]:10d}" for p in LABELS) for g in LABELS]
    lines += [f"  {c:9} precision {p:.3f}  recall {r:.3f}" for c, (p, r) in scores(table).items()]
    return "\n".join(lines)


# The first batch: 18 councils a part, each 9 SIF and 9 ILACS, 6 of each overall grade; the second batch (ten
# more, all dev): 5 SIF and 5 ILACS, 4 Inadequate, 4 Requires improvement, 2 Good.
PARTS = {
    "dev": ({"SIF": 14, "ILACS": 14}, {"Inadequate": 10, "RequiresImprovement": 10, "Good": 8}),
    "test": ({"SIF": 9, "ILACS": 9}, {"Inadequate": 6, "RequiresImprovement": 6, "Good": 6}),
}


def test_the_set_is_as_its_readme_says():
    councils = {part: {e["council"] for e in ENTRIES if e["part"] == part} for part in ("dev", "test")}
    assert len(councils["dev"]) == 28 and len(councils["test"]) == 18 and not councils["dev"] & councils["test"]
    assert sum(len(e["sentences"]) for e in ENTRIES) >= 2000
    for part, (frameworks, grades) in PARTS.items():
        mine = [e for e in ENTRIES if e["part"] == part]
        assert Counter(e["framework"] for e in mine) == frameworks
        overall = Counter("Good" if e["overall"] in ("Good", "Outstanding") else e["overall"] for e in mine)
        assert overall == grades
    for e in ENTRIES:
        assert {s["label"] for s in e["sentences"]} <= set(LABELS), e["council"]
        assert 50 <= len(e["sentences"]) <= 70, e["council"]


# Measured with the rules and word model of this commit (see docs/quality.md): dev weakness
# P 0.974 R 0.941, strength R 0.994 (the ten councils added to dev last read 0.86 weakness recall
# when they came in, 0.93 now); the floors leave a small margin so that a rule change that loses
# ground on dev fails here.
def test_dev_figures():
    table = confusion(national_sentences("dev"), polarity)
    print("\n" + report("dev (rules written and model trained on these councils)", table))
    s = scores(table)
    assert s["weakness"][0] >= 0.95 and s["weakness"][1] >= 0.92 and s["strength"][1] >= 0.95


# The targets.  Measured now: weakness precision 0.904, recall 0.902 (376 of 417: the
# target with no sentence to spare), strength recall 0.915.
def test_test_figures_meet_the_targets():
    table = confusion(national_sentences("test"), polarity)
    print("\n" + report("test (councils never inspected sentence by sentence)", table))
    s = scores(table)
    assert s["weakness"][0] >= 0.9, "weakness precision on the test councils"
    assert s["weakness"][1] >= 0.9, "weakness recall on the test councils"
    assert s["strength"][1] >= 0.85, "strength recall on the test councils"


def test_rules_alone_figures_are_printed_for_comparison():
    """What the word model adds: the same tables with undecided sentences called context, as before it."""
    for part in ("dev", "test"):
        table = confusion(national_sentences(part), lambda t: polarity_by_rules(t) or "context")
        print("\n" + report(f"{part}, rules alone", table))
        # the model never makes a weakness, so the weakness column is the rules' own
        full = confusion(national_sentences(part), polarity)
        assert all(table[g, "weakness"] == full[g, "weakness"] for g in LABELS)


def test_extra_dev_sample_of_88_other_councils():
    """The developer's own labels of other councils (tests/fixtures/annotations/polarity-sample/): dev data."""
    sample = yaml.safe_load((FIXTURES / "annotations" / "polarity-sample" / "sample.yaml").read_text(encoding="utf-8"))
    table = Counter((r["label"], polarity(r["text"])) for r in sample["blind"])
    print("\n" + report(f"blind sample, {len(sample['blind'])} sentences of 88 councils (dev)", table))
    hedged = Counter((r["label"], polarity(r["text"]) == "weakness") for r in sample["hedged"])
    caught, missed, wrong = hedged["weakness", True], hedged["weakness", False], hedged["not-weakness", True]
    print(f"hedged sample: {caught} of {caught + missed} weaknesses found, {wrong} sentences wrongly called weak")
    s = scores(table)
    assert s["weakness"][0] >= 0.95 and s["weakness"][1] >= 0.92 and s["strength"][1] >= 0.9
    assert caught / (caught + wrong) >= 0.9


def test_the_word_model_only_splits_what_the_rules_leave():
    # A sentence with a weakness cue stays a weakness whatever its words; one with no cue and no
    # evaluative word goes to the model, which answers strength or context, never weakness.
    assert polarity("Children are not always seen alone, although plans are well written.") == "weakness"
    undecided = [t for _, _, t, _ in national_sentences("dev") if polarity_by_rules(t) is None]
    assert undecided and {polarity(t) for t in undecided} <= {"strength", "context"}
    assert {polarity(t) for t in undecided} == {"strength", "context"}


def test_retraining_gives_the_shipped_weights():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import train_polarity
    finally:
        sys.path.remove(str(ROOT / "bench"))
    retrained = train_polarity.trained_model().to_json()
    shipped = json.loads(polarity_model.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert retrained == shipped
    # and the shipped file is what the package reads
    assert polarity_model.word_model().weights == shipped["weights"]


def test_no_weight_on_a_council_name():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import train_polarity
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert not set(polarity_model.word_model().weights) & train_polarity.place_words()


@pytest.mark.national
@pytest.mark.skipif(not NATIONAL_REPORTS.is_dir(), reason=f"the national corpus is not at {NATIONAL_REPORTS}")
def test_every_labelled_sentence_is_a_sentence_the_parser_gives_from_its_pdf():
    """The labels are about the sentences the ingest classifies: same text, same paragraph number."""
    from cskg.parse.report import parse_report
    from cskg.sources.pdf import extract_pdf_text

    for e in ENTRIES:
        report = parse_report(extract_pdf_text(NATIONAL_REPORTS / e["file"]), Path(e["file"]).name)
        given = {(p.number, s.text) for p in report.paragraphs for s in p.sentences}
        missing = [s["text"] for s in e["sentences"] if (s["para"], s["text"].replace(SOFT_HYPHEN, "-")) not in given]
        assert not missing, f"{e['file']}: {len(missing)} labelled sentences not found, e.g. {missing[0]!r}"
