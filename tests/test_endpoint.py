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
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import run_cli

from cskg.errors import InputError
from cskg.sparql import binding, library, runner
from cskg.sparql.endpoint import free_port, start_server

pytestmark = pytest.mark.slow

FINDINGS = "SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/cskg/ontology#Finding> }"
JSON = "application/sparql-results+json"


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def served(store_path):
    """`cskg serve` on a free port: yields (query URL, cskg process)."""
    port = free_port()
    env = dict(os.environ, CSKG_STORE=str(store_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cskg.cli", "serve", "--port", str(port), "--timeout", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        url = proc.stdout.readline().decode().strip()
        assert url == f"http://127.0.0.1:{port}/query", proc.stderr.read().decode()
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                for child in _children(proc.pid):
                    os.kill(child, signal.SIGKILL)
                proc.kill()
                proc.wait()


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
    assert not _alive(server.process.pid)


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
        children = _children(proc.pid)
        assert children
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        deadline = time.monotonic() + 5
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(c) for c in children)
    finally:
        if proc.poll() is None:
            for child in _children(proc.pid):
                os.kill(child, signal.SIGKILL)
            proc.kill()
            proc.wait()
