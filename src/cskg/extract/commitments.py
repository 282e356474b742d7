"""Decisions and commitments a council's own documents state: the actions of minutes, decision records and news.

Two shapes of action are found, in every council's documents alike:

- **resolutions**: the numbered or lone decisions after "RESOLVED" or a
  decision maker's "... agreed that:" (read by ``parse.minutes.resolutions``);
- **statements** of a decision or a commitment: a body deciding or noting
  ("The Committee noted ...", "Cabinet approved ...", "It was agreed that
  ..."), the minutes approved as a correct record, and commitments in the
  discussion or in a statement to the press ("The Director agreed to ...",
  "Officers will ...", "was asked to ...", "requested that ...", "Action:
  ...", "X to report back ...", "The Council is taking action ...").

Each action keeps its exact quote and offsets, the status its wording gives
(agreed, planned, ongoing, completed, noted, deferred, proposed), the owner
the text names (the grammatical subject, the one "asked to" or "requested"
to act, the agent of "by"; never guessed: "we" or a resolution that names
nobody has no owner), and a due date resolved against the meeting's date,
with its wording and how it was resolved, or the reason it could not be.
The rules are about the English of minutes and council statements, each
seen in several councils' documents, never one council's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Document
from ..parse.dates import DateWindow, Due, impossible_date, relative_wording, resolve_due
from ..parse.layout import clean_quote
from ..parse.minutes import STATUS_NOTED, resolution_status, resolutions
from ..parse.statements import statements
from ..sources.councils import by_name

# Statuses (notations of cs:ActionStatuses).
AGREED, PLANNED, ONGOING, COMPLETED, NOTED, DEFERRED, PROPOSED = (
    "agreed",
    "planned",
    "ongoing",
    "completed",
    "noted",
    "deferred",
    "proposed",
)


@dataclass
class FoundAction:
    """One action found in a document, quoted exactly."""

    number: int  # position among the document's actions, from 1
    kind: str  # resolution | statement
    text: str  # the quote: the clean text at [start, end)
    start: int
    end: int
    status: str
    owner: str | None = None  # the words naming who is to act, as written
    due: Due | None = None
    due_text: str | None = None  # the timing wording, also when no date could be resolved from it
    due_basis: str | None = None  # how the due date was resolved, or why it could not be
    resolution: int | None = None  # the resolution's number among the document's resolutions
    label: str | None = None  # the resolution's printed marker ("(2)")
    meeting_date: date | None = None  # a later meeting the action is due at, where it names one


# ---------------------------------------------------------------- who can act

# Head words of a noun phrase naming someone who can act for the council.
_ACTOR_HEADS = (
    r"council|committee|commission|panel|board|sub-board|sub-committee|cabinet|executive|mayor|leader|members?|"
    r"councillors?|cllr|officers?|director|directorate|chair|chairman|chairwoman|chairperson|executive|department|"
    r"service|services|team|teams|partnership|partners|authority|staff|managers?|head|lead|leads|advisor|adviser|"
    r"holder|group|forum|nurse|commissioners|leaders|agency|trust|we|i|us|officer|secretary|involved|everyone|"
    r"practitioners|workers|advisers|advisors|colleagues"
)
# Things a council delivers: the subject of "will be provided", "is due to be presented".
_DELIVERABLE_HEADS = (
    r"details|report|reports|response|update|updates|copy|plan|plans|paper|information|briefing|review|letter|"
    r"representative|invitation|item|email|e-mail|presentation|proposals?|minutes|notes|feedback|recommendations|"
    r"training|arrangements|change|changes|audit|strategy|meeting|session|sessions|visit|protocol|policy|survey|"
    r"work|action|actions|analysis|data|figures|leaflet|guidance|workshop|progress|performance|consultation|business|"
    r"items|matters|issue|issues|questions"
)
# Subjects whose acts are not the council's: the inspectorate, government, the people served.
_NOT_ACTORS = re.compile(
    r"\b(?:ofsted|inspectors?|inspectorate|inspection|watchdog|regulator|government|dfe|department for education|"
    r"secretary of state|children|young people|families|parents|carers|pupils|students|it|this|that|they|there|"
    r"which|who|court|police|nhs)$",
    re.I,
)
_LEADING = re.compile(
    r"^(?:(?:however|additionally|furthermore|also|finally|further|moreover|in addition|going forward|moving forward|"
    r"in future|in the future|now|then|as a result|therefore|subsequently|meanwhile|overall|locally|"
    r"in response|in response to [^,]{1,60}|following [^,]{1,80}|on [^,]{1,60}|as a council|to date)\s*,?\s*)+",
    re.I,
)
_PERSON = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Dr|Councillor|Cllr|County Councillor)\.?\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}$"
)
_NAME = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")
# A named organisation: capitalised words, "for", "of", "and" between them ("Places for Leisure").
_ORGANISATION = re.compile(r"^(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:for|of|and|&|[A-Z][\w'’-]*)){1,5}$")
_PRONOUN_OWNERS = {"we", "i", "he", "she", "us"}


def _np_core(phrase: str) -> str:
    """A noun phrase without what follows its head ("the Director" of "the Director for Children & Young People")."""
    return re.split(r"\s+(?:of|for|at|on|in|from|to|with)\s+|,|\(", phrase, maxsplit=1)[0]


def _np_head(phrase: str) -> str:
    """The head word of a noun phrase: its last word before "of", "for", a comma or a bracket."""
    words = re.findall(r"[A-Za-z][\w'’-]*", _np_core(phrase))
    return re.sub(r"[’']s?$", "", words[-1].lower()) if words else ""


def _is_actor(phrase: str) -> bool:
    if not phrase or _NOT_ACTORS.search(_np_core(phrase)):
        return False
    if _PERSON.match(phrase) or _NAME.match(phrase):
        return True
    if re.fullmatch(r"[A-Z][\w'’-]+(?:\s+(?:upon|on|and|[A-Z][\w'’-]+)){0,3}", phrase) and by_name(phrase):
        return True  # "Rotherham had gathered ...": a council's place name stands for the council
    if _ORGANISATION.match(phrase) and sum(w[:1].isupper() for w in phrase.split()) >= 2:
        return True
    return bool(re.fullmatch(_ACTOR_HEADS, _np_head(phrase)))


def _is_deliverable(phrase: str) -> bool:
    if re.search(r"\b(?:inspect\w*|ofsted|monitoring visits?|inspectorate)\b", phrase, re.I):
        return False  # the inspectorate's visits and reports are its activity, not the council's (nottingham note)
    return (
        bool(phrase)
        and not _NOT_ACTORS.search(_np_core(phrase))
        and bool(re.fullmatch(_DELIVERABLE_HEADS, _np_head(phrase)))
    )


_BOUNDARY = re.compile(
    r"[;:“”\"]|,\s+|(?:^|\s+)(?:that|said|says|stated|and|but|whilst|while|where|when|because|as|so|if|which|how|why|"
    r"what|whether|anticipated|expected|envisaged|hoped|confirmed|reported|explained|advised|believed|felt|thought)"
    r"(?=\s|$)"
)
_PREPOSITIONS = {"of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "upon", "about", "as"}


def _subject(before: str) -> str:
    """The noun phrase just before a predicate, within its clause, as written."""
    clause = _LEADING.sub("", _unlead(_BOUNDARY.split(before)[-1])).strip(" ,‘’'\"")
    if not clause and re.search(r"\sand\s*$", before):
        # "We accept the feedback and are committed to ...": the verbs share the first clause's subject.
        first = re.sub(r"\s+and\s*$", "", before)
        clause = _opening_subject(_BOUNDARY.split(first)[-1] if _BOUNDARY.search(first) else first)
        if not clause:
            return ""
    pronoun = re.search(r"(?:^|\s)(they|it|we|he|she|this|there|which|who|I|you)$", clause, re.I)
    if pronoun:
        return pronoun.group(1)  # "... to make sure they are working": the pronoun is the subject
    if clause and not _is_actor(clause):
        # "upon the release of their report the council": the last noun phrase that names an actor,
        # unless a preposition governs it ("in the opinion of the Chair").
        for m in re.finditer(r"\b(?:the|The|our|Our|its|their|a|an|all|All)\s", clause):
            previous = clause[: m.start()].split()
            if previous and previous[-1].lower() not in _PREPOSITIONS and _is_actor(clause[m.start() :]):
                return clause[m.start() :]
    return clause


def _unlead(piece: str) -> str:
    """A clause without the joining words a split left at its start ("but we", "said the department")."""
    return re.sub(
        r"^(?:(?:that|said|says|stated|and|but|whilst|while|where|when|because|as|so|if|which)\s+)+", "", piece.strip()
    )


def _opening_subject(text: str) -> str:
    """The noun phrase a sentence opens with, up to its first verb."""
    text = _LEADING.sub("", text.strip(" “\"‘'"))
    m = re.match(
        r"^(?P<np>.{1,80}?)\s+(?:fully\s+|also\s+|now\s+)?(?:is|are|was|were|has|have|had|will|would|accepts?|accepted|"
        r"agreed|noted|welcomed|recognises?|acknowledges?|can|could|should|must|remains?)\b",
        text,
    )
    return m.group("np") if m else ""


def _owner(phrase: str | None) -> str | None:
    """The owner as written, or None for a pronoun or nothing."""
    if not phrase:
        return None
    phrase = re.sub(r"^(?:and|then|also)\s+", "", phrase.strip(), flags=re.I)
    if phrase.lower() in _PRONOUN_OWNERS:
        return None
    return phrase or None


# ---------------------------------------------------------------- predicates

_ADVERB = (
    r"(?:(?:also|now|then|soon|shortly|further|still|currently|already|not|"
    r"(?!early\b|only\b)[a-z]+ly)\s+){0,2}"
)
# Adverbs a passive commitment may carry; not "not" ("balances will not be updated" commits to nothing).
_PASSIVE_ADVERB = r"(?:(?:also|now|then|soon|shortly|further|still|(?!early\b|only\b)[a-z]+ly)\s+){0,2}"
_BY = re.compile(r"\b(?:by|through)\s+(?P<agent>(?:the\s+)?[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|&))*)")
_PARTICIPLE = (
    r"provided|made|presented|submitted|circulated|brought|reported|shared|sent|prepared|considered|approved|"
    r"reviewed|refreshed|developed|established|published|invited|arranged|held|scheduled|added|included|updated|"
    r"produced|agreed|monitored|undertaken|implemented|put|delivered|taken|given|discussed|amended|revised|issued|"
    r"written|drafted|raised|explored|circulated|forwarded|reissued|completed|introduced|received|tabled|asked|"
    r"requested|expanded|extended|strengthened|embedded|rolled|carried|set|visited"
)


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    status: str
    needs: str  # actor | deliverable | either | thing | decider | none: what the subject must be
    owner: str = "subject"  # subject | group | nobody: the owner is the subject, the named group, or not named


def _rule(pattern: str, status: str, needs: str = "actor", owner: str = "subject") -> _Rule:
    return _Rule(re.compile(pattern), status, needs, owner)


# In order: the first rule a statement matches decides it.
_RULES = [
    # "Action: Officers to circulate ...", "ACTION – the Director"
    _rule(r"^(?:ACTION|Action)\s*[:–-]\s*", PLANNED, "none"),
    # "The minutes of the meeting held on ... were confirmed as an accurate record"
    _rule(
        r"\b(?:as|be) (?:a|an) (?:true and )?(?:correct|accurate|true) record\b|"
        r"\b(?:[Mm]inutes|[Nn]otes) of (?:the|a) (?:[\w’' -]+ )?meeting[^.]*?\b(?:were|was)\s+"
        r"(?:agreed|approved|confirmed|signed|accepted|noted)\b(?![^.]*\bwould\b)|"
        r"\b[Mm]inutes of the previous meeting were\b",
        NOTED,
        "none",
    ),
    # "It was agreed that ...", "It was resolved to ..."
    _rule(r"\b[Ii]t was (?:also\s+)?(?:agreed|resolved|decided)\b", AGREED, "none"),
    # "The item was deferred to the next meeting", "this item was being deferred"
    _rule(r"\b(?:was|were|be|been|is|are)\s+(?:being\s+)?(?:deferred|postponed|withdrawn)\b", DEFERRED, "none"),
    # "Members were very pleased to note that ...": a body noting
    _rule(r"\b(?:was|were)\s+(?:very\s+|particularly\s+)?(?:pleased|glad|happy)\s+to\s+note\b", NOTED),
    # "The Council was required to submit ..."
    _rule(
        rf"\b(?:is|are|was|were)\s+{_ADVERB}(?:required|obliged|expected)\s+to\s+(?:submit|provide|produce|prepare|"
        r"publish|send|develop|deliver|report|respond|complete|present)\b",
        PLANNED,
    ),
    # "progress with all areas of the Action Plan was on track"
    _rule(r"\b(?:is|are|was|were)\s+(?:still\s+|now\s+)?on\s+track\b", ONGOING, "none"),
    # "would continue to be monitored by an Improvement Board"
    _rule(rf"(?:\b(?:will|would)|[’']ll)\s+{_ADVERB}continue\s+to\s+be\s+(?:{_PARTICIPLE})\b", ONGOING, "either"),
    # "Noted that ...", "Proposed that ...": the meeting's own note or decision, its subject left out
    _rule(r"^(?:Noted|NOTED)\s+that\b", NOTED, "none"),
    _rule(r"^(?:Agreed|AGREED)\s+that\b", AGREED, "none"),
    _rule(r"^(?:Proposed|Requested|Suggested|Recommended)\s+that\b", PLANNED, "none"),
    # "these had been placed into an action plan being led by the Assistant Director"
    _rule(r"\b(?:being|is|are)\s+(?:led|overseen|co-ordinated|coordinated)\s+by\b", ONGOING, "none"),
    # "there would be a change in procedure", "there will be a further report"
    _rule(
        r"\bthere\s+(?:will|would)\s+(?:also\s+)?be\s+(?:an?\s+)?(?:new\s+|further\s+|full\s+)?(?:change|changes|review|"
        r"report|update|meeting|session|audit|response|representation|presentation|briefing|visit)\b",
        PLANNED,
        "none",
    ),
    # "Four staff engagement sessions have taken place"
    _rule(
        r"\b(?:sessions|meetings|visits|workshops|events|audits)\s+(?:have|has|had)\s+(?:now\s+)?"
        r"(?:taken place|been held)\b",
        COMPLETED,
        "none",
    ),
    # "As a council we have made a commitment to ..."
    _rule(
        r"\b(?:(?:has|have|had)\s+)?(?:made|make|makes|gave|given)\s+(?:a|an|the)\s+(?:firm\s+)?(?:commitment|pledge|promise)"
        r"\s+to\b",
        AGREED,
    ),
    # "X has until December 11 to submit ..."
    _rule(r"\b(?:has|have)\s+until\s+[^.;]{2,40}?\s+to\s+[a-z]", PLANNED),
    # "The Director agreed to provide ...", "has committed to tackling", "undertook to"
    _rule(
        rf"\b(?:(?:is|are|was|were|has|have|had)\s+)?{_ADVERB}(?:agreed|undertook|undertakes|undertaken|promised|"
        r"pledged|offered|committed|determined|AGREED)\s+to\s+[a-z]",
        PLANNED,
    ),
    # "X was asked to", "were requested to", "has been tasked with"
    _rule(
        rf"\b(?:was|were|has been|have been|had been)\s+{_ADVERB}(?:asked|requested|tasked|invited|instructed|"
        r"encouraged|urged)\s+to\s+[a-z]",
        PLANNED,
    ),
    # "asked the Director to", "requested officers to"
    _rule(
        r"\b(?:asked|requested|instructed|tasked|invited)\s+(?P<group>(?:the\s+)?(?:[A-Z][\w’'&-]*|officers|members)"
        r"(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|&))*)\s+to\s+[a-z]",
        PLANNED,
        "none",
        "group",
    ),
    # "required that an action plan be submitted by 17 October": required of the council, whoever requires it
    _rule(r"\brequired\s+that\s+[^.;]{2,160}?\s+be\s+[a-z]+ed\b", PLANNED, "none"),
    # "requested that a report be brought to the next meeting"
    _rule(r"\b(?:requested|recommended|asked)\s+that\b", PLANNED, "either"),
    # "is due to be presented", "is scheduled to"
    _rule(
        rf"\b(?:is|are|was|were)\s+{_ADVERB}(?:due|scheduled|expected|planned|set)\s+to\s+(?:be\s+)?[a-z]",
        PLANNED,
        "either",
    ),
    # "X to report back to the Committee", "Officers to circulate"
    _rule(
        r"^(?:[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|&))*|[Oo]fficers|[Mm]embers)\s+to\s+(?:report|provide|"
        r"circulate|send|share|arrange|update|bring|present|write|contact|confirm|investigate|look|liaise|review|"
        r"prepare|respond|consider|ensure|meet|follow)\b",
        PLANNED,
    ),
    # "The aim was to negotiate ...", "the intention is to": a plan stated as the aim
    _rule(
        r"^(?:The|the|Our|our)\s+(?:aim|intention|plan|ambition|priority|next\s+steps?|next\s+stage(?:\s+of\s+[^.]{3,60}?)?)"
        r"\s+(?:is|was|are|will be|would be)\s+to\s+[a-z]",
        PLANNED,
        "none",
    ),
    # "suggested the Service Director be invited", "proposed that a report be brought"
    _rule(
        r"\b(?:suggested|proposed|recommended|requested)\s+(?:that\s+)?[^.;]{2,160}?\s+be\s+(?:[a-z]+ed|given|made|sent)\b",
        PLANNED,
        "none",
        "nobody",
    ),
    # "which was in the process of being upgraded", "an upgrade was underway", "this would be ongoing"
    _rule(
        r"\b(?:is|are|was|were)\s+(?:still\s+|now\s+)?"
        r"(?:in the process of|underway\b|under way\b|ongoing\b|in progress\b)|"
        r"\b(?:will|would)\s+(?:be|remain)\s+ongoing\b",
        ONGOING,
        "none",
    ),
    # "Places for Leisure have also been offering", "the service has been working"
    _rule(rf"\b(?:has|have)\s+{_ADVERB}been\s+[a-z]+ing\b", ONGOING),
    # "will continue to", "would continue to": ongoing work
    _rule(rf"(?:\b(?:will|would|shall)|[’']ll)\s+{_ADVERB}continue\s+to\s+[a-z]", ONGOING),
    # "will be provided", "would be made available", "cases would be re-audited": what is to be done, in the passive
    _rule(
        rf"(?:\b(?:will|would|shall|should)|[’']ll)\s+{_PASSIVE_ADVERB}be\s+{_PASSIVE_ADVERB}(?:{_PARTICIPLE}|[a-z-]{{3,}}ed)\b",
        PLANNED,
        "thing",
    ),
    # "Immediate action was to be taken": a plan in the passive
    _rule(rf"\b(?:is|are|was|were)\s+{_PASSIVE_ADVERB}to\s+be\s+(?:{_PARTICIPLE}|[a-z-]{{3,}}ed)\b", PLANNED, "thing"),
    # "For data to be brought to a future meeting": a decision in the infinitive, as lists of decisions write
    # them; not a "to" that is no infinitive ("up to date", "due to", "in addition to")
    _rule(
        r"^For\s+[^.;]{2,120}?(?<!\bup)(?<!\bdue)(?<!\baccording)(?<!\baddition)(?<!\bregard)(?<!\brelation)"
        r"\s+to\s+(?!date\b)(?:be\s+)?[a-z]+",
        PLANNED,
        "none",
    ),
    # "The Priority Action Plan had been drafted": a deliverable done
    _rule(
        r"\b(?:has|have|had)\s+(?:now\s+|already\s+|also\s+)?been\s+(?:drafted|completed|submitted|produced|"
        r"developed|established|set up|put in place|implemented|launched|finalised|finalized|signed off)\b",
        COMPLETED,
        "deliverable",
    ),
    # "Officers will ...", "the department would waste no time", "We will target training"
    _rule(
        rf"(?:\b(?:will|would|shall)|[’']ll)\s+{_ADVERB}(?!be\b|have\b|like\b|mean\b|help\b|allow\b|enable\b|result\b|"
        r"impact\b|affect\b|make\s+(?:a|the)\s+difference\b)(?:need\s+to\s+)?[a-z]+",
        PLANNED,
    ),
    # "is looking to revise", "are planning to", "intends to"
    _rule(
        rf"\b(?:is|are|was|were|[’']re)\s+{_ADVERB}(?:looking|planning|preparing|seeking|intending|going|aiming)\s+to\s+[a-z]|"
        r"\b(?:intends?|plans?|aims?)\s+to\s+[a-z]",
        PLANNED,
    ),
    # "The Council is taking action", "Officers are working with partners", "We're accelerating"
    _rule(
        rf"(?:\b(?:is|are|was|were)|[’']re)\s+{_ADVERB}(?:taking|working|addressing|accelerating|developing|reviewing|"
        r"implementing|exploring|monitoring|undertaking|progressing|putting|delivering|leading|focusing|engaging|"
        r"strengthening|tackling|recruiting|investing|building|revising|refreshing|rolling)\b|"
        # In the present only: "The County Council is stepping up the pace" (not "the service was improving").
        rf"(?:\b(?:is|are)|[’']re)\s+{_ADVERB}(?:stepping|improving|increasing|reducing|supporting|embedding|"
        r"introducing)\b|"
        rf"(?:\b(?:is|are)|[’']re)\s+{_ADVERB}(?:focus(?:s)?ed|concentrating)\s+on\b",
        ONGOING,
    ),
    # "work was being done to", "Monitoring was taking place", "work in place to address these"
    _rule(
        r"\b(?:[Ww]ork|[Mm]onitoring|[Aa]ctivity|[Dd]iscussions|[Cc]onversations|[Tt]alks|[Nn]egotiations)\s+"
        r"(?:(?:is|was|were|are)\s+(?:being\s+done|taking\s+place|"
        r"underway|under\s+way|ongoing|in\s+progress|continuing)|in\s+place\s+to|underway|under\s+way)\b",
        ONGOING,
        "none",
    ),
    # "The Council has submitted an improvement plan", "had appointed 35 new members of staff"
    _rule(
        rf"\b(?:has|have|had)\s+{_ADVERB}(?:submitted|appointed|established|published|introduced|completed|commissioned|"
        r"launched|recruited|implemented|produced|set\s+up|put\s+in\s+place)\b",
        COMPLETED,
    ),
    # "That the report be noted.", "That a further report ... was agreed": a resolution standing on its own
    _rule(
        r"^(?:That|THAT)\s+[^.;]{2,240}?\s+(?:be\s+[a-z]+|(?:was|were)\s+(?:agreed|noted|approved|resolved|endorsed|"
        r"received|accepted|supported|deferred))\b",
        PLANNED,
        "none",
    ),
    # "The report was noted.", "The progress made ... was noted.": what the meeting received, in the passive
    _rule(
        r"^(?:The|the)\s+[^.;]{3,240}?\s+(?:was|were)\s+(?:duly\s+)?(?:noted|received|approved|agreed|endorsed|"
        r"accepted|welcomed|supported)\s*\.?$",
        NOTED,
        "none",
    ),
    # "The report was noted by councillors", "was approved by Cabinet"
    _rule(
        r"\b(?:was|were)\s+(?:noted|received|approved|endorsed|agreed|considered|accepted)\s+by\s+(?P<group>(?:the\s+)?"
        r"[\w’'&-]+(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|&))*)",
        NOTED,
        "none",
        "group",
    ),
    # "The Committee were presented with a report": what a body received
    _rule(
        r"\b(?:was|were)\s+(?:presented with|given|shown)\s+(?:an?\s+|the\s+)?(?:[\w’'-]+\s+){0,3}?"
        r"(?:report|presentation|update|briefing|overview)\b",
        NOTED,
        "decider",
    ),
    # "The Committee noted ...", "Cabinet approved ...", "Members endorsed the report", "The Panel NOTED"
    _rule(
        r"\b(?:noted|considered|received|welcomed|endorsed|approved|agreed|resolved|decided|accepted|supported|confirmed|"
        r"deferred|delegated|adopted|recommended|NOTED|CONSIDERED|RECEIVED|WELCOMED|ENDORSED|APPROVED|AGREED|RESOLVED|"
        r"DECIDED|ACCEPTED|SUPPORTED|DEFERRED|RECOMMENDED)\b",
        NOTED,
    ),
]
# Decided things (plans, recommendations) rather than things read (a report, the minutes).
_DECIDED_OBJECT = re.compile(
    r"^\s*(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,4}?(?:plan|plans|recommendations?|proposals?|strategy|budget|option|"
    r"changes?|approach|policy|programme|arrangements|funding)\b",
    re.I,
)
_READ_VERBS = {"noted", "considered", "received", "welcomed"}


# Who decides or notes for a meeting: a body, its members, the council, a decision maker; not one officer.
_DECIDERS = (
    r"committee|commission|panel|board|sub-board|sub-committee|cabinet|executive|mayor|leader|members|councillors|"
    r"council|forum|partnership|group|meeting|authority"
)
# What a body may receive without acting on it: a grade, a judgement, a visit.
_NOT_A_DECISION = re.compile(
    r"^\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:judgements?|judgments?|grades?|ratings?|scores?|visits?)\b", re.I
)
# Verbs after "will" that announce a meeting, not an act: "the committee will meet to discuss".
_ONLY_MEETS = re.compile(r"(?:will|would|[’']ll)\s+(?:\w+\s+)?(?:meet|discuss|debate|be discussed|be debated)\b")
# A statement whose object is the list after it ("the Mayor agreed that:", "to make the following decisions:").
_OPENS_LIST = re.compile(r"\b(?:that|to|following(?:\s+\w+)?|as follows|below|these)\s*:\s*-?\s*$")
_AGENDA = re.compile(
    r"^To\s+(?:note|receive|approve|consider|confirm|agree|sign|discuss|review|scrutinise|elect|appoint|declare|welcome|"
    r"endorse|comment|present|update|invite|be)\b"
)


# A field label of a decision record or minutes page, alone or before its text.
_LABEL = re.compile(
    r"^(?P<label>Decisions?(?: made)?|Resolved|RESOLVED|Minutes|Purpose|Reasons? for (?:the )?decisions?|"
    r"Alternative options(?: considered)?(?: and rejected)?|Reason Key|Divisions? Affected|Wards? affected|Contact|"
    r"Date of decision|Effective from|Supporting documents|Additional documents|Report author|Lead officer|"
    r"Publication date|Decision status|Decision Maker|Is Key decision\?)(?:\s*:\s*|\s*$)"
)
_IMPERATIVE = re.compile(
    r"^(?:Note|Agree|Approve|Endorse|Request|Delegate|Authorise|Authorize|Receive|Support|Ask|Instruct|Welcome|"
    r"Consider|Recommend|Accept|Adopt|Defer|Refer|Confirm|Commission)\b"
)


# The housekeeping every meeting minutes, which the labelling guide leaves out (portsmouth, wiltshire notes).
_PROCEDURE = re.compile(
    r"\bapolog(?:y|ies)\b|\bdeclarations? of (?:\w+\s+){0,2}interests?\b|"
    r"\bdeclared (?:an?|any|no) (?:\w+\s+)?interests?\b|"
    r"\bsubstitut(?:e|ed|ing)\b|\b(?:was|were) (?:not )?quorate\b|"
    r"\burgent (?:business|items?|matters?)\b|\b(?:urgent|urgency) by reason\b|\bmatters? of urgency\b|\blate items\b",
    re.I,
)
# A clause the inspectorate reports: its verbs are Ofsted's observation, not the council's commitment.
_REPORTED = re.compile(
    r"(?:\b(?:Ofsted|OFSTED|[Ii]nspectors?|[Ii]nspection|[Vv]isit|[Rr]eport|[Ll]etter|[Ww]atchdog)\s+(?:\w+\s+)?"
    r"(?:acknowledged|found|noted|said|says|highlighted|recognised|recognized|reported|concluded|observed|stated)|"
    r"\b(?:noted|found|highlighted|reported|observed|recognised) by (?:the )?(?:Ofsted |OFSTED )?[Ii]nspectors?)\s+"
    r"(?:that\s+)?[^.;]*$"
)


def _is_decider(phrase: str) -> bool:
    """A body, its members, the council or a decision maker: who decides or notes for a meeting."""
    core = _np_core(phrase).lower()
    return bool(re.fullmatch(_DECIDERS, _np_head(phrase))) or bool(
        re.search(r"\b(?:cabinet member|portfolio holder|lead member|executive member|deputy leader)$", core)
    )


def _match(statement: str) -> tuple[_Rule, re.Match, str] | None:
    """The rule a statement satisfies at its main clause, its match, and the subject it found.

    Every rule's matches are tried; the earliest predicate in the statement
    wins (the main clause comes before the clauses it governs: "The Council
    will share information to explain how services will continue ..."), and
    at one place the rule listed first.
    """
    best = None
    for order, rule in enumerate(_RULES):
        for m in rule.pattern.finditer(statement):
            if best is not None and m.start() >= best[0][0]:
                break
            subject = _accepts(rule, m, statement)
            if subject is not None:
                best = ((m.start(), order), rule, m, subject)
                break
    return best[1:] if best else None


_PASSIVE_NON_SUBJECTS = {
    "it", "this", "that", "there", "which", "who", "what", "they", "these", "those", "you", "we", "i", "he", "she",
}  # fmt: skip
# A verb inside "how", "whether", "why" or "if" is a question or a condition, not a commitment: for a
# passive anywhere in the clause; for an active verb only a few words on ("how these will affect"), since
# a later clause can commit ("Members asked how it would work and the Director agreed to ...").
_INDIRECT = re.compile(r"\b(?:how|whether|why|if|what)\s+[^,;.]*$", re.I)
_INDIRECT_NEAR = re.compile(r"\s(?:how|whether|why|if|what)\s+(?:[\w’'-]+\s+){0,3}$", re.I)  # not opening: "If so, ..."


def _accepts(rule: _Rule, m: re.Match, statement: str) -> str | None:
    """The subject of a rule's match if the rule's conditions on it hold, else None."""
    if _ONLY_MEETS.match(statement, m.start()):
        return None
    before = statement[: m.start()]
    if _PAST_PROMISE.search(before) or any(a.start() <= m.start() < a.end() for a in _MEETING_ACT.finditer(statement)):
        return None  # what was promised long ago, or what the meeting itself did
    if _REPORTED.search(before):
        return None  # "This visit acknowledged that the Council was taking steps": the inspectors' words
    subject = _subject(before)
    if rule is _RULES[-1] and not (_is_decider(subject) and not _NOT_A_DECISION.match(statement[m.end() :])):
        return None
    if _INDIRECT_NEAR.search(before):
        return None  # "... or how these will affect them": a question or a condition, not a commitment
    if rule.needs == "none":
        return subject
    if rule.needs == "thing":
        # The subject of a passive: anything named but a pronoun, the inspectorate or the people served.
        if _INDIRECT.search(before):
            return None
        bare = subject.strip().lower()
        return (
            subject
            if subject and bare not in _PASSIVE_NON_SUBJECTS and not _NOT_ACTORS.search(_np_core(subject))
            else None
        )
    if rule.needs == "decider":
        return subject if _is_decider(subject) else None
    coordinated = bool(re.search(r"\sand\s*$", before))
    actor = _is_actor(subject) or (rule.needs != "actor" and (not subject or coordinated))
    if rule.needs == "actor" and actor:
        return subject
    if rule.needs == "either" and (actor or _is_deliverable(subject)):
        return subject
    if rule.needs == "deliverable" and _is_deliverable(subject):
        return subject
    return None


# "An improvement board would include representatives from ...": what it will be ("include ... into" is an act).
_STATIVE = re.compile(
    rf"(?:will|would|shall|[’']ll)\s+{_ADVERB}(?:include|includes|involve|comprise|contain|consist)\b(?![^.;]*\binto\b)"
)


# What happened at the meeting itself, told in the past: "The Chair invited the Director to present her
# report" (a verb with the meeting's own item as its object, at the end of its clause).  Only a match
# inside it is refused: "..., and officers agreed to circulate the figures" still commits.
_MEETING_ACT = re.compile(
    r"\binvited\s+[^.;]{1,80}?\bto\s+(?:present|deliver|introduce|outline|speak\s+to)\s+"
    r"(?:her|his|their|the|this|a)\s+(?:\w+\s+)?(?:presentation|report|item|paper|update|slides)\b"
    r"(?=\s*(?:[,.:;(-]|$|which\b|that\b|to\s+(?:the\s+)?(?:meeting|members|committee|commission|panel|board)\b))"
)
# A promise someone made in the past, told as history ("I said at that time that we would ..."): a
# match in the same clause after it is what was promised then, not a commitment of the text's.
_PAST_PROMISE = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:said|promised|pledged|committed)\b(?:(?!\b(?:and|but|will|would)\b)[^.;,])*$"
)


def classify(statement: str, agenda: bool = False) -> tuple[str, str | None] | None:
    """(status, owner as written) for a statement that states an action, else None.

    ``agenda``: the statement stands in an agenda item's description (before
    its "Minutes:"), which says what the meeting is asked to do, not what it did.
    """
    text = statement.strip()
    if len(text.split()) < 4 or text.endswith("?") or _OPENS_LIST.search(text):
        return None
    if _AGENDA.match(text) and (agenda or "record" not in text) and not re.search(r"\b(?:will|would)\b", text):
        return None
    if re.search(r"\basked to (?:be an?|be part|declare)\b|\bwelcome (?:the )?(?:Ofsted )?inspectors\b", text):
        return None
    if _PROCEDURE.search(text):
        return None  # apologies, declarations of interest, substitutes: the meeting's housekeeping
    found = _match(text)
    if found is None:
        return None
    rule, m, subject = found
    status = rule.status
    if rule.pattern.pattern.startswith("^(?:That|THAT)"):
        status = resolution_status(text)
    if rule is _RULES[-1]:  # a body's own verb: what it decided, or only read
        verb = m.group(0).lower()
        rest = text[m.end() :]
        if verb == "deferred":
            status = DEFERRED
        elif verb in {"resolved", "decided", "delegated", "adopted", "recommended", "supported"}:
            status = AGREED
        elif verb in _READ_VERBS or not _DECIDED_OBJECT.match(rest):
            status = NOTED
        else:
            status = AGREED
    owner = subject
    if rule.owner == "group":
        owner = m.group("group")
    if rule is _RULES[0]:  # "Action: the Director to ..."
        lead = re.match(r"\s*(?P<who>[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*)\s+to\s+", text[m.end() :])
        owner = lead.group("who") if lead else None
    if rule is _RULES[1]:  # the minutes approved: the meeting's act, no one else's
        return status, None
    if rule.pattern.pattern.startswith(r"^(?:The|the)\s+[^.;]"):  # "The plan was agreed": approving decides
        status = (
            AGREED
            if re.search(r"\b(?:approved|agreed|endorsed|supported)\b", m.group(0))
            and _DECIDED_OBJECT.match(m.group(0)[4:])
            else NOTED
        )
    if rule.needs in {"either", "none", "deliverable"} and not (_is_actor(owner or "") or rule.owner == "group"):
        owner = None
    if rule.owner == "nobody":
        owner = None  # who asks is not who is to act: "Councillor X requested clarification be provided"
    if _STATIVE.match(text, m.start()):
        owner = None  # "An improvement board would include representatives": what it will be, not what it will do
    if rule.needs == "thing" and not re.search(
        r"(?:asked|requested|invited|required|expected|tasked|instructed)$", m.group(0)
    ):
        owner = None  # the subject of a passive is what is done, not who does it ("Families OSC will be made aware")
    if owner is None or rule.needs in ("either", "thing"):
        by = _BY.search(text, m.start())
        if by and _is_actor(by.group("agent")):
            owner = by.group("agent")
    return status, _owner(owner)


# ---------------------------------------------------------------- the document's actions


def find_actions(doc: Document, window: DateWindow | None = None) -> list[FoundAction]:
    """Every action of a minutes, decision record or news text, in reading order.

    ``window`` is when the meeting was held (or the document published), for
    due dates said relative to it; without it such dates stay empty with
    the reason.
    """
    source = doc.source
    found: list[FoundAction] = []
    covered: list[tuple[int, int]] = []
    for res in resolutions(doc, window):
        status = res.status
        owner = _resolution_owner(res.text) or (res.subject if status != STATUS_NOTED or res.subject else None)
        action = FoundAction(
            0,
            "resolution",
            clean_quote(source, res.start, res.end),
            res.start,
            res.end,
            status,
            _owner(owner),
            resolution=res.number,
            label=res.label,
            meeting_date=res.meeting_date,
        )
        _set_due(action, window, res.due)
        found.append(action)
        covered.append((res.start, res.end))
    found_statements = statements(source)
    section = None
    for k, st in enumerate(found_statements):
        label = _LABEL.match(st.text)
        if label:
            section = "decision" if label.group("label").lower().startswith(("decision", "resolved")) else "other"
            if not st.text[label.end() :].strip():
                continue
        if any(st.start < end and start < st.end for start, end in covered):
            continue
        following = found_statements[k + 1 : k + 4]
        agenda = any(re.fullmatch(r"Minutes\s*:", s.text.strip()) for s in following)
        text = st.text[label.end() :] if label else st.text
        if _agenda_text(found_statements, k):
            continue  # an agenda item's description: what the meeting was to do, not what it did
        if (_AGENDA.match(text) or _TO_BE_AGREED.search(text)) and any(
            _RESOLVED_START.match(s.text) for s in following[:2]
        ):
            continue  # "To approve as a correct record the minutes ..." and the resolution that does it
        judged = classify(text, agenda)
        if judged is None and section == "decision" and (_AGENDA.match(text) or _IMPERATIVE.match(text)):
            # A decision record's decision: "To note the report", "Approve the plan".
            judged = (resolution_status(text), None)
        if judged is None:
            continue
        status, owner = judged
        start = st.start + (len(st.text) - len(text.lstrip())) if label else st.start
        # The quote as the provenance check re-derives it from the offsets (not the statement's own joining).
        action = FoundAction(0, "statement", clean_quote(source, start, st.end), start, st.end, status, owner)
        _set_due(action, window, None)
        found.append(action)
    found.sort(key=lambda a: a.start)
    for k, action in enumerate(found, start=1):
        action.number = k
    return found


_TO_BE_AGREED = re.compile(r"\bto be (?:agreed|confirmed|approved)\b")
_RESOLVED_START = re.compile(r"^\s*(?:RESOLVED|Resolved|AGREED|DECIDED)\b")
# An agenda item's number or heading line ("24.", "FORWARD PLAN pdf icon PDF 229 KB"): a new item starts.
_ITEM_LINE = re.compile(r"^(?:\d{1,4}\.?|[A-Z][A-Z0-9 ,&’'()/-]{3,}(?:\s+pdf icon PDF [\d.]+ [KM]B)?)$")


def _agenda_text(found: list, k: int) -> bool:
    """Whether statement ``k`` is an agenda item's description: the item's "Minutes:" label comes after it.

    ModernGov pages print each item's heading, its description from the
    agenda, then "Minutes:" and what the meeting did; a new item's number or
    heading before any "Minutes:" label means the statement was in the minutes.
    """
    for st in found[k + 1 : k + 8]:
        text = st.text.strip()
        if re.fullmatch(r"Minutes\s*:", text):
            return True
        if _ITEM_LINE.match(text) or _RESOLVED_START.match(text):
            return False
    return False


def _resolution_owner(text: str) -> str | None:
    """Who a resolution names to act: "That the Director be asked to ...", "... be prepared by the Director"."""
    m = re.match(
        r"^(?:That\s+)?(?P<who>(?:the\s+)?[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|&))*)\s+be\s+(?:asked|requested|"
        r"invited|instructed|authorised|delegated)\s+to\b",
        text,
    )
    if m and _is_actor(m.group("who")):
        return m.group("who")
    # The subjunctive of a resolution, or its "to": "That the Director report back ...", "the Chair to write to ...".
    m = re.match(
        r"^(?:[Tt]hat\s+)?(?P<who>(?:the\s+)?[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|&))*)\s+(?:to\s+)?"
        r"(?:report|provide|bring|present|circulate|write|arrange|share|update|submit|prepare|develop|liaise|contact|"
        r"investigate|explore|monitor|seek|return|produce|ensure)s?\b",
        text,
    )
    if m and _is_actor(m.group("who")):
        return m.group("who")
    m = re.search(
        r"\bbe\s+(?:prepared|submitted|presented|provided|brought|circulated|undertaken|led|considered|reviewed|"
        r"monitored|overseen)\s+by\s+",
        text,
    )
    if m:
        by = _BY.search(text, m.start())
        if by and _is_actor(by.group("agent")):
            return by.group("agent")
    return None


_TIMING = re.compile(
    r"\b(?:(?:at|to|for|by|before|until|in time for)\s+(?:the\s+|its\s+|their\s+)?(?:next|following|future)\s+"
    r"(?:[\w’'-]+\s+){0,3}?"
    r"meeting|after the meeting|as soon as possible|soon|shortly|in due course|in the new year)\b",
    re.I,
)


def _set_due(action: FoundAction, window: DateWindow | None, given: Due | None) -> None:
    """The due date of an action that is still to be done, with its wording and how it was resolved."""
    if action.status in {NOTED, COMPLETED, ONGOING}:
        return
    due = given or _first_due(action.text, window)
    timing = _TIMING.search(action.text)
    if due:
        action.due, action.due_text, action.due_basis = due, due.text, due.basis
        return
    not_a_date = impossible_date(action.text)
    relative = relative_wording(action.text)
    if not_a_date:
        action.due_text, action.due_basis = not_a_date, f"'{not_a_date}' is not a date"
    elif timing:
        action.due_text = timing.group(0)
        action.due_basis = f"'{timing.group(0)}' gives no date the document states"
    elif relative and not (window and window.exact):
        action.due_text = relative
        action.due_basis = (
            "the document does not state the meeting date, so the date cannot be counted from it"
            if window is None
            else f"the meeting date is not known exactly ({window.basis}), so the date cannot be counted from it"
        )


def _first_due(text: str, window: DateWindow | None) -> Due | None:
    """The first date in ``text`` that is still to come: dates of past meetings ("held on 2 May") are history."""
    rest = text
    for _ in range(4):
        due = resolve_due(rest, window)
        if due is None:
            return None
        at = rest.find(due.text)
        past = re.search(
            r"\b(?:held on|dated|since|published on|took place on)\s+(?:\w+day,?\s+)?(?:the\s+)?$", rest[:at]
        )
        before_meeting = window and window.not_before and due.last_day < window.not_before
        if not (past or before_meeting):
            return due
        rest = rest[at + len(due.text) :]
    return None
