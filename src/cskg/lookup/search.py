"""Search: findings, improvement areas and sentences naming an entity whose text matches, best first.

The candidates come from the search index beside the store
(``store.search_index``), not from a scan of every finding.  Ranking is in
tiers: the exact phrase first, then every word, then some of the words;
within a tier, more words found scores higher and ties go to the newest
inspection.  Every candidate is scored, so the caller can say how many
matched as well as how many are shown.
"""

from __future__ import annotations

import heapq
import re

from ..errors import InputError
from ..iris import authority_of, short
from ..namespace import POLARITY_NAME
from ..store.search_index import matching_texts, rows
from .councils import council_iri, councils_in
from .entities import check_search_text, year_of

# How a hit matched, best first; the tier is the whole part of its score.
TIERS = {3: "phrase", 2: "all words", 1: "some words"}


class Hits(list):
    """The hits shown (a list, the ``search --json`` shape), with ``matched``: how many matched in all.

    ``counted`` says what ``matched`` counts: texts holding ``"every word"`` of
    a search of several words when they alone fill the page (those holding
    only some words are then not read), else ``"any word"``.
    """

    matched: int = 0
    counted: str = "any word"


def search(kg, text: str, limit: int = 20, authority: str | None = None) -> Hits:
    """What matches words or a phrase, best first (of one council if ``authority`` names one).

    Findings, improvement areas and the sentences that name an entity
    outside the findings (headline summaries, minutes, news) are all
    searched; each hit says which it is (``source``), and carries the
    council, inspection, area and document it is from, its IRI and the
    offsets of its quote.
    """
    check_search_text(text)
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1]
    if not words:
        raise InputError(f"search text {text!r} has no words")
    council = council_iri(kg, authority) if authority else None
    counted = "any word"
    if len(words) > 1:
        # Texts with every word rank above the rest: when they fill the page the rest are not read
        # (on the national index "pathway plan" reads 300 texts instead of 16,000).
        scored = [sc for sc in _score(matching_texts(kg.folder, words, council, every=True), words) if sc[0] >= 2]
        counted = "every word"
        if len(scored) < limit:
            scored, counted = _score(matching_texts(kg.folder, words, council), words), "any word"
    else:
        scored = _score(matching_texts(kg.folder, words, council), words)
    # Best first; ties: newest inspection, then paragraph, sentence and IRI.  Only the shown are sorted.
    top = heapq.nsmallest(
        limit, scored, key=lambda sc: (-sc[0], -(sc[1][2] or 0), sc[1][3] or 0, sc[1][4] or 0, sc[1][5])
    )
    shown = rows(kg.folder, [c[0] for _, c in top]) if top else {}
    names = _council_names(kg) if top else {}
    labels = _area_labels(kg) if top else {}
    hits = Hits(_search_result(shown[c[0]], score, names, labels) for score, c in top)
    hits.matched = len(scored)
    hits.counted = counted
    return hits


def _score(found: list[tuple], words: list[str]) -> list[tuple[float, tuple]]:
    """(score, candidate) for each candidate with a word of the text starting with a search word.

    A word matches where a word of the text starts with it (so "plan" finds
    "planning" but not "explanation").  The tier (the score's whole part) is
    3 for the exact phrase (one word: the whole word), 2 for every word, 1
    for some; the fraction of the words found is added as a half point.
    """
    # One scan of the text finds every word start a search word matches (longest words first, so that
    # "plan" and "planning" both count where "planning" stands); the phrase test runs only on texts
    # holding every word.  One regex per word cost twice as much on the national index.
    wanted = set(words)
    starts = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)) + ")")
    if len(words) > 1:  # the words in order, with only spaces or punctuation between them
        exact = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words))
    else:
        exact = re.compile(r"(?<!\w)" + re.escape(words[0]) + r"(?!\w)")
    out = []
    if len(words) == 1:  # the whole word (most texts) in one scan, else a word starting with it
        start = re.compile(r"(?<!\w)" + re.escape(words[0]))
        for c in found:
            if exact.search(c[1]):
                out.append((3.5, c))
            elif start.search(c[1]):
                out.append((2.5, c))
        return out
    for c in found:
        folded = c[1]
        seen = set(starts.findall(folded))
        if len(seen) < len(wanted):
            # A shorter search word can sit at the start of a longer one that matched ("plan" in "planning").
            seen |= {w for w in wanted - seen if any(m.startswith(w) for m in seen)}
        hits = sum(1 for w in words if w in seen)
        if not hits:
            continue
        tier = 3 if hits == len(words) and exact.search(folded) else 2 if hits == len(words) else 1
        out.append((tier + 0.5 * hits / len(words), c))
    return out


def _council_names(kg) -> dict[str, str]:
    return councils_in(kg)


def _area_labels(kg) -> dict[str, str]:
    """Judgement area IRI -> its name, as ``show`` gives it (kept beside the store)."""
    return kg.cached("area-labels", lambda: {r["area"]: r["label"] for r in kg.select("area-labels")})


def _search_result(r: dict, score: float, names: dict[str, str], labels: dict[str, str]) -> dict:
    source = r.get("source") or "finding"
    authority = r["authority"]
    return {
        "source": source,
        "council": names.get(authority) or (authority_of(authority) if authority else None),
        "inspection": short(r["inspection"]),
        "year": year_of(r["year"]),
        "document": r["file"],
        "paragraph": int(r["number"]) if r["number"] else None,
        "item": int(r["idx"]) if source == "improvement" and r["idx"] is not None else None,
        "area": labels.get(r["area"]) if r["area"] else None,
        "polarity": POLARITY_NAME.get(r["polarity"]),
        "text": r["text"],
        "iri": r["finding"],
        "start_offset": r["start"],
        "end_offset": r["end"],
        "entities": sorted(r["entities"].split()) if r["entities"] else [],
        "match": TIERS[int(score)],
        "score": round(score, 3),
    }
