"""`cskg ingest`: files and folders into named graphs, atomically, idempotently, one line per failure.

Uses the report fixtures of tests/fixtures/reports (text extracted from real
PDFs of other councils) and a fake PDF (an HTML error page saved as .pdf, as
three files of the national corpus are).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, graph_sizes, live, run_cli

# Each test builds or ingests into a store of its own (a second or more each).
pytestmark = pytest.mark.slow

REPORTS = FIXTURES / "reports"
FAKE_PDF = FIXTURES / "ingest" / "html-saved-as.pdf"


@pytest.fixture()
def base_store(store_path, tmp_path) -> Path:
    """A private copy of the embedded corpus's store, so ingest can change it."""
    path = tmp_path / "store"
    shutil.copytree(store_path, path)
    return path


@pytest.fixture()
def inbox(tmp_path) -> Path:
    """A folder with two reports (one in a sub-folder) and the fake PDF."""
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(REPORTS / "ilacs-2022-short-shropshire.txt", folder / "shropshire-2022.txt")
    shutil.copy(REPORTS / "ilacs-2018-early-brent.txt", folder / "sub" / "brent-2018.txt")
    shutil.copy(FAKE_PDF, folder / "sub" / "broken.pdf")
    return folder


def _nquads(store: Path) -> list[str]:
    import pyoxigraph as ox

    from cskg.store.database import sorted_nquads

    return sorted_nquads(ox.Store.read_only(str(live(store) / "db")))


def test_folder_ingest_reports_the_fake_pdf_in_one_line_and_goes_on(base_store, inbox):
    before = graph_sizes(base_store)
    proc = run_cli("--store", str(base_store), "ingest", str(inbox), "--jobs", "2")
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    failed = [ln for ln in err.splitlines() if ln.startswith("cskg: failed:")]
    assert len(failed) == 1
    assert str(inbox / "sub" / "broken.pdf") in failed[0] and "HTML" in failed[0]
    assert "ingested 2," in err and "failed 1 files" in err
    after = graph_sizes(base_store)
    new = set(after) - set(before)
    assert any(g.endswith("/graph/shropshire-2022") for g in new), new
    assert any(g.endswith("/graph/brent-2018") for g in new), new
    # The embedded corpus's graphs are untouched.
    assert all(after[g] == n for g, n in before.items() if not g.endswith("/graph/authorities"))


def test_same_files_twice_change_nothing(base_store, inbox):
    from cskg.pipeline.ingest import ingest

    first = ingest([inbox], base_store, jobs=1)
    assert len(first.ingested) == 2 and len(first.failed) == 1
    snapshot = _nquads(base_store)
    second = ingest([inbox], base_store, jobs=1)
    assert second.ingested == [] and second.replaced == []
    assert sorted(r for _, r in second.skipped) == ["unchanged since it was ingested"] * 2
    assert _nquads(base_store) == snapshot


def test_changed_file_replaces_its_graph(base_store, inbox):
    import hashlib

    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    report = inbox / "shropshire-2022.txt"
    ingest([report], base_store, jobs=1)
    assert open_graph(base_store).search("zebra", 5) == []
    graphs_before = graph_sizes(base_store)
    text = report.read_text(encoding="utf-8")
    assert "child-focused and purposeful" in text
    changed = text.replace("child-focused and purposeful", "child-focused and zebra", 1)
    report.write_text(changed, encoding="utf-8")
    out = ingest([report], base_store, jobs=1)
    assert out.replaced == [str(report.resolve())] and out.ingested == []
    graphs_after = graph_sizes(base_store)
    assert set(graphs_after) == set(graphs_before)
    graph = next(g for g in graphs_after if g.endswith("/graph/shropshire-2022"))
    # One copy of each quad: the old graph was removed, not added to.
    assert graphs_after[graph] == graphs_before[graph]
    kg = open_graph(base_store)
    # The search index holds the file's new rows once, and none of its old ones.
    import sqlite3

    from cskg.store.search_index import INDEX_FILE

    db = sqlite3.connect(live(base_store) / INDEX_FILE)
    rows, distinct = db.execute(
        "SELECT count(*), count(DISTINCT finding) FROM findings WHERE graph = ? AND source = 'finding'", (graph,)
    ).fetchone()
    db.close()
    import pyoxigraph as ox

    findings = list(
        kg.store.quads_for_pattern(
            None,
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode("https://w3id.org/cskg/ontology#Finding"),
            ox.NamedNode(graph),
        )
    )
    assert rows == distinct == len(findings) > 100
    texts = [f["text"] for f in kg.search("zebra", 5)]
    assert len(texts) == 1 and "child-focused and zebra" in texts[0]
    assert not any(
        "child-focused and purposeful" in f["text"]
        for f in kg.search("child-focused purposeful", 50)
        if f["document"] == "shropshire-2022.txt"
    )
    manifest = json.loads((base_store / "cskg-store.json").read_text())
    assert manifest["ingested"][str(report.resolve())]["sha256"] == hashlib.sha256(changed.encode()).hexdigest()


def test_ingested_quotes_are_at_their_offsets_in_the_kept_text(base_store, inbox):
    from cskg import open_graph
    from cskg.graph.provenance import QuotedFact, check_offsets
    from cskg.pipeline.ingest import ingest

    ingest([inbox], base_store, jobs=1)
    kg = open_graph(base_store)
    texts = {f.name: f.read_text(encoding="utf-8") for f in (live(base_store) / "texts").glob("*.txt")}
    assert set(texts) == {"shropshire-2022.txt", "brent-2018.txt"}
    facts = [
        QuotedFact(r["node"], r["file"], r["quote"], int(r["start"]), int(r["end"]))
        for r in kg.select("quoted-facts")
        if r["file"] in texts
    ]
    assert len(facts) > 300
    assert check_offsets(facts, texts) == []


def test_ingested_report_is_one_council_with_identifiers(base_store, inbox):
    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    ingest([inbox / "shropshire-2022.txt"], base_store, jobs=1)
    from cskg.sparql.library import load
    from cskg.sparql.runner import run_local

    rows = run_local(open_graph(base_store).store, load("national-grades-by-region"), {}).rows
    shropshire = [r for r in rows if r["authorityLabel"].value == "Shropshire"]
    assert shropshire and {r["region"].value for r in shropshire} == {"West Midlands"}
    assert {r["gss"].value for r in shropshire} == {"E06000051"}
    assert {r["authority"].value for r in shropshire} == {"https://w3id.org/cskg/id/authority/shropshire"}


def test_per_council_and_national_queries_on_an_ingested_council(base_store, inbox):
    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    ingest([inbox], base_store, jobs=1)
    kg = open_graph(base_store)
    weak = kg.query("weakness-quotes", {"authority": "Shropshire", "year": "2022"}).rows
    assert weak and all("/document/shropshire-" in r["finding"].value for r in weak)  # none of Rotherham's 2022 ones
    counts = {(r["year"].value, r["area"].value): int(r["weaknesses"].value) for r in kg.query("weakness-counts").rows}
    assert sum(n for (year, _), n in counts.items() if year == "2022") == len(weak) + 25  # Rotherham's 2022: 25
    themes = kg.query("national-weakness-themes").rows
    assert max(int(r["councils"].value) for r in themes) == 2  # Rotherham and Shropshire share a theme
    assert {r["theme"].value for r in themes} >= {"Plans"}


def test_rotherham_lookup_still_works_after_ingest(base_store, inbox):
    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    before = open_graph(base_store).show("evolve")
    ingest([inbox], base_store, jobs=1)
    after = open_graph(base_store).show("evolve")
    assert after["findings"] == before["findings"]
    assert after["entity"]["iri"].endswith("/entity/rotherham/evolve")


def test_missing_path_is_bad_input_and_store_untouched(base_store, tmp_path):
    snapshot = _nquads(base_store)
    proc = run_cli("--store", str(base_store), "ingest", str(tmp_path / "nope.pdf"))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().splitlines()[-1] == f"cskg: {tmp_path / 'nope.pdf'}: no such file or folder"
    assert _nquads(base_store) == snapshot


def test_ingest_into_a_new_store_builds_the_embedded_corpus_first(tmp_path):
    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    out = ingest([REPORTS / "ilacs-2026-short-somerset.txt"], tmp_path / "new", jobs=1)
    assert len(out.ingested) == 1
    kg = open_graph(tmp_path / "new")
    assert kg.resolve("evolve").iri.endswith("/entity/rotherham/evolve")


def test_national_view_colours_each_council_by_its_latest_overall_grade(base_store, tmp_path):
    import yaml

    from cskg import open_graph
    from cskg.pipeline.ingest import ingest
    from cskg.views.national import NO_OVERALL, national_network

    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("ilacs-2022-short-shropshire", "ilacs-2026-short-somerset"):
        shutil.copy(REPORTS / f"{name}.txt", folder / f"{name}.txt")
    ingest([folder], base_store, jobs=1)
    from cskg.views.national import GRADE_STYLE

    g = national_network(open_graph(base_store))
    shropshire = next(n for n, d in g.nodes(data=True) if d.get("name") == "Shropshire")
    somerset = next(n for n, d in g.nodes(data=True) if d.get("name") == "Somerset")
    truth = yaml.safe_load((REPORTS / "ilacs-2022-short-shropshire.yaml").read_text(encoding="utf-8"))
    assert g.nodes[shropshire]["grade"] == truth["overall_effectiveness"]
    assert g.nodes[shropshire]["color"] == GRADE_STYLE[truth["overall_effectiveness"]][0]
    assert g.nodes[somerset]["grade"] == NO_OVERALL
    # Each council stands under its region (both are in the South West or West Midlands, as la-lookup says).
    for council in (shropshire, somerset):
        [region] = list(g.predecessors(council))
        assert g.nodes[region]["kind"] == "region" and g.nodes[council]["detail"].startswith(g.nodes[region]["name"])
    page = open_graph(base_store).view(national=True).html
    assert "Shropshire" in page and "<script>alert" not in page


def test_ingested_document_names_its_text_and_its_original_file(base_store, inbox):
    import pyoxigraph as ox

    from cskg.namespace import CSD, cs, dcterms
    from cskg.pipeline.ingest import ingest

    ingest([inbox / "sub" / "brent-2018.txt"], base_store, jobs=1)
    db = ox.Store.read_only(str(live(base_store) / "db"))
    doc = ox.NamedNode(f"{CSD}document/brent-2018")
    source_file = [q.object.value for q in db.quads_for_pattern(doc, ox.NamedNode(cs.sourceFile), None, None)]
    original = [q.object.value for q in db.quads_for_pattern(doc, ox.NamedNode(dcterms.source), None, None)]
    assert source_file == ["brent-2018.txt"] and (live(base_store) / "texts" / "brent-2018.txt").is_file()
    assert original == ["sub/brent-2018.txt"]


def test_national_view_from_the_command_line(base_store, tmp_path):
    from cskg.pipeline.ingest import ingest

    ingest([REPORTS / "ilacs-2022-short-shropshire.txt"], base_store, jobs=1)
    out = tmp_path / "national.html"
    result = run_cli("view", "--national", "-o", str(out), store=base_store)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Shropshire" in page and "Rotherham" in page
    both = run_cli("view", "evolve", "--national", store=base_store)
    assert both.returncode == 2 and b"choose one view" in both.stderr


def test_a_trust_the_text_discovers_as_well_has_one_label(base_store, tmp_path):
    """A trust named on the first page that discovery also finds in the text ("Children’s Trust" is a body's
    name) is one entity with one label, as the shapes require."""
    import pyoxigraph as ox

    from cskg.extract.discover import discover_entities
    from cskg.namespace import CSD, rdfs
    from cskg.parse.report import parse_report, title_page
    from cskg.pipeline.ingest import ingest

    folder = tmp_path / "trust"
    folder.mkdir()
    text = (REPORTS / "trust-2026-bradford.txt").read_text(encoding="utf-8")
    renamed = re.sub(r"Bradford Children and\s+Families Trust", "Bradford Children’s Trust", text).replace(
        "\n2. Increasingly,", "\n2. Bradford Children’s Trust has grown its early help offer. Increasingly,", 1
    )
    (folder / "bradford-2026.txt").write_text(renamed, encoding="utf-8")
    # the case needs both: the first page names the trust and discovery finds it in the text
    assert title_page(renamed).trust == "Bradford Children’s Trust"
    found = discover_entities(parse_report(renamed, "bradford-2026.txt"), "bradford", "bradford-2026.txt")
    assert "Bradford Children’s Trust" in {e.label for e in found}
    report = ingest([folder], base_store, jobs=1)
    assert report.ingested, report.failed
    db = ox.Store.read_only(str(live(base_store) / "db"))
    trust = ox.NamedNode(f"{CSD}entity/bradford/children-trust")
    labels = [q.object.value for q in db.quads_for_pattern(trust, ox.NamedNode(rdfs.label), None, None)]
    assert len(labels) == 1, labels


def test_a_childrens_trust_is_what_its_councils_judged_findings_are_about(base_store, tmp_path):
    import pyoxigraph as ox

    from cskg.namespace import CSD, cs
    from cskg.pipeline.ingest import ingest

    folder = tmp_path / "trust"
    folder.mkdir()
    shutil.copy(REPORTS / "trust-2026-bradford.txt", folder / "bradford-2026.txt")
    report = ingest([folder], base_store, jobs=1)
    assert report.ingested, report.failed
    db = ox.Store.read_only(str(live(base_store) / "db"))
    trust = ox.NamedNode(f"{CSD}entity/bradford/children-and-families-trust")
    about = ox.NamedNode(cs.about)
    linked = {q.subject for q in db.quads_for_pattern(None, about, trust, None)}
    judged = set()
    for q in db.quads_for_pattern(None, ox.NamedNode(cs.area), None, None):
        if q.subject.value.startswith(f"{CSD}document/bradford") and q.object.value != cs.LscbEffectiveness:
            judged.add(q.subject)
    findings = {q.subject for q in db.quads_for_pattern(None, ox.NamedNode(cs.inInspection), None, None)}
    assert judged and judged & findings <= linked and linked <= findings
    types = [q.object.value for q in db.quads_for_pattern(trust, ox.NamedNode(cs.serviceType), None, None)]
    assert set(types) == {cs.Trust}  # in the report's graph and the council's


@pytest.fixture()
def same_name(tmp_path) -> list[Path]:
    """Two news articles of one council, each saved as ``news.txt`` in a folder of its own."""
    news = FIXTURES / "accountability" / "barnet"
    paths = []
    for folder, source in (("january", "barnet-news-1.txt"), ("march", "barnet-news-2.txt")):
        (tmp_path / folder / "barnet").mkdir(parents=True)
        paths.append(tmp_path / folder / "barnet" / "news.txt")
        shutil.copy(news / source, paths[-1])
    return paths


def _kept(store: Path) -> dict[str, dict]:
    """Each ingested file's manifest entry, by path."""
    return json.loads((store / "cskg-store.json").read_text())["ingested"]


def test_two_files_of_one_name_keep_their_own_graph_and_text(base_store, same_name):
    """Each keeps its own kept text, graph and quotes; one of them is told apart by a digest of its path."""
    import hashlib

    from cskg import open_graph
    from cskg.graph.provenance import QuotedFact, check_offsets
    from cskg.pipeline.ingest import ingest

    seen = []
    out = ingest([p.parent.parent for p in same_name], base_store, jobs=2, progress=lambda d, t, *_: seen.append(d))
    assert sorted(out.ingested) == sorted(str(p.resolve()) for p in same_name) and not out.failed
    assert seen == [1, 2]  # a file read again under its own name counts once
    stems = {path: entry["stem"] for path, entry in _kept(base_store).items() if path in out.ingested}
    assert len(set(stems.values())) == 2 and "barnet-news" in stems.values()
    apart = next(p for p, s in stems.items() if s != "barnet-news")
    assert stems[apart] == f"barnet-news-{hashlib.sha256(apart.encode()).hexdigest()[:8]}"
    folder = live(base_store) / "texts"
    for path, stem in stems.items():
        assert (folder / f"{stem}.txt").read_text(encoding="utf-8") == Path(path).read_text(encoding="utf-8")
    sizes = graph_sizes(base_store)
    assert all(sizes[f"https://w3id.org/cskg/id/graph/{stem}"] > 50 for stem in stems.values())
    texts = {f"{stem}.txt": (folder / f"{stem}.txt").read_text(encoding="utf-8") for stem in stems.values()}
    facts = [
        QuotedFact(r["node"], r["file"], r["quote"], int(r["start"]), int(r["end"]))
        for r in open_graph(base_store).select("quoted-facts")
        if r["file"] in texts
    ]
    assert {f.file for f in facts} == set(texts)
    assert check_offsets(facts, texts) == []
    proc = run_cli("--store", str(base_store), "validate")
    assert proc.returncode == 0, proc.stdout.decode()[-2000:]


def test_a_file_of_a_taken_name_in_a_later_batch_gets_its_own_and_keeps_it(base_store, same_name):
    """The name a file is given does not depend on the batch: a change to it later replaces its own graph."""
    from cskg.pipeline.ingest import ingest

    first, second = same_name
    ingest([first], base_store, jobs=1)
    ingest([second], base_store, jobs=1)
    kept = _kept(base_store)
    own = kept[str(second.resolve())]["stem"]
    assert kept[str(first.resolve())]["stem"] == "barnet-news" and own.startswith("barnet-news-")
    before = graph_sizes(base_store)
    text = second.read_text(encoding="utf-8")
    second.write_text(text + "\nA line added to the article.\n", encoding="utf-8")
    out = ingest([second.parent.parent, first.parent.parent], base_store, jobs=2)
    assert out.replaced == [str(second.resolve())] and out.ingested == [] and not out.failed
    assert _kept(base_store)[str(second.resolve())]["stem"] == own
    after = graph_sizes(base_store)
    assert set(after) == set(before)
    assert after["https://w3id.org/cskg/id/graph/barnet-news"] == before["https://w3id.org/cskg/id/graph/barnet-news"]


def test_a_name_still_taken_after_the_second_reading_fails_that_file_alone(base_store, same_name, monkeypatch):
    """Were the digest of a path ever to give a taken name, that file fails in one line and the other goes in."""
    from cskg.pipeline import ingest as module

    plain = module._stem
    monkeypatch.setattr(module, "_stem", lambda authority, path, apart=False: plain(authority, path))
    out = module.ingest([p.parent.parent for p in same_name], base_store, jobs=2)
    assert len(out.ingested) == 1 and len(out.failed) == 1
    path, reason = out.failed[0]
    assert reason == f"its name in the graph, barnet-news, is already taken by {out.ingested[0]}"
    assert _kept(base_store)[out.ingested[0]]["stem"] == "barnet-news" and path not in _kept(base_store)


def test_a_file_named_as_a_document_of_the_stores_own_corpus_leaves_that_document_alone(base_store, tmp_path):
    """A council's news page saved under the name the embedded corpus gives it goes in beside it, not into it."""
    from cskg.pipeline.ingest import ingest
    from cskg.sources.files import project_path

    name = "rotherham-council-news-2025-12-16.txt"
    copy = tmp_path / "rotherham" / name
    copy.parent.mkdir()
    copy.write_text((project_path("data") / "sources" / name).read_text(encoding="utf-8") + "\nUpdated.\n", "utf-8")
    graph = "https://w3id.org/cskg/id/graph/rotherham-council-news-2025-12-16"
    before = graph_sizes(base_store)
    out = ingest([copy], base_store, jobs=1)
    assert out.ingested == [str(copy.resolve())] and not out.failed
    assert _kept(base_store)[str(copy.resolve())]["stem"].startswith("rotherham-council-news-2025-12-16-")
    assert graph_sizes(base_store)[graph] == before[graph]
    proc = run_cli("--store", str(base_store), "validate")
    assert proc.returncode == 0, proc.stdout.decode()[-2000:]


def test_a_document_of_the_stores_own_corpus_given_again_is_skipped(base_store):
    from cskg.pipeline.ingest import ingest
    from cskg.sources.files import project_path

    own = project_path("data") / "sources" / "rotherham-council-news-2025-12-16.txt"
    snapshot = _nquads(base_store)
    out = ingest([own], base_store, jobs=1)
    assert out.ingested == [] and out.failed == []
    assert out.skipped == [(str(own.resolve()), f"same text as {own.resolve()}, a document of the store's own corpus")]
    assert _nquads(base_store) == snapshot


def test_a_store_kept_inside_the_folder_it_reads_is_not_read_as_documents(store_path, inbox):
    """Its kept texts would come back as new documents on every run."""
    from cskg.errors import InputError
    from cskg.pipeline.ingest import collect_files, ingest

    (inbox / "sub" / "broken.pdf").unlink()
    store = inbox / "store"
    shutil.copytree(store_path, store)
    first = ingest([inbox], store, jobs=1)
    assert len(first.ingested) == 2 and not first.failed
    assert (live(store) / "texts" / "shropshire-2022.txt").is_file()
    assert sorted(p.name for p in collect_files([inbox])) == ["brent-2018.txt", "shropshire-2022.txt"]
    second = ingest([inbox], store, jobs=1)
    assert second.ingested == [] and second.failed == [] and len(second.skipped) == 2
    with pytest.raises(InputError, match=r"no \.pdf, \.txt or \.html files in"):
        ingest([store], store, jobs=1)


def test_a_page_saved_complete_is_read_without_the_parts_saved_beside_it(tmp_path):
    """A browser saves "X.html" and "X_files/" (frames, scripts): the parts are no documents of their own."""
    from cskg.pipeline.ingest import collect_files

    (tmp_path / "minutes_files").mkdir()
    (tmp_path / "minutes.html").write_text("<html><body>Minutes</body></html>", encoding="utf-8")
    (tmp_path / "minutes_files" / "frame.html").write_text("<html><body>frame</body></html>", encoding="utf-8")
    (tmp_path / "other_files").mkdir()  # no page beside it: a folder like any other
    (tmp_path / "other_files" / "notes.txt").write_text("Notes", encoding="utf-8")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path])) == [
        "minutes.html",
        "other_files/notes.txt",
    ]


def test_a_failed_files_reason_does_not_repeat_its_path(base_store, tmp_path):
    from cskg.pipeline.ingest import ingest

    (tmp_path / "my page.html").write_text("<html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    (tmp_path / "recipe.htm").write_text("<html><body><p>Mix the flour.</p></body></html>", encoding="utf-8")
    out = ingest([tmp_path], base_store, jobs=1)
    assert len(out.failed) == 2
    assert all(reason.startswith("not an Ofsted report") for _, reason in out.failed), out.failed


def test_a_file_name_with_terminal_controls_is_shown_escaped(base_store, tmp_path):
    """A file's name is untrusted like its text: an escape sequence or a right-to-left override is shown, not obeyed."""
    name = "minutes\x1b[2J\u202etxt.recipe.txt"
    (tmp_path / name).write_text("Chocolate cake.\n\nMix the flour and the sugar, then bake it.\n", encoding="utf-8")
    proc = run_cli("--store", str(base_store), "ingest", str(tmp_path))
    err = proc.stderr.decode()
    assert proc.returncode == 2
    failed = [ln for ln in err.splitlines() if ln.startswith("cskg: failed:")]
    assert len(failed) == 1 and "minutes\\x1b[2J\\u202etxt.recipe.txt" in failed[0], err
    assert "\x1b[2J" not in err and "\u202e" not in err


def test_a_file_named_only_with_punctuation_is_named_for_its_council():
    from cskg.pipeline.ingest import _stem

    assert _stem("shropshire", Path("/in/---.txt")) == "shropshire"
    assert _stem("shropshire", Path("/in/minutes 2024.txt")) == "shropshire-minutes-2024"


def test_results_are_written_in_the_batchs_order_whichever_worker_finishes_first():
    from cskg.pipeline.ingest import FileResult, in_task_order
    from cskg.pipeline.workers import Failure

    tasks = [("/in/big.pdf", "d1"), ("/in/mid.txt", "d2"), ("/in/small.txt", "d3")]
    finished = [FileResult("/in/small.txt", "d3"), Failure(tasks[0], "took too long"), FileResult("/in/mid.txt", "d2")]
    order = [r.task[0] if isinstance(r, Failure) else r.path for r in in_task_order(iter(finished), tasks)]
    assert order == ["/in/big.pdf", "/in/mid.txt", "/in/small.txt"]


def test_a_stored_file_moved_or_renamed_and_changed_takes_its_old_place(base_store, tmp_path):
    """Its inspection (a report) or its name (council documents) says it is the stored file, gone from its path."""
    from cskg.pipeline.ingest import ingest

    first = tmp_path / "2024" / "shropshire-2022.txt"
    first.parent.mkdir()
    shutil.copy(REPORTS / "ilacs-2022-short-shropshire.txt", first)
    ingest([first], base_store, jobs=1)
    graphs = graph_sizes(base_store)
    renamed = tmp_path / "2025" / "ofsted-shropshire.txt"
    renamed.parent.mkdir()
    first.rename(renamed)
    text = renamed.read_text(encoding="utf-8")
    renamed.write_text(text.replace("child-focused and purposeful", "child-focused and zebra", 1), encoding="utf-8")
    out = ingest([tmp_path], base_store, jobs=1)
    assert out.replaced == [str(renamed.resolve())] and not out.failed and not out.ingested
    kept = _kept(base_store)
    assert str(first.resolve()) not in kept and kept[str(renamed.resolve())]["stem"] == "shropshire-ofsted-shropshire"
    after = graph_sizes(base_store)
    assert "https://w3id.org/cskg/id/graph/shropshire-2022" not in after
    assert len(after) == len(graphs)  # one graph for one file, not two
    assert not (live(base_store) / "texts" / "shropshire-2022.txt").exists()


def test_a_council_document_of_a_stored_ones_name_in_another_folder_replaces_nothing(base_store, same_name):
    """Every folder of minutes may hold a "news.txt": a name says too little to take a gone file's place."""
    from cskg.pipeline.ingest import ingest

    first, elsewhere = same_name
    ingest([first], base_store, jobs=1)
    first.unlink()  # gone from its path (a deleted download, an unmounted disk)
    out = ingest([elsewhere], base_store, jobs=1)
    assert out.ingested == [str(elsewhere.resolve())] and not out.replaced and not out.failed
    kept = _kept(base_store)
    assert kept[str(first.resolve())]["stem"] == "barnet-news"
    assert kept[str(elsewhere.resolve())]["stem"].startswith("barnet-news-")
    assert "https://w3id.org/cskg/id/graph/barnet-news" in graph_sizes(base_store)


def test_one_text_published_by_two_councils_is_each_councils(base_store, tmp_path):
    """A joint committee's minutes on both councils' sites: the same words, but each council's document."""
    from cskg.pipeline.ingest import ingest

    text = (FIXTURES / "accountability" / "barnet" / "barnet-news-1.txt").read_text(encoding="utf-8")
    for council in ("barnet", "enfield"):
        (tmp_path / council).mkdir()
        (tmp_path / council / "joint.txt").write_text(text, encoding="utf-8")
    out = ingest([tmp_path], base_store, jobs=1)
    assert len(out.ingested) == 2 and not out.skipped, out.skipped
