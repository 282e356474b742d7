"""Train the strength/context word model of cskg.extract.polarity_model on the dev labels.

Reads the dev part of tests/fixtures/annotations/polarity-national/ (never the
test part), keeps the sentences labelled strength or context that the rules of
cskg.extract.polarity leave undecided, and fits a binary logistic
regression (context = 1) over their words by full-batch gradient descent from
zero weights: no random order, so the same labels give the same weights.
Weights are rounded to 6 decimals and written, sorted, to
src/cskg/extract/polarity_weights.json.

Run:
  python bench/train_polarity.py              # write the weights
  python bench/train_polarity.py --check      # retrain and compare with the shipped file (exit 1 if different)
  python bench/train_polarity.py --folds 6    # grouped cross-validation on dev (by council): how the settings
                                              # were chosen; prints figures for rules alone and rules + model
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS_DIR = ROOT / "tests" / "fixtures" / "annotations" / "polarity-national"
SOFT_HYPHEN = "\ufffe"  # the PDF extractor's soft hyphen; cskg.parse.layout turns it into "-"

# Chosen by grouped cross-validation on dev (--folds 6, councils held out): 1000 rounds is where the
# weights stop changing (3000 gives the same figures), a light L2 penalty (1.0 trades a third of the
# model's strength recall for context recall), words seen in at least two training sentences.
SETTINGS = {"rounds": 1000, "rate": 8.0, "l2": 0.1, "min_count": 2}


def dev_sentences() -> list[tuple[str, str, str]]:
    """(council, sentence as the parser gives it, label) for every dev sentence, in file order."""
    import yaml

    rows = []
    for path in sorted(LABELS_DIR.glob("*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        if entry["part"] != "dev":
            continue
        for s in entry["sentences"]:
            rows.append((entry["council"], s["text"].replace(SOFT_HYPHEN, "-"), s["label"]))
    return rows


def training_examples(rows) -> list[tuple[frozenset[str], bool]]:
    """(words, is context) for the strength and context sentences the rules leave undecided.

    Those are the only sentences the model is asked about, and they are not
    like the rest: the rules have taken the ones with an evaluative word, so a
    model fitted on all sentences would learn "almost always strength".
    """
    from cskg.extract.polarity import polarity_by_rules
    from cskg.extract.polarity_model import sentence_words

    return [
        (sentence_words(text), label == "context")
        for _, text, label in rows
        if label in ("strength", "context") and polarity_by_rules(text) is None
    ]


def place_words() -> frozenset[str]:
    """Words of English council names ("south", "tyneside", "wight"): a weight on them would be one council's.

    Their common English words ("and", "upon", "reading", "central", ...) stay features.
    """
    import re

    from cskg.sources.councils import load_authorities

    common = {
        "and",
        "upon",
        "on",
        "the",
        "of",
        "in",
        "with",
        "city",
        "county",
        "borough",
        "council",
        "reading",
        "central",
    }
    common |= {"forest", "sea", "tower"}
    words = set()
    for a in load_authorities():
        for name in (a.name, *a.aliases):
            words.update(re.findall(r"[a-z]+", name.lower().replace("’", "").replace("'", "")))
    return frozenset(words - common)


def train(examples, rounds: int, rate: float, l2: float, min_count: int):
    """Binary logistic regression by full-batch gradient descent; returns a WordModel."""
    from cskg.extract.polarity_model import WordModel

    counts = Counter(w for words, _ in examples for w in words)
    excluded = place_words()
    vocab = sorted(w for w, c in counts.items() if c >= min_count and w not in excluded)
    index = {w: i for i, w in enumerate(vocab)}
    rows = [([index[w] for w in sorted(words) if w in index], 1.0 if y else 0.0) for words, y in examples]
    n = len(rows)
    weights = [0.0] * len(vocab)
    bias = 0.0
    for _ in range(rounds):
        grad = [0.0] * len(vocab)
        grad_bias = 0.0
        for features, y in rows:
            z = bias + sum(weights[i] for i in features)
            # the logistic function, written to stay finite for large |z|
            p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
            d = p - y
            grad_bias += d
            for i in features:
                grad[i] += d
        for i in range(len(vocab)):
            weights[i] -= rate * (grad[i] + l2 * weights[i]) / n
        bias -= rate * grad_bias / n
    return WordModel(round(bias, 6), {w: round(weights[i], 6) for w, i in index.items() if round(weights[i], 6)})


def trained_model():
    return train(training_examples(dev_sentences()), **SETTINGS)


def cross_validate(folds: int) -> None:
    """Grouped k-fold on dev: the model is trained without the fold's councils and applied to them."""
    from cskg.extract.polarity import polarity_by_rules
    from cskg.extract.polarity_model import sentence_words

    rows = dev_sentences()
    councils = sorted({c for c, _, _ in rows})
    labels = ("weakness", "strength", "context")
    by_rules, combined = Counter(), Counter()
    for k in range(folds):
        held = set(councils[k::folds])
        model = train(training_examples([r for r in rows if r[0] not in held]), **SETTINGS)
        for council, text, gold in rows:
            if council not in held:
                continue
            ruled = polarity_by_rules(text)
            by_rules[gold, ruled] += 1
            if ruled is None:
                ruled = "context" if model.context_score(sentence_words(text)) > 0 else "strength"
            combined[gold, ruled] += 1
    for name, table in (("rules alone (undecided = context)", by_rules), ("rules + word model", combined)):
        table = Counter({(g, p or "context"): v for (g, p), v in table.items()})
        print(f"{name}:")
        for c in labels:
            tp = table[c, c]
            predicted = sum(table[g, c] for g in labels)
            actual = sum(table[c, p] for p in labels)
            print(f"  {c:9} precision {tp / max(predicted, 1):.3f} recall {tp / max(actual, 1):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped weights")
    parser.add_argument("--folds", type=int, default=0, help="grouped cross-validation on dev instead of training")
    args = parser.parse_args()
    from cskg.extract.polarity_model import WEIGHTS_FILE

    if args.folds:
        cross_validate(args.folds)
        return 0
    text = json.dumps(trained_model().to_json(), indent=0, sort_keys=True) + "\n"
    if args.check:
        same = WEIGHTS_FILE.read_text(encoding="utf-8") == text
        print("same weights" if same else f"retrained weights differ from {WEIGHTS_FILE}")
        return 0 if same else 1
    from cskg.sources.files import write_atomic

    write_atomic(WEIGHTS_FILE, text)
    print(f"wrote {WEIGHTS_FILE} ({len(json.loads(text)['weights'])} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
