"""`cskg show`, `list` and `search`: the mission entities, names, bad input, CLI = API."""

from __future__ import annotations

import json
import re

import pytest
from conftest import run_cli

from cskg.errors import AmbiguousName, InputError, NameNotFound


def paragraphs(data, year):
    return {f["paragraph"] for f in data["findings"] if f["year"] == year}


@pytest.mark.parametrize(
    "name,must,must_not",
    [
        ("evolve", {2025: {11}, 2022: {14, 15, 40}}, {2025: {13}, 2022: {50}}),
        ("Empower", {2025: {24, 32}}, {2025: {9, 13}}),
        ("journey hub", {2025: {41, 44}}, {2022: {50}, 2025: {9}}),
        ("MASH", {2025: {3}}, {2025: {11}}),
        ("virtual school", {2025: {36, 45}}, {2025: {11}}),
        ("corporate parenting board", {2025: {51}, 2022: {47}}, {2025: {3}}),
    ],
)
def test_mission_entities(kg, name, must, must_not):
    data = kg.show(name)
    for year, paras in must.items():
        assert paras <= paragraphs(data, year), (name, year)
    for year, paras in must_not.items():
        assert not (paras & paragraphs(data, year)), (name, year)


@pytest.mark.parametrize(
    "name,expected",
    [
        ("evolve", "evolve"),
        ("MASH", "mash"),
        ("multi-agency safeguarding hub", "mash"),
        ("journey hub", "journey-hub"),
        ("The Journey", "journey-hub"),
        ("‘Journey’ hub", "journey-hub"),
        ("virtual school", "virtual-school"),
        ("corporate parenting board", "corporate-parenting-board"),
        ("Corporate Parenting Partnership Board", "corporate-parenting-board"),
        ("Empower", "empower"),
    ],
)
def test_names_resolve(kg, name, expected):
    assert kg.resolve(name).id == expected


def test_near_miss_resolves_with_a_note(kg):
    res = kg.resolve("virtual shool")
    assert res.id == "virtual-school" and res.note


@pytest.mark.parametrize(
    "name,error",
    [
        ("", InputError),
        ("x" * 10_000, InputError),
        ('evolve" } DROP ALL #', InputError),
        ("zzzzqqqq", NameNotFound),
    ],
)
def test_bad_names(kg, name, error):
    with pytest.raises(error):
        kg.show(name)


def test_cli_json_equals_api(kg, store_path):
    result = run_cli("show", "evolve", "--json", store=store_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == kg.show("evolve")


@pytest.mark.parametrize(
    "args,code",
    [
        (["show", ""], 2),
        (["show", 'evolve" } DROP ALL #'], 2),
        (["show", "x" * 10_000], 2),
        (["show", "zzzzqqqq"], 1),
    ],
)
def test_cli_exit_codes(store_path, args, code):
    result = run_cli(*args, store=store_path)
    assert result.returncode == code
    assert result.stdout == b"" and len(result.stderr.decode().strip().splitlines()) == 1


def test_cli_non_utf8_name(store_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, CSKG_STORE=str(store_path))
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"cskg.cli", b"show", b"evol\xff\xfe"], capture_output=True, env=env
    )
    assert result.returncode == 2


def test_missing_store_says_how_to_rebuild(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "db").mkdir()
    result = run_cli("show", "evolve", store=tmp_path / "broken")
    assert result.returncode == 2 and b"cskg" in result.stderr and b"build" in result.stderr


def test_show_text_fits_80_columns(store_path):
    result = run_cli("show", "evolve", store=store_path)
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0 and max(len(line) for line in lines) <= 80
    assert any(line.lstrip().startswith("+ ¶11") for line in lines)


def test_list_counts_findings_and_weaknesses(kg):
    rows = {r["id"]: r for r in kg.list()}
    assert len(rows) > 100
    assert rows["evolve"]["findings"] >= 7
    assert rows["personal-adviser"]["weaknesses"] >= 0 if "personal-adviser" in rows else True
    services = kg.list("service")
    assert services and all(r["kind"] == "service" for r in services)


def test_search_ranks_the_phrase_first(kg):
    rows = kg.search("pathway plans")
    assert rows and "pathway plans" in rows[0]["text"].lower()
    assert any(r["year"] == 2025 and r["paragraph"] == 40 for r in kg.search("pathway plan"))
    health = kg.search("health history")
    # The 2025 improvement area says it in so many words; the first finding is paragraph 44's.
    assert health[0]["source"] == "improvement" and health[0]["year"] == 2025
    first_finding = next(h for h in health if h["source"] == "finding")
    assert first_finding["year"] == 2025 and first_finding["paragraph"] == 44


def test_search_ranks_phrase_then_all_words_then_some(kg):
    hits = kg.search("pathway plan", limit=1000)
    tiers = [h["match"] for h in hits]
    assert tiers == sorted(tiers, key=["phrase", "all words", "some words"].index)
    assert {"phrase", "some words"} <= set(tiers)
    for h in hits:
        words = " ".join(re.findall(r"\w+", h["text"].lower()))
        assert (h["match"] == "phrase") == bool(re.search(r"\bpathway plan", words))
    assert hits.matched == len(hits)


def test_search_finds_improvement_areas_headlines_and_minutes(kg):
    """What show lists beyond the findings is searchable too, with the same keys and labels."""
    hits = kg.search("pathway plan")
    assert any(h["source"] == "improvement" and "quality of pathway plans" in h["text"] for h in hits)
    assert any(h["source"] == "headline" for h in kg.search("safeguarded well Evolve"))
    minutes = kg.search("visit The Journey")
    assert minutes[0]["source"] == "minutes" and "journey-hub" in minutes[0]["entities"]
    shown = {f["iri"]: f for f in kg.show("evolve")["findings"]}
    for h in kg.search("return home interviews"):
        if h["iri"] in shown:
            f = shown[h["iri"]]
            assert (h["area"], h["document"], h["start_offset"], h["end_offset"]) == (
                f["area"],
                f["document"],
                f["start_offset"],
                f["end_offset"],
            )
            break
    else:
        raise AssertionError("no hit among Evolve's findings")


def test_search_says_how_many_matched_and_nothing_found_in_one_line(store_path):
    result = run_cli("search", "plan", "--limit", "3", store=store_path)
    assert result.returncode == 0
    assert re.search(r"^cskg: 3 of \d+ matches shown", result.stderr.decode(), re.M)
    none = run_cli("search", "zzzqqq", store=store_path)
    assert none.returncode == 1 and none.stdout == b""
    assert none.stderr.decode().strip() == "cskg: nothing matches 'zzzqqq'"


def test_findings_of_parts_roll_up_to_the_whole(kg):
    """The MASH baby clinic's 2025 paragraph 4 shows under the MASH, marked with the part it is about."""
    mash = kg.show("mash")
    clinic_texts = {f["text"] for f in kg.show("mash baby clinic")["findings"]}
    rolled = [f for f in mash["findings"] if f.get("via") == "mash-baby-clinic"]
    assert rolled and {f["paragraph"] for f in rolled} == {4}
    assert {f["text"] for f in rolled} <= clinic_texts
    assert len({(f["document"], f["text"]) for f in mash["findings"]}) == len(mash["findings"])  # no duplicates
    assert not any(f.get("via") for f in kg.show("mash baby clinic")["findings"])


def test_findings_are_sorted_newest_first_then_paragraph(kg):
    findings = kg.show("evolve")["findings"]
    keys = [(-f["year"], f["document"], f["paragraph"] or 0) for f in findings]
    assert keys == sorted(keys)


def test_related_entities_carry_labels_and_kinds(kg):
    related = kg.show("mash")["related"]
    parts = {r["id"]: r for r in related if r["relation"] == "has part"}
    assert parts["mash-baby-clinic"]["label"] == "MASH baby clinic" and parts["mash-baby-clinic"]["kind"] == "service"
    assert all(r["kind"] in {"service", "body", "partner-agency", "role", "person"} for r in related)


def test_names_cache_follows_the_store(tmp_path):
    """A rebuilt store must not answer from the old store's cached names."""
    import shutil

    from conftest import ROOT, live

    from cskg import build_graph, open_graph

    store = tmp_path / "store"
    build_graph(store)
    assert open_graph(store).resolve("evolve").id == "evolve"
    from cskg.lookup.entities import NAME_INDEX

    assert (live(store) / "cache" / f"{NAME_INDEX}.json").exists()
    register = tmp_path / "register.yaml"
    text = (ROOT / "data" / "register.yaml").read_text(encoding="utf-8")
    register.write_text(text.replace("label: Evolve\n", "label: Evolve Renamed\n", 1), encoding="utf-8")
    assert "Evolve Renamed" in register.read_text(encoding="utf-8")
    build_graph(store, register=register)
    assert open_graph(store).resolve("evolve").label == "Evolve Renamed"
    shutil.rmtree(live(store) / "cache")
    assert open_graph(store).resolve("evolve").label == "Evolve Renamed"


def test_ambiguous_prefix_lists_candidates_and_exits_2(kg, store_path):
    with pytest.raises(AmbiguousName) as err:
        kg.resolve("fostering")
    for ident in ("fostering-panel", "fostering-service"):
        assert ident in str(err.value)
    result = run_cli("show", "fostering", store=store_path)
    assert result.returncode == 2 and result.stdout == b""
    assert b"fostering-service (Fostering service, service)" in result.stderr


def test_a_units_name_without_its_council_chooses_it_within_a_council(ingested_councils):
    """Discovered ids leave the council out ("shropshire/virtual-school"): with a council that name is one unit;
    without one, two councils' units of that name are ambiguous and the message says how to choose."""
    from cskg import open_graph

    kg = open_graph(ingested_councils)
    tails: dict[str, set[str]] = {}
    for e in kg.list():
        if "/" in e["id"]:
            council, tail = e["id"].split("/", 1)
            tails.setdefault(tail, set()).add(council)
    shared = sorted(t for t, councils in tails.items() if len(councils) > 1)
    assert shared, "the two ingested councils share no unit name"
    for tail in shared:
        for council in tails[tail]:
            assert kg.resolve(tail.replace("-", " "), authority=council).id == f"{council}/{tail}"
        if any(e["id"] == tail for e in kg.list()):
            continue  # Rotherham's curated unit of that name is the exact match
        with pytest.raises(AmbiguousName) as err:
            kg.resolve(tail.replace("-", " "))
        assert "--authority" in str(err.value)


def test_an_ambiguous_name_lists_a_few_candidates(ingested_councils):
    from collections import Counter

    from cskg import open_graph
    from cskg.folding import name_key
    from cskg.lookup.entities import MAX_LISTED

    kg = open_graph(ingested_councils)
    starts = Counter(name_key(e["label"])[:4] for e in kg.list() if len(name_key(e["label"])) >= 4)
    prefix, count = starts.most_common(1)[0]
    assert count > MAX_LISTED
    with pytest.raises(AmbiguousName) as err:
        kg.resolve(prefix)
    message = str(err.value)
    assert message.count("; ") == MAX_LISTED  # eight listed, then "; and N more"
    assert "more" in message and "give --authority" in message  # the candidates are of several councils
    with pytest.raises(AmbiguousName) as err:
        kg.resolve(prefix, authority="brent")
    assert "--authority" not in str(err.value)  # within one council, the hint would not help


def test_unknown_name_suggests_the_closest_and_exits_1(store_path):
    result = run_cli("show", "virtual skool district", store=store_path)
    assert result.returncode == 1
    assert b"did you mean" in result.stderr


def test_list_of_one_council_is_its_entities_only(ingested_councils):
    from cskg import open_graph

    kg = open_graph(ingested_councils)
    everything = kg.list()
    shropshire = kg.list(authority="Shropshire")
    assert shropshire and {e["id"] for e in shropshire} == {
        e["id"] for e in everything if e["id"].startswith("shropshire/")
    }
    rotherham = kg.list(authority="rotherham")
    assert {e["id"] for e in rotherham} == {e["id"] for e in kg.list() if "/" not in e["id"]}
    assert kg.list("service", authority="brent") == [e for e in kg.list(authority="brent") if e["kind"] == "service"]


def test_every_entity_names_its_council(ingested_councils):
    from cskg import open_graph

    rows = open_graph(ingested_councils).select("list-entities")
    assert rows and all(
        r["authority"].rsplit("/", 1)[-1] == (r["id"].split("/")[0] if "/" in r["id"] else "rotherham") for r in rows
    )


def test_cli_list_and_search_take_a_council(ingested_councils):
    proc = run_cli("--store", str(ingested_councils), "list", "--authority", "Brent", "--json")
    assert proc.returncode == 0 and all(e["id"].startswith("brent/") for e in json.loads(proc.stdout))
    proc = run_cli("--store", str(ingested_councils), "search", "social workers", "--authority", "Brent", "--json")
    found = json.loads(proc.stdout)
    assert proc.returncode == 0 and found and {f["document"] for f in found} == {"brent-2018.txt"}


def test_show_of_one_council_picks_its_entity_of_a_shared_name(ingested_councils):
    from cskg import open_graph

    kg = open_graph(ingested_councils)
    # Rotherham's register and Shropshire's report both name a care leavers forum and a LADO service.
    assert kg.resolve("care leavers forum").id == "care-leavers-forum"
    assert kg.resolve("care leavers forum", "Shropshire").id == "shropshire/care-leavers-forum"
    # Shropshire's GSS code; the report writes "local authority designated officer (LADO) service"
    assert kg.resolve("LADO service", "E06000051").id == "shropshire/local-authority-designated-officer-service"
    assert kg.resolve("LADO service", "rotherham").id == "lado-service"
    with pytest.raises(NameNotFound, match="no entity of Brent named 'evolve'"):
        kg.resolve("evolve", "brent")


def test_cli_show_takes_a_council(ingested_councils):
    proc = run_cli(
        "--store", str(ingested_councils), "show", "care leavers forum", "--authority", "Shropshire", "--json"
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["entity"]["id"] == "shropshire/care-leavers-forum"
    proc = run_cli("--store", str(ingested_councils), "show", "evolve", "--authority", "Brent")
    assert proc.returncode == 1 and proc.stderr.decode().count("\n") == 1
