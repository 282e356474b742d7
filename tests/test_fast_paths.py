"""The ingest's fast paths give exactly what the plain computations give.

Each shortcut made for national-scale ingest (issue 7) is checked against
the straightforward computation it replaces, on the embedded corpus's real
texts and on hand-written edge cases: the rule pre-filter of
``weakness_cue`` against trying every rule, ``fold_quick`` against ``fold``,
``fold`` against its definition character by character, ``clean_span``
against ``join_pieces`` over the same pieces.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from cskg.extract import polarity as findings
from cskg.folding import fold, fold_by_character, fold_quick
from cskg.parse.layout import analyse, clean_span, join_pieces
from cskg.sources.files import default_sources_dir

EDGE_SENTENCES = [
    "",
    "  ",
    "There is no plan for ſome children.",  # long s: re.IGNORECASE matches it to "s", str.lower does not
    "Delays remain for İnspection",  # dotted capital I lowers to two characters
    "The ınconsistent practice has declined.",  # dotless i
    "WHO DO NOT HAVE ACCESS TO DELAY",
    "Children who do not have access to support wait too long.",
    "If children cannot remain at home, drift is avoided.",
    "Managers don't always check plans; the MASH isn't effective.",
    "Since the last inspection, practice has improved.",
    "ΟΔΟΣ and ΣΑΣ, not always",  # capital sigma: lower case depends on the next letter
    " 'The ‘Journey’ hub' – a/b? x\u00a0y\t\n z ",
    "--x--",
    "a\x1cb\u2028c",
]


def _corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(default_sources_dir().glob("*.txt"))]


def _corpus_sentences() -> list[str]:
    out = []
    for text in _corpus_texts():
        out += [s for s in re.split(r"(?<=[.;:?!])\s+|\n\s*\n", text) if s.strip()]
    return out + EDGE_SENTENCES


def _weakness_cue_every_rule(sentence: str) -> str | None:
    """``weakness_cue`` as it was: every rule tried on every sentence."""
    mitigation = findings._MITIGATION.search(sentence)  # the plain expressions, not their guarded forms
    clause_before = sentence[: mitigation.start()].split(",")[-1] if mitigation else ""
    if mitigation and not re.search(r"\b(?:whilst|while|although|though)\b", clause_before, re.I):
        return None
    history = findings._HISTORY.search(sentence) or findings._DATED_VISIT.search(sentence)
    if history and not findings._PERSISTS.search(sentence):
        return None
    masked = sentence
    for rule in findings._NOT_WEAK_RULES.rules:
        masked = rule.sub(lambda m: "_" * len(m.group(0)), masked)
    for rule in findings._WEAK_RULES.rules:
        m = rule.search(masked)
        if m:
            return m.group(0)
    return None


def test_weakness_prefilter_changes_no_cue():
    sentences = _corpus_sentences()
    cues = [findings.weakness_cue(s) for s in sentences]
    assert cues == [_weakness_cue_every_rule(s) for s in sentences]
    assert sum(1 for c in cues if c) > 50  # the corpus has weaknesses, so the comparison means something


def test_guarded_patterns_match_as_the_plain_ones():
    for sentence in _corpus_sentences():
        for guarded in (findings._PREVIOUS_GUARDED, findings._MITIGATION_GUARDED, findings._HISTORY_GUARDED):
            plain = guarded.pattern.search(sentence)
            fast = guarded.search(sentence)
            assert (plain and plain.group(0)) == (fast and fast.group(0)), sentence


def _national_sentences() -> list[str]:
    import yaml

    folder = Path(__file__).parent / "fixtures" / "annotations" / "polarity-national"
    return [
        s["text"].replace("\ufffe", "-")
        for path in sorted(folder.glob("*.yaml"))
        for s in yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]
    ]


def test_strength_words_find_what_the_strength_expression_finds():
    # The word set and phrases are tried on the sentence's words; the one expression on its text.
    for sentence in [*_corpus_sentences(), *_national_sentences(), "Well-being is good.", "goodwill", "Strengths"]:
        _, _, tokens = findings._lowered(sentence)
        assert findings._has_strong_cue(sentence, tokens) == bool(findings._STRONG.search(sentence)), sentence


def test_every_rule_that_matches_is_a_candidate():
    # The index files a string under the first letters of a word only where every match starts a word
    # there; a rule it leaves out must not match.  Checked rule by rule, masks and weakness rules alike.
    sentences = [*_corpus_sentences(), *_national_sentences()[::5]]  # a fifth of the national set keeps it fast
    for table in (findings._WEAK_RULES, findings._NOT_WEAK_RULES):
        for sentence in sentences:
            lowered, prefixes, _ = findings._lowered(sentence)
            candidates = set(table.candidates(lowered, prefixes))
            assert all(rule in candidates for rule in table.rules if rule.search(sentence)), sentence


@pytest.mark.parametrize(
    "pattern, present, absent",
    [
        (r"\bdelay(?:s|ed)?\b", "there was a delay", "there was none"),
        (r"\b(?:declined|deteriorat\w*|weakened)\b", "it has deteriorated", "it has improved"),
        (r"\bnot (?:possible|viable)\b(?= to secure)", "not possible to secure", "not easy"),
    ],
)
def test_required_words_are_needed_by_every_match(pattern, present, absent):
    words = findings.required_words(pattern)
    assert words and any(w in present for w in words)
    assert re.search(pattern, present, re.I)
    assert not any(w in absent for w in words)


def test_required_words_none_without_a_literal():
    assert findings.required_words(r"\b[a-z]+\b") is None
    assert findings.required_words(r"(?:ab)?c") is None  # nothing of two letters every match must have


def test_fold_quick_equals_fold():
    for sentence in _corpus_sentences():
        quick = fold_quick(sentence)
        if quick is not None:
            assert quick == fold(sentence)[0], sentence
    assert fold_quick("ΟΔΟΣ") is None


def test_fold_equals_its_definition_character_by_character():
    rng = random.Random(3)
    alphabet = "aB c-'’\u2013/?\t\n\xa0İΣσςſxy\x1c\u2028\"“"
    made = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(20))) for _ in range(20_000)]
    for text in [*EDGE_SENTENCES, *_corpus_sentences(), *made]:
        assert fold(text) == fold_by_character(text), repr(text)


def test_clean_span_equals_join_pieces_text():
    rng = random.Random(7)
    texts = [*_corpus_texts(), "a  b\xa0\u2003c-\n  de\ufffe\nfg\x1c h\t\r\ni-\nJ  -\n\nk \x0cpage 2\n-x\n"]
    for text in texts:
        layout = analyse(text)
        for _ in range(400):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.choice([1, 3, 40, 400, 3000]))
            pieces = [
                (max(ln.start, start), min(ln.end, end))
                for ln in layout.lines
                if not ln.furniture and ln.end > start and ln.start < end
            ]
            assert clean_span(layout, start, end) == join_pieces(text, pieces).text, (start, end)


def test_join_pieces_offsets_point_at_their_characters():
    text = "Decision-\nmaking  is\tslow. Page\ufffe\nbreak and  \n  new line"
    clean = join_pieces(text, [(ln.start, ln.end) for ln in analyse(text).lines])
    assert clean.text == "Decision-making is slow. Page-break and new line"  # a soft hyphen joins too
    assert len(clean.offsets) == len(clean.text)
    assert clean.offsets == sorted(clean.offsets)
    for ch, at in zip(clean.text, clean.offsets, strict=False):
        if ch != " ":  # a joining space points at a whitespace character or the next piece's start
            assert ch == text[at] or (ch == "-" and text[at] == "\ufffe")
