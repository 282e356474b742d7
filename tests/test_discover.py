"""Discovery of named services and bodies in other councils' reports, and the rules that reject ordinary phrases."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from cskg.extract.discover import (
    candidates,
    council_names,
    discover_entities,
    kind_of,
    rejection_reason,
    unit_id,
)
from cskg.parse.report import parse_report


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("The Edge of Care Team works with families at risk of breakdown.", "Edge of Care Team"),
        ("Children benefit from the 'Journey' hub, which offers therapy.", "Journey hub"),
        ("Referrals go to the Multi-Agency Safeguarding Hub (MASH) first.", "Multi-Agency Safeguarding Hub"),
        ("Members of the Corporate Parenting Panel hold leaders to account.", "Corporate Parenting Panel"),
        ("Young people from the Children in Care Council spoke to inspectors.", "Children in Care Council"),
        ("Families are supported by the Horizons project.", "Horizons project"),
        # the programme for newly qualified social workers, by its full name, in any case, with or without a head
        (
            "Social workers in their assessed and supported year in employment are well supported.",
            "assessed and supported year in employment",
        ),
        (
            "The Assessed and Supported Year of Employment programme is strong.",
            "Assessed and Supported Year of Employment programme",
        ),
        # what a unit joins is part of its name; "the integrated service" is any (below)
        ("The integrated front door acts as a single point of access.", "integrated front door"),
        ("Leaders rely on the integrated commissioning team.", "integrated commissioning team"),
        # a role's or a process's acronym before a head word names the council's unit
        (
            "Children meet the independent reviewing officer (IRO) service often.",
            "independent reviewing officer service",
        ),
        ("Referrals reach the child sexual exploitation (CSE) team.", "child sexual exploitation team"),
        # a decision carried out names a real unit; a sport's name as a place's; a programme named "stronger"
        (
            "In 2022, leaders decided to establish a multi-agency exploitation hub (MAEH), which is now effective.",
            "multi-agency exploitation hub",
        ),
        ("Children benefit from the Rugby Children and Family Centre.", "Rugby Children and Family Centre"),
        ("The stronger families team works well.", "stronger families team"),
        # where a unit sits says nothing of which it is
        ("The co-located Early Help and Safeguarding hub responds well.", "Early Help and Safeguarding hub"),
    ],
)
def test_named_units_are_found(sentence, name):
    assert name in [c.name for c in candidates(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The service is well led.",  # determiner + head only
        "This team knows its children well.",
        "Children's Services are improving.",  # a generic department phrase
        "Social Care Team managers are visible.",
        "Horizon team staff visit regularly.",  # capital only because the sentence starts
        "Buckinghamshire County Council has invested.",  # the council itself
        "Inspectors met the ‘staying put’ programme lead.",  # a quoted ordinary phrase, not a name
        "Managers in the local authority team review plans.",
        "The integrated service is leading to greater efficiencies.",
        "Care leavers play for the Riverside Football Club.",  # a pastime, not a service
        "Children act with the Beacon theatre group.",
        "The plan includes a brother and sister group and an older child.",  # children placed together
        "The last inspection (Safeguarding and looked after children services) was in 2011.",  # Ofsted's
        # national schemes and courts the council joins or uses
        "Young people take part in the Duke of Edinburgh programme.",
        "Victims attend the Harbour and Freedom Programme.",
        "Families engaged well in the Family Drug and Alcohol Court programme.",
        "The HAF programme provided support during lockdown.",
        "Officers in the public protection unit share information.",  # the police's
        # a unit not there yet, or not at all
        "Counselling is commissioned, with plans to introduce a birth fathers group.",
        "The board has taken a decision not to have a youth board.",
        "The board has not used mechanisms such as a children’s shadow board.",
    ],
)
def test_ordinary_phrases_are_rejected(sentence):
    assert candidates(sentence) == []


@pytest.mark.parametrize(
    "name, head, start, reason",
    [
        ("The service", "service", True, "no name before the head word"),
        ("Children's Services", "Services", False, "a generic department phrase"),
        ("Leaving care team", "team", True, "capitalised only because it starts the sentence"),
        ("Surrey County Council", "Council", False, "the council itself"),
        ("Plan 2025 Project", "Project", False, "contains digits"),  # a year; "16-plus team" is a name
        ("One Two Three Four Five Six Seven Eight Nine Ten Team", "Team", False, "too long to be a name"),
        ("one two three four five six seven team", "team", False, "too long to be a name"),
    ],
)
def test_each_rejection_rule_says_why(name, head, start, reason):
    assert rejection_reason(name, head, start) == reason


def test_sentence_start_rule_keeps_a_capitalised_head():
    # "Horizons Team" at the start of a sentence is still a name: its head is capitalised too.
    assert rejection_reason("Horizons Team", "Team", True) is None


def test_kinds_follow_the_head_word():
    assert kind_of("Hub") == "service" and kind_of("team") == "service" and kind_of("academy") == "service"
    assert kind_of("Board") == "body" and kind_of("partnership") == "body" and kind_of("Panel") == "body"


def test_discovered_entities_of_a_real_report_are_marked_and_cited():
    path = FIXTURES / "reports" / "sif-2014-lscb-liverpool.txt"
    text = path.read_text(encoding="utf-8")
    report = parse_report(text, path.name)
    found = discover_entities(report, "liverpool", path.name)
    assert found, "a SIF report with an LSCB review names boards and teams"
    ids = [e.id for e in found]
    assert len(ids) == len(set(ids))
    for e in found:
        assert e.curation == "Discovered"
        assert e.kind in ("service", "body")
        # the label's words stand in the quote in order (an acronym may stand between them: "... (CME) team")
        quote = re.sub(r"[‘’']", "", e.citation.quote.lower())
        assert re.search(
            r"\b" + r"\b.*?\b".join(map(re.escape, re.sub(r"[‘’']", "", e.label.lower()).split())), quote
        ), e.label
        assert e.citation.quote in text.replace("\n", " ") or " ".join(e.citation.quote.split()[:3]) in " ".join(
            text.split()
        )
    assert any("Safeguarding Children Board" in e.label for e in found)


def test_one_name_written_two_ways_gets_one_label():
    # Two reports of one council wrote "STARLAC Team" and "STARLAC team" (Salford 2015, 2018): each report's
    # graph states the entity's label, so the two spellings gave it two labels (a SHACL violation).
    path = FIXTURES / "reports" / "ilacs-2024-standard-cumberland.txt"
    text = path.read_text(encoding="utf-8")
    marker = "What needs to improve?"
    labels = set()
    for spelling in ("Horizon team", "Horizon Team"):
        sentence = f"Children are helped well by the {spelling}, which works with families at home. \n"
        report = parse_report(text.replace(marker, sentence + marker, 1), path.name)
        found = {e.id: e for e in discover_entities(report, "cumberland", path.name)}
        assert "horizon-team" in found, spelling
        labels.add(found["horizon-team"].label)
        assert spelling in found["horizon-team"].citation.quote  # the words as written stay in the quote
    assert labels == {"Horizon Team"}


@pytest.mark.parametrize(
    ("sentence", "name", "acronym"),
    [
        # Ofsted writes many names in lower case: an acronym in brackets marks them
        (
            "Contacts to the multi-agency safeguarding hub (MASH) are screened promptly.",
            "multi-agency safeguarding hub",
            "MASH",
        ),
        ("Out of hours, the emergency duty team (EDT) responds well.", "emergency duty team", "EDT"),
        # an acronym names a unit with no head word
        (
            "Waiting times for child and adolescent mental health services (CAMHS) are long.",
            "child and adolescent mental health services",
            "CAMHS",
        ),
        # the definite article marks the council's one unit of its kind
        ("The virtual school tracks every child's attendance.", "virtual school", None),
        ("Children are seen by the leaving care team within days.", "leaving care team", None),
        # adjectives between "the" and the name are not part of it
        ("The well-established emergency duty team responds appropriately.", "emergency duty team", None),
        # a unit every council has, named without an article
        ("Children's centres in the borough provide outstanding early help.", "Children's centres", None),
        # ... so is a leaving care team at the start of a sentence (its capital says nothing; its name does)
        ("Leaving care team staff visit regularly.", "Leaving care team", None),
    ],
)
def test_lower_case_names_the_text_marks_are_found(sentence, name, acronym):
    found = {c.name: c for c in candidates(sentence)}
    assert name in found, found
    assert found[name].acronym == acronym


@pytest.mark.parametrize(
    "sentence",
    [
        "The impact of early help services is not yet evaluated.",  # a phrase about services, not a unit
        "The Family Justice Board meets quarterly.",  # a national body
        "Initial child protection conferences (ICPC) are timely.",  # a process, not a unit
        "The Director of Children's Services (DCS) works closely with partners.",  # a role
        "The largest minority ethnic groups are Asian and Black British.",  # no unit here
        "The local authority uses consortium arrangements to find adopters.",  # a verb inside the phrase
    ],
)
def test_phrases_that_only_look_like_units_are_rejected(sentence):
    assert candidates(sentence) == []


def test_the_council_itself_is_never_one_of_its_units():
    assert candidates("Pupils in the Barking and Dagenham schools do well.", council="Barking and Dagenham") == []
    assert rejection_reason("Kent Council", "Council", False, council="Kent") == "the council itself"


def test_a_units_own_name_beside_its_description_is_an_alias():
    found = candidates("The active children in care council, Skittlz, regularly present their views.")
    assert [(c.name, c.aliases) for c in found] == [("children in care council", ["Skittlz"])]


def _cumberland_with(extra: str) -> list:
    """Discovery on a real Cumberland report with ``extra`` sentences added to its findings."""
    text = (FIXTURES / "reports" / "ilacs-2024-standard-cumberland.txt").read_text(encoding="utf-8")
    marker = "What needs to improve?"
    report = parse_report(text.replace(marker, extra + marker, 1), "cumberland.txt")
    return discover_entities(report, "cumberland", "cumberland.txt")


def test_variants_of_one_unit_are_one_entity():
    extra = (
        "Referrals go to the multi-agency safeguarding hub (MASH), which is effective. \n"
        "The MASH service has enough staff. \n"
        "Managers of the Multi-Agency Safeguarding Hubs meet weekly. \n"
    )
    found = [e for e in _cumberland_with(extra) if "multi-agency safeguarding hub" in e.label.lower()]
    assert len(found) == 1 and found[0].label == "Multi-agency safeguarding hub" and "MASH" in found[0].aliases


@pytest.mark.parametrize(
    ("name", "council", "ident"),
    [
        ("Kirklees virtual school", "Kirklees", "virtual-school"),
        ("Kirklees Council’s virtual school", "Kirklees", "virtual-school"),
        ("the virtual school", "Kirklees", "virtual-school"),
        ("Wirral’s adoption service", "Wirral", "adoption-service"),
        ("Southampton City Council homeless team", "Southampton", "homeless-team"),
        ("Brighton and Hove youth service", "Brighton and Hove", "youth-service"),
        ("Rochdale Borough Safeguarding Children Board", "Rochdale", "safeguarding-children-board"),
        ("the safeguarding children’s board", "Rochdale", "safeguarding-children-board"),
        ("Slough Children First", "Slough", "children-first"),
        # the name stays when too little would be left, or it would begin with a joining word
        ("Bromley Y", "Bromley", "bromley-y"),
        (
            "Wakefield and District Safeguarding Children Board",
            "Wakefield",
            "wakefield-and-district-safeguarding-children-board",
        ),
        # another council's name is part of the unit's
        ("Kirklees virtual school", "Calderdale", "kirklees-virtual-school"),
        # all the council's names (``council_names``): the council table's other names; another council's stays
        ("Hull Safeguarding Children Board", council_names("kingston-upon-hull"), "safeguarding-children-board"),
        (
            "the BCP safeguarding partnership",
            council_names("bournemouth-christchurch-and-poole"),
            "safeguarding-partnership",
        ),
        ("Hull Safeguarding Children Board", council_names("kirklees"), "hull-safeguarding-children-board"),
        # the short form of a name like Newcastle upon Tyne's; Kingston upon Hull's short form is the table's "Hull"
        ("Newcastle adoption team", council_names("newcastle-upon-tyne"), "adoption-team"),
        ("Southend post-adoption service", council_names("southend-on-sea"), "post-adoption-service"),
        ("East Riding youth service", council_names("east-riding-of-yorkshire"), "youth-service"),
        ("Kingston youth service", council_names("kingston-upon-hull"), "kingston-youth-service"),
        # each place of a two-place name: Ofsted writes "Telford" alone, and a line may start with the second place
        ("Telford after-care team", council_names("telford-and-wrekin"), "after-care-team"),
        ("Darwen emergency duty team", council_names("blackburn-with-darwen"), "emergency-duty-team"),
        ("Poole virtual school", council_names("bournemouth-christchurch-and-poole"), "virtual-school"),
        # "the City" of the City of London; "City of York" of York
        ("City virtual school team", council_names("city-of-london"), "virtual-school"),
        ("City of York Safeguarding Children Board", council_names("york"), "safeguarding-children-board"),
        ("City of Bristol youth service", council_names("bristol"), "youth-service"),
        # a county's "county council" without the place; another kind of council is another council
        ("the county council Children’s Trust", council_names("lancashire"), "children-trust"),
        (
            "City Council youth offending service",
            council_names("nottinghamshire"),
            "city-council-youth-offending-service",
        ),
        ("the county council youth service", council_names("nottingham"), "county-council-youth-service"),
        # another council's place, the City's "and Hackney" board and too short a rest keep their names
        ("Telford after-care team", council_names("shropshire"), "telford-after-care-team"),
        (
            "City and Hackney Safeguarding Children Board",
            council_names("city-of-london"),
            "city-and-hackney-safeguarding-children-board",
        ),
        ("Darwen services", council_names("blackburn-with-darwen"), "darwen-service"),
    ],
)
def test_a_units_identifier_leaves_its_own_councils_name_out(name, council, ident):
    assert unit_id(name, council) == ident


def test_a_unit_written_with_and_without_its_councils_name_is_one_entity():
    extra = (
        "The Cumberland emotional wellbeing team is effective. \n"
        "Children value the emotional wellbeing team. \n"
        "The Cumberland Safeguarding Children’s Board is effective. \n"
        "The safeguarding children board meets monthly. \n"
    )
    found = _cumberland_with(extra)
    ids = [e.id for e in found]
    assert ids.count("emotional-wellbeing-team") == 1 and "cumberland-emotional-wellbeing-team" not in ids
    assert "safeguarding-children-board" in ids and not any("childrens-board" in i for i in ids)


def test_a_huge_word_after_a_name_does_not_hang_discovery():
    # A capitalised 200,000-letter word after "the children in care council," made the alias pattern
    # backtrack for minutes (splitting the word into up to four words every way).
    import subprocess
    import sys

    code = (
        "from cskg.extract.discover import candidates\n"
        "print(len(candidates('the children in care council, ' + 'A' * 200000 + ' is here.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr[-300:]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # a curly "children’s" says whom the unit serves, like a straight one; it is not a possessive
        ("Senior managers moved the disabled children’s service to a new directorate.", "disabled children’s service"),
        # "children in care" says which team: not a generic department phrase
        ("Most children benefit from the children in care team and its stable staff.", "children in care team"),
        (
            "Bespoke support is delivered by the placement support service to foster carers.",
            "placement support service",
        ),
        # "social work" is a noun inside a name, not the verb "work"
        (
            "Learning is enhanced by the social work practice advisory group, which meets monthly.",
            "social work practice advisory group",
        ),
    ],
)
def test_names_that_only_looked_generic_are_found(sentence, name):
    assert name in [c.name for c in candidates(sentence)]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The well-regarded virtual school is ambitious for children in care.", "virtual school"),
        ("The recently relaunched care leavers forum is starting to have influence.", "care leavers forum"),
        ("The independently chaired improvement board is focused on scrutiny.", "improvement board"),
        ("Members of the suitably qualified permanence panel read every plan.", "permanence panel"),
        # a participle of change at the start of a sentence, capitalised only because it starts it
        ("Strengthened virtual school oversight has improved attendance.", "virtual school"),
        ("Expanded edge of care team work keeps families together.", "edge of care team"),
    ],
)
def test_words_that_say_how_a_unit_is_are_not_part_of_its_name(sentence, name):
    assert [c.name for c in candidates(sentence)] == [name]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("As a result, a private fostering working group has been established.", "private fostering working group"),
        ("Progress has included the establishment of a domestic violence hub.", "domestic violence hub"),
        ("A weekly entry-to-care panel helps to identify resources to support families.", "entry-to-care panel"),
    ],
)
def test_a_unit_named_with_a_is_found_by_what_it_deals_with(sentence, name):
    assert name in [c.name for c in candidates(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Care leavers receive an outstanding service from their personal advisers.",  # a service received
        "A specialist multidisciplinary team works with disabled children.",  # an adjective, no subject
        "The board is an energetic board with clear priorities.",
        "They have appropriately recruited an additional team.",
    ],
)
def test_a_unit_with_a_and_only_adjectives_is_not_a_name(sentence):
    assert candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # "-ment" makes a noun, not an adjective: "improvement" says which team
        ("This was strengthened by the commissioning of a service improvement team.", "service improvement team"),
        ("For example, a staff council has been established to develop consultation.", "staff council"),
        # young adults have their council as children in care and care leavers do
        ("The Young Adults Council has been involved in reviewing the pledge.", "Young Adults Council"),
    ],
)
def test_a_unit_named_with_a_by_a_noun_in_ment_or_a_narrow_head(sentence, name):
    assert name in [c.name for c in candidates(sentence)]


def test_a_generic_department_with_a_and_adjectives_is_not_a_name():
    assert candidates("The authority has a visible senior management team.") == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("This led to 12 Youth Council members working with the board.", "Youth Council"),  # a count goes
        ("Young people may opt out of the 21-plus service at any time.", "21-plus service"),  # an age group stays
        ("The co-location of the 18 Plus team with targeted services helps.", "18 Plus team"),
    ],
)
def test_a_count_before_a_name_is_not_part_of_it_an_age_group_is(sentence, name):
    assert name in [c.name for c in candidates(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The local authority commissions a broad range of services for families.",
        "The LA projects a slight drop in performance during the first two quarters.",
    ],
)
def test_a_plural_head_before_an_article_is_a_verb(sentence):
    assert candidates(sentence) == []


def test_a_childrens_trust_is_a_body_an_nhs_trust_is_not_found():
    found = candidates("The chair promotes links through membership of the Children’s Trust, attending regularly.")
    assert [(c.name, kind_of(c.head)) for c in found] == [("Children’s Trust", "body")]
    assert candidates("Nurses from the NHS Foundation Trust visit every child.") == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Progress has been made by the council and Slough Children’s Services Trust.",
            "Slough Children’s Services Trust",
        ),
        ("Social workers in EDT and daytime services share information well.", None),
    ],
)
def test_a_name_after_and_starts_after_an_acronym_or_a_lower_case_word(sentence, name):
    assert [c.name for c in candidates(sentence)] == ([name] if name else [])


def test_an_acronym_and_the_head_its_last_letter_stands_for_are_the_acronym():
    from cskg.extract.discover import entity_key

    assert entity_key("LSCB Board") == entity_key("LSCB") and entity_key("CDOP Panel") == entity_key("CDOP")
    assert entity_key("Kite Team") != entity_key("Kite")


def test_a_units_team_is_the_unit_but_a_team_of_a_kind_is_its_own():
    from cskg.extract.discover import entity_key

    assert entity_key("the virtual school team") == entity_key("Virtual School")
    assert entity_key("front door team") == entity_key("the front door")
    assert entity_key("leaving care service team") == entity_key("leaving care service")
    assert entity_key("the virtual school service") == entity_key("virtual school")
    assert entity_key("adoption team") != entity_key("adoption")  # "team" is the head here
    assert entity_key("fostering panel team") != entity_key("fostering panel")  # a panel has members, not a team


def test_a_roles_title_is_not_a_unit_a_body_it_chairs_is():
    assert candidates("The Executive Director of Children and Young People’s Services took up post.") == []
    found = candidates("The Chair of Thurrock Faith Forum attends the board.")
    assert [c.name for c in found] == ["Thurrock Faith Forum"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The multi-agency partnership has agreed new thresholds for early help.",  # partnership working in general
        "Half of the managers in the core social work teams are agency staff.",
        "Advice was sought from the national panel, which agreed with the decision.",
        "Trainers are approved under pan-London Safeguarding Board procedures.",
        "The council has joined a London-wide group to widen its placement choice.",
    ],
)
def test_generic_partnerships_and_national_or_london_wide_bodies_are_not_units(sentence):
    assert candidates(sentence) == []


def test_a_partnership_named_by_whom_it_serves_is_a_body():
    found = candidates("The children and families partnership meets every month.")
    assert [c.name for c in found] == ["children and families partnership"]


def test_the_councils_own_department_is_not_a_unit():
    sentence = "Since the last inspection, Somerset children’s services have improved."
    assert candidates(sentence, council="Somerset") == []


def test_a_council_named_by_its_slug_is_not_one_of_its_units():
    from cskg.model import Document, Paragraph, Sentence

    text = "Since then, Milton Keynes children’s services have improved."
    para = Paragraph(1, None, text, 0, len(text), [Sentence(text, 0, len(text))])
    doc = Document("report.txt", "inspection-report", text, paragraphs=[para])
    assert discover_entities(doc, "milton-keynes", "report.txt") == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("There have been some recent improvements in the First Response Team.", "First Response Team"),
        (
            "Families are supported by the Violence Against Women and Girls Group.",
            "Violence Against Women and Girls Group",
        ),
        ("Children in care are consulted through the Voices of Hartfield group.", "Voices of Hartfield group"),
    ],
)
def test_a_title_in_capitals_keeps_its_small_words(sentence, name):
    assert [c.name for c in candidates(sentence)] == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Executive Director of Children’s Services has been in post since 2013.",
        "The Acting Director of Children’s Services took up post in the spring.",
        "Leaders met in December Board members to agree the plan.",
    ],
)
def test_a_role_or_a_month_in_capitals_is_not_part_of_a_title(sentence):
    assert [c.name for c in candidates(sentence)] == []


@pytest.mark.parametrize(
    ("sentence", "name", "acronym"),
    [
        (
            "Referrals to the contact, advice and assessment service (CAAS) were appropriate.",
            "contact, advice and assessment service",
            "CAAS",
        ),
        (
            "The multi-agency vulnerable, exploited, missing and trafficked (VEMT) group meets monthly.",
            "vulnerable, exploited, missing and trafficked group",
            "VEMT",
        ),
        (
            "Membership of the Adoption in the Black Country (ABC) consortium helps to find adopters.",
            "Adoption in the Black Country consortium",
            "ABC",
        ),
    ],
)
def test_an_acronyms_expansion_may_hold_commas_and_the(sentence, name, acronym):
    found = candidates(sentence)
    assert [(c.name, c.acronym) for c in found] == [(name, acronym)]


def test_a_definite_academy_is_the_councils_own():
    found = candidates("Investment in the social work academy has strengthened practice.")
    assert [c.name for c in found] == ["social work academy"]


def test_a_second_name_after_and_shares_the_firsts_the():
    sentence = "Training is monitored by the learning and development group and training contract monitoring group."
    assert [c.name for c in candidates(sentence)] == [
        "learning and development group",
        "training contract monitoring group",
    ]


@pytest.mark.parametrize(
    ("sentence", "name", "alias"),
    [
        ("The council has opened an edge of care service, ‘Harbour House’.", "edge of care service", "Harbour House"),
        ("Children are supported by the tuition service, Springboard.", "tuition service", "Springboard"),
    ],
)
def test_a_quoted_or_capitalised_name_beside_a_unit_names_it(sentence, name, alias):
    assert [(c.name, c.aliases) for c in candidates(sentence)] == [(name, [alias])]


def test_a_unit_with_a_and_no_quoted_name_is_not_found():
    assert candidates("The council has opened an edge of care service, which is valued.") == []


def test_looked_after_is_part_of_a_name():
    found = candidates("A nurse works within the children looked after team every week.")
    assert [c.name for c in found] == ["children looked after team"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The fostering panel’s scrutiny of plans is robust.", ["fostering panel"]),
        ("The senior leadership team’s focus on children is clear.", []),  # a generic department, whatever it owns
    ],
)
def test_a_possessive_head_is_the_unit_that_owns(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("A learning culture is evident throughout Kent children’s services.", []),
        ("The size of the area and the local authority make accessing groups hard.", []),
        ("Partners include, for example, Oakfield House and the youth offending team.", ["youth offending team"]),
        ("Pupils surveyed by the MADE group felt safe.", ["MADE group"]),
    ],
)
def test_prepositions_verbs_and_for_example_end_a_name(sentence, names):
    assert [c.name for c in candidates(sentence, "kent")] == names


@pytest.mark.parametrize(
    ("sentence", "name", "aliases"),
    [
        ("Care leavers enjoy the ‘Step on It’ project.", "Step on It project", ["Step on It"]),
        ("Young people run the ‘Voice of Us’ group.", "Voice of Us group", ["Voice of Us"]),
        # the head inside the quotation marks: the whole title, its small words too
        ("The ‘Missing from Education Project’ was launched in 2014.", "Missing from Education Project", []),
        ("Leaders work with the ‘One Vision Partnership’ across the city.", "One Vision Partnership", []),
    ],
)
def test_a_title_in_quotation_marks_is_one_name(sentence, name, aliases):
    assert [(c.name, c.aliases) for c in candidates(sentence)] == [(name, aliases)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a word in quotation marks after "and" is one of the name's words; titles after "and" stay two names
        (
            "The child sexual exploitation and ‘missing’ sub-group meets monthly.",
            ["child sexual exploitation and missing sub-group"],
        ),
        ("It is strong in the ‘Born into Care’ and ‘Footprints’ services.", ["Born into Care", "Footprints services"]),
    ],
)
def test_a_quoted_word_after_and_stays_in_the_name(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a title whose first words are a list, as many councils' committees are named
        (
            "The Children, Young People and Learning Scrutiny Panel meets monthly.",
            ["Children, Young People and Learning Scrutiny Panel"],
        ),
        (
            "It reports to the Monitoring, Evaluation and Scrutiny sub-group.",
            ["Monitoring, Evaluation and Scrutiny sub-group"],
        ),
        # lists of units: a head or an acronym before the comma, or an "and" before the list
        (
            "The Safeguarding Board, Children and Young People’s Partnership Board meet.",
            ["Safeguarding Board", "Children and Young People’s Partnership Board"],
        ),
        ("The JSNA, Health and Wellbeing Board and LSCB agree.", ["Health and Wellbeing Board"]),
        # a long committee name: its list counts as one word against the length a name may have
        (
            "The Children, Young People and Education Overview and Scrutiny Committee meets.",
            ["Children, Young People and Education Overview and Scrutiny Committee"],
        ),
        # agencies listed, one with an acronym, are no title
        (
            "Leaders work with Probation, NHS England and East of England Ambulance Service.",
            [],
        ),
        ("The Care and panel meet.", []),  # a run that ends in its "and"
        # only back to a determiner: an item of two words, an opening word or a place before the list stay out
        ("However, Health and Wellbeing Board members agree.", ["Health and Wellbeing Board"]),
        ("In Kent, Health and Wellbeing Board members agree.", ["Health and Wellbeing Board"]),
        (
            "The Cheshire West, Halton and Warrington Youth Offending Service is good.",
            ["Halton and Warrington Youth Offending Service"],
        ),
        # a plural head lists units; a list has a few items, not a hundred
        ("The Court, Permanence and Adoption teams work well.", ["Permanence and Adoption teams"]),
        ("The " + "Alpha, " * 100 + "Beta and Gamma Team meets.", ["Beta and Gamma Team"]),
    ],
)
def test_a_title_may_open_with_a_list(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    "sentence",
    [
        "Children said ‘I like the team’ and smiled.",  # a remark, not a title
        "Children said ‘I Like The Team’ and smiled.",  # in capitals too
        "Adopted teenagers can access ‘Talk about adoption groups’ in the evening.",  # a kind, in lower case
    ],
)
def test_quoted_words_in_lower_case_round_a_head_are_no_title(sentence):
    assert candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The duty team provides an effective out of hours service.", ["duty team"]),
        ("Leaders plan the creation of a social work academy.", ["social work academy"]),
    ],
)
def test_a_known_unit_with_a_and_a_describing_word_is_a_description(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    "sentence",
    [
        "Training is consistent with the London Safeguarding Children Board guidance.",
        "Children get help from NHS speech and language services.",
        "Referrals rose in other areas of the regional partnership.",
    ],
)
def test_london_nhs_and_regional_bodies_are_not_the_councils(sentence):
    assert candidates(sentence) == []


def test_the_advocacy_service_is_a_unit():
    found = candidates("Children who complain are supported by the advocacy service.")
    assert [c.name for c in found] == ["advocacy service"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Oversight of the outsourced service for care leavers has improved.", []),
        ("Members of the care-experienced forum meet leaders.", ["care-experienced forum"]),
    ],
)
def test_a_participle_alone_does_not_name_a_unit(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Carers are helped by Skylark, an intensive support service for foster families.", ["Skylark"]),
        ("Care leavers meet at the ‘Nest’, a hub run by young people.", ["Nest"]),
        ("However, a new team was formed last year.", []),  # a word opening the sentence
        ("Staff trained with Teachfirst, a national training agency.", []),  # not an adoption or fostering agency
    ],
)
def test_a_coined_name_that_an_apposition_calls_a_unit(sentence, names):
    found = [c for c in candidates(sentence) if c.evidence == "apposed"]
    assert [c.name for c in found] == names


def test_a_coined_names_label_is_as_written():
    text = (FIXTURES / "reports" / "ilacs-2024-standard-cumberland.txt").read_text(encoding="utf-8")
    marker = "What needs to improve?"
    extra = "Families are helped by AdKids, a project for adopted children. \n"
    report = parse_report(text.replace(marker, extra + marker, 1), "cumberland.txt")
    found = [e.label for e in discover_entities(report, "cumberland", "cumberland.txt") if "kids" in e.label.lower()]
    assert found == ["AdKids"]


def test_a_title_in_capitals_before_and_ends_there():
    assert candidates("Agencies include Staffordshire Police and health services.") == []


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Carers' views rarely lead to Trust-wide service improvements.", []),
        ("The adoption service improvement plan is monitored well.", ["adoption service"]),
    ],
)
def test_a_head_word_before_improvements_names_no_unit(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (
            "The autism team for children looked after meets weekly.",
            [("autism team", ["autism team for children looked after"])],
        ),
        ("Practice is strong across the service for disabled children.", [("service for disabled children", [])]),
        ("The service for care leavers is good.", []),  # Ofsted's title for its judgement on care leavers
    ],
)
def test_whom_a_unit_serves_after_its_head_is_part_of_its_name(sentence, found):
    assert [(c.name, c.aliases) for c in candidates(sentence)] == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Families value the ‘stay and play’ project in each town.", [("stay and play project", ["stay and play"])]),
        ("Decisions are made at the weekly ‘resources panel’.", [("resources panel", [])]),
        ("Children join the council's 'Speak Up' group.", [("Speak Up group", ["Speak Up"])]),
        ("Schools run ‘study buddy’ clubs.", []),  # a kind of club
        ("Leaders plan to start a ‘foster to adopt’ scheme.", []),  # a kind of scheme
    ],
)
def test_a_title_in_quotation_marks_names_its_unit_in_lower_case(sentence, found):
    assert [(c.name, c.aliases) for c in candidates(sentence)] == found


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Work is shared between the LSCB sub-groups.", []),
        ("Three MARAC groups meet across the county.", []),
        ("Staff attend the LSCB training programme.", []),
        ("The LSCB business group meets monthly.", ["LSCB business group"]),
    ],
)
def test_an_acronyms_groups_in_general_or_its_training_are_no_unit(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    "sentence",
    [
        "Social workers keep in touch with the Family Court Advisory and Support Service.",
        "The plan is reviewed by the multi-agency core group.",
    ],
)
def test_cafcass_by_its_short_name_and_core_groups_are_not_units(sentence):
    assert candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Carers praise the helpful and responsive service.", []),
        ("The careful and supportive adoption team works well.", ["adoption team"]),
        ("The parent and infant team visits weekly.", ["parent and infant team"]),
    ],
)
def test_two_adjectives_joined_by_and_describe_a_unit(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("A task and finish group looked at missing children.", []),
        ("The Audit Committee task and finish group reported in May.", ["Audit Committee"]),
        ("The e-safety task and finish group reported in May.", ["e-safety task and finish group"]),
        ("Most children belong to the Mixed Ethnic Group.", []),
    ],
)
def test_a_task_and_finish_group_named_by_no_task_and_an_ethnic_group_are_no_units(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a second read's counter-examples: the head inside a phrase after the apposition, a body the
        # apposition says is not the council's own, a title opening the sentence
        ("Inspectors met Dr Smith, a consultant in the clinic.", []),
        ("Children are referred to Cafcass, a national service.", []),
        ("Children are referred to Subwise, an effective local drugs service.", ["Subwise"]),
        ("Holly Lodge team members attend every review.", ["Holly Lodge team"]),
        ("Services are run by Gloucestershire County Council (GCC) now.", []),
    ],
)
def test_appositions_and_opening_titles_after_a_second_read(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


def test_a_council_named_with_its_possessive_is_its_own_department():
    sentence = "Gloucestershire’s Children’s Services were inspected in 2022."
    assert candidates(sentence, "Gloucestershire") == []


def test_a_council_named_by_any_of_its_names_is_its_own_department():
    sentence = "Leaders of East Riding Children’s Services have a clear plan."
    assert candidates(sentence, council_names("east-riding-of-yorkshire")) == []
    assert [c.name for c in candidates(sentence, council_names("kirklees"))] == ["East Riding Children’s Services"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # made-up names in Ofsted's shape: quoted titles that a noun of services governs are services
        (
            "Targeted services in early help, including ‘Bright Lanes’ and ‘Open Arms’, help families early.",
            ["Bright Lanes", "Open Arms"],
        ),
        (
            "The intensive support services ‘Stepping Out’, ‘Harbourside’ and others help.",
            ["Stepping Out", "Harbourside"],
        ),
        # the last title is found with its head word, the first from the list
        (
            "It is strongest in the ‘Born into Hope’ and ‘Pathfinders’ services.",
            ["Born into Hope", "Pathfinders services"],
        ),
        ("The development of services such as ‘Our Den’ and FGCs is helping.", ["Our Den"]),
        # a quoted title that no such noun governs is a slogan, a campaign or a child's words
        ("A particularly positive initiative is ‘Time4Me’, which any child can apply to.", []),
        ("Children told inspectors ‘Thank You’ for the help.", []),
    ],
)
def test_quoted_titles_that_a_noun_of_services_governs_are_services(sentence, names):
    assert [c.name for c in candidates(sentence) if c.evidence == "quoted"] == names


@pytest.mark.parametrize(
    "sentence",
    [
        "Well-established relationships with the police safeguarding unit ensure timely decisions.",
        "The council is developing the Cafcass Plus scheme with its courts.",
        "The board consults the serious case review national panel in good time.",
        "A small number of care leavers are not receiving the prompt service they need.",
        "The poor service that many children received before care is now mitigated.",
    ],
)
def test_another_agencys_unit_a_national_panel_and_a_judged_service_are_not_units(sentence):
    assert candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a fifth development batch's shapes, in made-up sentences
        (
            "Support for assessed and supported year in employment (ASYE) workers is strong.",
            ["assessed and supported year in employment"],
        ),
        ("The audit sub-committee meets quarterly and reports to the board.", ["audit sub-committee"]),
        ("A fourth CAS team was created to ease pressures.", ["CAS team"]),  # the ordinal counts teams
        ("Adopted children receive a good service from the discrete team of experienced staff.", []),
        ("Strategy meetings are held by the receiving team promptly.", []),
        ("Leaders know the needs of Kent children and build supportive services around them.", []),
        ("The hospital social work team responds quickly.", ["hospital social work team"]),  # the council's
    ],
)
def test_new_social_workers_programme_sub_committees_and_words_that_count_or_judge_units(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


def test_a_coined_name_that_a_possessive_apposition_describes_takes_its_phrase_as_its_other_name():
    sentence = "Referrals are made to Lodestar, Kent’s ‘front door’ service."
    found = candidates(sentence, "Kent")
    assert [(c.name, c.evidence, c.aliases) for c in found] == [("Lodestar", "apposed", ["front door service"])]


@pytest.mark.parametrize(
    "sentence",
    [
        # a sixth development batch's shapes, in made-up sentences
        "The local authority commissions two services from a charity.",  # the verb, not commissions
        "The dynamic senior leadership team knows its services well.",  # a group of leaders
        "The role can influence the corporate management team.",
        "Managers from all agencies sit on the board and its seven sub-groups.",  # a count of groups
        "The strategy is linked to the social work reform board.",  # a national body
        # a council's department, its name cut at its comma (the council table knows the name)
        "Inspection of Bournemouth, Christchurch and Poole local authority children’s services.",
        "Efficiencies across the three boroughs enable collaborative programmes.",
    ],
)
def test_a_verb_a_leaders_group_a_count_a_national_board_and_a_places_department_are_not_units(sentence):
    assert candidates(sentence) == []


def test_the_national_staying_put_arrangement_is_not_a_council_unit():
    assert candidates("A ‘Staying Put’ scheme has enabled many care leavers to stay with their carers.") == []
    assert candidates("Most young people use the Staying Put programme well.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a seventh development batch's shapes, in made-up sentences
        "A group of the chairs from the respective boards now meets monthly.",
        "Young people in custody are helped by the probation and prison service.",
    ],
)
def test_a_judging_word_a_respective_body_and_the_prison_service_are_not_units(sentence):
    assert candidates(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The responsive and agile senior leadership team knows its services well.",
        "A responsive leadership team has created stability.",
    ],
)
def test_judging_words_before_a_generic_team_leave_no_name(sentence):
    assert candidates(sentence) == []


def test_a_units_sub_groups_in_general_are_no_name():
    assert candidates("The Board sub-groups are effective.") == []
    assert [c.name for c in candidates("The Safeguarding Board sub-group meets.")] == ["Safeguarding Board sub-group"]


def test_a_list_of_judging_words_before_a_generic_team_leaves_no_name():
    sentence = "The chief executive is establishing a consistent, robust and challenging leadership team."
    assert candidates(sentence) == []
    assert [c.name for c in candidates("The Challenging Behaviour Team supports carers.")] == [
        "Challenging Behaviour Team"
    ]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # what is reached is the unit when it is one by itself; else "access to" is part of the name
        ("Early help includes access to children’s centres and youth services.", ["children’s centres"]),
        ("The access to resources team finds placements.", ["access to resources team"]),
    ],
)
def test_access_to_a_unit_is_no_part_of_its_name(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


def test_a_judging_word_in_capitals_inside_a_name_stays():
    assert [c.name for c in candidates("Families are referred to the Responsive Parenting Hub.")] == [
        "Responsive Parenting Hub"
    ]


def test_robust_judges_a_unit_and_is_no_part_of_its_name():
    found = candidates("The front door is a robust multi-agency safeguarding hub that makes good decisions.")
    assert [c.name for c in found] == ["multi-agency safeguarding hub"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a second read's counter-examples: a possessive apposition renames only the council's own unit, where
        # the clause ends with it; capitalised words are a place only when they are a council's name
        ("Since the appointment of Jane Smith, Kent’s adoption service has improved.", ["adoption service"]),
        ("Partners include CAMHS, Kent’s youth offending service and schools.", ["youth offending service"]),
        ("Work with Barnardo’s, Kent’s front door service, is close.", []),
        ("The Leaving Care social work team helps.", ["Leaving Care social work team"]),
        (
            "It is strong in the ‘Stronger Together’ and ‘Mum’s Place’ services.",
            ["Stronger Together", "Mum’s Place services"],
        ),
        ("It uses programmes such as ‘Mockingbird’ and ‘Pause’.", []),
        ("The Swift team and the Robust Parenting programme work well.", ["Swift team", "Robust Parenting programme"]),
    ],
)
def test_counter_examples_of_the_second_read(sentence, names):
    assert [c.name for c in candidates(sentence, "Kent") if c.evidence != "apposed"] == names


def test_a_possessive_apposition_keeps_the_acronym_of_what_it_renames():
    found = candidates("Referrals go to Lodestar, Kent’s multi-agency safeguarding hub (MASH).", "Kent")
    assert [(c.name, c.aliases) for c in found] == [("Lodestar", ["multi-agency safeguarding hub", "MASH"])]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a committee's title names what it oversees, so runs longer than other names when every word is capitalised
        (
            "Members of the Children and Young People Overview and Scrutiny Committee asked questions.",
            ["Children and Young People Overview and Scrutiny Committee"],
        ),
        (
            "Family and Children's Services Overview and Scrutiny Committee - Thursday, 7th September, 2023",
            ["Family and Children's Services Overview and Scrutiny Committee"],
        ),
        # the services a committee oversees are no unit where its title runs on without a head word; a unit
        # it oversees is still named
        ("The minutes of the Family and Children’s Services Overview and Scrutiny Meeting were agreed.", []),
        ("The minutes of the Youth Offending Service Scrutiny Meeting were agreed.", ["Youth Offending Service"]),
        (
            "Members of the Adult Social Care and Health Overview and Scrutiny Committee asked questions.",
            ["Adult Social Care and Health Overview and Scrutiny Committee"],
        ),
        # a long name in lower case is still a phrase, not a name; a service's or a team's that long is another
        # agency's or two glued together
        ("They told the children and young people overview and scrutiny committee about it.", []),
        ("The Children and Families Court Advisory and Support Service works with the court.", []),
        ("Cases move between the Children with Disabilities and Referral and Assessment Teams.", []),
    ],
)
def test_a_committees_title_names_what_it_oversees(sentence, names):
    assert [c.name for c in candidates(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Progress pleased them, said Calderdale Council cabinet member Jane Smith.", []),
        ("This mindset runs through the entire Children’s Services team and beyond.", []),
        ("Frontline staff work on vital Council services.", []),
        ("It proposed priorities for our successor committee.", []),
        ("The outcome of the inspection is that Ofsted rated services as good.", []),
    ],
)
def test_reporting_verbs_judging_words_and_ofsted_are_no_part_of_a_name(sentence, names):
    assert [c.name for c in candidates(sentence, "Calderdale")] == names


def test_a_meeting_pages_contact_and_venue_lines_name_no_unit():
    from cskg.model import Document, Paragraph, Sentence

    lines = [
        "Contact: Jane Smith, Senior Democratic Services Officer, Tel: 020 7926 1065",
        "Contact for enquiries: John Smith, Improvement Team, Children’s Social Care",
        "Venue: Ground Floor Committee Room - Civic Centre",
        "The Corporate Parenting Board received the report.",
    ]
    text = "\n".join(lines)
    paras, at = [], 0
    for n, line in enumerate(lines, 1):
        paras.append(Paragraph(n, None, line, at, at + len(line), [Sentence(line, at, at + len(line))]))
        at += len(line) + 1
    doc = Document("minutes.txt", "minutes", text, paragraphs=paras)
    assert [e.label for e in discover_entities(doc, "kent", "minutes.txt", "Kent County Council")] == [
        "Corporate Parenting Board"
    ]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # the council or its staff before "and", in lower case, is no part of the unit's name
        (
            "The relationship between the local authority and regional adoption agency is strong.",
            ["regional adoption agency"],
        ),
        (
            "There is regular communication between social workers and youth offending service staff.",
            ["youth offending service"],
        ),
        ("Staff and virtual school officers attend.", ["virtual school"]),
        # a name that holds "and" is still one name, and so is a title in capitals
        ("The learning and development sub-group offers courses.", ["learning and development sub-group"]),
        ("The parents and carers forum meets monthly.", ["parents and carers forum"]),
        ("Heads meet at the Staff and Governors Forum.", ["Staff and Governors Forum"]),
    ],
)
def test_the_council_or_its_staff_before_and_is_no_part_of_a_name(sentence, names):
    assert [c.name for c in candidates(sentence, "kirklees")] == names
