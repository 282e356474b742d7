"""`show` lists everything the graph links to an entity, whole, and each quote can be cited back.

The six mission services: their findings, and the sentences that name them
outside their findings (a report's headline summary, minutes, news), each
with the IRI and offsets that re-find the quote in its source file.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import SOURCES, run_cli

from cskg.lookup.render import render_text

SIX = ["evolve", "the journey", "empower", "mash", "virtual school", "corporate parenting board"]


def _clean(file: str, start: int, end: int) -> str:
    from cskg.parse.layout import clean_span, layout_of

    return clean_span(layout_of((SOURCES / file).read_text(encoding="utf-8")), start, end)


def _graph_mentions(kg, iri: str) -> set[str]:
    """Sentences naming the entity that are not findings about it, straight from the graph."""
    rows = kg.query(
        f"""PREFIX cs: <https://w3id.org/cskg/ontology#>
        SELECT DISTINCT ?s WHERE {{ ?s cs:mentions <{iri}> ; a cs:Sentence
        FILTER NOT EXISTS {{ ?s cs:about <{iri}> }} }}"""
    ).rows
    return {r["s"].value for r in rows}


@pytest.mark.parametrize("name", SIX)
def test_show_lists_every_sentence_that_names_the_service(kg, name):
    data = kg.show(name)
    expected = _graph_mentions(kg, data["entity"]["iri"])
    assert {m["iri"] for m in data["mentions"]} == expected
    text = render_text(data)
    flat = " ".join(text.split())
    for m in data["mentions"]:
        assert " ".join(m["text"].split()) in flat  # whole, wrapped but not cut
        assert _clean(m["document"], m["start_offset"], m["end_offset"]) == m["text"]
    for f in data["findings"]:
        assert " ".join(f["text"].split()) in flat


def test_the_mission_services_have_their_headline_minutes_and_news(kg):
    sources = {name: {m["source"] for m in kg.show(name)["mentions"]} for name in SIX}
    assert "headline" in sources["evolve"] and "news" in sources["evolve"]
    assert sources["the journey"] == {"minutes"}
    assert "minutes" in sources["virtual school"] and "minutes" in sources["corporate parenting board"]
    text = render_text(kg.show("evolve"))
    assert "HEADLINE" in text and "Children are safeguarded well, including by the multi-agency Evolve" in text


def test_findings_and_improvement_areas_carry_iri_and_offsets(kg):
    data = kg.show("evolve")
    assert data["findings"]
    for f in data["findings"]:
        assert f["iri"].startswith("https://w3id.org/cskg/id/")
        assert _clean(f["document"], f["start_offset"], f["end_offset"]) == f["text"]
    areas = kg.show("front door")["improvement_areas"]
    assert areas
    for i in areas:
        assert i["iri"].startswith("https://w3id.org/cskg/id/inspection/")
        assert _clean(i["document"], i["start_offset"], i["end_offset"]) == i["quote"]


def test_no_grade_area_or_related_label_is_cut(kg):
    for name in SIX:
        data = kg.show(name)
        flat = " ".join(render_text(data).split())
        for j in data["judgements"]:
            assert f"{j['grade']}: {j['area']}" in flat
        for r in data["related"]:
            assert f"{r['label']} [{r['kind']}]" in flat
    # Two areas of one year that begin with the same 39 characters are told apart.
    lines = [ln for ln in render_text(kg.show("evolve")).splitlines() if ln.startswith("  2022  ")]
    assert len(lines) == len(set(lines)) == 2


def test_part_of_is_always_the_parents_name(kg):
    assert kg.show("evolve")["entity"]["part_of"] == "Rotherham Metropolitan Borough Council"
    empower = kg.show("empower")["entity"]
    assert empower["part_of"] == "Children and Young People's Services"
    assert empower["part_of_id"] == "childrens-services"


def test_show_json_from_the_command_line_has_the_mentions(store_path):
    result = run_cli("show", "the journey", "--json", store=store_path)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["mentions"] and all(
        set(m) >= {"iri", "start_offset", "end_offset", "document", "text", "source"} for m in data["mentions"]
    )
    assert all({"iri", "start_offset", "end_offset"} <= set(f) for f in data["findings"])


def test_list_prints_ids_whole(store_path):
    result = run_cli("list", store=store_path)
    ids = [json_row["id"] for json_row in json.loads(run_cli("list", "--json", store=store_path).stdout)]
    lines = result.stdout.decode().splitlines()
    assert [re.split(r"\s+", ln, maxsplit=1)[0] for ln in lines] == ids
