"""Discover the named services, teams and bodies of councils outside the curated register.

Rotherham's entities are curated by hand (``data/register.yaml``); for the
other councils the names come from the report text itself.  Ofsted writes
many names in lower case ("the multi-agency safeguarding hub (MASH)", "the
virtual school", "the leaving care team"), so capitals alone do not mark a
name.  A candidate is a noun phrase ending in a head word that says what kind
of unit it is (team, service, hub, board, panel, partnership, unit, front
door, clinic, school, group, forum, ...), and the text marks it as a name in
one of five ways:

- an acronym in brackets whose letters are the phrase's initials
  ("multi-agency safeguarding hub (MASH)"), which also names units with no
  head word ("child and adolescent mental health services (CAMHS)");
- capitals that are not there because the sentence starts ("Edge of Care
  Team", "Local Safeguarding Children Board");
- quotation marks ("the 'Journey' hub");
- the definite article: "the virtual school", "the fostering service", a unit
  the report speaks of as the council's one unit of its kind;
- an apposition that says a coined name in capitals or quotation marks is a
  unit ("Zipwire, an intensive support service").

Ordinary phrases that look like names are rejected by the rules of
``rejection_reason``, which say why: a head word alone ("the service"), a
generic department ("children's services", "social work teams"), a
sentence-initial capital, the council itself, a national body (the Family
Justice Board), a role ("chair of the panel"), a phrase too long to be a name.
Variants of one name (case, "the", singular and plural, an acronym) are one
entity.  Every discovered entity is marked ``cs:curation cs:Discovered`` and
cites the first sentence that names it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from ..folding import fold_name, name_key
from ..iris import slug
from ..model import Document
from ..sources.councils import by_slug, load_authorities
from .register import Citation, Entity
from .service_types import known_unit_names


def _words(text: str) -> frozenset[str]:
    """A set of words written as text (the vocabularies below are long lists of words)."""
    return frozenset(text.split())


# A council's name, or all its names (``council_names``): the rules read any of them as the council's.
Council = str | tuple[str, ...] | None


def _forms_of(council: Council) -> tuple[str, ...]:
    return (council,) if isinstance(council, str) else tuple(council or ())


# Head words: the last word of a unit's name, and the kind of unit it makes.
SERVICE_HEADS = {
    "team",
    "service",
    "hub",
    "project",
    "programme",
    "academy",
    "clinic",
    "unit",
    "centre",
    "school",
    "scheme",
    "front door",
    "agency",
    "network",
    "department",
    "designated officer",
    "club",
    "desk",
    "conferencing",
}
BODY_HEADS = _words(
    """
    board panel partnership committee forum group commission council sub-group subgroup consortium
    sub-committee subcommittee
    cabinet trust
    """
)
HEADS = SERVICE_HEADS | BODY_HEADS
# "commissions" is far more often the verb ("the board commissions audits") than more than one commission.
_PLURALS = {f"{h}s": h for h in HEADS if h != "commission"} | {
    "services": "service",
    "centres": "centre",
    "sub-groups": "sub-group",
    "sub-committees": "sub-committee",
}
# Words an acronym's expansion may end in besides the head words (a conference, a designated officer).
ACRONYM_ENDS = HEADS | {
    "conference",
    "conferences",
    "conferencing",
    "services",
    "teams",
    "hubs",
    "panels",
    "access",
    "employment",
}
# Words that open a phrase without naming anything; they end the name to their left.
DETERMINERS = _words(
    """
    the this that these those a an its their our his her each every any some all many one both such
    which whose what no either neither
    """
)
_INDEFINITE = _words(
    """
    a an one any some each every no many all both
    """
)
# Words that cannot stand inside a name: verbs, prepositions, adverbs, conjunctions.
STOP = _words(
    """
    is are was were be been being has have had do does did can could will would should may might must by
    from at into onto through within across between via as than that who whom when where while whilst
    also not very well more most less including includes include such about after before during under
    over since until because although though if so but or nor both how why there here then now only just
    too further other another same whole wider new newly existing current previous recent recently
    established well-established relevant appropriate own separate single various several number range
    part work use used using led run based provided commissioned known called named against upon around
    without toward towards among amongst like per up off down effective strong good small large
    dedicated specific key main statutory wide broad overall high low clear joint joined-up experienced
    skilled busy revised rolling right correct individual preventative identified innovative
    improved annual seamless fortnightly weekly monthly quarterly member-led jointly active largest
    biggest different difference poor-quality high-quality ambitious accessible highly stable two three
    four five six first second last next newly-formed recently-formed timely ongoing town january
    february march april june july august september october november december attend attends retained
    needed diagnostic uses visits ensures ensuring demonstrates improving provides provide offers offer
    works meets holds delivers commissions oversees monitors leads considers receives receive makes
    takes gives shows sees helps enables allows brings continues remains reports tracks identifies
    develop developing improve ensure projects drive deliver delivering creating building supporting
    strengthening throughout example make makes made total
    """
)
# Adjectives that may stand between "the" and a name without being part of it ("the well-established
# emergency duty team", "the weekly placement panel").
ADJECTIVES = _words(
    """
    formed created launched introduced developed reconfigured restructured commissioned
    new newly existing current previous recent recently established well-established relevant
    appropriate own separate single effective strong good small large dedicated specific key main
    statutory wide broad clear joint experienced skilled busy revised rolling right correct
    individual preventative innovative improved annual seamless fortnightly weekly monthly quarterly
    member-led active ambitious accessible highly stable newly-formed recently-formed timely ongoing
    diagnostic well-resourced well-led well-functioning very long-standing long-established
    newly-established recently-established multi-disciplinary successful valued thriving enthusiastic
    committed impressive vibrant proactive tenacious talented appointed temporary permanent interim
    well-coordinated specialist capable competent knowledgeable consistent cohesive larger
    strengthened enhanced expanded extended enlarged increased reduced refocused embedded expanding
    co-located
    """
)
# Words just before "a"/"an" that make the unit after it one not yet there, or not there at all.
# A decision carried out ("leaders decided to establish a hub, which is now effective") names a real unit.
_UNREAL = re.compile(
    r"\b(?:plans?|planning|intends?|intention|proposals?|proposes?|aims?) (?:not )?to "
    r"(?:\w+ )?(?:introduce|establish|develop|create|set up|have|launch|form|build)\s+(?:an?\s+)?$"
    r"|\b(?:decision|decided) not to (?:\w+ )?(?:introduce|establish|develop|create|set up|have)\s+(?:an?\s+)?$"
    r"|\b(?:not|no) (?:\w+ )?(?:used|had|have|has) (?:\w+ ){0,3}?such as\s+(?:an?\s+)?$",
    re.IGNORECASE,
)
# Participles that say what a unit is made of, not how it came to be: part of its name.
_COMPOSED = frozenset({"integrated", "combined"})
# Words that judge or count a unit, describing only in lower case ("the poor service", "a fourth team"): in
# capitals they may be a name's own ("the Swift team", "the Robust Parenting programme").
_JUDGING = _words(
    """
    poor prompt excellent weak inadequate swift discrete discreet receiving third fourth fifth sixth seven
    eight nine ten eleven twelve dynamic robust respective responsive agile challenging entire vital successor
    """
)
# Verbs that end a name only in lower case ("... children and build supportive services"; "the Enable team").
_LOWER_CASE_VERBS = _words("build builds enable said says")  # "..., said Calderdale Council cabinet member"
# The forms of such words: an adverb in -ly, a "well-" or "much-" compound, a participle of doing again
# ("relaunched", "refreshed"), a superlative ("latest").
_DESCRIBING = re.compile(
    r"[a-z]+ly|(?:well|much|highly|newly|recently|fully|ever|high)-[a-z-]+|re-?[a-z]{3,}ed|[a-z]{2,}est"
)
# Words of those forms that name: "family", "early help", "interest" and the like.
_NOT_DESCRIBING = _words(
    """
    family early elderly friendly assembly supply ally italy july holy bully quest interest forest
    request arrest harvest guest contest protest conquest southwest northwest
    chest inquest digest manifest honest modest earnest well-being
    """
)
# What an adverb describes: a participle or an adjective ("suitably qualified", "largely ineffective").
_PARTICIPLE = re.compile(r"^[a-z-]+(?:ed|ive|(?<!m)ent|ous|ful|able|ible|ic)$")
# How often a panel meets, which describes the panel rather than the word after it ("the weekly placement panel").
_FREQUENCY = _words("daily weekly monthly quarterly yearly termly fortnightly hourly nightly")
_MONTHS = _words("january february march april may june july august september october november december")
CONNECTORS = _words(
    """
    and of for with in to & on upon
    """
)
# "of", "to" and "on" join a name only after these words ("edge of care team", "out of hours service",
# "access to resources team"); elsewhere they join a phrase ("the impact of early help services").
_JOINS = {
    "of": {"edge", "out"},
    "to": {"access", "step"},
    "on": set(),
    "for": set(),
    "with": {"children", "child", "people"},
    "in": {"children", "child", "people"},
}
# Stop words that are nouns inside a name after these words ("social work academy"), a verb elsewhere, and
# "after" of "looked after", which says whom a unit serves ("the children looked after team").
_COMPOUNDS = {"work": {"social", "youth"}, "after": {"looked"}}
# Head words that make a unit only after these words ("the virtual school", "the children in care council").
_NARROW_HEADS = {
    "school": {"virtual"},
    "council": _words("care youth children's childrens leavers leavers' people's voice staff adults adults'"),
    "centre": {"children's", "childrens", "family", "contact", "resource", "assessment", "hub"},
    "agency": {"adoption", "fostering"},
    "trust": {"children's", "childrens", "services"},  # not an NHS trust
    "conferencing": {"group"},
}
# Heads of units a report may name with "a" (a service or a unit with "a" is what children receive).
_INDEFINITE_HEADS = (BODY_HEADS - {"partnership", "consortium", "commission", "cabinet"}) | {"team", "hub", "clinic"}
# Endings of adjectives ("energetic", "satisfactory", "additional", "supportive", "successful").
_ADJECTIVE_END = re.compile(r"(?:ic|al|ory|ary|ive|ous|ful|able|ible|(?<!m)ent|ant|less|ised|ized)$")
# Head words whose definite phrases are too often not units ("the training programme"): names only when
# capitals, quotation marks or an acronym mark them.  "The social work academy", "the practice academy":
# a definite academy is the council's one (schools that are academies are named in capitals).
_MARKED_ONLY = {"programme", "project", "scheme", "network", "consortium", "club"}
# Heads of a council's departments in general: "children's services", "social care team".
_DEPARTMENT_HEADS = {"team", "service", "unit", "department", "partnership"}
# Acronyms of national bodies, roles and processes, never a council's unit.
NATIONAL_ACRONYMS = _words(
    """
    CAFCASS Cafcass CCG CCGs DBS CPS NHS DfE ILACS ICPC ICPCs DCS IRO IROs PLO HMI SIF LA CSE CIN CP
    RCPC ADM
    """
)
# Of those, the ones that name a role, a process or a group of children, not a body: followed by their own
# head word they name the council's unit ("the independent reviewing officer (IRO) service", "the child
# sexual exploitation (CSE) team").
_ACRONYMS_OF_WORK = _words("ICPC ICPCs DCS IRO IROs PLO CSE CIN CP RCPC ADM")
# Words every council uses for its departments: "children's services", "social work teams".
GENERIC = _words(
    """
    children's childrens children child social care families authority council county city
    borough services service work worker workers young people person adult adults health education local
    senior leadership management manager managers team teams practice front line frontline front-line
    specialist support area district court legal multi-agency partner partners professional
    professionals staff operational strategic statutory universal targeted council's authority's lead
    member members agency agencies internal external in-house residential school
    schools mental directorate la interpreting core regional sub-regional corporate executive
    """
)
# Possessives that say whom a unit serves, part of its name ("children's centre"), not whose it is.
_SERVED = {"children's", "people's", "women's", "men's", "person's", "child's"}
# Words that say whom a partnership serves, which make it the body of that name ("the children and families
# partnership") rather than partnership working in general ("the local partnership").
_SERVED_WORDS = _words("children's childrens children child families family young people people's")
# Roles that head a phrase naming the body they belong to ("chair of the corporate parenting panel").
# The last word before "and" when what it ends is no unit: the council itself or its staff, in lower case.
_NO_UNIT_BEFORE_AND = _words("authority workers staff")


def _no_unit_before_and(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` ends the council or its staff ("the local authority and ..."), not a title's word
    ("the Local Authority and Schools Partnership"), which only the sentence's first word may be in capitals."""
    return words[k] in _NO_UNIT_BEFORE_AND or (k == 0 and words[k].lower() in _NO_UNIT_BEFORE_AND)


_ROLES = _words(
    """
    chair chairs chairperson head heads member members manager managers lead leads director directors
    officer officers coordinator co-ordinator members' commissioner commissioners
    """
)
# Nouns a head word describes when it stands before them ("LSCB-driven service improvements", "their views
# influence service improvement"): the head names no unit there.
_MODIFIED = _words("improvement improvements")
# National and external bodies: not a council's own unit, whatever a report calls them.
NATIONAL = {
    "family justice board",
    "local family justice board",
    "disclosure and barring service",
    "clinical commissioning group",
    "youth justice board",
    "crown prosecution service",
    "probation service",
    "national probation service",
    "department for education",
    "home office",
    "care quality commission",
    "national health service",
    "public law outline",
    "adoption register",
    "court service",
    "family court",
    "children and family court advisory and support service",
    "children and families court advisory and support service",
    "london family justice board",
    "public law performance group",
    "troubled families programme",
    "ofsted",
    "inspection team",
    "child and family court advisory and support service",
    "inspecting local authority children's services",
    "initial child protection conference",
    "initial children protection conference",
    "child protection conference",
    "review conference",
    "review conferences",
    "family nurse partnership",
    "court and family advisory support service",
    "clinical commissioning groups",
    "family court advisory and support service",
    "core group",
    "social work reform board",
    "prison service",
    "probation and prison service",
    "ethnic group",  # a census category of the area's children
    "safeguarding and looked after children service",  # the name of Ofsted's inspection before 2013
    # national schemes and courts a council joins or uses, which readers never list as its own
    "family drug and alcohol court",
    "family drug and alcohol court programme",
    "holiday activities and food programme",
    "haf programme",
    "duke of edinburgh programme",
    "duke of edinburgh award",
    "letterbox scheme",
    "letterbox club",
    "freedom programme",
    "new belongings project",
    "belongings project",
    "operation encompass",
    "clinical commission group",  # a misspelt clinical commissioning group
    "clinical commission",
    "public protection unit",  # the police's
    "transport hub",  # a place, in an account of the area
    "sibling group",  # children placed together
    "brother and sister group",
}
# First words of a national body's name ("the national panel", "the National Transfer Scheme"), or of a body
# of all London's 33 councils ("pan-London Safeguarding Board procedures", "a London-wide group", "the London
# Safeguarding Children Board"), or of the NHS ("NHS speech and language services"), or the national arrangement
# for care leavers to stay on with their foster carers ("the Staying Put scheme").
_NATION_WIDE = {"national", "nationwide", "pan london", "london wide", "cross london", "london", "nhs", "staying put"}
# First words of another agency's unit ("the police safeguarding unit", "the Cafcass Plus scheme").
_AGENCY_FIRST = {"police", "cafcass", "dfe", "ofsted"}
MAX_WORDS = 7
# A committee's name in title case may be longer: it names what the committee oversees ("the Children and
# Young People Overview and Scrutiny Committee"); a service's or team's that long is two glued together or
# another agency's ("Children and Families Court Advisory and Support Service").
MAX_TITLE_WORDS = 10
_TITLE_HEADS = frozenset(["committee", "committees", "board", "boards", "panel", "panels", "sub-committee"])
# Words after a council's services that make them the remit of a committee, whose own name runs on.
_REMIT_OF = frozenset(["Overview", "Scrutiny", "Select"])
# The lines of a council's meeting page that say whom to ask and where it meets: their names are of the
# page's authors and rooms, not of the units the document is about.
_PAGE_FURNITURE = re.compile(r"\s*(?:contact(?: for enquiries| officer)?|venue|e-?mail|tel(?:ephone)?)\s*:", re.I)
# Ofsted's section of facts about the area, whose phrases only look like names.
_CONTEXT_SECTION = re.compile(
    r"information about this (?:local authority|inspection)|^children and young people$", re.I
)
_TOKEN = re.compile(r"[A-Za-z0-9][\w’'\-&]*|\(|\)|[‘“\"]|[’”]|[^\sA-Za-z0-9]")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,9}")


def _is_acronym(word: str) -> bool:
    """A word written as an acronym: a capital, up to nine more letters, two capitals at least ("MASH", "AfC")."""
    return bool(_ACRONYM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


_MAY_NAME = re.compile(
    r"\(|\bemployment|\b(?:" + "|".join(sorted({h.split()[-1] for h in HEADS}, key=len, reverse=True)) + r")",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """A name found in one sentence: as written, its head word, offsets into the sentence, and why it counts."""

    name: str
    head: str
    start: int
    end: int
    evidence: str  # acronym | capitals | quoted | definite | indefinite | known | apposed
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    # A coined name whose apposition is a possessive phrase ("Compass, Shropshire’s ‘front door’ service"):
    # where that phrase ends, so a name found inside it becomes this unit's other name.
    stands_for: int | None = None

    @property
    def quoted(self) -> bool:
        return self.evidence == "quoted"


def kind_of(head: str) -> str:
    """``service`` for a team, service, hub, ...; ``body`` for a board, panel, group, ..."""
    word = head.lower()
    word = _PLURALS.get(word, word)
    return "body" if word in BODY_HEADS else "service"


def _head_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The head word ending at token ``i`` (and how many tokens it takes), or None."""
    word = words[i].lower().rstrip("’'").replace("’s", "").replace("'s", "")
    pair = f"{words[i - 1].lower()} {word}" if i > 0 else ""
    if pair in ("front door", "front doors"):
        return "front door", 2
    if pair in ("designated officer", "designated officers"):
        return "designated officer", 2
    head = word if word in HEADS else _PLURALS.get(word)
    if head is None or (head != word and _verb(words, i)):
        return None
    before = words[i - 1].lower().replace("’", "'") if i > 0 else ""
    if head in _NARROW_HEADS and before not in _NARROW_HEADS[head]:
        return None
    return head, 1


def _name_ends(words: list[str], k: int) -> bool:
    """The words before "and" (token ``k``) are a name of their own: an acronym ("the LSCB and Children's
    Trust"), a head word ("the council and Slough Children's Services Trust"), lower case before a
    capitalised name, or a title of two capitalised words or more before lower case."""
    before, after = words[k - 1], words[k + 1] if k + 1 < len(words) else ""
    acronym = sum(c.isupper() for c in before) >= 2 and before.rstrip("s").isalpha()
    head = before.lower().rstrip("s") in HEADS
    title = k > 1 and _titled(words, k - 2) and after[:1].islower()  # "Turning Point and street teams"
    return acronym or head or title or (before[:1].islower() and after[:1].isupper())


def _describes_noun(words: list[str], i: int) -> bool:
    """A head word that describes the noun after it ("LSCB-driven service improvements"); "the fostering service
    improvement plan" and "the team's improvement plan" are the unit's own plan, which names it."""
    after = words[i + 2].lower() if i + 2 < len(words) else ""
    return (
        i + 1 < len(words)
        and words[i + 1] in _MODIFIED
        and not re.search(r"[’']s?$", words[i])
        and after not in ("plan", "plans")
    )


def _verb(words: list[str], i: int) -> bool:
    """A plural head followed by an article is a verb with its object: "the local authority commissions a
    range of services", "the LA projects a slight drop"."""
    return i + 1 < len(words) and words[i + 1].lower() in ("a", "an", "the")


def _initials(words: list[str]) -> str:
    """The letters an acronym takes from ``words``: each word's (and each hyphenated part's) first letter."""
    out = []
    for w in words:
        if w.lower() in CONNECTORS or w.lower() == "the" or w == ",":
            continue  # "contact, advice and assessment service (CAAS)", "Adoption in the Black Country (ABC)"
        for part in w.split("-"):
            if part:
                out.append(part[0].lower())
    return "".join(out)


def _last_words(words: list[str], end: int) -> list[str]:
    """The words before token ``end`` that an acronym can spell (a bounded slice: a name is short)."""
    return words[max(0, end - MAX_WORDS - 2) : end]


def _acronym_name(words: list[str], acronym: str) -> int | None:
    """How many of the last ``words`` an acronym spells (its capitals are their initials), or None."""
    letters = "".join(ch for ch in acronym if ch.isupper()).lower() or acronym.lower()
    if len(letters) < 2:
        return None
    for n in range(1, min(len(words), MAX_WORDS + 2) + 1):
        tail = words[-n:]
        if tail[0].lower() in CONNECTORS or tail[0].lower() == "the" or tail[0] == ",":
            continue
        initials = _initials(tail)
        if initials == letters:
            return n
        if len(initials) > len(letters) + 1:
            break
    return None


def _committee_title(words: list[str], head: str) -> bool:
    """A committee's, board's or panel's title in capitals, which may run to ``MAX_TITLE_WORDS``."""
    return (
        len(words) <= MAX_TITLE_WORDS
        and head.split()[-1].lower() in _TITLE_HEADS
        and _title_case(words[1:] if words[0].lower() == "the" else words)
    )


def rejection_reason(name: str, head: str, sentence_start: bool, council: Council = None) -> str | None:
    """Why a candidate is an ordinary phrase rather than a name, or None to keep it.

    ``sentence_start``: the candidate's first word opens its sentence (so its
    capital letter says nothing).  ``council``: the council's name, which is
    not one of its own units.
    """
    words = name.split()
    before = words[: -len(head.split())] if len(words) > len(head.split()) else []
    while before and before[0].lower() in DETERMINERS:
        before = before[1:]
    if not before:
        return "no name before the head word"
    listed = name.count(", ")  # a title opening with a list ("Children, Young People and Learning Panel")
    if (
        len(words) > MAX_WORDS
        and not _committee_title(words, head)
        and (not listed or len(name.rsplit(", ", 1)[1].split()) > MAX_WORDS + 1)
    ):
        return "too long to be a name"  # a title's list before its last comma counts as one word
    if re.match(r"\d(?!\d*(?:-| )?(?:plus|\+))", name, re.I) or re.search(r"\b\d{4}\b|%", name):
        return "contains digits"  # a year, a count or a percentage; "16-plus team" and "section 11 panel" are names
    capitalised = [w for w in before if w[:1].isupper()]
    if sentence_start and len(capitalised) == 1 and before[0] == words[0] and head[:1].islower():
        return "capitalised only because it starts the sentence"
    generic_head = _PLURALS.get(head.lower(), head.lower()) in _DEPARTMENT_HEADS
    plain = plain_all = [w.lower().replace("’", "'").strip("'") for w in before]
    for form in _forms_of(council):
        owner = [w.removesuffix("'s") for w in plain[: len(form.split())]]
        if len(plain) > len(owner) and name_key(" ".join(owner)) == name_key(form):
            # "East Sussex children's services", "East Riding Children’s Services": the council's department
            plain = plain[len(owner) :]
            break
    if generic_head and _generic(plain) and not (head.lower().startswith("partnership") and _SERVED_WORDS & set(plain)):
        return "a generic department phrase"  # "the multi-agency partnership"; "the children's partnership" is a body
    place = _place_length(before)
    placed = plain_all[place:] if place else []
    if generic_head and placed and _generic(placed):
        return "a place's generic department"  # "Christchurch and Poole local authority children's services"
    if before[-1].lower() in CONNECTORS:
        return "ends in a connecting word"
    if _national(name):
        return "a national body, not the council's own"
    task = re.search(r"\btask and finish groups?$", name, re.I)
    if task and all(
        w[:1].isupper() or w.lower() in GENERIC | {"board", "board's", "board’s"} for w in name[: task.start()].split()
    ):
        return "a working group named by no task"  # "the task and finish group", "a Scrutiny Committee task and ..."
    if words[0].lower() in _ROLES:
        return "a role, not a unit"
    if head.lower().startswith("sub") and all(_PLURALS.get(w.lower(), w.lower()) in BODY_HEADS for w in before):
        return "another unit's sub-groups in general"  # "the Board sub-groups", "the partnership sub-groups"
    if _pastime(before, head):
        return "a sports club or an arts group, not a service"  # "Fulham Football Club", "the ARC theatre group"
    if head.lower() == "council" and before[-1].lower() in _COUNCIL_KINDS:
        return "the council itself"
    if _names_the_council(" ".join(before), council):
        return "the council itself"
    return None


_COUNCIL_KINDS = frozenset({"county", "city", "borough", "district", "metropolitan"})
# Sports and arts that children and care leavers take part in: the teams and groups of them are no services.
_PASTIMES = frozenset({"football", "rugby", "cricket", "netball", "basketball", "boxing", "theatre"})
_PASTIME_GROUPS = frozenset({"club", "clubs", "team", "teams", "group", "groups", "company", "league"})


def _pastime(before: list[str], head: str) -> bool:
    """A sport or an art followed by the word for its club or team ("football club", "rugby league club",
    "theatre group"); "the Rugby Children and Family Centre" and "the Cricket Lane hub" are places."""
    words = [w.lower() for w in before] + head.lower().split()
    return any(w in _PASTIMES and nxt in _PASTIME_GROUPS for w, nxt in pairwise(words))


def _place_length(before: list[str]) -> int:
    """How many opening words are a council's name, or the part of one after its comma ("Christchurch and
    Poole" of "Christchurch and Poole local authority"); 0 when the capitals are no council's ("the Leaving
    Care team")."""
    k = 0
    while k < len(before) and (before[k][:1].isupper() or (k > 0 and before[k].lower() in ("and", "of", "upon"))):
        k += 1
    return k if k and name_key(" ".join(before[:k])) in _place_names() else 0


@cache
def _place_names() -> frozenset[str]:
    """Name keys of every council of la-lookup.csv, and of the part of a name after a comma."""
    names = set()
    for authority in load_authorities():
        names.add(name_key(authority.name))
        names.add(name_key(authority.name.rsplit(",", 1)[-1]))
    return frozenset(names)


def _names_the_council(name: str, council: Council) -> bool:
    """Whether ``name`` is the council's own ("Hampshire County Council", "Medway Council", "Medway")."""
    words = name.lower().split()
    if len(words) >= 2 and words[-1] == "council" and words[-2] in _COUNCIL_KINDS:
        return True
    key = name_key(name)
    return any(key in {name_key(form), name_key(form) + " council"} for form in _forms_of(council))


def _generic(plain: list[str]) -> bool:
    """Words every council's departments share ("social care", "senior leadership"); "in" joins the children a
    team serves ("children in care team", "children in need team"), which says which team it is."""
    return "in" not in plain and all(w in GENERIC or w in CONNECTORS for w in plain)


def _national(name: str) -> bool:
    """A national or external body, a role or a process, whatever the report calls it."""
    key = entity_key(name)
    words = key.split()
    if words[:1] and (words[0] in _NATION_WIDE or " ".join(words[:2]) in _NATION_WIDE or words[0] in _AGENCY_FIRST):
        return True  # "the national panel", "the National Youth Advocacy Service", "the police safeguarding unit"
    if "national" in words:
        return True  # "the serious case review national panel"
    singular = " ".join(w[:-1] if w.endswith("s") and len(w) > 4 else w for w in key.split())
    return any(k in NATIONAL or any(k.endswith(" " + n) for n in NATIONAL) for k in (key, singular))


def _tokens(sentence: str) -> list[re.Match]:
    return list(_TOKEN.finditer(sentence))


def candidates(sentence: str, council: Council = None) -> list[Candidate]:
    """Names in one sentence that the text marks as names and that survive the rejection rules."""
    if not _MAY_NAME.search(sentence):
        return []  # no head word and no bracket: most sentences, skipped before they are tokenised
    toks = _tokens(sentence)
    words = [t.group(0) for t in toks]
    # Where the sentence's first word starts (after opening quotes and brackets): found once, not per name.
    opening = len(sentence) - len(sentence.lstrip(" ‘'\"“("))
    found: list[Candidate] = []
    for i in range(len(toks)):
        at_head = _head_at(words, i)
        if at_head and _describes_noun(words, i):
            at_head = None
        acronym = _bracketed_acronym(words, i + 1)
        if at_head is None and acronym is None:
            continue
        if at_head is None:
            cand = _acronym_only(sentence, toks, words, i, acronym, council)
        else:
            cand = _head_phrase(sentence, toks, words, i, at_head, acronym, council, opening)
        if cand:
            found.append(cand)
    found.extend(_coined(sentence, opening, council))
    if "employment" in sentence.lower():
        found.extend(_newly_qualified(sentence))
    if "‘" in sentence or "“" in sentence:
        found.extend(_quoted_services(sentence, council))
    found = _merge_described(found)
    # The longest of overlapping names: "the virtual school team", not "the virtual school".  In order of
    # start, longest first, a name lies inside a kept one exactly when it ends before the furthest end kept
    # so far (one sweep: a line of 30,000 names must not compare each with every earlier one).
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    reach = -1
    for cand in found:
        if cand.end <= reach:
            continue
        kept.append(cand)
        reach = cand.end
    return kept


# The national programme for newly qualified social workers by its full name: each council runs its own, and
# readers list it as a unit wherever a report names it (its acronym is found as acronyms are).
_ASYE = re.compile(
    r"\bassessed\s+and\s+supported\s+years?\s+(?:in|of)\s+employment(?:\s+(?:programme|academy|scheme))?\b",
    re.IGNORECASE,
)


def _newly_qualified(sentence: str) -> list[Candidate]:
    return [
        Candidate(" ".join(m.group(0).split()), "programme", m.start(), m.end(), "known")
        for m in _ASYE.finditer(sentence)
    ]


# Words an apposition uses of a unit that is not the council's own.
_OUTSIDE = _words("national charity charitable voluntary commissioned independent private external")
# A name starts at a word's start (the look-behind holds every character a name's word may hold: a start
# inside "A!A!A!..." would read the rest of the word again from each capital).
_COINED = re.compile(
    r"(?<![\w’'!&:-])(?P<q>[‘“\"])?(?P<name>[A-Z][\w’'!&:-]*(?:\s(?:(?:of|in|and|for|to|the|on|&)\s)?[A-Z0-9][\w’'!&:-]*){0,4})"
    r"(?(q)[’”\"]|)\s*,\s(?:a|an|(?P<owner>[A-Z][\w-]{1,30}(?:\s[A-Z][\w-]{1,30}){0,3}[’']s))\s"
    r"(?:(?!(?:in|of|for|at|on|with|to|from|by|within|across)\s)[‘“]?[\w’'-]+[’”]?\s){0,5}?"
    r"(?P<head>" + "|".join(sorted(HEADS, key=len, reverse=True)) + r")\b(?!['’-])"
    # A possessive apposition renames only where the clause ends with it ("Compass, Kent’s front door
    # service."), not in a list or before the verb of a clause it opens ("With Jane Smith, Kent’s team has").
    r"(?(owner)(?=[’”]?(?P<acr>\s*\([A-Za-z]{2,10}\))?\s*(?:[.,;:]|$))|)"
)


def _coined(sentence: str, opening: int, council: Council) -> list[Candidate]:
    """A coined name in capitals or quotation marks that an apposition says is a unit: "Zipwire, an intensive
    support service", "the ‘Cove’, a hub".  Unquoted, it must not open the sentence ("However, a team ...")."""
    out = []
    for m in _COINED.finditer(sentence):
        name = m.group("name")
        first, last = name.split()[0].lower(), name.split()[-1].lower()
        if not m.group("q") and m.start("name") <= opening:
            continue
        if last in HEADS or last in _PLURALS or first in DETERMINERS | STOP | _ROLES or _national(name):
            continue  # a name with its own head word is found as one
        if _names_the_council(name, council):
            continue
        described = [t.group(0) for t in _tokens(sentence[m.end("name") : m.end("head")])]
        if _head_at(described, len(described) - 1) is None:
            continue  # "Frontline, a social work training agency": not an adoption or fostering agency
        if _OUTSIDE & {w.lower() for w in described}:
            continue  # "Cafcass, a national service", "X, a commissioned service": not the council's own unit
        owner = m.group("owner")
        if owner and name_key(re.sub(r"[’']s$", "", owner)) not in {name_key(f) for f in _forms_of(council)}:
            continue  # "CAMHS, Barnardo’s ..." is not a name the council's own unit goes by
        stands_for = (m.end("acr") if m.group("acr") else m.end("head")) if owner else None
        out.append(Candidate(name, m.group("head"), m.start("name"), m.end("name"), "apposed", stands_for=stands_for))
    return out


def _merge_described(found: list[Candidate]) -> list[Candidate]:
    """A name inside a possessive apposition is the coined name's other name, not a second unit."""
    coined = sorted((c for c in found if c.stands_for), key=lambda c: c.end)
    if not coined:
        return found
    ends = [c.end for c in coined]
    kept = []
    for cand in found:
        k = bisect.bisect_left(ends, cand.start) - 1  # the last coined name ending before this one starts
        if k >= 0 and cand.end <= coined[k].stands_for:
            coined[k].aliases.extend(a for a in (_unquoted(cand.name), cand.acronym) if a)
        else:
            kept.append(cand)
    return kept


# A coined name in quotation marks, every word capitalised but the small ones ("‘Born into Care’"); a word
# is bounded, so a run of apostrophes cannot make the search go back over it.
_TITLE_WORDS = r"[A-Z][\w’'&-]{0,40}(?:\s(?:(?:of|in|into|and|for|to|the|on|at|&)\s){0,3}[A-Z][\w’'&-]{0,40}){0,4}"
_QUOTED_TITLE = rf"[‘“](?:{_TITLE_WORDS})[’”]"
_QUOTED_LIST = rf"{_QUOTED_TITLE}(?:\s*,\s*{_QUOTED_TITLE}){{0,6}}(?:\s*,?\s+and\s+{_QUOTED_TITLE})?"
# Not programmes: "programmes such as ‘Triple P’" are national models a council buys, not its units;
# "a local authority initiative ‘Get Set’" is its own.
_KINDS_OF_SERVICE = r"services?|initiatives?|projects?|schemes?"
# Quoted names that a noun of services governs: "the intensive support services ‘Always Precious’,
# ‘Southside’ and ...", "services in early help, including ‘Connecting Families’ and ‘Bright Start’",
# "the ‘Born into Care’ and ‘Footprints’ services" (a list: one name before a singular noun is found
# with its head word; "an edge of care service, ‘Harbour House’" names the service it follows, and
# "the online counselling service known as ‘Kooth’" may be anyone's).
_QUOTED_SERVICES = re.compile(
    rf"\b(?P<before>{_KINDS_OF_SERVICE})(?:(?:\s+(?!and\b)[a-z][\w’'-]*){{0,4}}?\s*,?\s+(?:including|such\s+as))?\s+"
    rf"(?P<list1>{_QUOTED_LIST})"
    rf"|(?P<list2>{_QUOTED_TITLE}(?:\s*,\s*{_QUOTED_TITLE}){{0,6}}\s*,?\s+and\s+{_QUOTED_TITLE})\s+"
    r"(?P<after>services|initiatives|projects|schemes)\b"
)
_QUOTED_ITEM = re.compile(rf"[‘“]({_TITLE_WORDS})[’”]")


def _quoted_services(sentence: str, council: Council) -> list[Candidate]:
    """Coined names in quotation marks that a noun of services says are services (``_QUOTED_SERVICES``)."""
    out = []
    for m in _QUOTED_SERVICES.finditer(sentence):
        group = "list1" if m.group("list1") else "list2"
        noun = (m.group("before") or m.group("after")).lower()
        head = noun.rstrip("s")  # "services" -> "service", "schemes" -> "scheme"
        for item in _QUOTED_ITEM.finditer(sentence, m.start(group), m.end(group)):
            name = item.group(1)
            if _national(name) or _names_the_council(name, council) or name.split()[0].lower() in STOP:
                continue
            out.append(Candidate(name, head, item.start(1), item.end(1), "quoted"))
    return out


def _bracketed_acronym(words: list[str], i: int) -> str | None:
    """``XYZ`` where tokens ``i``.. are ``( XYZ )``."""
    if i + 2 < len(words) and words[i] == "(" and words[i + 2] == ")" and _is_acronym(words[i + 1]):
        return words[i + 1]
    return None


def _run_left(words: list[str], end: int) -> tuple[int, str | None]:
    """Start of the word run ending at token ``end`` (exclusive of a determiner) and that determiner."""
    i = end
    titled = end < len(words) and words[end].lower() in _TITLE_HEADS
    while i > 0 and (end - i < MAX_WORDS or (titled and end - i < MAX_TITLE_WORDS and _title_case(words[i - 1 : end]))):
        w = words[i - 1]
        lower = w.lower()
        if lower in DETERMINERS:
            return i, lower
        if w.endswith(("’s", "'s")) and i - 1 < end and lower.replace("’", "'") not in _SERVED and i - 1 != 0:
            # "the council's fostering service": a possessive ends the name, like a determiner; "children's"
            # says whom the unit serves and stays ("the disabled children’s team")
            return i, "possessive"
        if _describes(w, i - 1, words[i] if i < len(words) else ""):
            # an adverb's word is describing too: "the independently chaired improvement board"
            skip = _adverb(lower) and i < end - 1 and bool(_PARTICIPLE.search(words[i]))
            return i + skip, _determiner_before(words, i - 1)
        if (
            not re.match(r"[A-Za-z0-9]", w)
            or (lower in STOP and not _compound(words, i - 1) and not _titled(words, i - 1) and not w.isupper())
            or (lower in _LOWER_CASE_VERBS and w.islower())
        ):
            return i, None
        if lower in _JOINS and (i < 2 or words[i - 2].lower() not in _JOINS[lower]) and not _title_of(words, i - 1):
            return i, None
        if lower == "to" and w.islower() and _known_unit(words[i : end + 1]):
            return i, None  # "access to children's centres": what is reached is the unit ("access to resources team")
        i -= 1
    return i, None


def _titled(words: list[str], i: int) -> bool:
    """A word of a title in capitals inside the sentence, before another: "the First Response Team", "the
    Violence Against Women and Girls Group"; "Is" or "New" opening the sentence says nothing."""
    return (
        i > 0
        and words[i][:1].isupper()
        and words[i].lower() not in _MONTHS
        and i + 1 < len(words)
        and words[i + 1][:1].isupper()
    )


def _title_of(words: list[str], i: int) -> bool:
    """ "of" between words of a title in capitals inside the sentence: "the Voices of Sandwell group"."""
    return (
        words[i] == "of" and i > 1 and words[i - 1][:1].isupper() and i + 1 < len(words) and words[i + 1][:1].isupper()
    )


def _named_by_subject(name_words: list[str], head: str, size: int) -> bool:
    """An indefinite unit the text names by what it deals with ("a private fostering working group has been
    established", "a domestic violence hub"): a body, team, hub or clinic in the singular whose last
    modifier is a noun and whose other words are not a generic department's ("a visible senior management
    team").  An adjective there describes a service rather than naming one ("an outstanding service", "an
    additional team", "a multidisciplinary team")."""
    if head not in _INDEFINITE_HEADS or name_words[-1].lower() != head or len(name_words) <= size:
        return False
    modifiers = [w.lower().replace("’", "'") for w in name_words[:-size]]
    if _ADJECTIVE_END.search(modifiers[-1]):
        return False
    while modifiers and (_PARTICIPLE.search(modifiers[0]) or modifiers[0] in CONNECTORS):
        modifiers = modifiers[1:]  # "a visible senior management team": what is left says which team
    return head in _NARROW_HEADS or not _generic(modifiers)


def _owned_kind(name_words: list[str], size: int, last: str) -> bool:
    """An acronym's groups in general or its training ("the LSCB sub-groups", "four MARAC groups", "the LSCB
    training programme"): the acronym is whose they are, and what follows names no one unit."""
    first, rest = name_words[0], [w.lower() for w in name_words[1 : len(name_words) - size]]
    if not _is_acronym(first) or any(w[:1].isupper() for w in rest):
        return False
    plural = last.lower() != _PLURALS.get(last.lower(), last.lower())
    return (plural and rest in ([], ["sub"])) or rest == ["training"]


def _paired_adjectives(name_words: list[str]) -> bool:
    """The name opens with two adjectives joined by "and" ("helpful and supportive")."""
    return (
        len(name_words) >= 4
        and name_words[1].lower() == "and"
        and not _head_at(name_words, 0)
        and all(w.islower() and _plain_adjective(w) for w in (name_words[0], name_words[2]))
    )


def _plain_adjective(word: str) -> bool:
    """An adjective by its ending or a describing word ("supportive", "helpful", "robust"), not a noun in -ent or
    -al that may name a unit ("parent", "residential")."""
    return word in ADJECTIVES or _describes(word, 1) or bool(re.search(r"(?:ive|ful|ous|able|ible)$", word))


def _compound(words: list[str], i: int) -> bool:
    """A stop word that is a noun after the word before it ("social work academy", "youth work team")."""
    return i > 0 and words[i - 1].lower() in _COMPOUNDS.get(words[i].lower(), ())


def _count(words: list[str], i: int) -> bool:
    """A number that counts the units or their members ("12 Youth Council members", "its 21 children's centres"),
    not one that names an age group ("18 Plus team", "the 16-plus service")."""
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    return words[i].isdigit() and after not in ("plus", "+")


def _known_unit(name_words: list[str]) -> bool:
    key = entity_key(" ".join(name_words))
    known = known_unit_names()
    return key in known or any(key.endswith(" " + k) for k in known)


def _describes(word: str, i: int, following: str = "") -> bool:
    """An adjective, participle or adverb before a name that says how it is, not which it is ("the
    well-regarded virtual school", "the recently relaunched panel", "Strengthened virtual school ..."): one
    of ``ADJECTIVES``, or by its form when written in lower case or capitalised only because it opens the
    sentence (token ``i`` is 0, and the ``following`` word is in lower case); a capitalised word inside a
    sentence, or opening one before another capital, is part of a name ("Best Start", "Holly Lodge team")."""
    lower = word.lower()
    if lower in ADJECTIVES:
        return True
    if lower in _JUDGING:
        return word.islower() or (i == 0 and not following[:1].isupper())
    if (word[:1].isupper() and (i != 0 or following[:1].isupper())) or lower in STOP:
        return False
    return bool(_DESCRIBING.fullmatch(lower)) and lower not in _NOT_DESCRIBING


def _adverb(lower: str) -> bool:
    """An adverb, which describes the word after it ("suitably qualified"); "weekly" and "early" are adjectives."""
    return lower.endswith("ly") and lower not in _NOT_DESCRIBING and lower not in _FREQUENCY


def _determiner_before(words: list[str], i: int) -> str | None:
    """The determiner before the adjectives ending at token ``i`` ("the well-established ..."), if any."""
    while i >= 0 and (_describes(words[i], i, words[i + 1] if i + 1 < len(words) else "") or words[i] == ","):
        i -= 1
    if i >= 0 and words[i].lower() in DETERMINERS:
        return words[i].lower()
    return None


def _acronym_then_head(sentence, toks, words, i, at_head) -> Candidate | None:
    """ "the local authority designated officer (LADO) service": a name, its acronym, then a head word."""
    size = at_head[1]
    first_head = i - size + 1
    if first_head < 4 or words[first_head - 1] != ")" or words[first_head - 3] != "(":
        return None
    acronym = words[first_head - 2]
    n = _acronym_name(_last_words(words, first_head - 3), acronym) if _ACRONYM.fullmatch(acronym) else None
    if not n:
        return None
    start = first_head - 3 - n
    expansion = " ".join(sentence[toks[start].start() : toks[first_head - 4].end()].split())
    head_text = " ".join(words[first_head : i + 1])
    name = f"{expansion} {head_text}"
    if _national(name) or words[start].lower() in _ROLES or acronym in NATIONAL_ACRONYMS - _ACRONYMS_OF_WORK:
        return None
    return Candidate(
        name, head_text, toks[start].start(), toks[i].end(), "acronym", acronym, [f"{acronym} {head_text}"]
    )


def _head_phrase(sentence, toks, words, i, at_head, acronym, council, opening: int) -> Candidate | None:
    head, size = at_head
    first_head = i - size + 1
    spelled = _acronym_then_head(sentence, toks, words, i, at_head)
    if spelled:
        return spelled
    start, determiner = _run_left(words, first_head)
    # A title closing just before the head ("the ‘Go for It’ project") or with it ("the ‘Missing from
    # Education Project’"): one name, whatever its words.
    opened = _quote_opening(words, first_head)
    if opened is None and not acronym:
        opened = _quote_opening(words, i + 1)
        if opened is not None and not _title_case(words[opened + 1 : i + 1]):
            opened = None  # a quoted remark ("‘I like the team’") or a kind ("‘Talk about adoption groups’")
    quoted_word = opened is not None and not any(w[:1].isupper() for w in words[opened + 1 : first_head])
    if quoted_word and opened > 0 and words[opened - 1].lower() in ("and", "&"):
        # "the child sexual exploitation and ‘missing’ sub-group": a word in quotation marks, no title, is one
        # of the name's ("the ‘Born into Care’ and ‘Footprints’ services" are two titles)
        start, determiner = _run_left(words, opened)
    elif opened is not None and opened + 1 < start:
        # "the multi-agency ‘Go for It’ project": a title in quotation marks is one name, whatever its words
        start, determiner = opened + 1, _run_left(words, opened)[1]
    start = _title_list_start(words, start, first_head)
    while start < first_head and (words[start].lower() in CONNECTORS or _count(words, start)):
        start += 1
    # "the corporate parenting board and children in care council": two names, the second is this one; so too
    # after the council or its staff in lower case ("the local authority and regional adoption agency")
    for k in range(first_head - 1, start, -1):
        if (
            words[k].lower() == "and"
            and k > start
            and (_head_at(words, k - 1) or _name_ends(words, k) or _no_unit_before_and(words, k - 1))
        ):
            if determiner is None and _head_at(words, k - 1):
                # "the learning and development group and training contract monitoring group": the second
                # name shares the first one's "the", which lies beyond the run of a name's length
                determiner = _run_left(words, k)[1]
            start = k + 1
            break
    if head == "service" and start >= 2 and words[start - 1].lower() == "of" and words[start - 2].lower() in _ROLES:
        return None  # "Director of Children's Services": a role's title, not a unit ("Chair of Kent LSCB" is)
    # "the Chair of Kent LSCB", "the Executive Director of Children's Services": the unit after the role's "of"
    role = max(
        (k for k in range(start, first_head - 1) if words[k].lower() in _ROLES and words[k + 1] == "of"), default=None
    )
    if role is not None:
        if head == "service":
            return None
        start = role + 2
    children = _served_children(words, i) if start == first_head and determiner == "the" else 0
    if children and not acronym and size == 1:
        # "the team for disabled children": a unit named only by the children it serves ("the service for care
        # leavers" is how Ofsted titles its judgement on them)
        end = toks[i + children].end()
        name = sentence[toks[start].start() : end]
        if words[i].lower() == head:
            return Candidate(name, head, toks[start].start(), end, "definite")
    name_words = words[start : i + 1]
    if acronym:
        n = _acronym_name(_last_words(words, i + 1), acronym)
        if n:
            start = i + 1 - n
            name_words = words[start : i + 1]
    if not acronym and _paired_adjectives(name_words):
        # "the helpful and supportive service", "the careful and supportive adoption team": two adjectives joined by
        # "and" say how a unit is, and are no part of its name
        start += 3
        if start >= first_head:
            return None
        name_words = words[start : i + 1]
    span_start, span_end = toks[start].start(), toks[i].end()
    owner = re.search(r"[’']s?$", words[i])
    if owner and words[i].lower().replace("’", "'") not in _SERVED:
        span_end -= len(owner.group(0))  # "the senior leadership team’s focus": the team, whose focus it is
    name = sentence[span_start:span_end]
    head_text = " ".join([*words[first_head:i], sentence[toks[i].start() : span_end]])
    quoted = (
        start > 0
        and words[start - 1] in "‘“\"'"
        and len(name_words) > size
        and (
            any(w[:1].isupper() for w in name_words)
            or (
                # "the ‘sleep on it’ project", "the ‘gateway panel’": a title in quotation marks names its unit in
                # lower case too, unless it is a kind ("‘school ready’ projects", "a ‘foster to adopt’ scheme") or
                # the post of one ("the ‘staying put’ programme lead")
                words[i].lower().rstrip("’'") == head
                and (determiner not in ("a", "an") or words[i][-1] in _CLOSING)
                and (i + 1 >= len(words) or words[i + 1].lower() not in _ROLES)
            )
        )
    )
    sentence_start = span_start <= opening
    capitals = any(w[:1].isupper() for w in name_words[1 if sentence_start else 0 : len(name_words) - size])
    if acronym and _acronym_name(_last_words(words, i + 1), acronym):
        evidence = "acronym"
    elif quoted:
        evidence = "quoted"
    elif capitals:
        evidence = "capitals"
    elif determiner in ("the", "its", "their", "our", "possessive"):
        evidence = "definite"
    elif determiner in ("a", "an") and _named_by_subject(name_words, head, size):
        evidence = "indefinite"
    elif (
        (determiner not in ("a", "an") or words[start - 1].lower() == determiner)
        and words[i].lower() != "services"
        and _known_unit(name_words)
    ):
        # "an effective out of hours service" describes who provides it; "a social work academy" names one
        evidence = "known"  # "Children's centres in the borough ...": a kind of unit every council names
    elif determiner in ("a", "an") and _quoted_name_after(sentence, toks, i):
        evidence = "indefinite"  # "an edge of care service, ‘Our Place’": the quoted words name it
    else:
        return None
    if determiner in ("a", "an") and _UNREAL.search(sentence, max(0, toks[start].start() - 80), toks[start].start()):
        return None  # "plans to introduce a birth fathers group", "a decision not to have a youth board"
    if evidence in ("definite", "indefinite") and head in _MARKED_ONLY:
        return None
    if evidence == "capitals" and _owned_kind(name_words, size, words[i]):
        return None
    if words[i].lower() == "services" and i + 1 < len(words) and words[i + 1] in _REMIT_OF:
        # "the Family and Children's Services Overview and Scrutiny Meeting": the services a committee oversees,
        # not a unit ("the Youth Offending Service Scrutiny Meeting" still names the service)
        return None
    modifiers = [w for w in name_words[: len(name_words) - size] if w.lower() not in CONNECTORS]
    if evidence in ("definite", "indefinite") and head == "group" and len(modifiers) < 2:
        return None  # "the task group", "sibling groups": two words say which group ("quality assurance group")
    if evidence == "definite" and all(
        re.fullmatch(r"[a-z]+ed", w) and (w not in _COMPOSED or head in ("service", "team")) for w in modifiers
    ):
        return None  # "the outsourced service", "the newly merged service": how a service came to be, not which;
        # a compound says which ("the care-experienced forum"), and so does what it joins ("the integrated
        # front door"; "the integrated service" is any)
    if evidence == "definite" and words[i].lower() == "services":
        return None  # "the early help services": the council's services in general, not one unit
    if evidence != "acronym" and rejection_reason(name, head_text, sentence_start and evidence == "capitals", council):
        return None
    if evidence == "acronym" and (_national(name) or acronym in NATIONAL_ACRONYMS or name_words[0].lower() in _ROLES):
        return None
    cand = Candidate(_unquoted(name), head_text, span_start, span_end, evidence, acronym)
    if acronym:
        cand.end = toks[i + 3].end() if i + 3 < len(toks) else span_end
    served = 0 if acronym or owner else _served_after(words, i)
    if served:
        # "the CAMHS team for children looked after": whom the unit serves, written after its head, makes a
        # longer spelling of its name
        cand.end = toks[i + served].end()
        cand.aliases.append(_unquoted(sentence[span_start : cand.end]))
    alias = _apposition(sentence, toks, words, i + (4 if acronym else 1))
    if alias:
        cand.aliases.append(alias)
    if evidence == "quoted" and _quote_opening(words, first_head) == start - 1:
        title = _unquoted(sentence[span_start : toks[first_head - 1].end()])
        if title and title != cand.name and title not in cand.aliases:
            cand.aliases.append(title)  # "the ‘Journey’ hub" is also "Journey"
    return cand


_CLOSING = ("’", "”", '"', "'")
# Whom a unit serves, written after its head word with "for" ("the team for disabled children").
_SERVED_AFTER = re.compile(
    r"for (?:disabled children|children (?:looked after|in care|with disabilities)|looked after children|care leavers"
    r"|teenagers|adolescents)\b(?![’'])"
)


def _served_children(words: list[str], i: int) -> int:
    """``_served_after`` when they are children: "for disabled children", "for children looked after"."""
    n = _served_after(words, i)
    return n if n and "children" in (w.lower() for w in words[i + 1 : i + 1 + n]) else 0


def _served_after(words: list[str], i: int) -> int:
    """How many tokens after the head word at ``i`` say whom the unit serves ("for children looked after"), or 0."""
    m = _SERVED_AFTER.match(" ".join(words[i + 1 : i + 5]))
    return len(m.group(0).split()) if m else 0


# Words a title leaves in lower case ("Missing from Education Project", "Voice of the Child").
_TITLE_SMALL = _words("a an the of from to for in on at by and or with our your")


def _title_case(words: list[str]) -> bool:
    """Every word capitalised but a title's small words: a name in quotation marks rather than a remark."""
    if not words or words[0] in ("I", "We", "You", "They"):
        return False  # "‘I Like The Team’": a remark, however it is capitalised
    return all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)


def _title_list_start(words: list[str], start: int, head: int) -> int:
    """The start of a title whose first words are a list ("the Children, Young People and Families Scrutiny
    Committee"): over commas to the left while every word is capitalised and the run after them holds the
    list's "and", back to a determiner; else ``start``.

    Only after a determiner: a capitalised word before the list may be the end of an item of two words ("the
    Cheshire West, Halton and Warrington ...") or no part of it ("However, Health and Wellbeing Board
    members"). A plural head lists units ("the Court, Permanence and Adoption teams").
    """
    run = words[start:head]
    if not run or run[0] == "and" or "and" not in run[:-1] or words[head].lower() in _PLURALS:
        return start
    joined = run.index("and")
    if not all(w[:1].isupper() and not w.isupper() for w in [*run[:joined], run[joined + 1]]):
        return start  # the list's words and the one after its "and" are capitalised; then "Overview and scrutiny"
    k = start
    while k >= 2 and start - k < 2 * MAX_LIST_ITEMS and words[k - 1] == "," and _list_word(words, k - 2):
        k -= 2
    return k if k < start and k >= 1 and words[k - 1].lower() in _LIST_DETERMINERS else start


# At most this many items before a title's "and" ("Children, Young People and ..." has two).
MAX_LIST_ITEMS = 4
_LIST_DETERMINERS = _words("the its their our")


def _list_word(words: list[str], i: int) -> bool:
    """A one-word item of a title's list: capitalised, no acronym ("Care, ISS, Adoption and CiC teams" lists
    teams), no stop word and no head of a name of its own ("the Board, Health and Wellbeing Board")."""
    w = words[i]
    return w[:1].isupper() and not w.isupper() and w.lower() not in STOP and _head_at(words, i) is None


def _quote_opening(words: list[str], head: int) -> int | None:
    """The opening quotation mark of a title that closes just before token ``head`` ("the ‘Go for It’
    project"), or None; a closing mark met first ends the search ("the ‘Journey’ and the parents’ group")."""
    last = words[head - 1] if head > 0 else ""
    if not last.endswith(_CLOSING) or last.endswith(("’s", "'s")):
        return None
    for k in range(head - 2, max(-1, head - MAX_WORDS - 3), -1):
        if words[k] in ("‘", "“", '"', "'"):
            return k
        if words[k].endswith(_CLOSING) or words[k] in "()":
            return None
    return None


_APPOSITION = re.compile(
    r"\s*(?:,\s*(?:known as|called|named)?|\(|known as|called|named)\s*[‘“\"]?"
    r"([A-Z][\w’'!&-]{0,40}(?:\s[A-Z][\w’'!&-]{0,40}){0,3})[’”\"]?\s*(?:[,;.)]|$)"
)


_QUOTED_NAME = re.compile(r",\s*[‘“\"]([A-Z][\w’'!&-]{0,40}(?:\s[A-Z][\w’'!&-]{0,40}){0,3})[’”\"]\s*(?:[,.;)]|$)")


def _quoted_name_after(sentence, toks, i: int) -> bool:
    """A unit introduced with "a" and named in quotation marks beside it: "an edge of care service, ‘Our Place’"."""
    return bool(_QUOTED_NAME.match(sentence, toks[i].end()))


def _apposition(sentence, toks, words, after: int) -> str | None:
    """The unit's own name written beside its description: "the children in care council, Skittlz, ...",
    "the Children in Care Council, known as Voice4Us"."""
    at = toks[after - 1].end() if after - 1 < len(toks) else len(sentence)
    m = _APPOSITION.match(sentence, at)
    if not m:
        return None
    alias = " ".join(m.group(1).split()).strip(" ,’”\"'")
    if not alias or alias.lower() in DETERMINERS or alias.split()[0].lower() in STOP | CONNECTORS | {"the"}:
        return None
    if _is_acronym(alias):
        return None  # an acronym in brackets is handled as one
    return alias


def _acronym_only(sentence, toks, words, i, acronym, council: Council = None) -> Candidate | None:
    """An acronym's expansion with no head word, named by its initials: "... mental health services (CAMHS)";
    never the council itself ("Hampshire County Council (HCC)")."""
    n = _acronym_name(_last_words(words, i + 1), acronym)
    if not n or words[i].lower() not in ACRONYM_ENDS or acronym in NATIONAL_ACRONYMS:
        return None
    start = i + 1 - n
    span_start, span_end = toks[start].start(), toks[i].end()
    name = " ".join(sentence[span_start:span_end].split())
    if _national(name) or words[start].lower() in _ROLES or _names_the_council(name, council):
        return None
    return Candidate(name, words[i], span_start, toks[i + 3].end(), "acronym", acronym)


def _unquoted(name: str) -> str:
    """A name without the quotation marks around its words ("‘Triage’ services" -> "Triage services")."""
    return " ".join(re.sub(r"(?<![A-Za-z])[‘“\"']|[’”\"'](?![A-Za-z])", "", name).split())


def entity_key(name: str) -> str:
    """What two spellings of one unit share: case, quote marks, a leading "the" and a plural head do not count."""
    written = name.split()
    if (
        len(written) == 2
        and _is_acronym(written[0])
        and (
            written[1].lower() in ("service", "services", "team", "teams", "unit")
            or written[1][:1].lower() == written[0][-1:].lower()  # "LSCB board": its B is the board
        )
    ):
        return written[0].lower()  # "CAMHS service" is the CAMHS
    key = name_key(name.replace("\ufffe", "-"))
    words = key.split()
    if words and words[-1] in _PLURALS and len(words) > 1:
        words[-1] = _PLURALS[words[-1]]
    if len(words) > 2 and words[-1] in _STAFF and words[-2] in _STAFF[words[-1]]:
        words = words[:-1]  # "the virtual school team", "the virtual school service": the virtual school
    return " ".join(words)


def unit_id(name: str, council: Council) -> str:
    """The identifier of the unit ``name`` of ``council``: a slug of its key, the council's name left out.

    A children's trust named on a report's first page gets its identifier
    here too, so its title page and its text give one entity.
    """
    return slug(unit_key(name, council))


def council_names(authority: str, council: str | None = None) -> tuple[str, ...]:
    """Every name a council's own units may be written with: ``council`` (else its name in the council
    table), its other names there ("Hull" for Kingston upon Hull, "BCP" for Bournemouth, Christchurch and
    Poole) and the short form of a name like Newcastle upon Tyne's."""
    found = by_slug(authority)
    name = council or (found.name if found else authority.replace("-", " "))
    aliases = found.aliases if found else ()
    # Without other names in the table, the place before "upon", "-on-" or a two-word name's "of": "Newcastle"
    # of Newcastle upon Tyne, "Southend" of Southend-on-Sea, "East Riding" of East Riding of Yorkshire ("X and
    # Y" has no such form; Kingston upon Hull's is "Hull", as the table says).
    short = None if aliases else re.match(r"(.+?)(?: upon |-on-| on )|(\w+ \w+) of ", name, re.IGNORECASE)
    shorter = (short.group(1) or short.group(2),) if short else ()
    # A county's reports write "the county council" for it; in another council's report it is another council.
    county = ("County Council",) if found and found.kind == "County" else ()
    return (name, *aliases, *shorter, *_parts_of_name(name), *county)


def _parts_of_name(name: str) -> tuple[str, ...]:
    """Other forms of a council's name that reports write for it: each place of a two-place name ("Telford" of
    Telford and Wrekin; "Darwen" left on a line after "Blackburn with"), "the City" of a City of X, and "City
    of X" of a council named X ("City of York Safeguarding Children Board")."""
    bare = re.sub(r",? (?:City|County) of$", "", name)  # "Bristol, City of", "Herefordshire, County of"
    city = re.fullmatch(r"City of (.+)", bare)
    if city:
        return ("City",)
    parts = re.split(r",? (?:and|with|&) |, ", bare)
    return tuple(parts) if len(parts) > 1 else (f"City of {bare}",)


def unit_key(name: str, council: Council) -> str:
    """``entity_key`` without the council's name in front: reports write a unit with and without it
    ("Kirklees virtual school", "the virtual school"; "Wirral's adoption service"), and the unit's IRI
    already says whose it is.  ``council`` is its name or all its names (``council_names``).

    A possessive and a "City Council" after the name go with it; a county's
    "County Council" with no name before it ("the county council Children's
    Trust") is one of its names.  The name stays when fewer than two words
    would be left ("Bromley Y") or they would begin with a joining word
    ("Wakefield and District Safeguarding Children Board").
    """
    # "safeguarding children's board", "safeguarding children board": Ofsted writes both for one board.
    words = ["children" if w == "childrens" else w for w in entity_key(name).split()]
    for form in _forms_of(council):
        own = name_key(form).split()
        n = len(own)
        if not own or words[: n - 1] != own[:-1] or words[n - 1 : n] not in ([own[-1]], [own[-1] + "s"]):
            continue
        rest = _after_council_name(words[n:])
        if rest:
            return rest
    return " ".join(words)


def _after_council_name(rest: list[str]) -> str | None:
    """The words after a council's name without a "City Council" or "Council" of it ("Kirklees Council's
    virtual school"), or None when what is left is too short or begins with a joining word."""
    if rest[:1] and rest[0] in _COUNCIL_KINDS:
        rest = rest[1:]
    if rest[:1] in (["council"], ["councils"]):
        rest = rest[1:]
    if len(rest) >= 2 and rest[0] not in CONNECTORS and rest[0] != "and":
        return " ".join(rest)
    return None


# Heads after which "team" or "service" names the unit's staff or work, not another unit.
_UNIT_HEADS = frozenset({"school", "hub", "unit", "clinic", "academy", "door"})
_STAFF = {"team": _UNIT_HEADS | {"service"}, "service": _UNIT_HEADS}


def discover_entities(doc: Document, authority: str, source_file: str, council: str | None = None) -> list[Entity]:
    """Entities named in a document's sentences, one per unit (its spellings and acronym merged).

    A definite phrase ("the fostering service") counts only when the report
    speaks of it as its own unit; an acronym defined once names the unit
    wherever it stands alone afterwards.
    """
    # The council's own name is not a unit ("City of London" for london-corporation), nor part of a unit's id.
    own_names = council_names(authority, council)
    seen: dict[str, Entity] = {}
    by_acronym: dict[str, str] = {}
    by_acronym_key: dict[str, str] = {}
    for para in doc.paragraphs:
        if para.heading and _CONTEXT_SECTION.search(para.heading):
            continue  # the area's statistics: "the largest minority ethnic groups", "pupils in Lewisham schools"
        for sentence in para.sentences:
            if _PAGE_FURNITURE.match(sentence.text):
                continue  # "Contact: Democratic Services", "Venue: Ground Floor Committee Room"
            for cand in candidates(sentence.text, own_names):
                key = unit_key(cand.name, own_names)
                if len(fold_name(cand.name)) < 4 or not key:
                    continue
                if cand.acronym and cand.acronym in by_acronym:
                    key = by_acronym[cand.acronym]
                elif key in by_acronym_key:
                    key = by_acronym_key[key]
                ident = slug(key)
                if not ident:
                    continue
                entity = seen.get(ident)
                if entity is None:
                    entity = seen[ident] = Entity(
                        id=ident,
                        kind=kind_of(cand.head),
                        label=label_of(cand.name, cand.head),
                        citation=Citation(source_file, sentence.text, 0),
                        curation="Discovered",
                    )
                if cand.acronym:
                    by_acronym.setdefault(cand.acronym, key)
                    by_acronym_key.setdefault(cand.acronym.lower(), key)
                for alias in [cand.acronym, *cand.aliases]:
                    if alias and alias not in entity.aliases and alias != entity.label:
                        entity.aliases.append(alias)
    return list(seen.values())


def label_of(name: str, head: str) -> str:
    """One spelling for a unit whichever way a report writes it.

    The first letter is a capital; the head word is capitalised when every
    word before it is ("Awaken team" and "Awaken Team" are "Awaken Team") and
    lower case otherwise ("Multi-agency safeguarding hub"); a leading "the"
    goes.  Reports of one council write the same name in either case, and each
    report's graph states the entity's label: one spelling keeps the entity to
    one label (SHACL allows one).  The words as written stay in the quote.
    """
    words = name.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    head_words = len(head.split())
    if " ".join(words[-head_words:]).lower() != head.lower():
        label = " ".join(words)  # a coined name, its head word only beside it ("AdCAMHS, a project"): as written
        return label[:1].upper() + label[1:]
    before = [w for w in words[:-head_words] if w.lower() not in CONNECTORS]
    title = bool(before) and all(w[:1].isupper() for w in before)
    tail = [w[:1].upper() + w[1:] if title else w.lower() for w in words[-head_words:]]
    words = words[:-head_words] + tail
    label = " ".join(words)
    return label[:1].upper() + label[1:]
