"""`cskg serve`, `cskg query --endpoint` and `cskg publish` against real Oxigraph servers.

The read-only endpoint is started through the real CLI and queried with
SPARQLWrapper and with the SPARQL 1.1 Protocol over plain HTTP (GET and
POST); every library query must give the same rows there as on the local
store.  Publishing goes to a writable Oxigraph server in a temporary folder.
Every process started here is stopped by its id.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import alive, child_pids, run_cli, serving

from cskg.errors import InputError
from cskg.sparql import binding, library, runner
from cskg.sparql.endpoint import free_port, start_server

pytestmark = pytest.mark.slow

FINDINGS = "SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/cskg/ontology#Finding> }"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def served(store_path):
    """`cskg serve` on a free port: yields (query URL, cskg process)."""
    with serving(store_path, 5) as server:
        yield server


def _http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def _count(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_protocol_get_and_post(served, kg):
    url, _ = served
    local = int(next(iter(kg.store.query(FINDINGS, use_default_graph_as_union=True)))["n"].value)
    assert local == 431
    status, media, body = _http(f"{url}?{urllib.parse.urlencode({'query': FINDINGS})}", headers={"Accept": JSON})
    assert (status, media) == (200, JSON) and _count(body) == local
    status, _, body = _http(url, FINDINGS.encode(), {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert status == 200 and _count(body) == local
    form = urllib.parse.urlencode({"query": FINDINGS}).encode()
    status, _, body = _http(url, form, {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON})
    assert status == 200 and _count(body) == local
    status, media, body = _http(
        url, FINDINGS.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"}
    )
    assert media == "text/csv" and body.decode().split("\r\n")[1] == str(local)


def test_sparqlwrapper_client(served):
    from SPARQLWrapper import JSON as SW_JSON
    from SPARQLWrapper import SPARQLWrapper

    url, _ = served
    client = SPARQLWrapper(url)
    client.setQuery(library.load("grade-history").text)
    client.setReturnFormat(SW_JSON)
    bindings = client.query().convert()["results"]["bindings"]
    leavers = [b for b in bindings if b["alignedArea"]["value"] == "The experiences and progress of care leavers"]
    assert [(b["year"]["value"], b["grade"]["value"]) for b in leavers] == [
        ("2014", "Inadequate"),
        ("2017", "Outstanding"),
        ("2022", "Good"),
        ("2025", "Good"),
    ]


def test_updates_are_refused(served, kg):
    url, _ = served
    base = url.rsplit("/", 1)[0]
    update = b"DELETE WHERE { ?s ?p ?o }"
    status, _, _ = _http(f"{base}/update", update, {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = _http(
        f"{base}/store?default", b"<a:s> <a:p> <a:o> .", {"Content-Type": "application/n-triples"}, method="PUT"
    )
    assert status in (403, 405)
    _, _, body = _http(url, FINDINGS.encode(), {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert _count(body) == 431


def test_query_timeout_cancels_a_runaway_query(served):
    """The server (started with --timeout 5) cancels a cross product instead of counting 146 million pairs.

    Oxigraph streams its answer, so a cancelled query ends a 200 response
    early with its error message; `query --endpoint` reports that as an error.
    """
    url, _ = served
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    status, _, body = _http(url, runaway.encode(), {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert status >= 400 or b"cancelled" in body
    with pytest.raises(ValueError):
        json.loads(body)
    with pytest.raises(InputError, match=r"broke off|answered"):
        runner.run_remote(url, runner.from_text(runaway, "runaway"), {})


def _canonical(result) -> list:
    return sorted(tuple(str(row[v]) if row[v] is not None else "" for v in result.variables) for row in result.rows)


def test_every_library_query_gives_the_same_rows_on_the_endpoint(served, kg):
    """Locally parameters are engine substitutions; remotely a VALUES block: the rows must agree."""
    url, _ = served
    for lq in library.list_library():
        terms = binding.bind(
            lq, {"asof": "2026-10-01"} if lq.name == "actions-overdue" else {}, lambda name: kg.resolve(name).iri
        )
        local = runner.run_local(kg.store, lq, terms)
        remote = runner.run_remote(url, lq, terms)
        assert remote.form == local.form, lq.name
        if local.form == "graph":
            assert sorted(map(str, remote.triples)) == sorted(map(str, local.triples)), lq.name
        else:
            assert remote.variables == local.variables and _canonical(remote) == _canonical(local), lq.name


def test_cli_query_endpoint_with_params(served, store_path):
    url, _ = served
    args = ("query", "entity-weaknesses", "--param", "entity=front door", "--json")
    remote = json.loads(run_cli(*args, "--endpoint", url, store=store_path).stdout)
    local = json.loads(run_cli(*args, store=store_path).stdout)
    assert remote["results"]["bindings"] == local["results"]["bindings"] != []
    hostile = run_cli(
        "query",
        "findings-containing",
        "--param",
        'phrase=x" } } DROP ALL #',
        "--endpoint",
        url,
        "--json",
        store=store_path,
    )
    assert hostile.returncode == 1 and json.loads(hostile.stdout)["results"]["bindings"] == []
    bad = run_cli("query", "-", "--endpoint", url, store=store_path, input=b"SELECT ?x WHERE { ?x ?y }")
    assert bad.returncode == 2 and b"400" in bad.stderr


def test_unreachable_endpoint_is_one_line(store_path):
    out = run_cli("query", "inspections", "--endpoint", f"http://127.0.0.1:{free_port()}/query", store=store_path)
    assert out.returncode == 2 and b"cannot reach the endpoint" in out.stderr and out.stderr.count(b"\n") == 1


def test_serve_refuses_a_busy_port(served, store_path):
    url, _ = served
    port = urllib.parse.urlparse(url).port
    out = run_cli("serve", "--port", str(port), store=store_path)
    assert out.returncode == 2 and b"already in use" in out.stderr


def test_publish_then_query_the_copy(kg, store_path, tmp_path):
    server = start_server(tmp_path / "copy", read_only=False)
    try:
        out = run_cli("publish", "--endpoint", f"{server.base}/store", "--json", store=store_path)
        assert out.returncode == 0, out.stderr
        published = json.loads(out.stdout)
        local_graphs = {g.value for g in kg.store.named_graphs()}
        assert {p["graph"] for p in published} == local_graphs
        for p in published:
            import pyoxigraph as ox

            expected = sum(1 for _ in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(p["graph"])))
            assert p["triples"] == expected > 0
        again = run_cli("publish", "--endpoint", f"{server.base}/store", store=store_path)
        assert again.returncode == 0  # PUT replaces: publishing twice does not duplicate
        _, _, body = _http(
            server.url,
            b"SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            {"Content-Type": "application/sparql-query", "Accept": JSON},
        )
        assert _count(body) == sum(p["triples"] for p in published)
        for name in ("grade-history", "improvement-actions"):
            remote = json.loads(run_cli("query", name, "--endpoint", server.url, "--json", store=store_path).stdout)
            local = json.loads(run_cli("query", name, "--json", store=store_path).stdout)
            assert remote == local and remote["results"]["bindings"]
    finally:
        server.stop()
    assert not alive(server.process.pid)


def test_serve_stops_its_server_on_sigterm(store_path):
    port = free_port()
    env = dict(os.environ, CSKG_STORE=str(store_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cskg.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        assert proc.stdout.readline().strip() == f"http://127.0.0.1:{port}/query".encode()
        children = child_pids(proc.pid)
        assert children
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        deadline = time.monotonic() + 5
        while any(alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(c) for c in children)
    finally:
        if proc.poll() is None:
            for child in child_pids(proc.pid):
                os.kill(child, signal.SIGKILL)
            proc.kill()
            proc.wait()


def _wrapper_rows(url: str, text: str):
    """What SPARQLWrapper gets for the query text as written: W3C JSON bindings, or an rdflib graph."""
    from SPARQLWrapper import JSON as SW_JSON
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    client = SPARQLWrapper(url)
    client.setQuery(text)
    # SPARQLWrapper 2.0 drops only every other line of a run of comment lines, then takes the first
    # keyword it sees as the query's form ("address" in a description reads as ADD, an update). The
    # text sent is unchanged; only its guess is put right, from the text without its comments.
    bare = re.sub(r"(?m)^\s*#.*$", "", text)
    client.queryType = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", bare, re.I).group(1).upper()
    if client.queryType in ("CONSTRUCT", "DESCRIBE"):
        client.setReturnFormat(TURTLE)
        import rdflib

        return "graph", rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    client.setReturnFormat(SW_JSON)
    answer = client.query().convert()
    if "boolean" in answer:
        return "ask", answer["boolean"]
    return "rows", answer


def _canonical_json(answer: dict) -> tuple[list, list]:
    variables = answer["head"]["vars"]
    rows = sorted(tuple(json.dumps(b.get(v), sort_keys=True) for v in variables) for b in answer["results"]["bindings"])
    return variables, rows


def test_the_library_runs_unchanged_through_cskg_serve(served, store_path):
    """Each library query's text as it stands, sent by SPARQLWrapper to `cskg serve`, gives what
    `cskg query NAME` gives with the header's defaults: the defaults are in the text (VALUES blocks)."""
    import rdflib
    from rdflib.compare import isomorphic

    url, _ = served
    queries = library.list_library()
    assert len(queries) >= 20
    for lq in queries:
        form, remote = _wrapper_rows(url, lq.path.read_text(encoding="utf-8"))
        fmt = "table" if form == "graph" else "json"
        local = run_cli("query", lq.name, "--format", fmt, store=store_path)
        assert local.returncode in (0, 1), (lq.name, local.stderr.decode())
        if form == "graph":
            mine = rdflib.Graph().parse(data=local.stdout.decode(), format="turtle")
            assert len(remote) == len(mine) and isomorphic(remote, mine), lq.name
        elif form == "ask":
            assert json.loads(local.stdout)["boolean"] == remote, lq.name
        else:
            assert _canonical_json(remote) == _canonical_json(json.loads(local.stdout)), lq.name


def test_a_default_in_the_text_is_what_runs_elsewhere(served, kg):
    """entity-neighbourhood as written is Evolve's neighbourhood (it was every entity's, 200 KB), and a
    --param replaces the default block rather than adding a second one."""
    from cskg.sparql.values import default_blocks, with_values

    url, _ = served
    lq = library.load("entity-neighbourhood")
    _, graph = _wrapper_rows(url, lq.text)
    evolve = "https://w3id.org/cskg/id/entity/rotherham/evolve"
    labelled = {str(s) for s, p, _ in graph if str(p) == "http://www.w3.org/2000/01/rdf-schema#label"}
    assert evolve in labelled and 0 < len(graph) < 500
    mash = kg.resolve("mash").iri
    bound = with_values(lq.text, binding.bind(lq, {"entity": "mash"}, lambda n: kg.resolve(n).iri))
    assert bound.count("VALUES") == lq.text.count("VALUES") and f"<{mash}>" in bound and evolve not in bound
    assert default_blocks(bound)["entity"][2] == f"<{mash}>"


def test_every_library_default_block_holds_the_headers_default(kg):
    from cskg.sparql.values import default_blocks

    for lq in library.list_library():
        blocks = default_blocks(lq.text)
        assert set(blocks) == {p.name for p in lq.params if p.default is not None}, lq.name
        for p in lq.params:
            if p.default == "today":
                assert blocks[p.name][2] == "UNDEF", lq.name  # the text takes the endpoint's date
            elif p.default is not None:
                term = binding.make_term(p, p.default, lambda n: kg.resolve(n).iri)
                assert blocks[p.name][2] == str(term), (lq.name, p.name)


def test_serve_prints_the_endpoint_and_the_query_page_and_allows_other_origins(served):
    url, proc = served
    base = url.rsplit("/", 1)[0]
    told = "".join(proc.stderr.readline().decode() for _ in range(3))
    assert f"SPARQL endpoint: {url}" in told and f"query page: {base}/" in told
    status, media, body = _http(base + "/")
    assert status == 200 and media == "text/html" and b"yasgui" in body.lower()
    query = urllib.parse.urlencode({"query": FINDINGS})
    request = urllib.request.Request(f"{url}?{query}", headers={"Origin": "http://127.0.0.1:9", "Accept": JSON})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] in ("*", "http://127.0.0.1:9")
    preflight = urllib.request.Request(
        url,
        method="OPTIONS",
        headers={
            "Origin": "http://127.0.0.1:9",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    with urllib.request.urlopen(preflight, timeout=30) as response:
        assert response.status in (200, 204)
        assert response.headers["Access-Control-Allow-Origin"] in ("*", "http://127.0.0.1:9")
        assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.browser
def test_a_page_on_another_origin_queries_the_endpoint_in_chromium(served, tmp_path):
    """A real cross-origin fetch: a page served from another port POSTs a query to `cskg serve`."""
    import http.server
    import threading
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    url, _ = served
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>elsewhere</title>", encoding="utf-8")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)  # noqa: E731
    page_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=page_server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{page_server.server_address[1]}/index.html")
            answer = page.evaluate(
                """async ([url, query]) => {
                    const r = await fetch(url, {method: "POST", body: query,
                        headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
                    return await r.json();
                }""",
                [url, FINDINGS],
            )
            browser.close()
    finally:
        page_server.shutdown()
        page_server.server_close()
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == 431


def test_a_client_that_stops_reading_does_not_restart_the_server(served):
    """A client that closes its connection mid-answer is gone, not a broken server: the server stays, and the
    next request is answered (the guard once restarted the server here, and the next request got a 503)."""
    import socket

    url, proc = served
    server_pid = child_pids(proc.pid)
    port = int(url.split(":")[2].split("/")[0])
    every = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
            client.sendall(f"GET /query?{every} HTTP/1.1\r\nHost: x\r\nAccept: {JSON}\r\n\r\n".encode())
            assert client.recv(4096).startswith(b"HTTP/1.1 200")  # the answer has begun; leave mid-body
    time.sleep(1.0)  # the guard meets the closed connection while it writes
    status, _, body = _http(f"{url}?{urllib.parse.urlencode({'query': FINDINGS})}", headers={"Accept": JSON})
    assert status == 200 and _count(body) > 0
    assert child_pids(proc.pid) == server_pid
