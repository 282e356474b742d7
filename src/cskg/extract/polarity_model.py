"""Strength or context for a findings sentence no polarity rule decides: a logistic regression over its words.

The rules of ``polarity.py`` call a sentence a weakness only where a cue says
so, and a strength where Ofsted's vocabulary of practice done well appears.
About one findings sentence in six has neither, and most of those are still
strengths written without an evaluative word ("Children come into care when
it is in their best interests", "Parents' views inform placement choice");
the rest are context (numbers, arrangements, plans).  Saying "context" for all
of them, as the rules alone did, lost a third of the strengths on councils the
rules were not written from.

This model splits only those sentences, strength from context, and never
makes a weakness: every weakness keeps the cue that explains it.  It is a
binary logistic regression over the sentence's lower-case words, trained by
``bench/train_polarity.py`` on the dev part of
``tests/fixtures/annotations/polarity-national/`` (never the test part).  The
weights ship with the package in ``polarity_weights.json`` (no download);
training is deterministic (full-batch gradient descent from zero, no random
order), and a test retrains and compares the file.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("polarity_weights.json")
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"[0-9]")


def sentence_words(sentence: str) -> frozenset[str]:
    """The model's features: the distinct lower-case words, apostrophes dropped ("children’s" -> "childrens")."""
    words = _WORD.findall(sentence.lower().replace("’", "").replace("'", ""))
    if _DIGIT.search(sentence):
        words.append("0")  # any number: counts and dates are typical of context
    return frozenset(words)


@dataclass(frozen=True)
class WordModel:
    """A bias and one weight per word; a positive score means context, a negative one strength."""

    bias: float
    weights: dict[str, float]

    def context_score(self, words: frozenset[str]) -> float:
        get = self.weights.get
        return self.bias + sum(get(w, 0.0) for w in words)

    def is_context(self, sentence: str) -> bool:
        return self.context_score(sentence_words(sentence)) > 0.0

    def to_json(self) -> dict:
        return {"bias": self.bias, "weights": dict(sorted(self.weights.items()))}


@functools.cache
def word_model() -> WordModel:
    """The shipped model, read once per process."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return WordModel(float(data["bias"]), {w: float(v) for w, v in data["weights"].items()})
