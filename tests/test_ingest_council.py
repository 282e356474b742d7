"""`cskg ingest` of council minutes, decision records and news beside reports (issue 15).

Fixtures: Ofsted's 2022 report of Shropshire (real text, tests/fixtures/reports), made-up
minutes of Shropshire that cite it (tests/fixtures/council), made-up saved pages of Wiltshire
and Oldham (tests/fixtures/pages).  Each test ingests into a private copy of the embedded store.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, graph_sizes, live, passes_two_ways, run_cli

pytestmark = pytest.mark.slow

REPORT = FIXTURES / "reports" / "ilacs-2022-short-shropshire.txt"
MINUTES = FIXTURES / "council" / "shropshire-cabinet-minutes-2023.txt"
UNDATED = FIXTURES / "council" / "undated-panel-minutes.txt"
PANEL = FIXTURES / "council" / "shropshire-panel-minutes-2023.txt"
PAGES = FIXTURES / "pages"


@pytest.fixture()
def base_store(store_path, tmp_path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(store_path, path)
    return path


@pytest.fixture(scope="module")
def councils_store(store_path, tmp_path_factory) -> Path:
    """The embedded store plus Shropshire's report and minutes, and Wiltshire's and Oldham's pages, in one batch."""
    from cskg.pipeline.ingest import ingest

    root = tmp_path_factory.mktemp("councils")
    store = root / "store"
    shutil.copytree(store_path, store)
    inbox = root / "inbox"
    (inbox / "shropshire").mkdir(parents=True)
    shutil.copy(REPORT, inbox / "shropshire" / "ofsted-2022.txt")  # the folder names the council
    shutil.copy(MINUTES, inbox / MINUTES.name)  # the minutes name it on their first line
    for name in ("wiltshire-mgai-corporate-parenting.html", "wiltshire-decision-improvement-plan.html"):
        shutil.copy(PAGES / name, inbox / name)  # the page's address names it
    shutil.copy(PAGES / "oldham-news-ofsted.html", inbox / "ofsted-news.html")
    report = ingest([inbox], store, jobs=2)
    assert report.failed == [] and len(report.ingested) == 5
    return store


def _kg(store: Path):
    from cskg import open_graph

    return open_graph(store)


def _ask(store: Path, query: str) -> list:
    import pyoxigraph as ox

    db = ox.Store.read_only(str(live(store) / "db"))
    prefixes = (
        "PREFIX cs: <https://w3id.org/cskg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    )
    return list(db.query(prefixes + query, use_default_graph_as_union=True))


def test_every_document_joins_its_own_council(councils_store):
    rows = _ask(
        councils_store,
        "SELECT ?file ?council WHERE { ?d a cs:Document ; cs:sourceFile ?file ; cs:localAuthority ?council "
        "FILTER(!STRENDS(STR(?council), '/rotherham')) }",
    )
    got = {r["file"].value: r["council"].value.rsplit("/", 1)[1] for r in rows}
    assert got == {
        "shropshire-ofsted-2022.txt": "shropshire",
        "shropshire-cabinet-minutes-2023.txt": "shropshire",
        "wiltshire-mgai-corporate-parenting.txt": "wiltshire",
        "wiltshire-decision-improvement-plan.txt": "wiltshire",
        "oldham-ofsted-news.txt": "oldham",
    }
    # A saved page's text is kept beside the store like a PDF's, scripts and all markup gone.
    kept = (live(councils_store) / "texts" / "wiltshire-mgai-corporate-parenting.txt").read_text(encoding="utf-8")
    assert "Corporate Parenting Panel" in kept and "<" not in kept and "script ran" not in kept


def test_actions_of_a_council_have_owner_due_date_meeting_and_curation(councils_store):
    actions = {a["id"]: a for a in _kg(councils_store).actions(authority="Shropshire")}
    assert {a["document"] for a in actions.values()} == {"shropshire-cabinet-minutes-2023.txt"}
    plan = actions["shropshire-cabinet-minutes-2023-action-1"]
    assert plan["owner_text"] == "The Executive Director of People"
    assert (plan["due"], plan["due_text"], plan["status"]) == ("2023-06-30", "30 June 2023", "Planned")
    assert (plan["meeting_body"], plan["meeting_date"], plan["curation"]) == ("Cabinet", "2023-03-15", "extracted")
    review = actions["shropshire-cabinet-minutes-2023-action-2"]
    assert review["due"] == "2023-09" and "first September after the meeting of 2023-03-15" in review["due_basis"]
    noted = actions["shropshire-cabinet-minutes-2023-resolution-1"]
    assert noted["owner"] is None and noted["status"] == "Noted"  # the resolution names no one


def test_an_action_is_linked_to_the_report_area_it_addresses_with_score_and_reason(councils_store):
    actions = {a["id"]: a for a in _kg(councils_store).actions(authority="shropshire")}
    (placements,) = actions["shropshire-cabinet-minutes-2023-action-1"]["addresses"]
    (plo,) = actions["shropshire-cabinet-minutes-2023-action-2"]["addresses"]
    # The report's own areas (not the minutes' quotes of them): a link across two files.
    assert placements["id"] == "inspection/shropshire/2022/improvement/2"
    assert plo["id"] == "inspection/shropshire/2022/improvement/1"
    assert placements["score"] >= 2.5 and "sufficiency" in placements["basis"]
    assert actions["shropshire-cabinet-minutes-2023-resolution-2"]["addresses"] == []


def test_the_inspection_the_minutes_cite_is_the_report_s(councils_store):
    rows = _ask(
        councils_store,
        "SELECT ?reported ?cited ?score ?basis WHERE { ?reported cs:sameInspectionAs ?cited . "
        "?m a cs:InspectionMatch ; cs:linkFrom ?cited ; cs:linkTo ?reported ; cs:score ?score ; cs:basis ?basis "
        "FILTER(CONTAINS(STR(?cited), '/shropshire/')) }",
    )
    assert [(r["reported"].value.split("/id/")[1], r["cited"].value.split("/id/")[1]) for r in rows] == [
        ("inspection/shropshire/2022", "inspection/shropshire/cited/shropshire-cabinet-minutes-2023")
    ]
    assert float(rows[0]["score"].value) == 1.0 and "2 of 2 grades agree" in rows[0]["basis"].value


def test_each_touched_council_has_its_derived_graph(councils_store):
    rows = _ask(
        councils_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/council/')) }"
    )
    assert {r["g"].value.rsplit("/", 1)[1] for r in rows} >= {"shropshire", "wiltshire", "oldham", "rotherham"}


def test_every_quote_of_the_ingested_councils_is_at_its_offsets(councils_store):
    from cskg.graph.provenance import QuotedFact, check_offsets

    texts = {f.name: f.read_text(encoding="utf-8") for f in (live(councils_store) / "texts").glob("*.txt")}
    facts = [
        QuotedFact(r["node"], r["file"], r["quote"], int(r["start"]), int(r["end"]))
        for r in _kg(councils_store).select("quoted-facts")
        if r["file"] in texts
    ]
    files = {f.file for f in facts}
    assert {"shropshire-cabinet-minutes-2023.txt", "wiltshire-mgai-corporate-parenting.txt"} <= files
    assert len([f for f in facts if "/action/" in f.node or "-action-" in f.node]) >= 3
    assert check_offsets(facts, texts) == []


def test_meeting_attendees_are_people_and_posts_of_the_council(councils_store):
    rows = _ask(
        councils_store,
        "SELECT ?label WHERE { ?m cs:attendedBy ?who . ?who rdfs:label ?label "
        "FILTER(CONTAINS(STR(?who), '/entity/wiltshire/')) }",
    )
    labels = sorted(r["label"].value for r in rows)
    assert any("Councillor Jane Fenwick" in label for label in labels), labels
    assert any("Councillor Priya Mehta" in label for label in labels), labels


def test_cli_actions_json_per_council_has_the_contract_keys(councils_store):
    proc = run_cli("actions", "--authority", "Wiltshire", "--json", store=councils_store)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data and {a["council"] for a in data} == {"wiltshire"}
    for key in ("id", "quote", "owner", "due", "due_text", "status", "curation", "meeting_body", "meeting_date"):
        assert all(key in a for a in data), key
    assert {a["meeting_body"] for a in data} == {"Corporate Parenting Panel", "Cabinet"}


# ---------------------------------------------------------------- one command for a council's analyst


def test_an_analyst_adds_minutes_that_name_no_council_with_authority(base_store, tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(UNDATED, folder / UNDATED.name)
    refused = run_cli("--store", str(base_store), "ingest", str(folder))
    assert refused.returncode == 2 and b"give --authority" in refused.stderr
    proc = run_cli("--store", str(base_store), "ingest", "--authority", "Wiltshire", str(folder))
    assert proc.returncode == 0, proc.stderr
    actions = _kg(base_store).actions(authority="wiltshire")
    assert {a["document"] for a in actions} == {"wiltshire-undated-panel-minutes.txt"}
    by_owner = {a["owner_text"]: a for a in actions}
    # No meeting date: the relative due dates stay empty, with their wording and the reason.
    report_back = by_owner["the Head of Service"]
    assert (report_back["due"], report_back["due_text"]) == (None, "12 June")
    assert "does not state the meeting date" in report_back["due_basis"]
    assert by_owner["The Chair"]["due"] is None and by_owner["The Chair"]["due_text"] == "in six months"
    # The listing says so too, with the meeting's body (its date is unknown).
    text = run_cli("actions", "--authority", "Wiltshire", store=base_store).stdout.decode()
    assert "due: 12 June (the document does not state the meeting date" in " ".join(text.split())
    assert "agreed at: Corporate Parenting Panel\n" in text


# ---------------------------------------------------------------- bad input


def test_a_file_that_names_another_council_than_authority_or_its_folder_fails_alone(base_store, tmp_path):
    """A document's or report's own words outweigh ``--authority`` and a folder: filed under the wrong council,
    its grades and actions would join that council's."""
    given = tmp_path / "given"
    given.mkdir()
    shutil.copy(MINUTES, given / MINUTES.name)  # its first line: "Shropshire Council"
    snapshot = graph_sizes(base_store)
    proc = run_cli("--store", str(base_store), "ingest", "--authority", "Wiltshire", str(given))
    assert proc.returncode == 2
    failed = [ln for ln in proc.stderr.decode().splitlines() if ln.startswith("cskg: failed:")]
    assert failed == [
        f"cskg: failed: {given / MINUTES.name}: the document is about Shropshire, not Wiltshire (--authority)"
    ]
    assert graph_sizes(base_store) == snapshot
    folders = tmp_path / "folders"
    (folders / "kent").mkdir(parents=True)
    (folders / "80418_norfolk").mkdir()
    (folders / "wiltshire").mkdir()
    shutil.copy(MINUTES, folders / "kent" / MINUTES.name)
    shutil.copy(REPORT, folders / "80418_norfolk" / "ofsted-2022.txt")
    shutil.copy(UNDATED, folders / "wiltshire" / UNDATED.name)  # names no council: its folder says
    proc = run_cli("--store", str(base_store), "ingest", str(folders))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "ingested 1," in err, err
    failed = sorted(ln for ln in err.splitlines() if ln.startswith("cskg: failed:"))
    assert failed == [
        f"cskg: failed: {folders / '80418_norfolk' / 'ofsted-2022.txt'}: the report is about Shropshire, but its "
        "folder is Norfolk's: move it, or give --authority",
        f"cskg: failed: {folders / 'kent' / MINUTES.name}: the document is about Shropshire, but its folder is "
        "Kent's: move it, or give --authority",
    ]
    assert {a["document"] for a in _kg(base_store).actions(authority="wiltshire")} == {
        "wiltshire-undated-panel-minutes.txt"
    }


def test_bad_files_fail_one_line_each_and_the_batch_goes_on(base_store, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "recipe.txt").write_text("Chocolate cake.\n\nMix the flour and the sugar, then bake it.\n" * 3)
    (inbox / "empty.txt").write_text("")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inbox / "scripts.html").write_text("<html><head><script>alert('x')</script></head><body></body></html>")
    with (inbox / "archive.html").open("wb") as f:
        f.write(b"<html><body>")
        f.truncate(50_000_000)
    shutil.copy(PAGES / "no-council-minutes.html", inbox / "minutes.html")
    shutil.copy(PAGES / "wiltshire-decision-improvement-plan.html", inbox / "decision.html")
    before = graph_sizes(base_store)
    proc = run_cli("--store", str(base_store), "ingest", str(inbox))
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    failed = {ln.split(": ")[2]: ln for ln in err.splitlines() if ln.startswith("cskg: failed:")}
    expected = {
        "recipe.txt": "not an Ofsted report, committee minutes",
        "empty.txt": "empty",
        "binary.txt": "binary",
        "scripts.html": "no text",
        "archive.html": "50 MB",
        "minutes.html": "give --authority",
    }
    assert {Path(p).name for p in failed} == set(expected), err
    for path, line in failed.items():
        assert expected[Path(path).name] in line, line
    assert "ingested 1," in err and "failed 6 files" in err
    after = graph_sizes(base_store)
    new = {g.rsplit("/", 1)[1] for g in set(after) - set(before)}
    # The good page's graph (its council's derived graph holds nothing: no inspection of Wiltshire to link to).
    assert "wiltshire-decision" in new and new <= {"wiltshire-decision", "wiltshire", "authorities"}
    assert all(after[g] == n for g, n in before.items() if not g.endswith("/graph/authorities"))
    assert sorted(p.name for p in (live(base_store) / "texts").glob("*.txt")) == ["wiltshire-decision.txt"]


def test_a_changed_minutes_file_replaces_its_graph(base_store, tmp_path):
    from cskg.pipeline.ingest import ingest

    path = tmp_path / MINUTES.name
    shutil.copy(MINUTES, path)
    ingest([path], base_store, jobs=1)
    before = {a["id"]: a["quote"] for a in _kg(base_store).actions(authority="shropshire")}
    path.write_text(MINUTES.read_text(encoding="utf-8").replace("by 30 June 2023", "by 31 July 2023"), encoding="utf-8")
    out = ingest([path], base_store, jobs=1)
    assert out.replaced == [str(path.resolve())]
    after = {a["id"]: a for a in _kg(base_store).actions(authority="shropshire")}
    assert set(after) == set(before)
    assert after["shropshire-cabinet-minutes-2023-action-1"]["due"] == "2023-07-31"


def test_the_store_with_council_documents_conforms_to_the_shapes(councils_store):
    # A decision record is a document kind of its own; every document names its council once.
    from cskg.store.validate import validate_graph

    report = validate_graph(_kg(councils_store))
    assert report.conforms, report.text[:2000]


def test_the_accountability_view_of_a_council_holds_its_actions_only(councils_store):
    from cskg.views.networks import accountability_network

    g = accountability_network(_kg(councils_store), authority="Shropshire")
    actions = [n for n, d in g.nodes(data=True) if d["kind"] == "action"]
    assert actions and all("/action/shropshire/" in n for n in actions), actions
    addressed = [(u, v) for u, v, d in g.edges(data=True) if d["relation"] == "addressed by"]
    assert {v for _, v in addressed} >= {n for n in actions if n.endswith("-action-1")}


def test_the_council_pass_gives_each_entity_one_label_and_links_across_documents(base_store, tmp_path):
    """A report and a panel minute of one council: one label per entity, and the minute reaches the report's units."""
    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    folder = tmp_path / "shropshire"
    folder.mkdir()
    shutil.copy(REPORT, folder / "ofsted-2022.txt")
    shutil.copy(PANEL, folder / PANEL.name)
    assert len(ingest([folder], base_store, jobs=1).ingested) == 2
    labels = _ask(
        base_store,
        "SELECT ?e (COUNT(DISTINCT ?label) AS ?n) WHERE { ?e cs:localAuthority <https://w3id.org/cskg/id/authority/shropshire> ; "
        "cs:curation cs:Discovered ; rdfs:label ?label } GROUP BY ?e",
    )
    assert len(labels) >= 10 and {int(r["n"].value) for r in labels} == {1}
    lado = "https://w3id.org/cskg/id/entity/shropshire/local-authority-designated-officer-service"
    said = _ask(
        base_store,
        f"SELECT ?text WHERE {{ ?s cs:mentions <{lado}> ; cs:text ?text ; dcterms:isPartOf/dcterms:isPartOf ?d . "
        "?d cs:sourceFile 'shropshire-panel-minutes-2023.txt' }",
    )
    assert [r["text"].value for r in said] == [
        "The panel heard that the LADO service had received 40 referrals this year, "
        "and that the child exploitation team had met every child."
    ]
    shown = open_graph(base_store).show("shropshire/local-authority-designated-officer-service")
    assert shown["entity"]["label"] == "Local authority designated officer service (Shropshire)"
    assert any("40 referrals" in m["text"] for m in shown["mentions"])


def test_the_pass_in_worker_processes_gives_the_quads_of_the_pass_in_one(councils_store):
    """A national batch shares the councils among workers reading the flushed store: the same quads."""
    import pyoxigraph as ox

    from cskg.pipeline.council_pass import KeptTexts, council_pass, council_pass_in_workers
    from cskg.sources.files import project_path

    db_path = live(councils_store) / "db"
    texts = KeptTexts(live(councils_store) / "texts", project_path("data") / "sources")
    councils = {"shropshire", "wiltshire", "oldham", "rotherham"}
    one = council_pass(ox.Store.read_only(str(db_path)), councils, texts).nquads()
    shared = b"".join(council_pass_in_workers(db_path, councils, texts, jobs=2))
    assert one.count(b"\n") > 100 and sorted(one.splitlines()) == sorted(shared.splitlines())


def test_councils_read_from_their_own_documents_get_the_links_the_whole_store_gives(councils_store, tmp_path):
    """Every document of these councils came in one batch, so the pass read them in memory: the same derived graphs."""
    compared = passes_two_ways(councils_store, {"shropshire", "wiltshire", "oldham"}, tmp_path)
    assert sum(len(written) for written, _ in compared.values()) > 50
    for council, (written, from_store) in compared.items():
        assert written, council
        assert written == from_store, (council, sorted(written ^ from_store)[:3])


def test_a_council_with_documents_of_an_earlier_batch_is_read_from_the_store(base_store, tmp_path):
    """The report in one batch, the panel's minutes in the next: the second pass still links the minutes to the report's units."""
    from cskg.pipeline.ingest import ingest

    first, second = tmp_path / "first" / "shropshire", tmp_path / "second" / "shropshire"
    for folder, source in ((first, REPORT), (second, PANEL)):
        folder.mkdir(parents=True)
        shutil.copy(source, folder / source.name)
    assert len(ingest([first], base_store, jobs=2).ingested) == 1
    # Two councils, so the pass runs in worker processes; Wiltshire's page is all of Wiltshire and is read in memory.
    shutil.copy(PAGES / "wiltshire-mgai-corporate-parenting.html", second.parent / "wiltshire.html")
    assert len(ingest([second.parent], base_store, jobs=2).ingested) == 2
    (tmp_path / "scratch").mkdir()
    compared = passes_two_ways(base_store, {"shropshire", "wiltshire"}, tmp_path / "scratch")
    written, from_store = compared["shropshire"]
    lado = b"<https://w3id.org/cskg/id/entity/shropshire/local-authority-designated-officer-service>"
    assert any(lado in line and b"panel-minutes" in line for line in written)  # the minutes reach the report's unit
    for council, (written, from_store) in compared.items():
        assert written == from_store, (council, sorted(written ^ from_store)[:3])


def test_discovered_entities_in_a_view_keep_the_quote_they_were_found_in(councils_store):
    """The label is the council's (derived graph); the quote and its file stay the document's."""
    from cskg.views.make import view

    v = view(_kg(councils_store), authority="Shropshire")
    found = [a for n, a in v.graph.nodes(data=True) if "/entity/shropshire/" in n]
    assert len(found) >= 5
    files = {"shropshire-ofsted-2022.txt", MINUTES.name}  # the documents that discovered them
    for attrs in found:
        assert attrs.get("quote") and attrs.get("ref") in files, attrs


def test_the_councils_people_in_general_are_the_council_and_everyone_is_no_owner(base_store, tmp_path):
    """ "Our teams" and "Officers" in a council's own news are the council, not a unit; "everyone involved" no one."""
    from cskg.pipeline.ingest import ingest

    news = FIXTURES / "accountability"
    councils = ("southend-on-sea", "walsall", "wakefield", "durham")
    for council, name in zip(councils, ("news-2", "news-1", "news-2", "news-1"), strict=True):
        (tmp_path / "inbox" / council).mkdir(parents=True)
        shutil.copy(news / council / f"{council}-{name}.txt", tmp_path / "inbox" / council / f"{council}-{name}.txt")
    assert len(ingest([tmp_path / "inbox"], base_store, jobs=1).ingested) == 4
    kg = _kg(base_store)
    owners = {
        a["owner_text"]: a["owner"]
        for council in councils
        for a in kg.actions(authority=council)
        if a["owner_text"] in ("Our teams", "Officers", "everyone involved", "the department")
    }
    assert owners == {
        "Our teams": "Southend-on-Sea",
        "Officers": "Walsall",
        "the department": "Durham",
        "everyone involved": None,
    }
    rows = _ask(base_store, "SELECT ?e WHERE { ?e cs:curation cs:Discovered ; cs:localAuthority ?c }")
    made = {r["e"].value.rsplit("/", 1)[1] for r in rows}
    assert not made & {"our-teams", "officers", "everyone-involved", "department"}


def test_an_owner_is_looked_up_among_the_councils_given(councils_store):
    """ "Cabinet" is Rotherham's register id and Wiltshire's decision-maker: --authority says whose."""
    kg = _kg(councils_store)
    (decision,) = kg.actions(owner="Cabinet", authority="Wiltshire")
    assert decision["owner"] == "Cabinet" and decision["council"] == "wiltshire"


def test_minutes_saved_as_utf16_are_read(base_store, tmp_path):
    """What Windows Notepad saves as "Unicode": UTF-16 with a byte-order mark, NULs between the letters."""
    folder = tmp_path / "shropshire"
    folder.mkdir()
    text = MINUTES.read_text(encoding="utf-8")
    (folder / "minutes.txt").write_bytes(text.encode("utf-16"))
    out = run_cli("--store", str(base_store), "ingest", str(folder))
    assert out.returncode == 0, out.stderr
    assert (live(base_store) / "texts" / "shropshire-minutes.txt").read_text(encoding="utf-8") == text
    assert len(_kg(base_store).actions(authority="shropshire")) >= 2


def test_the_same_minutes_saved_again_with_other_line_ends_count_once(base_store, tmp_path):
    """A copy with Windows line ends and a byte-order mark is the same document: its actions must not double."""
    folder = tmp_path / "shropshire"
    folder.mkdir()
    text = MINUTES.read_text(encoding="utf-8")
    (folder / "minutes.txt").write_text(text, encoding="utf-8")
    (folder / "minutes-windows.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    from cskg.pipeline.ingest import ingest

    out = ingest([folder], base_store, jobs=2)
    # Whichever worker finishes first, the batch's first file is kept: the larger (the copy with CR LF).
    windows, plain = (str((folder / name).resolve()) for name in ("minutes-windows.txt", "minutes.txt"))
    assert out.ingested == [windows] and not out.failed
    assert out.skipped == [(plain, f"same text as {windows}")]
    actions = _kg(base_store).actions(authority="shropshire")
    assert actions and {a["document"] for a in actions} == {"shropshire-minutes-windows.txt"}
