"""Follow-up across inspections: was an earlier improvement area addressed?

Each improvement area (and each recommendation a news article quotes) is
linked to sentences of the next inspection's report that say whether it was
dealt with.  Two sources of links:

- automatic candidates: later findings that share entities or uncommon words
  with the improvement area, boosted when the finding says "since the last
  inspection"; the later report's own improvement areas count as evidence
  that the matter was raised again.  Candidates carry a score and a
  suggested status from the finding's polarity.
- curated confirmations in ``data/follow-up.yaml``: the status a reader
  settled on, with the quotes that justify it (checked verbatim, file:line
  errors like the register).

Every link is a ``cs:FollowUp`` in the named graph of the evidence's document,
with the evidence quote and its offsets, so the build's provenance check
re-derives it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import InputError
from ..sources.curated import LINE, load_items
from .actions import check_quote
from .register import Citation

FOLLOW_UP_STATUS = {
    "addressed": "Addressed",
    "partly-addressed": "PartlyAddressed",
    "raised-again": "RaisedAgain",
    "no-evidence": "NoEvidence",
}
_FIELDS = {"improvement", "status", "note", "evidence", LINE}
CANDIDATES_PER_AREA = 3
_STOP = set(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "although",
        "among",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "else",
        "ever",
        "every",
        "from",
        "further",
        "have",
        "having",
        "here",
        "into",
        "itself",
        "just",
        "more",
        "most",
        "much",
        "must",
        "need",
        "needs",
        "only",
        "other",
        "over",
        "same",
        "should",
        "since",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "within",
        "would",
        "your",
        "children",
        "child",
        "young",
        "people",
        "families",
        "family",
        "ensure",
        "ensures",
        "improve",
        "improvement",
        "quality",
        "service",
        "services",
        "care",
    ]
)


@dataclass
class Confirmation:
    """One entry of ``follow-up.yaml``."""

    area: str  # "YYYY/N"
    status: str
    line: int
    note: str | None = None
    evidence: list[Citation] = field(default_factory=list)


def load_follow_up(path: Path, ctx) -> list[Confirmation]:
    """Read and check ``follow-up.yaml``; InputError naming file and line at the first problem."""
    out: list[Confirmation] = []
    seen: set[str] = set()
    for item in load_items(path, "follow_up"):
        line = item.get(LINE, 0)
        where = f"{path}:{line}"
        unknown = sorted(set(item) - _FIELDS)
        if unknown:
            raise InputError(f"{where}: unknown field {unknown[0]!r} (fields: improvement, status, note, evidence)")
        ref = str(item.get("improvement"))
        if ref not in ctx.areas:
            raise InputError(f"{where}: unknown improvement area {ref!r} (known: {', '.join(sorted(ctx.areas))})")
        if ref in seen:
            raise InputError(f"{where}: improvement area {ref} is confirmed twice")
        seen.add(ref)
        status = item.get("status")
        if status not in FOLLOW_UP_STATUS:
            raise InputError(f"{where}: {ref}: unknown status {status!r} (one of {', '.join(FOLLOW_UP_STATUS)})")
        evidence = item.get("evidence") or []
        if not isinstance(evidence, list):
            raise InputError(f"{where}: {ref}: evidence must be a list of source/quote pairs")
        if status != "no-evidence" and not evidence:
            raise InputError(f"{where}: {ref}: status {status} needs at least one evidence quote")
        cites = [
            check_quote(
                path,
                e.get(LINE, line) if isinstance(e, dict) else line,
                f"{ref}: evidence",
                e.get("source") if isinstance(e, dict) else None,
                e.get("quote") if isinstance(e, dict) else None,
                ctx,
            )
            for e in evidence
        ]
        out.append(Confirmation(ref, status, line, item.get("note"), cites))
    return out


_LOWER_WORD = re.compile(r"[a-z]+")
_WRITTEN_WORD = re.compile(r"[A-Za-z’'-]+")


@cache
def stems(text: str) -> frozenset[str]:
    """The content words of a text, crudely stemmed (cached: the council-level pass compares each finding with
    every improvement area of the council)."""
    found = {_stem(word) for word in _LOWER_WORD.findall(text.lower().replace("’", "'"))}
    found.discard(None)
    return frozenset(found)


@cache
def _stem(word: str) -> str | None:
    """One word's stem, or None for a short or stop word (cached: the words recur, the texts do not)."""
    if len(word) < 4 or word in _STOP:
        return None
    for suffix in ("ments", "ment", "ings", "ing", "ions", "ion", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    word = word[:7]
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]
    return None if word in _STOP else word


def as_written(shared: set[str] | frozenset[str], text: str) -> list[str]:
    """The words of ``text`` behind the stems ``shared`` ("sufficiency", not "suffici"), in the text's order."""
    out: list[str] = []
    left = set(shared)
    for word in _WRITTEN_WORD.findall(text):
        hit = stems(word) & left
        if hit and word.lower() not in out:
            out.append(word.lower())
            left -= hit
    return out + sorted(left)


@dataclass
class Evidence:
    """A later sentence or improvement area that may show an earlier one's fate."""

    iri: str
    text: str
    start: int
    end: int
    file: str
    stem: str
    inspection: str
    entities: set[str]
    suggestion: str  # follow-up status notation
    improved: bool = False


class EvidencePool:
    """One inspection's later evidence with each item's stems and how many items hold each stem.

    Worked out once and shared by every improvement area compared with it:
    per area it cost as much as the comparison itself.
    """

    def __init__(self, items: list[Evidence]):
        self.items = items
        self.words = [stems(e.text) for e in items]
        self.counts = Counter(s for words in self.words for s in words)

    def __len__(self) -> int:
        return len(self.items)


def candidates(
    area_text: str, area_entities: set[str], pool: EvidencePool, limit: int = CANDIDATES_PER_AREA
) -> list[tuple[float, Evidence, str]]:
    """The best later evidence for one improvement area: (score, evidence, basis), best first."""
    counts = pool.counts
    wanted = stems(area_text)
    scored = []
    for ev, words in zip(pool.items, pool.words, strict=True):
        shared = wanted & words
        ents = area_entities & ev.entities
        if len(shared) < 2 and not ents:
            continue
        score = (
            sum(math.log(1 + len(pool) / counts[s]) for s in shared) + 2.0 * len(ents) + (1.0 if ev.improved else 0.0)
        )
        basis = []
        if ents:
            basis.append("shared entities: " + ", ".join(sorted(ents)))
        if shared:
            basis.append("shared words: " + ", ".join(as_written(shared, area_text)))
        if ev.improved:
            basis.append("says it improved since the last inspection")
        scored.append((round(score, 2), ev, "; ".join(basis)))
    scored.sort(key=lambda t: (-t[0], t[1].iri))
    return scored[:limit]
