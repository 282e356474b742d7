"""`cskg compare SERVICE-TYPE`: one kind of service across councils, on made-up typed councils.

The fixture (tests/fixtures/compare/typed-councils.trig) is in the real
store's shape, loaded beside the embedded corpus (whose ontology holds the
service types, grades and areas): Kent with two inspections and a followed-up
improvement area, Medway and Essex its statistical neighbours, Surrey not.
"""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from cskg.errors import InputError, NameNotFound


@pytest.mark.parametrize("typed", ["virtual school", "Virtual School", "virtual-school", "virtual schools"])
def test_a_service_type_is_named_like_an_entity(typed_kg, typed):
    from cskg.lookup.entities import resolve_type

    iri, info = resolve_type(typed_kg, typed)
    assert iri == "https://w3id.org/cskg/ontology#VirtualSchool" and info["notation"] == "virtual-school"


def test_mash_and_front_door_are_one_type(typed_kg):
    from cskg.lookup.entities import resolve_type

    assert resolve_type(typed_kg, "MASH")[0] == resolve_type(typed_kg, "front door")[0]


def test_unknown_type_lists_the_types(typed_kg):
    from cskg.lookup.entities import resolve_type

    with pytest.raises(NameNotFound, match=r"is not a service type: one of .*virtual-school"):
        resolve_type(typed_kg, "zebra crossing patrol")


def test_kent_and_its_neighbours_side_by_side(typed_kg):
    data = typed_kg.compare("virtual school", authority="Kent", neighbours=True)
    councils = {c["council"]: c for c in data["councils"]}
    assert next(iter(councils)) == "Kent"  # the chosen council first, then its neighbours
    assert set(councils) == {"Kent", "Medway", "Essex"}  # Surrey is no neighbour of Kent
    assert councils["Kent"]["role"] == "chosen"
    assert {c["role"] for n, c in councils.items() if n != "Kent"} == {"statistical neighbour"}
    kent = councils["Kent"]
    # The latest inspection only: 2023's weakness and strength, not 2019's.
    assert kent["inspection"]["year"] == 2023
    assert [f["text"] for f in kent["weaknesses"]] == [
        "Personal education plans for children in care are not consistently reviewed."
    ]
    assert [f["text"] for f in kent["strengths"]] == [
        "Virtual School Kent tracks the attendance of children in care closely."
    ]
    assert kent["areas"] == [
        {"area": "The experiences and progress of children in care", "grade": "Good", "year": 2023}
    ]
    [area] = kent["improvement_areas"]
    assert (area["year"], area["number"], area["status"]) == (2019, 2, "addressed")
    assert councils["Essex"]["areas"][0]["grade"] == "Outstanding"
    assert councils["Medway"]["weaknesses"] == [] and len(councils["Medway"]["strengths"]) == 1
    # Each quote can be cited back.
    assert all({"iri", "start_offset", "end_offset", "document"} <= set(f) for f in kent["weaknesses"])


def test_without_a_council_every_council_with_such_a_unit(typed_kg):
    data = typed_kg.compare("virtual school")
    names = [c["council"] for c in data["councils"]]
    assert {"Kent", "Medway", "Essex", "Surrey"} <= set(names)
    surrey = next(c for c in data["councils"] if c["council"] == "Surrey")
    assert surrey["areas"][0]["grade"] == "Inadequate" and len(surrey["weaknesses"]) == 1


def test_neighbours_need_a_council(typed_kg):
    with pytest.raises(InputError, match="--neighbours needs --authority"):
        typed_kg.compare("virtual school", neighbours=True)


def test_compare_text_quotes_weaknesses_and_strengths(typed_kg):
    from cskg.lookup.render import render_compare

    text = render_compare(typed_kg.compare("virtual school", authority="Kent", neighbours=True))
    assert "KENT (chosen, latest inspection 2023)" in text
    assert "! ¶21 “Personal education plans" in text and "+ ¶22 “Virtual School Kent tracks" in text
    assert "improvement area 2019/2: Addressed" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_compare_view_draws_the_councils_units_and_quotes(typed_kg, tmp_path):
    from cskg.views.make import view

    data = typed_kg.compare("virtual school", authority="Kent", neighbours=True)
    v = view(typed_kg, compare_service="virtual school", authority="Kent", neighbours=True)
    kinds = {}
    for _, kind in v.graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds["authority"] == len(data["councils"]) == 3
    assert kinds["service"] == sum(len(c["entities"]) for c in data["councils"])
    assert kinds["weakness"] == sum(len(c["weaknesses"]) for c in data["councils"])
    assert kinds["improvement"] == 1
    assert v.name == "compare-virtual-school"
    assert "Personal education plans" in v.write(tmp_path / "v.html").read_text(encoding="utf-8")


def test_compare_on_the_embedded_corpus_finds_rotherhams_virtual_school(store_path):
    # The build types every curated entity (ontology/service-types.ttl): Rotherham's virtual school is one.
    result = run_cli("compare", "virtual school", "--json", store=store_path)
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["service_type"]["notation"] == "virtual-school"
    assert [c["authority"].rsplit("/", 1)[-1] for c in data["councils"]] == ["rotherham"]
    assert [e["label"] if isinstance(e, dict) else e for e in data["councils"][0]["entities"]] == ["Virtual school"]
    bad = run_cli("compare", "zebra crossing patrol", store=store_path)
    assert bad.returncode == 1 and bad.stderr.decode().count("\n") == 1


def test_the_heading_counts_the_councils_that_have_a_unit_not_those_shown():
    from cskg.lookup.render import render_compare

    def council(name: str, units: int) -> dict:
        entities = [{"id": f"{name.lower()}/lado", "label": "LADO", "iri": "x", "reason": "r"}] * units
        empty = {"areas": [], "weaknesses": [], "strengths": [], "improvement_areas": []}
        return {"council": name, "role": "chosen", "inspection": None, "entities": entities, **empty}

    data = {"service_type": {"label": "Local authority designated officer", "notation": "lado"}}
    heading = render_compare({**data, "councils": [council("Kent", 0)]}).splitlines()[0]
    assert heading == "Local authority designated officer (lado): none in Kent"
    heading = render_compare({**data, "councils": [council("Kent", 0), council("Essex", 1)]}).splitlines()[0]
    assert heading == "Local authority designated officer (lado) in 1 of the 2 councils shown"


def test_show_finds_a_councils_unit_by_the_everyday_name_of_its_kind(typed_kg):
    """Kent's report calls its virtual school "Virtual School Kent"; "virtual headteacher" names the kind."""
    res = typed_kg.resolve("virtual headteacher", authority="Kent")
    assert res.iri.endswith("/entity/kent/virtual-school-kent")
    assert (
        res.note
        == "no entity of Kent named 'virtual headteacher'; showing its unit of that kind, 'Virtual School Kent'"
    )
    with pytest.raises(NameNotFound):
        typed_kg.resolve("virtual headteacher")  # without a council: no guess among every council's
