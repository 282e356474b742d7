"""The search index beside the store (``text_index``): its rows, its look-ups, and its life with the store.

The oracle for the rows is a SPARQL query over the store
(tests/fixtures/queries/all-findings.rq); the oracle for a look-up is a
plain substring test in Python over those rows.  The store is the embedded
corpus plus two ingested councils, so scoping by council can be seen.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import FIXTURES, live, run_cli

REPORTS = FIXTURES / "reports"
ORACLE = FIXTURES / "queries" / "all-findings.rq"


@pytest.fixture(scope="module")
def national(ingested_councils) -> Path:
    return ingested_councils


def _oracle(store: Path) -> dict[str, dict]:
    import pyoxigraph as ox

    db = ox.Store.read_only(str(live(store) / "db"))
    rows = db.query(ORACLE.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    names = [v.value for v in rows.variables]
    out = {}
    for solution in rows:
        row = {n: (solution[n].value if solution[n] is not None else None) for n in names}
        out[row["finding"]] = row
    return out


def _searchable(store: Path) -> dict[str, dict]:
    """Every text the index must hold (findings, improvement areas' quotes, other sentences naming an
    entity), by IRI, with its council; straight from the store."""
    import pyoxigraph as ox

    out = {f: {"text": r["text"], "authority": r["authority"]} for f, r in _oracle(store).items()}
    db = ox.Store.read_only(str(live(store) / "db"))
    others = """PREFIX cs: <https://w3id.org/cskg/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?x ?text ?authority WHERE {
      { ?x a cs:ImprovementArea ; cs:quote ?text ; cs:raisedBy/cs:ofAuthority ?authority }
      UNION { ?x a cs:Sentence ; cs:text ?text ; cs:mentions ?e ; dcterms:isPartOf/dcterms:isPartOf ?doc
              FILTER NOT EXISTS { ?x a cs:Finding }
              OPTIONAL { ?i cs:reportedIn ?doc ; cs:ofAuthority ?council }
              OPTIONAL { ?e cs:localAuthority ?entityCouncil }
              BIND(COALESCE(?council, ?entityCouncil) AS ?authority) } }"""
    for r in db.query(others, use_default_graph_as_union=True):
        out.setdefault(r["x"].value, {"text": r["text"].value, "authority": r["authority"].value})
    return out


def _index_rows(store: Path) -> dict[str, dict]:
    from cskg.store.search_index import COLUMNS, INDEX_FILE

    db = sqlite3.connect(live(store) / INDEX_FILE)
    rows = {r[1]: dict(zip(COLUMNS, r, strict=False)) for r in db.execute("SELECT * FROM findings")}
    db.close()
    return rows


def test_every_finding_in_the_store_has_its_row_and_nothing_else(national):
    store_rows = _oracle(national)
    index_rows = {k: r for k, r in _index_rows(national).items() if r["source"] == "finding"}
    assert len(store_rows) > 500 and set(index_rows) == set(store_rows)
    councils = {r["authority"].rsplit("/", 1)[-1] for r in store_rows.values()}
    assert councils == {"rotherham", "shropshire", "brent"}
    for finding, want in store_rows.items():
        got = index_rows[finding]
        assert (got["authority"], got["inspection"], got["file"], got["area"], got["polarity"], got["text"]) == (
            want["authority"],
            want["inspection"],
            want["file"],
            want["area"],
            want["polarity"],
            want["text"],
        )
        assert (got["year"], got["number"], got["idx"]) == (
            int(want["year"]),
            int(want["number"]) if want["number"] else None,
            int(want["index"]),
        )
        assert got["entities"].split() == sorted((want["entities"] or "").split())
        assert got["folded"] == want["text"].lower()


def test_improvement_areas_and_sentences_naming_an_entity_have_rows(national):
    """Beside the findings: each improvement area, and each other sentence that names an entity, with its offsets."""
    import pyoxigraph as ox

    db = ox.Store.read_only(str(live(national) / "db"))
    oracle = """PREFIX cs: <https://w3id.org/cskg/ontology#>
    SELECT ?x ?start ?end WHERE {
      { ?x a cs:ImprovementArea } UNION { ?x a cs:Sentence ; cs:mentions ?e FILTER NOT EXISTS { ?x a cs:Finding } }
      ?x cs:startOffset ?start ; cs:endOffset ?end }"""
    want = {
        s["x"].value: (int(s["start"].value), int(s["end"].value))
        for s in db.query(oracle, use_default_graph_as_union=True)
    }
    rows = {k: r for k, r in _index_rows(national).items() if r["source"] != "finding"}
    assert len(want) > 50 and set(rows) == set(want)
    assert {(r["start"], r["end"]) for r in rows.values()} == set(want.values())
    assert {r["source"] for r in rows.values()} >= {"improvement", "headline", "minutes", "news"}
    assert all(r["authority"] and r["file"] for r in rows.values())
    brent = [r for r in rows.values() if r["source"] == "improvement" and r["authority"].endswith("/brent")]
    assert brent and all(r["year"] == 2018 for r in brent)


def test_rows_of_curated_entities_carry_their_register_ids(national):
    rows = _index_rows(national)
    assert any("evolve" in r["entities"].split() for r in rows.values())


def _words(texts: list[str]) -> list[str]:
    """A spread of the corpus's own words: short and long, common and rare."""
    counts: dict[str, int] = {}
    for text in texts:
        for w in re.findall(r"\w+", text.lower()):
            counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts, key=lambda w: (counts[w], w))
    picks = ranked[:: max(1, len(ranked) // 40)]
    return sorted(set(picks) | {"ld", "of", "pathway", "care_leaver"})


def test_a_lookup_returns_exactly_the_findings_containing_the_word(national):
    from cskg.store.search_index import candidates as find

    store_rows = _searchable(national)
    words = _words([r["text"] for r in store_rows.values()])
    assert any(len(w) == 2 for w in words) and any(len(w) > 8 for w in words)
    for word in words:
        want = {f for f, r in store_rows.items() if word in r["text"].lower()}
        got = {c["finding"] for c in find(live(national), [word])}
        if "_" in word:
            assert got >= want, word  # "_" is LIKE's one-character wildcard: a superset is all that is promised
        else:
            assert got == want, word


def test_a_lookup_of_several_words_is_the_union(national):
    from cskg.store.search_index import candidates as find

    store_rows = _searchable(national)
    want = {f for f, r in store_rows.items() if "pathway" in r["text"].lower() or "caseloads" in r["text"].lower()}
    assert {c["finding"] for c in find(live(national), ["pathway", "caseloads"])} == want


def test_a_lookup_for_one_council_keeps_to_it(national):
    from cskg.namespace import CSD
    from cskg.store.search_index import candidates, rows

    shropshire = f"{CSD}authority/shropshire"
    council_of = {f: r["authority"] for f, r in _searchable(national).items()}
    everywhere = list(candidates(live(national), ["social"]))
    own = list(candidates(live(national), ["social"], shropshire))
    assert own and {council_of[c["finding"]] for c in own} == {shropshire}
    assert {c["finding"] for c in own} == {c["finding"] for c in everywhere if council_of[c["finding"]] == shropshire}
    assert len(everywhere) > len(own)
    # rows() gives back the whole row of each rowid asked for
    whole = rows(live(national), [c["rowid"] for c in own[:5]])
    assert [whole[c["rowid"]]["finding"] for c in own[:5]] == [c["finding"] for c in own[:5]]
    assert {r["authority"] for r in whole.values()} == {shropshire}


def test_candidates_come_in_tie_order_and_every_means_all_words(national):
    from cskg.store.search_index import candidates, tie_order

    found = list(candidates(live(national), ["care", "plan"], every=True))
    assert found == sorted(found, key=tie_order)
    assert found and all("care" in c["folded"] and "plan" in c["folded"] for c in found)
    union = list(candidates(live(national), ["care", "plan"]))
    assert union == sorted(union, key=tie_order)
    assert {c["finding"] for c in found} < {c["finding"] for c in union}


def test_a_short_word_before_a_long_one_does_not_crash(national):
    # SQLite 3.40's trigram index crashed the process on LIKE '%at%' AND LIKE '%home%'.
    from cskg import open_graph

    assert open_graph(national).search("at home", 5)


def test_search_by_council_name_slug_or_code(national):
    from cskg import open_graph

    kg = open_graph(national)
    by_name = kg.search("social workers", 50, authority="Shropshire")
    assert by_name and all(f["inspection"].startswith("inspection/shropshire/") for f in by_name)
    assert kg.search("social workers", 50, authority="shropshire") == by_name
    assert kg.search("social workers", 50, authority="E06000051") == by_name  # its GSS code
    everywhere = kg.search("social workers", 200)
    assert {f["inspection"].split("/")[1] for f in everywhere if f["inspection"]} == {
        "rotherham",
        "shropshire",
        "brent",
    }
    # Every hit names its council (minutes have no inspection, but their council is known).
    assert all(f["council"] for f in everywhere) and len({f["council"] for f in everywhere}) == 3
    assert {f["council"] for f in by_name} == {next(f["council"] for f in by_name)}


def test_search_of_a_council_with_no_inspection_is_a_one_line_error(national):
    proc = run_cli("--store", str(national), "search", "pathway", "--authority", "Barnsley")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "no inspection of 'Barnsley'" in err and "shropshire" in err


@pytest.mark.parametrize("text", ["'; DROP TABLE findings; --", "100% of_children", '" OR 1=1 --', "__ %%"])
def test_hostile_search_text_is_only_text(national, text):
    from cskg.store.search_index import INDEX_FILE

    before = hashlib.sha256((live(national) / INDEX_FILE).read_bytes()).hexdigest()
    proc = run_cli("--store", str(national), "search", text, "--json")
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert proc.returncode == 0 or proc.stdout.decode().strip() == "[]"
    assert hashlib.sha256((live(national) / INDEX_FILE).read_bytes()).hexdigest() == before


def test_a_failed_ingest_leaves_the_index_as_it_was(national, tmp_path):
    from cskg.store.search_index import INDEX_FILE

    store = tmp_path / "store"
    shutil.copytree(national, store)
    before = (live(store) / INDEX_FILE).read_bytes()
    proc = run_cli("--store", str(store), "ingest", str(FIXTURES / "ingest" / "html-saved-as.pdf"))
    assert proc.returncode == 2
    assert (live(store) / INDEX_FILE).read_bytes() == before


def test_a_store_without_an_index_says_how_to_rebuild(national, tmp_path):
    from cskg.store.search_index import INDEX_FILE

    store = tmp_path / "store"
    shutil.copytree(national, store)
    (live(store) / INDEX_FILE).unlink()
    for args in (("search", "pathway"), ("ingest", str(REPORTS / "sif-2017-york.txt"))):
        proc = run_cli("--store", str(store), *args)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and err.count("\n") == 1 and "build" in err, (args, err)


def test_a_wildcard_word_matches_no_finding(national):
    # "__" is two of LIKE's one-character wildcards, so the index hands over every finding; the word test then
    # keeps none, because no finding has a word starting with two underscores.
    from cskg import open_graph

    assert open_graph(national).search("__", 20) == []


def _ranked_by_brute_force(store_rows: dict[str, dict], text: str, limit: int) -> list[tuple[str, float]]:
    """The ranking rule written plainly over every finding of the store (no index, no shortcuts)."""
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1]
    scored = []
    for r in store_rows.values():
        body = " ".join(re.findall(r"\w+", r["text"].lower()))
        hits = sum(1 for w in words if re.search(rf"\b{re.escape(w)}", body))
        if not hits:
            continue
        if len(words) > 1:
            exact = re.search(r"\b" + " ".join(re.escape(w) for w in words), body)
        else:
            exact = re.search(rf"\b{re.escape(words[0])}\b", body)
        tier = 3 if exact else 2 if hits == len(words) else 1
        scored.append((tier + 0.5 * hits / len(words), r))
    scored.sort(
        key=lambda sr: (-sr[0], -(sr[1]["year"] or 0), sr[1]["number"] or 0, sr[1]["idx"] or 0, sr[1]["finding"])
    )
    return [(r["text"], round(score, 3)) for score, r in scored[:limit]]


@pytest.mark.parametrize(
    "text",
    [
        "pathway plan",
        "missing from home",
        "social worker caseloads",
        "at home",
        "care leavers' pathway plans",
        "the",
        "Evolve",
    ],
)
def test_search_ranks_as_the_rule_says_over_every_finding(national, text):
    from cskg import open_graph

    got = [(f["text"], f["score"]) for f in open_graph(national).search(text, 60)]
    # Over every row of the index (whose rows the tests above check against the store), without its look-ups.
    assert got == _ranked_by_brute_force(_index_rows(national), text, 60)
    assert got, text


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 50])
def test_a_damaged_index_is_a_one_line_error_that_says_how_to_rebuild(national, tmp_path, damage):
    from cskg.store.search_index import INDEX_FILE

    store = tmp_path / "store"
    shutil.copytree(national, store)
    (live(store) / INDEX_FILE).write_bytes(damage)
    proc = run_cli("--store", str(store), "search", "pathway")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1, err
    assert "search index" in err and "build" in err
