"""Network views without a browser: the networks against independent SPARQL
counts, the HTML offline, escaped, deterministic, with an equivalent table."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest
from conftest import run_cli

from cskg.namespace import prefix_block

FINDING_KINDS = {"strength", "weakness", "context"}
ENTITY_KINDS = {"service", "body", "partner-agency", "role", "person"}
EVOLVE = "https://w3id.org/cskg/id/entity/rotherham/evolve"


def sparql(kg, query: str) -> list[list[str]]:
    rows = kg.store.query(prefix_block() + query, use_default_graph_as_union=True)
    return [[t.value if t is not None else None for t in r] for r in rows]


def count(kg, query: str) -> int:
    return int(sparql(kg, query)[0][0])


def kinds(g, wanted) -> set[str]:
    return {n for n, k in g.nodes(data="kind") if k in wanted}


# ------------------------------------------------------------- the networks


def test_service_view_holds_every_finding_about_the_entity(kg):
    from cskg.views.networks import service_network

    g = service_network(kg, "evolve")
    expected = {
        r[0] for r in sparql(kg, "SELECT ?f WHERE { ?f a cs:Finding ; cs:about csd:entity\\/rotherham\\/evolve }")
    }
    assert kinds(g, FINDING_KINDS) == expected and len(expected) > 10
    paragraphs = {
        r[0]
        for r in sparql(
            kg, "SELECT DISTINCT ?p WHERE { ?f cs:about csd:entity\\/rotherham\\/evolve ; prov:wasDerivedFrom ?p }"
        )
    }
    assert kinds(g, {"paragraph"}) == paragraphs
    # Evolve has strengths and context but no weakness; the kinds must say so.
    weak = count(
        kg, "SELECT (COUNT(?f) AS ?n) WHERE { ?f cs:about csd:entity\\/rotherham\\/evolve ; cs:polarity cs:Weakness }"
    )
    assert len(kinds(g, {"weakness"})) == weak
    assert g.nodes[EVOLVE]["centre"] is True
    for f in expected:
        assert g.has_edge(EVOLVE, f)
        assert g.nodes[f]["quote"] and g.nodes[f]["ref"].startswith("ofsted-ilacs-rotherham-")


def test_service_view_grades_come_from_the_judgements(kg):
    from cskg.views.networks import service_network

    g = service_network(kg, "evolve")
    judgements = {
        r[0]: r[1]
        for r in sparql(
            kg,
            """SELECT DISTINCT ?j ?gl WHERE {
        ?f cs:about csd:entity\\/rotherham\\/evolve ; cs:inInspection ?i ; cs:area ?a .
        ?j cs:ofInspection ?i ; cs:area ?a ; cs:grade/skos:prefLabel ?gl }""",
        )
    }
    assert {n: g.nodes[n]["grade"] for n in kinds(g, {"judgement"})} == judgements
    assert "Outstanding" in judgements.values()


def test_service_view_narrowed_to_one_inspection(kg):
    from cskg.views.networks import service_network

    g = service_network(kg, "evolve", inspection=2025)
    n2025 = count(
        kg,
        "SELECT (COUNT(?f) AS ?n) WHERE { ?f cs:about csd:entity\\/rotherham\\/evolve ; cs:inInspection csd:inspection\\/rotherham\\/2025 }",
    )
    assert len(kinds(g, FINDING_KINDS)) == n2025 > 0
    assert {y for n in kinds(g, FINDING_KINDS | {"paragraph", "inspection"}) for y in g.nodes[n]["years"]} == {2025}


def test_depth_widens_the_service_view(kg):
    from cskg.views.networks import service_network

    one, two = service_network(kg, "evolve"), service_network(kg, "evolve", depth=2)
    direct = {
        r[0]
        for r in sparql(
            kg,
            """SELECT DISTINCT ?o WHERE {
        { ?p a cs:Paragraph ; cs:mentions csd:entity\\/rotherham\\/evolve, ?o } UNION
        { csd:entity\\/rotherham\\/evolve org:unitOf|org:subOrganizationOf|org:postIn|cs:possiblySameAs|org:heldBy ?o } UNION
        { ?o org:unitOf|org:subOrganizationOf|org:postIn|cs:possiblySameAs|org:heldBy csd:entity\\/rotherham\\/evolve }
        ?o dcterms:identifier ?id FILTER(?o != csd:entity\\/rotherham\\/evolve) }""",
        )
    }
    assert kinds(one, ENTITY_KINDS) - {EVOLVE} == direct
    assert kinds(two, ENTITY_KINDS) > kinds(one, ENTITY_KINDS)


def test_improvement_areas_in_the_service_view(kg):
    from cskg.views.networks import service_network

    g = service_network(kg, "front door")
    expected = {r[0] for r in sparql(kg, "SELECT ?i WHERE { ?i cs:concerns csd:entity\\/rotherham\\/front-door }")}
    assert kinds(g, {"improvement"}) == expected and expected
    assert len(kinds(g, {"weakness"})) >= 1


def test_overview_edges_weighted_by_findings(kg):
    from cskg.views.networks import overview_network

    g = overview_network(kg)
    rows = sparql(
        kg,
        """SELECT ?e ?i (COUNT(DISTINCT ?f) AS ?n) (COUNT(DISTINCT ?w) AS ?weak) WHERE {
        ?f a cs:Finding ; cs:about ?e ; cs:inInspection ?i .
        OPTIONAL { ?f cs:polarity cs:Weakness BIND(?f AS ?w) } } GROUP BY ?e ?i""",
    )
    edges = {(s, t): d for s, t, d in g.edges(data=True) if d["relation"] == "findings in"}
    assert {(e, i): (int(n), int(w)) for e, i, n, w in rows} == {
        k: (d["weight"], d["weaknesses"]) for k, d in edges.items()
    }
    # Inspections a council document cites give way to the report of them (and one with no year is not drawn).
    assert len(kinds(g, {"inspection"})) == count(
        kg,
        "SELECT (COUNT(?i) AS ?n) WHERE { ?i a cs:Inspection ; cs:year ?y FILTER NOT EXISTS { ?r cs:sameInspectionAs ?i } }",
    )
    about = count(kg, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?f cs:about ?e }")
    assert len(kinds(g, ENTITY_KINDS)) == about
    # Size is the weighted degree: the entity with most findings is the biggest entity.
    top = max(kinds(g, ENTITY_KINDS), key=lambda n: g.nodes[n]["size"])
    most = sparql(
        kg, "SELECT ?e (COUNT(?f) AS ?n) WHERE { ?f a cs:Finding ; cs:about ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT 1"
    )[0][0]
    assert top == most


def test_comparison_appeared_disappeared_and_grades(kg):
    from cskg.views.networks import comparison_network

    g = comparison_network(kg, 2025, 2022)  # either order
    about = {
        y: {
            r[0]
            for r in sparql(
                kg, f"SELECT DISTINCT ?e WHERE {{ ?f cs:about ?e ; cs:inInspection csd:inspection\\/rotherham\\/{y} }}"
            )
        }
        for y in (2022, 2025)
    }
    change = {n: g.nodes[n]["change"] for n in kinds(g, ENTITY_KINDS)}
    assert {n for n, c in change.items() if c == "appeared"} == about[2025] - about[2022]
    assert {n for n, c in change.items() if c == "disappeared"} == about[2022] - about[2025]
    assert {n for n, c in change.items() if c == "in both"} == about[2022] & about[2025]
    judged = {g.nodes[n]["name"]: g.nodes[n]["change"] for n in kinds(g, {"judgement"})}
    # Help and protection went from Good (2022) to Outstanding (2025); care leavers stayed Good
    # (the 2022 combined judgement is matched through skos:broadMatch).
    assert judged["The experiences and progress of children who need help and protection"] == "improved"
    assert judged["The experiences and progress of care leavers"] == "same grade"
    assert len(kinds(g, {"improvement"})) == count(
        kg,
        "SELECT (COUNT(?i) AS ?n) WHERE { ?i cs:raisedBy ?x FILTER(?x IN (csd:inspection\\/rotherham\\/2022, csd:inspection\\/rotherham\\/2025)) }",
    )


def test_accountability_chain_and_overdue(actions_kg):
    from cskg.views.networks import accountability_network

    g = accountability_network(actions_kg, as_of=date(2026, 6, 1))
    rows = [
        r
        for r in sparql(
            actions_kg, "SELECT ?a ?i ?o WHERE { ?a a cs:Action ; cs:owner ?o OPTIONAL { ?a cs:addresses ?i } }"
        )
        if "/action/fixture/" in r[0]
    ]
    assert {a for a, _, _ in rows} <= kinds(g, {"action"}) and len(rows) == 4
    for a, imp, owner in rows:
        assert g.has_edge(a, owner)
        if imp:
            assert g.has_edge(imp, a)
    commission = "https://w3id.org/cskg/id/entity/rotherham/improving-lives-select-commission"
    assert g.has_edge("https://w3id.org/cskg/id/entity/rotherham/leaving-care-service", commission)
    overdue = {n for n in kinds(g, {"action"}) if g.nodes[n]["overdue"] and "/action/fixture/" in n}
    # Only the Planned action due 2026-03-31; the gYearMonth 2026-09 one runs to the month's end,
    # the Completed one is closed and the Ongoing one has no due date.
    assert overdue == {"https://w3id.org/cskg/id/action/fixture/2"}
    assert accountability_network(actions_kg, as_of=date(2026, 10, 1)).nodes[
        "https://w3id.org/cskg/id/action/fixture/1"
    ]["overdue"]


def test_accountability_on_the_corpus_shows_every_action(kg):
    from cskg.views.networks import accountability_network

    n = count(kg, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a cs:Action }")
    if n == 0:
        pytest.skip("the embedded corpus has no cs:Action yet (actions from minutes are issue 6's work)")
    g = accountability_network(kg)
    assert len(kinds(g, {"action"})) == n
    owners = {r[0] for r in sparql(kg, "SELECT DISTINCT ?o WHERE { ?a a cs:Action ; cs:owner ?o }")}
    assert owners <= set(g.nodes)


def test_bad_arguments_are_input_errors(kg):
    from cskg.errors import InputError
    from cskg.views.networks import comparison_network, service_network

    with pytest.raises(InputError, match="2019"):
        comparison_network(kg, 2019, 2025)
    with pytest.raises(InputError, match="two different"):
        comparison_network(kg, 2025, 2025)
    with pytest.raises(InputError, match="depth"):
        service_network(kg, "evolve", depth=0)


# ------------------------------------------------------------- the HTML


@pytest.fixture(scope="module")
def pages(kg, actions_kg):
    from cskg.views.make import view

    return {
        "service": view(kg, "evolve"),
        "overview": view(kg),
        "compare": view(kg, compare=(2022, 2025)),
        "accountability": view(actions_kg, accountability=True, as_of=date(2026, 6, 1)),
    }


LOADING = re.compile(
    r"""(?:\b(?:src|href|srcset|poster|action|data|background|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//)""",
    re.I,
)


@pytest.mark.parametrize("name", ["service", "overview", "compare", "accountability"])
def test_no_url_a_browser_would_load(pages, name):
    page = pages[name].html
    assert not LOADING.findall(page)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    # What the page does load is inlined: vis-network itself.
    assert "vis-network" in page and len(re.findall(r"^<script", page, re.M)) == 4


def test_pages_embed_the_networks_data(pages, kg):
    from cskg.views.networks import service_network

    g = service_network(kg, "evolve")
    page = pages["service"].html
    data = json.loads(re.search(r'<script type="application/json" id="cskg-data">(.*?)</script>', page, re.S).group(1))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(g.nodes)
    assert sorted((e["from"], e["to"]) for e in data["edges"]) == sorted(g.edges)
    assert data["options"]["layout"]["randomSeed"]


def test_same_graph_same_file(kg, store_path, tmp_path):
    from cskg import build_graph, open_graph
    from cskg.views.make import view

    build_graph(tmp_path / "again")
    again = open_graph(tmp_path / "again")
    for args in [dict(name="evolve"), dict(), dict(compare=(2022, 2025))]:
        a, b = view(kg, **args).html, view(again, **args).html
        assert a == b
    assert (
        view(kg, "evolve").write(tmp_path / "a.html").read_bytes()
        == view(again, "evolve").write(tmp_path / "b.html").read_bytes()
    )


def test_table_holds_every_node_and_link(pages):
    for v in pages.values():
        page, g = v.html, v.graph
        table = page[page.index('<section class="cskg-table"') :]
        assert table.count("<tr><td>") == g.number_of_nodes() + g.number_of_edges()
        for _, d in g.nodes(data=True):
            assert f"<td>{html.escape(d['name'])}</td>" in table
            if d.get("quote"):
                assert html.escape(d["quote"]) in table


HOSTILE_RAW = [
    "<script>window.__cskgXss",
    "<img src=x",
    "<svg onload",
    "</script><script>",
    'onmouseover="window',
    "<b>bold</b>",
]


@pytest.mark.parametrize("which", ["service", "overview", "accountability"])
def test_hostile_text_is_escaped(hostile_kg, which):
    from cskg.views.make import view

    v = {
        "service": lambda: view(hostile_kg, "payload team"),
        "overview": lambda: view(hostile_kg),
        "accountability": lambda: view(hostile_kg, accountability=True),
    }[which]()
    page = v.html
    for raw in HOSTILE_RAW:
        assert raw not in page, raw
    # Raw line separators end a JavaScript string literal in older engines: none inside scripts.
    scripts = re.findall(r"^<script[^>]*>(.*?)</script>$", page, re.S | re.M)
    assert len(scripts) == 4 and not any("\u2028" in s or "\u2029" in s for s in scripts)
    assert len(re.findall(r"</script", page, re.I)) == 4
    # The payloads are there, as text: escaped in the table and in the JSON.
    assert "&lt;script&gt;window.__cskgXss" in page
    assert "\\u003cscript\\u003ewindow.__cskgXss" in page
    data = re.search(r'id="cskg-data">(.*?)</script>', page, re.S).group(1)
    texts = {t for n in json.loads(data)["nodes"] for t in (n["name"], n["quote"]) if t}
    payloads = [
        "Payload <script>window.__cskgXss='label'</script> team",
        'The Payload team\'s records of <script>window.__cskgXss = "improvement"</script> decisions.',
    ]
    assert any(p in texts for p in payloads)


def test_notebook_repr_is_one_escaped_iframe(pages):
    out = pages["service"]._repr_html_()
    assert out.startswith("<iframe ") and out.endswith("</iframe>")
    assert out.count("<") == 2 and 'srcdoc="&lt;!DOCTYPE html&gt;' in out
    assert 'sandbox="allow-scripts"' in out
    assert html.unescape(re.search(r'srcdoc="([^"]*)"', out).group(1)) == pages["service"].html


def test_api_and_cli_write_the_same_view(kg, store_path, tmp_path):
    out = tmp_path / "evolve.html"
    result = run_cli("view", "evolve", "-o", str(out), store=store_path)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == kg.view("evolve").html
    assert "nodes" in result.stderr.decode()


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["view", "no-such-service"], 1, "no entity named"),
        (["view", "--compare", "2022", "2019"], 2, "no inspection in 2019"),
        (["view", "evolve", "--accountability"], 2, "choose one view"),
        (["view", "evolve", "--inspection", "2024"], 2, "no inspection in 2024"),
    ],
)
def test_cli_errors(store_path, tmp_path, args, code, message):
    result = run_cli(*args, "-o", str(tmp_path / "x.html"), store=store_path)
    assert result.returncode == code
    assert message in result.stderr.decode() and len(result.stderr.decode().strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_graphml_export_is_the_overview(kg, store_path, tmp_path):
    import networkx as nx

    from cskg.views.networks import overview_network

    out = tmp_path / "cskg.graphml"
    result = run_cli("export", "--format", "graphml", "-o", str(out), store=store_path)
    assert result.returncode == 0, result.stderr
    read = nx.read_graphml(out)
    g = overview_network(kg)
    assert set(read.nodes) == set(g.nodes) and set(read.edges) == set(g.edges)
    some = next((s, t) for s, t, d in g.edges(data=True) if d["relation"] == "findings in")
    assert int(read.edges[some]["weight"]) == g.edges[some]["weight"]


@pytest.fixture(scope="module")
def two_councils(kg, hostile_kg):
    """Rotherham's corpus and the made-up Testshire report in one store, as after `cskg ingest`."""
    import pyoxigraph as ox

    from cskg.api import KnowledgeGraph

    store = ox.Store()
    store.bulk_extend(list(kg.store.quads_for_pattern(None, None, None, None)))
    store.bulk_extend(list(hostile_kg.store.quads_for_pattern(None, None, None, None)))
    return KnowledgeGraph(kg.path, store)


def test_whole_graph_views_show_one_council(two_councils):
    from cskg.errors import InputError
    from cskg.views.networks import accountability_network, comparison_network, overview_network

    home = overview_network(two_councils)
    assert all("/testshire" not in n for n in home.nodes) and any("/rotherham/" in n for n in home.nodes)
    other = overview_network(two_councils, authority="testshire")
    assert {n for n, k in other.nodes(data="kind") if k == "inspection"} == {
        "https://w3id.org/cskg/id/inspection/testshire/2025"
    }
    assert all("/rotherham" not in n for n in other.nodes)
    assert all("/testshire" not in n for n in accountability_network(two_councils).nodes)
    assert comparison_network(two_councils, 2022, 2025).number_of_nodes() > 10
    with pytest.raises(InputError, match="no inspection in 2022"):
        comparison_network(two_councils, 2022, 2025, authority="testshire")
    with pytest.raises(InputError, match="no council 'atlantis'"):
        overview_network(two_councils, authority="atlantis")


def test_service_view_brings_the_improvement_areas_its_actions_answer(actions_kg):
    from cskg.views.networks import service_network

    g = service_network(actions_kg, "leaving care service")
    a1, a3 = "https://w3id.org/cskg/id/action/fixture/1", "https://w3id.org/cskg/id/action/fixture/3"
    i2025, i2022 = (
        "https://w3id.org/cskg/id/inspection/rotherham/2025/improvement/1",
        "https://w3id.org/cskg/id/inspection/rotherham/2022/improvement/3",
    )
    assert g.has_edge(a1, i2025) and g.has_edge(a3, i2022)
    assert g.has_edge(a1, "https://w3id.org/cskg/id/entity/rotherham/leaving-care-service")
    assert g.has_edge("https://w3id.org/cskg/id/inspection/rotherham/2025", i2025)
    narrowed = service_network(actions_kg, "leaving care service", inspection=2022)
    assert i2022 in narrowed and i2025 not in narrowed


def test_views_on_a_store_of_several_councils_keep_to_one(ingested_councils, kg):
    from cskg import open_graph
    from cskg.views.networks import accountability_network, overview_network, service_network

    national = open_graph(ingested_councils)

    def shape(g):
        return sorted(g.nodes), sorted((s, t, d["relation"]) for s, t, d in g.edges(data=True))

    # Rotherham's views are what they are on the embedded store: no other council's rows leak in.
    assert shape(service_network(national, "evolve", depth=2)) == shape(service_network(kg, "evolve", depth=2))
    assert shape(overview_network(national)) == shape(overview_network(kg))
    assert shape(accountability_network(national)) == shape(accountability_network(kg))
    other = overview_network(national, authority="Shropshire")
    entities = [n for n, k in other.nodes(data="kind") if k not in ("inspection",)]
    assert entities and all("/entity/shropshire/" in n for n in entities)
    centre = service_network(national, "care leavers forum", authority="Shropshire")
    assert centre.graph["centre"] == "https://w3id.org/cskg/id/entity/shropshire/care-leavers-forum"
    assert {n for n, k in centre.nodes(data="kind") if k == "inspection"} == {
        "https://w3id.org/cskg/id/inspection/shropshire/2022"
    }
