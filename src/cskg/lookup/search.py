"""Search: findings whose text matches words or a phrase, best first, from the store's search index.

A finding scores by how many of the query's words it contains, with a bonus
for the exact phrase; ties go to the newest inspection.  The candidates come
from the search index beside the store (``store.search_index``), not from a
scan of every finding.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..iris import local_name, short
from ..namespace import POLARITY_NAME
from ..store.search_index import candidates, rows, tie_order
from .councils import council_iri
from .entities import check_search_text, year_of


def search(kg, text: str, limit: int = 20, authority: str | None = None) -> list[dict]:
    """Findings matching words or a phrase, best first (of one council if ``authority`` names one).

    A finding scores by how many of the query's words it contains, with a
    bonus for the exact phrase; ties go to the newest inspection.  The
    candidates (findings containing any of the words) come from the store's
    search index (``text_index``), not from a scan of every finding.
    """
    check_search_text(text)
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1]
    if not words:
        raise InputError(f"search text {text!r} has no words")
    council = council_iri(kg, authority) if authority else None
    # Findings holding every word come first: each scores at least 0.5 when it
    # has them all at word starts, and a finding without one of them scores
    # below 0.5.  Only when those are too few are the others read.
    scored = _score(candidates(kg.folder, words, council, every=True), words, limit)
    if len(words) > 1 and sum(1 for score, _ in scored if score >= 0.5) < limit:
        scored = _score(candidates(kg.folder, words, council), words, None)
    scored.sort(key=lambda sc: (-sc[0], *tie_order(sc[1])))
    top = scored[:limit]
    shown = rows(kg.folder, [c["rowid"] for _, c in top])
    return [_search_result(shown[c["rowid"]], score) for score, c in top]


def _score(found, words: list[str], limit: int | None) -> list[tuple[float, dict]]:
    """(score, candidate) for each candidate with a word of the text starting with a search word.

    A word matches where a word of the text starts with it (so "plan" finds
    "planning" but not "explanation"); the phrase is matched on the words
    alone ("pathway, plan" holds "pathway plan").  With one word every match
    scores the same, so the first ``limit`` (candidates come in tie order) are
    all there is to rank.
    """
    phrase = " ".join(words)
    starts = [re.compile(r"(?<!\w)" + re.escape(w)) for w in words]
    out = []
    for c in found:
        folded = c["folded"]
        hits = sum(1 for start in starts if start.search(folded))
        if not hits:
            continue
        whole = all(w in folded for w in words) and phrase in " ".join(re.findall(r"\w+", folded))
        score = hits / len(words) + (1.0 if whole else 0.0)
        if len(words) > 1 and hits < len(words) and not whole:
            score *= 0.5
        out.append((score, c))
        if len(words) == 1 and limit is not None and len(out) >= limit:
            break
    return out


def _search_result(r: dict, score: float) -> dict:
    return {
        "inspection": short(r["inspection"]),
        "year": year_of(r["year"]),
        "document": r["file"],
        "paragraph": int(r["number"]) if r["number"] else None,
        "area": _area_label(r["area"]),
        "polarity": POLARITY_NAME.get(r["polarity"]),
        "text": r["text"],
        "entities": sorted(r["entities"].split()) if r["entities"] else [],
        "score": round(score, 3),
    }


def _area_label(iri: str | None) -> str | None:
    return local_name(iri) if iri else None
