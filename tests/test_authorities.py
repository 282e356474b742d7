"""Council identifiers from la-lookup.csv: one council, one node, whatever its reports call it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from cskg.parse.report import title_page
from cskg.sources.councils import by_la_code, by_name, by_urn, identify, load_authorities


def trust_name(text: str) -> str | None:
    return title_page(text).trust


def test_every_council_has_well_formed_identifiers():
    import re

    table = load_authorities()
    assert len(table) > 150
    assert len({a.slug for a in table}) == len(table)
    for a in table:
        assert re.fullmatch(r"\d+", a.urn), a
        assert re.fullmatch(r"E(06|08|09|10)\d{6}", a.gss), a
        assert a.region, a


def test_rotherham_keeps_the_curated_graph_slug():
    from cskg.extract.register import load_register
    from cskg.sources.files import default_register

    rotherham = by_urn("80543")
    assert rotherham.slug == load_register(default_register()).authority == "rotherham"
    assert rotherham.gss == "E08000018" and rotherham.region == "Yorkshire and the Humber"


def test_statistical_neighbours_resolve_to_councils():
    rotherham = by_urn("80543")
    neighbours = [by_la_code(code) for code in rotherham.neighbours]
    assert len(neighbours) == 10 and all(neighbours)
    assert "Barnsley" in {n.name for n in neighbours}


def test_report_titles_name_councils_in_many_ways():
    assert by_name("Rotherham Metropolitan Borough Council").slug == "rotherham"
    assert by_name("Kingston upon Hull City Council").slug == "kingston-upon-hull"
    assert by_name("Bath and North East").slug == "bath-and-north-east-somerset"  # a title broken over two lines
    assert by_name("Bristol City Council").slug == "bristol"
    assert by_name("Atlantis District Council") is None


def test_identify_prefers_the_urn_folder_over_the_title():
    assert identify(Path("reports/80543_rotherham/19-november-2014.pdf"), ["Council"]).slug == "rotherham"
    assert identify(Path("inbox/report.pdf"), ["Shropshire Council"]).slug == "shropshire"
    nowhere = title_page("Inspection of Nowhere children's services")
    assert identify(Path("inbox/report.pdf"), [None, *nowhere.names]) is None


def test_trust_names_on_the_first_page():
    assert (
        trust_name("Inspection of Bradford Children and Families Trust\nInspection dates: 1 to 5 May 2022")
        == "Bradford Children and Families Trust"
    )
    assert trust_name("Inspection of Shropshire Council children's services") is None


def test_trust_name_is_the_name_not_the_sentence_before_it():
    text = "Significant progress has been made by the council and Slough Children’s Services Trust since 2019."
    assert trust_name(text) == "Slough Children’s Services Trust"
    assert trust_name("Services in Slough are managed by Slough Children First.") == "Slough Children First"


# ---------------------------------------------------------------- choosing one council of a store


def test_choose_authority_reads_a_name_slug_urn_or_gss_code(ingested_councils):
    from cskg import open_graph
    from cskg.lookup.councils import choose_authority
    from cskg.sources.councils import by_name

    kg = open_graph(ingested_councils)
    shropshire = by_name("Shropshire")
    want = ("https://w3id.org/cskg/id/authority/shropshire", "Shropshire")
    for given in ("Shropshire", "shropshire", "Shropshire Council", shropshire.urn, shropshire.gss):
        assert choose_authority(kg, given) == want, given


def test_without_a_council_a_store_of_several_means_the_embedded_one(ingested_councils, kg):
    from cskg import open_graph
    from cskg.lookup.councils import choose_authority

    iri, _ = choose_authority(open_graph(ingested_councils))
    assert iri == "https://w3id.org/cskg/id/authority/rotherham" == choose_authority(kg)[0]


def test_a_council_with_no_inspection_in_the_store_is_a_one_line_error(ingested_councils):
    from cskg import open_graph
    from cskg.errors import InputError
    from cskg.lookup.councils import choose_authority

    kg = open_graph(ingested_councils)
    with pytest.raises(InputError) as caught:
        choose_authority(kg, "Barnsley")  # in la-lookup.csv, but no report of it here
    message = str(caught.value)
    assert "\n" not in message and "no inspection of 'Barnsley'" in message
    assert "brent, rotherham, shropshire" in message
    with pytest.raises(InputError, match="did you mean shropshire"):
        choose_authority(kg, "Shropshre")


def test_a_name_several_councils_use_is_one_councils_with_authority(ingested_councils):
    """ "LADO" is Rotherham's register id and Shropshire's acronym: the id is Rotherham's alone, and --authority
    chooses, in `show` as in the library."""
    from cskg import open_graph

    kg = open_graph(ingested_councils)
    assert kg.show("LADO")["entity"]["iri"].endswith("/entity/rotherham/lado")
    assert kg.show("LADO", authority="Rotherham")["entity"]["iri"].endswith("/entity/rotherham/lado")
    shropshire = kg.show("LADO", authority="Shropshire")["entity"]
    assert shropshire["iri"].endswith("/entity/shropshire/local-authority-designated-officer-service")
    proc = run_cli("show", "LADO", "--authority", "Rotherham", store=ingested_councils)
    assert proc.returncode == 0, proc.stderr
    # In a store of several councils the header says whose unit it is, where its label does not.
    assert proc.stdout.decode().splitlines()[0].startswith("Local authority designated officer (Rotherham)")
    assert kg.show("LADO")["entity"]["council"] == "Rotherham"
    assert shropshire["council"] == "Shropshire" and shropshire["label"].endswith("(Shropshire)")


def test_a_store_of_one_council_does_not_repeat_it(kg):
    assert kg.show("evolve")["entity"]["council"] is None


@pytest.mark.parametrize(
    ("given", "slug"),
    [
        ("City of London", "city-of-london"),  # every word of it is one other councils' names drop
        ("St Helens", "st-helens"),  # la-lookup.csv writes "St. Helens"
        ("Southend", "southend-on-sea"),  # the name people use, one council's alone
        ("Southend on Sea", "southend-on-sea"),
        ("Stoke", "stoke-on-trent"),
    ],
)
def test_a_council_is_found_by_the_name_people_write(given, slug):
    from cskg.sources.councils import resolve

    assert resolve(given).slug == slug


@pytest.mark.parametrize("name", ["the City", "City Council", "County Council", "the Council"])
def test_words_every_council_uses_name_none(name):
    assert by_name(name) is None
