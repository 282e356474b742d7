"""Sentence splitting with offsets.

Inspection reports are plain, formal prose: a sentence ends at ``.``, ``?`` or
``!`` (optionally followed by a closing quote or bracket) when the next word
starts with a capital, a digit or an opening quote.  The few abbreviations that
break this rule are listed.
"""

from __future__ import annotations

import re

from ..model import Sentence
from .layout import CleanText

_ABBREVIATIONS = {"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "no", "cllr", "st", "vs", "approx", "para", "paras"}
_BOUNDARY = re.compile(r"[.?!][’”\"')\]]*\s+(?=[A-Z0-9‘“\"'(•·])")
# A bracketed note standing after a sentence, not a sentence of its own: the SIF marker "(Recommendation)"
# that flags the finding a recommendation came from, a "(paragraph 13)" cross-reference.
_NOTE = re.compile(r"\([^()]{1,60}\)\.?(?=\s+[A-Z0-9‘“\"'(]|\s*$)")


# The longest abbreviation with its inner dots ("approx"): the check never reads further back than this.
_LONGEST = max(map(len, _ABBREVIATIONS))
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the word that ends at ``dot`` is a listed abbreviation.

    Reads back at most one character more than the longest abbreviation: an
    end-anchored regex over ``text[:dot]`` tried every start position of a long
    run of letters, so a 20,000-letter word took seconds per full stop and a
    1 MB one hung the ingest (issue 17).
    """
    end = dot
    while end > 0 and text[end - 1] == ".":  # "etc.." : the dots are not part of the word
        end -= 1
    start = end
    while start > 0 and end - start <= _LONGEST and text[start - 1] in _WORD_CHARS:
        start -= 1
    if end - start > _LONGEST:
        return False
    return text[start:end].lower() in _ABBREVIATIONS


def split_sentences(clean: CleanText) -> list[Sentence]:
    """Split a paragraph's clean text into sentences mapped to the source."""
    text = clean.text
    spans: list[tuple[int, int]] = []  # (begin, stop) in the clean text
    begin = 0
    for match in _BOUNDARY.finditer(text):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        _add(spans, text, begin, match.end())
        begin = match.end()
    _add(spans, text, begin, len(text))
    out = []
    for b, e in spans:
        start, end = clean.source_span(b, e)
        out.append(Sentence(text[b:e], start, end))
    return out


def _add(spans: list[tuple[int, int]], text: str, begin: int, stop: int) -> None:
    while begin < stop and text[begin].isspace():
        begin += 1
    while stop > begin and text[stop - 1].isspace():
        stop -= 1
    if stop <= begin:
        return
    note = _NOTE.match(text, begin, stop) if spans else None
    if note:
        # The note belongs to the sentence before it: one finding, quoted with its note.
        spans[-1] = (spans[-1][0], note.end())
        begin = note.end()
        while begin < stop and text[begin].isspace():
            begin += 1
        if stop <= begin:
            return
    spans.append((begin, stop))
