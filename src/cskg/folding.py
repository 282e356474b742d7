"""Case and punctuation folding of names, shared by mention finding and name lookup.

Kept free of other cskg imports: ``cskg show`` folds every entity name on each
call, and its start-up budget has no room for the parser's modules.
"""

from __future__ import annotations

import re

_DROP = "'‘’\"“”`"
_SPACE = "-‐‑–—?/"
_KEY_TABLE = str.maketrans({ch: None for ch in _DROP})
_NOT_WORD = re.compile(r"[\W_]+")
_DROP_CHAR = re.compile(rf"[{re.escape(_DROP)}]")


def fold(text: str) -> tuple[str, list[int]]:
    """Lowercase, drop quote marks, turn hyphens into spaces, collapse spaces.

    Returns the folded text and, for each folded character, its index in ``text``.
    Most sentences fold to text of their own length (no quote mark, no double
    space): then the offsets are the identity and the string operations of
    ``fold_quick`` give the text (the council-level pass folds every sentence
    that names a unit).
    """
    quick = fold_quick(text)
    if quick is not None and len(quick) == len(text) and len(text.lower()) == len(text):
        return quick, list(range(len(text)))  # dropping or collapsing would have shortened it
    return fold_by_character(text)


def fold_by_character(text: str) -> tuple[str, list[int]]:
    """``fold`` as it is defined, one character at a time (the shortcut above must equal it)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        if ch in _SPACE or ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        out.append(ch.lower())
        where.append(i)
    return "".join(out), where


def fold_quick(text: str) -> str | None:
    """``fold(text)[0]`` without the offsets, computed a string at a time; None where that could differ.

    The entity matcher tries its pattern on this first and folds with offsets
    only when a name is there (most sentences name none).  ``str.lower`` of a
    whole string equals the per-character lower case except for the capital
    sigma (final or not), so text with one is left to ``fold``.
    """
    if "\u03a3" in text:
        return None
    spaced = _DROP_CHAR.sub("", text.lower())
    for ch in _SPACE:
        if ch in spaced:
            spaced = spaced.replace(ch, " ")
    words = spaced.split()  # str.split and fold agree on what whitespace is (str.isspace)
    return " ".join(words) + (" " if words and spaced[-1].isspace() else "")


def fold_name(name: str) -> str:
    return fold(name)[0].strip()


def name_key(name: str) -> str:
    """What two spellings of one name share: "The 'Journey' Hub" and "journey-hub" both give "journey hub".

    Quote marks vanish, every other run of punctuation or space becomes one
    space, and a leading "the" is dropped.
    """
    key = _NOT_WORD.sub(" ", name.translate(_KEY_TABLE).lower()).strip()
    return key[4:] if key.startswith("the ") else key
