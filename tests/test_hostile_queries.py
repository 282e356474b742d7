"""Hostile and runaway queries: limits before the engine, timeouts, no SERVICE, a server that survives (issue 17).

Before: 100,000 nested braces or 10,000 UNION branches segfaulted `cskg
query` and aborted `cskg serve`; a cartesian product ran until killed;
SERVICE let the "read-only" endpoint fetch any URL.  The SERVICE tests open
a listening socket and check that nothing ever connects to it.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import run_cli, serving

from cskg.errors import InputError, QueryTimeout
from cskg.sparql.guard import MAX_DEPTH, check_query, measure
from cskg.sparql.library import list_library

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HOSTILE = {
    "braces": "SELECT * WHERE " + "{" * 100_000 + " ?s ?p ?o " + "}" * 100_000,
    "union": "SELECT * WHERE { " + " UNION ".join(f"{{ ?s ?p {i} }}" for i in range(10_000)) + " }",
    "plus": "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["?o"] * 10_000) + ") }",
    "optional": "SELECT * WHERE { ?s ?p ?o " + " ".join(f"OPTIONAL {{ ?s ?p ?o{i} }}" for i in range(1000)) + " }",
}


class Listener:
    """A socket that records whether anything connected to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self.done = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.done:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(2)
            try:
                self.hits.append(conn.recv(4096))
            except OSError:
                self.hits.append(b"")
            conn.close()

    def close(self) -> None:
        self.done = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener():
    lst = Listener()
    yield lst
    lst.close()


def _service_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",  # the grammar reads \\u escapes first
        f"PREFIX x: <{url}>\nSELECT * WHERE {{ SERVICE x: {{ ?s ?p ?o }} }}",
    ]


def test_every_library_query_keeps_well_inside_the_limits():
    for lq in list_library():
        shape = measure(lq.text)
        assert not shape.service and shape.depth <= MAX_DEPTH // 10, lq.name
        check_query(lq.text, lq.name)


def test_text_inside_strings_iris_and_comments_is_not_counted():
    quiet = 'SELECT * WHERE { ?s <http://x/SERVICE> ?o FILTER(?o = "SERVICE {{{ UNION") } # SERVICE {{{'
    shape = measure(quiet)
    assert (shape.service, shape.depth, shape.groups) == (False, 2, 2)  # SELECT and FILTER
    assert measure("SELECT * WHERE { ?s ex:a-service ?o }").service is False


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_query_the_engine_cannot_take_is_refused_in_one_line(store_path, name):
    proc = run_cli("query", "-", store=store_path, input=HOSTILE[name].encode())
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and "the limit is" in err, (proc.returncode, err[-500:])


def test_a_runaway_query_stops_at_its_timeout(store_path):
    started = time.monotonic()
    proc = run_cli("query", "-", "--timeout", "2", store=store_path, input=RUNAWAY.encode())
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and "ran longer than 2 s" in err, err
    assert time.monotonic() - started < 60  # a hang guard: the query itself would take hours


def test_the_library_call_stops_a_runaway_query_and_answers_a_quick_one(kg):
    with pytest.raises(QueryTimeout):
        kg.query(RUNAWAY, timeout=1)
    quick = kg.query("grade-history", timeout=30)
    assert len(quick) > 10 and quick.rows == kg.query("grade-history", timeout=None).rows


def test_service_is_refused_by_cskg_query_and_nothing_is_fetched(store_path, listener):
    for text in _service_queries(listener.port):
        proc = run_cli("query", "-", store=store_path, input=text.encode())
        err = proc.stderr.decode()
        assert proc.returncode == 2 and err.count("\n") == 1 and "SERVICE" in err, err
    time.sleep(0.5)
    assert listener.hits == []


def test_the_listener_would_see_an_allowed_service_call(store_path, listener):
    """The check above can fail: with --allow-service the engine does connect."""
    run_cli(
        "query",
        "-",
        "--allow-service",
        "--timeout",
        "10",
        store=store_path,
        input=_service_queries(listener.port)[0].encode(),
    )
    deadline = time.monotonic() + 5
    while not listener.hits and time.monotonic() < deadline:
        time.sleep(0.1)
    assert listener.hits and listener.hits[0].startswith(b"POST /sparql")


def test_service_refused_by_the_library_call(kg, listener):
    with pytest.raises(InputError, match="SERVICE"):
        kg.query(_service_queries(listener.port)[0])
    assert listener.hits == []


# ---------------------------------------------------------------- the served endpoint


@pytest.fixture(scope="module")
def served(store_path):
    with serving(store_path, 3) as server:
        yield server


def _post(url: str, query: str, timeout: float = 60) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url,
        data=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?f a <https://w3id.org/cskg/ontology#Finding> }"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_server_refuses_what_would_crash_it_and_keeps_serving(served, name):
    url, proc = served
    status, body = _post(url, HOSTILE[name])
    assert status == 400 and b"the limit is" in body and body.count(b"\n") == 1, (status, body[:300])
    form = urllib.parse.urlencode({"query": HOSTILE[name]}).encode()
    request = urllib.request.Request(url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=60)
    assert refused.value.code == 400
    assert proc.poll() is None and _post(url, COUNT)[0] == 200


@pytest.mark.slow
def test_the_server_refuses_service_and_fetches_nothing(served, listener):
    url, _ = served
    for text in _service_queries(listener.port):
        status, body = _post(url, text)
        assert status == 400 and b"SERVICE" in body, (status, body)
        get = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': text})}")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(get, timeout=30)
        assert refused.value.code == 400
    time.sleep(0.5)
    assert listener.hits == []


@pytest.mark.slow
def test_the_server_stops_a_runaway_query_and_answers_the_next(served):
    url, proc = served
    status, body = _post(url, RUNAWAY)
    assert status >= 400 or b"results" not in body[-50:] or b"cancelled" in body.lower()
    assert proc.poll() is None and _post(url, COUNT)[0] == 200
