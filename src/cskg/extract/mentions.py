"""Find the register's entities named in a text.

Matching is case-, hyphen- and quote-insensitive and prefers the longest
name at each place ("MASH baby clinic" over "MASH").  Names that are also
ordinary words (Evolve, Empower, Journey) are only accepted where the text
capitalises them as a name and does not use them as a verb ("Empower them
to ..."), so "empowers them", "improvement journey" and "services evolve"
are not mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..folding import fold, fold_name, fold_quick
from .register import Entity

_VERB_FOLLOWERS = {
    "them",
    "us",
    "you",
    "him",
    "her",
    "it",
    "their",
    "our",
    "the",
    "to",
    "and",
    "a",
    "an",
    "this",
    "these",
    "those",
}


@dataclass(frozen=True)
class Mention:
    entity: str
    start: int  # offsets into the text that was searched
    end: int
    surface: str


class EntityMatcher:
    """A compiled matcher over every name of a set of entities."""

    def __init__(self, entities: list[Entity]):
        self.by_name: dict[str, Entity] = {}
        for entity in entities:
            for name in entity.all_names:
                key = fold_name(name)
                if len(key) >= 2:
                    self.by_name.setdefault(key, entity)
        names = sorted(self.by_name, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])") if names else None
        )
        self.spellings: dict[str, list[str]] = {}
        for entity in entities:
            for name in entity.all_names:
                self.spellings.setdefault(fold_name(name), []).append(name)

    def find(self, text: str) -> list[Mention]:
        """Mentions in ``text``, in order, longest name first at each place."""
        if self.pattern is None:
            return []
        quick = fold_quick(text)
        if quick is not None and self.pattern.search(quick) is None:
            return []
        folded, where = fold(text)
        found: list[Mention] = []
        for m in self.pattern.finditer(folded):
            entity = self.by_name[m.group(0)]
            start, end = where[m.start()], where[m.end() - 1] + 1
            surface = text[start:end]
            if entity.common_word and not any(
                _reads_as_name(surface, name, text, start, end) for name in self.spellings[m.group(0)]
            ):
                continue
            found.append(Mention(entity.id, start, end, surface))
        return found


def _reads_as_name(surface: str, name: str, text: str, start: int, end: int) -> bool:
    """Whether a common-word name is used as a name here, not as a word.

    Every word the register capitalises (after a leading "The") must be
    capitalised in the text, and a sentence-initial imperative-looking use
    ("Empower them to ...") is rejected.
    """
    name_words = [w for w in re.findall(r"[A-Za-z]+", name)]
    surface_words = re.findall(r"[A-Za-z]+", surface)
    if name_words and name_words[0].lower() == "the":
        name_words, surface_words = name_words[1:], surface_words[1:]
    for nw, sw in zip(name_words, surface_words, strict=False):
        if nw[0].isupper() and not sw[0].isupper():
            return False
    following = re.match(r"\s+([A-Za-z]+)", text[end:])
    if following and following.group(1).lower() in _VERB_FOLLOWERS and len(name_words) == 1:
        before = text[:start].rstrip()
        if not before or before[-1] in ".!?:;" or before.endswith(("and", "to")):
            return False
    return True
