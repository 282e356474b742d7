"""Classify report sentences: strength, weakness or context; improved or not.

Rule-based on purpose: each decision can be explained by the cue that fired,
and the rules are measured against a hand-annotated set in the tests.  A
weakness states a shortfall, gap, delay, inconsistency or something still to
improve, including a mainly positive sentence with a "however"-type caveat.
"""
from __future__ import annotations

import re

_WEAK = [
    r"\bnot (?:always|consistently|yet|routinely|fully|sufficiently|all|being|been|clear|thoroughly|promptly|"
    r"adequately|effectively|enough|well|explicitly|robust|timely|in place|meet|met|receiving|reminded|"
    r"considered|identified|recorded|addressed|challenged)\b",
    r"\b(?:do|does|did|has|have|had|is|are|was|were|could|would|can)(?: not|n't)\b(?! only)",
    r"\bcannot\b", r"\black(?:s|ed|ing)? (?:of|ambition|sufficient|detail)", r"\binsufficient(?:ly)?\b",
    r"\binconsisten(?:t|cy|cies|tly)\b", r"\bvariab(?:le|ility)\b", r"\bvariation\b",
    r"\bdelay(?:s|ed)?\b(?! (?:without|is avoided))", r"\bdrift\b", r"\bgaps?\b", r"\btoo (?:much|many|long|slow|high|few|often|descriptive|late)\b",
    r"\blimited\b", r"\blimits\b", r"\bweak(?:ness|nesses|er)?\b", r"\bpoor(?:ly)?\b", r"\bunclear\b", r"\bless clear\b",
    r"\bunsuitable\b", r"\bunlawful\b", r"\bdifficult to\b", r"\bremains? (?:a|the) (?:challenge|highest priority)",
    r"\bcontinues? to be a challenge\b", r"\bmore (?:work|to do|needs to|is needed)\b", r"\bneeds? to (?:improve|be improved|strengthen)\b",
    r"\brequires? improvement\b", r"\binstability\b", r"\bmany moves\b", r"\bunfocused\b", r"\bineffective\b",
    r"\bfail(?:s|ed|ing)? to\b", r"\bnot (?:adequately|yet) (?:protected|embedded)\b", r"\bno (?:evidence|clear)\b",
    r"\bvery long\b", r"\blower level of support\b", r"\bhas yet to\b", r"\byet to be\b", r"\bmay not be\b", r"\brisks? their\b",
    r"\bshort-term placements\b", r"\bnot (?:possible|viable)\b(?= to secure)", r"\bunavailab(?:le|ility)\b",
    r"\boverly\b", r"\blonger than\b", r"\bbacklogs?\b", r"\bdeficits?\b", r"\bshortfalls?\b", r"\bnot always\b", r"\bwithout fully\b",
]
_NOT_WEAK = [
    r"\bno children were\b", r"\bwithout (?:delay|drift)\b", r"\bavoid(?:s|ing)? (?:delay|drift)\b",
    r"\bno delay\b", r"\bnot at (?:immediate )?risk\b", r"\bchange cannot be forced\b", r"\bnot ready to\b",
    r"\bdo not (?:wish|want)\b", r"\bnot (?:only|just)\b",
    r"\bis mitigated\b", r"\bwhen it is not possible\b", r"\bwho (?:do not|cannot) (?:have|access|remain)\b",
    r"\bwhen (?:children|they|care leavers|young people) (?:do not|cannot)\b", r"\bif children (?:are not|choose not)\b",
    r"\bthose who (?:are )?not\b", r"^(?:when|if|where)\b[^,]{0,120}?\bnot\b[^,]*,", r"\bprevent\w* (?:drift and delay|delay and drift|drift|delay)",
    r"\bdelays? (?:are|is|was|were) purposeful\b", r"\bwhat needs to (?:improve|change|happen)\b", r"\bnot (?:take place |happen )?in isolation\b",
]
_STRONG = re.compile(
    r"\b(?:effective(?:ly)?|strong(?:ly)?|good|well|timely|high[- ]quality|outstanding|robust(?:ly)?|thorough(?:ly)?|"
    r"improv(?:ed|ement|es)|excellent|skilled|meaningful|valued|positive(?:ly)?|proactive(?:ly)?|prompt(?:ly)?|"
    r"comprehensive|impressive|successful(?:ly)?|highly|creative|clear|rigorous|committed|confident|sensitive(?:ly)?|"
    r"benefit|strengthen(?:ed|s)?|safe|stable|appropriate(?:ly)?)\b", re.I)
_PREVIOUS = re.compile(
    r"\b(?:since|than at|from) the (?:last|previous|prior)(?: ofsted)? (?:inspection|visit)|"
    r"\b(?:last|previous|prior)(?: ofsted)? inspection\b|previous areas for improvement|"
    r"\bactions identified from the ofsted inspection\b|\binspection of (?:19|20)\d\d\b|\bover the past \w+ years\b", re.I)
_CHANGE = re.compile(
    r"\b(?:improv\w*|strengthen\w*|progress\w*|better|increas\w*|deliver\w*|address\w*|now|develop\w*|sustain\w*|"
    r"transform\w*|rebuilt|reset|prioritised|embedd\w*|grown|enhanc\w*|maintained)\b", re.I)
# "Since the last inspection, there has been sustained commitment" describes a
# state, not a change; the change word must follow the comparison closely.

_WEAK_RE = [re.compile(p, re.I) for p in _WEAK]
_NOT_WEAK_RE = [re.compile(p, re.I) for p in _NOT_WEAK]


def weakness_cue(sentence: str) -> str | None:
    """The wording that makes ``sentence`` a weakness, or None."""
    masked = sentence
    for rule in _NOT_WEAK_RE:
        masked = rule.sub(lambda m: "_" * len(m.group(0)), masked)
    for rule in _WEAK_RE:
        m = rule.search(masked)
        if m:
            return m.group(0)
    return None


def polarity(sentence: str) -> str:
    """``weakness``, ``strength`` or ``context`` for one sentence of findings."""
    if weakness_cue(sentence):
        return "weakness"
    if _STRONG.search(sentence):
        return "strength"
    return "context"


def improved_since_last_inspection(sentence: str) -> bool:
    """Whether the sentence says something improved since the previous inspection."""
    return bool(_PREVIOUS.search(sentence) and _CHANGE.search(sentence)) and not weakness_cue(sentence)
