"""Discover the named services, teams and bodies of councils outside the curated register.

Rotherham's entities are curated by hand (``data/register.yaml``); for the
other 127 councils the names come from the report text itself.  A candidate
is a run of capitalised words ending in a head word that says what kind of
unit it is ("Edge of Care Team", "Multi-Agency Safeguarding Hub",
"Corporate Parenting Board"), or a quoted name before such a word ("the
'Journey' hub").  Ordinary phrases that look like names ("The service",
"Children's Services", "Leaving care team" at the start of a sentence) are
rejected by the rules in ``rejection_reason``, which the tests exercise one
by one.  Every discovered entity is marked ``cs:curation cs:Discovered`` and
cites the first sentence that names it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..folding import fold_name
from ..iris import slug
from ..model import Document
from .register import Citation, Entity

SERVICE_HEADS = {"team", "service", "hub", "project", "programme", "academy", "clinic", "unit", "centre", "school"}
BODY_HEADS = {"board", "panel", "partnership", "committee", "forum", "group", "commission", "council"}
HEADS = SERVICE_HEADS | BODY_HEADS
# Words that open a phrase without naming anything.
DETERMINERS = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "a",
    "an",
    "its",
    "their",
    "our",
    "each",
    "every",
    "any",
    "some",
    "all",
    "many",
    "new",
    "other",
    "one",
    "both",
    "such",
    "same",
    "whole",
    "local",
    "his",
    "her",
    "which",
    "where",
    "when",
    "in",
    "for",
    "of",
    "and",
    "by",
    "with",
    "to",
    "from",
    "on",
    "at",
    "however",
    "most",
    "it's",
    "it’s",
    "there",
    "within",
    "through",
    "while",
    "although",
    "since",
    "after",
    "before",
}
# Words every council uses for its departments: "Children's Services", "Social Care Team".
GENERIC = {
    "children's",
    "childrens",
    "children",
    "child",
    "social",
    "care",
    "family",
    "families",
    "authority",
    "council",
    "county",
    "city",
    "borough",
    "services",
    "service",
    "work",
    "worker",
    "workers",
    "young",
    "people",
    "person",
    "adult",
    "adults",
    "health",
    "education",
    "local",
    "senior",
    "leadership",
    "management",
    "manager",
    "managers",
    "team",
    "teams",
    "practice",
    "front",
    "line",
    "frontline",
    "duty",
    "assessment",
    "specialist",
    "support",
    "area",
    "district",
    "locality",
    "safeguarding",
    "court",
    "legal",
}
CONNECTORS = {"and", "of", "for", "&", "to", "the", "in", "on"}
_WORD = r"[A-Z][\w’'&-]*"
_NAME = re.compile(
    rf"\b((?:{_WORD}\s+(?:(?:and|of|for|&|the|to|in|on)\s+)?){{1,6}})"
    rf"(Team|Service|Hub|Project|Programme|Academy|Clinic|Unit|Centre|School|Board|Panel|Partnership|Committee|"
    rf"Forum|Group|Commission|Council|team|service|hub|project|programme|academy|clinic|unit|centre|school|board|"
    rf"panel|partnership|committee|forum|group|commission)\b"
)
# What may stand before a sentence's first word (an opening quote or bracket).
_OPENERS = " ‘'\"“("
_QUOTED = re.compile(
    rf"[‘'\"“]([A-Z][^‘’'\"“”\n]{{1,40}}?)[’'\"”]\s+({'|'.join(sorted(HEADS | {h.title() for h in HEADS}))})\b"
)
_ACRONYM = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,7})\)")
MAX_WORDS = 7


@dataclass
class Candidate:
    name: str  # as written, head word included
    head: str
    start: int  # offsets into the sentence
    end: int
    quoted: bool = False


def kind_of(head: str) -> str:
    return "service" if head.lower() in SERVICE_HEADS else "body"


def rejection_reason(name: str, head: str, sentence_start: bool) -> str | None:
    """Why a candidate is an ordinary phrase rather than a name, or None to keep it.

    ``sentence_start``: the candidate's first word opens its sentence (so its
    capital letter says nothing).
    """
    words = name.split()
    before = words[:-1]
    while before and before[0].lower() in DETERMINERS:
        before = before[1:]
    if not before:
        return "no name before the head word"
    if len(words) > MAX_WORDS:
        return "too long to be a name"
    if any(ch.isdigit() for ch in name):
        return "contains digits"
    capitalised = [w for w in before if w[:1].isupper()]
    if sentence_start and len(capitalised) == 1 and before[0] == words[0] and head[:1].islower():
        return "capitalised only because it starts the sentence"
    if head.lower().rstrip("s") in SERVICE_HEADS and all(
        w.lower().strip("’'") in GENERIC or w.lower() in CONNECTORS or w.lower().replace("’", "'") in GENERIC
        for w in before
    ):
        return "a generic department phrase"
    if before[-1].lower() in CONNECTORS:
        return "ends in a connecting word"
    if head.lower() == "council" and before[-1].lower() in {"county", "city", "borough", "district", "metropolitan"}:
        return "the council itself"
    return None


def candidates(sentence: str) -> list[Candidate]:
    """Names in one sentence that survive the rejection rules."""
    found: list[Candidate] = []
    for m in _QUOTED.finditer(sentence):
        name = f"{m.group(1).strip()} {m.group(2)}"
        found.append(Candidate(name, m.group(2), m.start(), m.end(), quoted=True))
    # Quoted names come in order and never overlap: one bisection finds the one a match may start in
    # (a scan of every earlier candidate per match made a line of 30,000 names quadratic).
    quoted_starts = [c.start for c in found]
    quoted_ends = [c.end for c in found]
    # The sentence's first word: a candidate starting at or before it opens the sentence.
    opening = len(sentence) - len(sentence.lstrip(_OPENERS))
    for m in _NAME.finditer(sentence):
        inside = bisect_right(quoted_starts, m.start()) - 1
        if inside >= 0 and m.start() < quoted_ends[inside]:
            continue
        name = " ".join((m.group(1) + m.group(2)).split())
        words = name.split()
        # Drop leading determiners ("The Horizon Team" -> "Horizon Team").
        while len(words) > 1 and words[0].lower() in DETERMINERS:
            words = words[1:]
        name = " ".join(words)
        start = m.start() + m.group(0).find(words[0])
        at_start = start <= opening
        if rejection_reason(name, m.group(2), at_start) is None:
            found.append(Candidate(name, m.group(2), start, m.end()))
    return found


def discover_entities(doc: Document, authority: str, source_file: str) -> list[Entity]:
    """Entities named in a document's sentences, one per distinct name (case- and quote-insensitive)."""
    seen: dict[str, Entity] = {}
    for para in doc.paragraphs:
        for sentence in para.sentences:
            for cand in candidates(sentence.text):
                key = fold_name(cand.name)
                ident = slug(cand.name)
                if not ident or len(key) < 4:
                    continue
                acronym = _ACRONYM.match(sentence.text[cand.end :])
                entity = seen.get(ident)
                if entity is None:
                    entity = Entity(
                        id=ident,
                        kind=kind_of(cand.head),
                        label=_label(cand),
                        citation=Citation(source_file, sentence.text, 0),
                        curation="Discovered",
                    )
                    seen[ident] = entity
                if acronym and acronym.group(1) not in entity.aliases and len(acronym.group(1)) >= 2:
                    entity.aliases.append(acronym.group(1))
    return list(seen.values())


def _label(cand: Candidate) -> str:
    """The name with its head word capitalised ("Awaken team" -> "Awaken Team").

    Reports of one council write the same name with the head word in either
    case, and each report's graph states the entity's label: one spelling
    keeps the entity to one label (SHACL allows one) whichever reports name
    it.  The words as written stay in the entity's quote.
    """
    name, head = cand.name, cand.head
    if head and name.endswith(head) and head[:1].islower():
        return name[: len(name) - len(head)] + head[:1].upper() + head[1:]
    return name
