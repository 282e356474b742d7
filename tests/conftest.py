"""Shared fixtures: one graph of the embedded corpus, built once per test session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The shared folder of real Ofsted reports (never committed): the national, SIF-truth and held-out tests use it.
NATIONAL_REPORTS = Path(os.environ.get("CSKG_OFSTED_REPORTS") or ROOT.parent / "shared" / "ofsted-reports")


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--fuzz-cases", type=int, default=300, help="Cases of the fuzz test (tests/test_fuzz.py); 10000 for a long run."
    )


@pytest.fixture(scope="session")
def fuzz_cases(request) -> int:
    return request.config.getoption("--fuzz-cases")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    from cskg import build_graph

    path = tmp_path_factory.mktemp("store") / "store"
    build_graph(path)
    return path


@pytest.fixture(scope="session")
def kg(store_path):
    from cskg import open_graph

    return open_graph(store_path)


def live(store: Path) -> Path:
    """The folder of a store's current generation: its ``db``, ``texts`` and search index."""
    from cskg.store.database import live_folder, read_manifest

    return live_folder(store, read_manifest(store))


def graph_sizes(store: Path) -> dict[str, int]:
    """The number of quads in each named graph of a store's current generation."""
    import pyoxigraph as ox

    db = ox.Store.read_only(str(live(store) / "db"))
    out: dict[str, int] = {}
    for q in db.quads_for_pattern(None, None, None, None):
        out[q.graph_name.value] = out.get(q.graph_name.value, 0) + 1
    return out


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (workers, a served Oxigraph)."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()]


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


@contextmanager
def serving(store: Path, timeout_s: float) -> Iterator[tuple[str, subprocess.Popen]]:
    """`cskg serve` of ``store`` on a free port with ``--timeout``: yields (query URL, the cskg process).

    The process and the Oxigraph server it started are stopped afterwards, killed if they do not go.
    """
    from cskg.sparql.endpoint import free_port

    port = free_port()
    env = dict(os.environ, CSKG_STORE=str(store))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cskg.cli", "serve", "--port", str(port), "--timeout", f"{timeout_s:g}"],
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
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                for child in child_pids(proc.pid):
                    os.kill(child, signal.SIGKILL)
                proc.kill()
                proc.wait()


def passes_two_ways(store: Path, councils: set[str], scratch: Path) -> dict[str, tuple[set[bytes], set[bytes]]]:
    """Each council's derived graph as the ingest wrote it, and as the pass computes it reading the whole store.

    The ingest reads a council whose documents all came in one batch from
    those documents' N-Quads in memory; here the same pass reads a writable
    copy of the store with the councils' derived graphs removed (as the
    ingest removes them), so the two can be compared line by line.
    """
    import pyoxigraph as ox

    from cskg.iris import council_graph_iri
    from cskg.pipeline.council_pass import KeptTexts, council_pass
    from cskg.sources.files import project_path

    db = ox.Store.read_only(str(live(store) / "db"))
    written = {
        c: {
            line
            for line in ox.serialize(
                db.quads_for_pattern(None, None, None, ox.NamedNode(council_graph_iri(c))), format=ox.RdfFormat.N_QUADS
            ).splitlines()
        }
        for c in councils
    }
    db.backup(str(scratch / "db"))
    copy = ox.Store(str(scratch / "db"))
    for c in councils:
        copy.remove_graph(ox.NamedNode(council_graph_iri(c)))
    texts = KeptTexts(live(store) / "texts", project_path("data") / "sources")

    def as_stored(nquads: bytes) -> set[bytes]:
        """Lines as a store gives them back (a store keeps a decimal's value, "1.00" reads "1")."""
        kept = ox.Store()
        kept.load(nquads, format=ox.RdfFormat.N_QUADS)
        return set(ox.serialize(kept, format=ox.RdfFormat.N_QUADS).splitlines())

    return {c: (written[c], as_stored(council_pass(copy, {c}, texts).nquads())) for c in sorted(councils)}


def run_cli(*args: str, store: Path | None = None, input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the real console command in a new process."""
    env = dict(os.environ)
    if store is not None:
        env["CSKG_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "cskg.cli", *args], capture_output=True, env=env, input=input, timeout=120
    )


@pytest.fixture(scope="session")
def ingested_councils(store_path, tmp_path_factory) -> Path:
    """A store of the embedded corpus with Shropshire's 2022 and Brent's 2018 reports ingested (read only)."""
    import shutil

    from cskg.pipeline.ingest import ingest

    root = tmp_path_factory.mktemp("ingested-councils")
    store = root / "store"
    shutil.copytree(store_path, store)
    inbox = root / "inbox"
    inbox.mkdir()
    shutil.copy(FIXTURES / "reports" / "ilacs-2022-short-shropshire.txt", inbox / "shropshire-2022.txt")
    shutil.copy(FIXTURES / "reports" / "ilacs-2018-early-brent.txt", inbox / "brent-2018.txt")
    report = ingest([inbox], store, jobs=1)
    assert len(report.ingested) == 2, report.failed
    return store


@pytest.fixture(scope="session")
def hostile_kg(tmp_path_factory):
    """A graph built from tests/fixtures/hostile/: a made-up report and register full of markup and quote breaks."""
    from cskg import build_graph, open_graph

    hostile = FIXTURES / "hostile"
    path = tmp_path_factory.mktemp("hostile") / "store"
    build_graph(path, sources=hostile, register=hostile / "register.yaml")
    return open_graph(path)


def _with_more(kg, extra: Path, tmp_path_factory):
    """The embedded corpus plus ``extra`` (Turtle or TriG), in memory, with a folder of its own: caches kept
    beside the data (the name index) must not be read back by the plain corpus's graph."""
    import shutil

    import pyoxigraph as ox

    from cskg.api import KnowledgeGraph

    store = ox.Store()
    store.bulk_extend(list(kg.store.quads_for_pattern(None, None, None, None)))
    store.load(path=str(extra), format=ox.RdfFormat.TRIG if extra.suffix == ".trig" else ox.RdfFormat.TURTLE)
    folder = tmp_path_factory.mktemp(extra.stem) / "live"
    shutil.copytree(kg.folder, folder, ignore=shutil.ignore_patterns("cache"))
    return KnowledgeGraph(kg.path, store, folder=folder)


@pytest.fixture(scope="session")
def actions_kg(kg, tmp_path_factory):
    """The embedded corpus plus the made-up actions of tests/fixtures/views/actions.ttl, in memory."""
    return _with_more(kg, FIXTURES / "views" / "actions.ttl", tmp_path_factory)


@pytest.fixture(scope="session")
def typed_kg(kg, tmp_path_factory):
    """The embedded corpus plus the made-up typed councils of tests/fixtures/compare/typed-councils.trig, in memory."""
    return _with_more(kg, FIXTURES / "compare" / "typed-councils.trig", tmp_path_factory)
