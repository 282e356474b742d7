"""A standard SPARQL endpoint for the graph, and publishing it to other servers.

``serve`` runs the Oxigraph server (the ``oxigraph`` package on PyPI ships
its binary) read-only on 127.0.0.1 over the store folder, with the default
graph as the union of the named graphs, so the library queries run there
unchanged.  No HTTP code is written here: the server implements the SPARQL
1.1 Protocol, refuses updates (403), applies a query timeout, serves a query
page at ``/`` and, with ``--cors``, the headers a page on another origin
needs to query it.

``publish`` uploads every named graph with the SPARQL 1.1 Graph Store HTTP
Protocol (one PUT per graph, which replaces it), so the graph can move to
Fuseki, GraphDB, Virtuoso or any other store and keep its queries.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import EndpointError, InputError

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python (else on PATH)."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise EndpointError("the `oxigraph` server is not installed: run `python3 -m pip install oxigraph`")
    return found


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_taken(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is not "in use"
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


@dataclass
class Server:
    process: subprocess.Popen
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The SPARQL 1.1 Protocol query URL."""
        return f"{self.base}/query"

    @property
    def page(self) -> str:
        """The query page Oxigraph serves (a YASGUI editor over the endpoint)."""
        return f"{self.base}/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(
    location: Path,
    port: int | None = None,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    read_only: bool = True,
    wait_s: float = 20.0,
) -> Server:
    """Start ``oxigraph serve-read-only`` (or ``serve``) on 127.0.0.1 and wait until it answers.

    ``location`` is the RocksDB folder (the store's ``db``).  A read-only
    server may share it with other readers (the CLI opens it read-only too);
    builds never write into it but into a new folder that is swapped in, so
    restart the server after a rebuild to serve the new graph.
    """
    port = port or free_port()
    if not 0 < port < 65536:
        raise EndpointError(f"port {port} is out of range 1-65535")
    if _port_taken(port):
        raise EndpointError(f"port {port} on 127.0.0.1 is already in use: choose another with --port")
    mode = "serve-read-only" if read_only else "serve"
    command = [
        oxigraph_binary(),
        mode,
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout_s),
        # Access-Control-Allow-Origin on every answer (and preflights answered), so a query page on
        # another origin (YASGUI, a notebook) can use the endpoint; it stays bound to 127.0.0.1.
        "--cors",
    ]
    # stderr goes to a file, not a pipe: nobody reads a pipe once the server runs, and a full one would stall it
    log = tempfile.TemporaryFile()  # noqa: SIM115 -- the server's stderr for its whole life
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    server = Server(process, port)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            message = log.read().decode("utf-8", "replace").strip().splitlines()
            raise EndpointError(f"the oxigraph server stopped at once: {message[-1] if message else 'no message'}")
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    server.stop()
    raise EndpointError(f"the oxigraph server did not answer on port {port} within {wait_s:.0f} s")


def serve_forever(server: Server, grace_s: float = 10.0) -> int:
    """Wait for the server; SIGINT or SIGTERM stop it (and us) cleanly.

    The handler only signals the child: reaping it stays in this loop, since
    waiting inside a signal handler would deadlock on Popen's wait lock.
    """
    asked: list[float] = []

    def stop(signum, frame):
        asked.append(time.monotonic())
        if server.process.poll() is None:
            server.process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        try:
            code = server.process.wait(timeout=0.5)
            return 0 if asked else code
        except subprocess.TimeoutExpired:
            if asked and time.monotonic() - asked[0] > grace_s:
                server.process.kill()


# ---------------------------------------------------------------- publish


@dataclass
class Published:
    graph: str
    triples: int
    status: int


def publish(
    store,
    endpoint: str,
    into_default: bool = False,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 120.0,
) -> list[Published]:
    """PUT each named graph of ``store`` to a Graph Store Protocol ``endpoint``.

    ``endpoint`` is the server's graph store URL (Oxigraph ``/store``, Fuseki
    ``/DATASET/data``, GraphDB ``/repositories/REPO/rdf-graphs/service``,
    Virtuoso ``/sparql-graph-crud``).  With ``into_default`` the union of all
    graphs also replaces the default graph, for servers that cannot query the
    union of named graphs.
    """
    import urllib.request

    import pyoxigraph as ox

    if not endpoint.startswith(("http://", "https://")):
        raise InputError(f"--endpoint {endpoint!r} is not an http(s) URL")
    headers = {"Content-Type": "application/n-triples"}
    if user:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    uploads: list[tuple[str, str, list]] = []
    for graph in graphs:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        uploads.append((graph.value, "graph=" + urllib.parse.quote(graph.value, safe=""), triples))
    if into_default:
        union = sorted({q.triple for q in store.quads_for_pattern(None, None, None, None)}, key=str)
        uploads.append(("(default graph)", "default", union))
    separator = "&" if "?" in endpoint else "?"
    done = []
    for name, query_part, triples in uploads:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        request = urllib.request.Request(f"{endpoint}{separator}{query_part}", data=body, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                done.append(Published(name, len(triples), response.status))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise InputError(
                f"{endpoint} refused graph {name} ({exc.code} {exc.reason}"
                f"{': ' + detail[0] if detail else ''}); {len(done)} graphs were published before it"
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            raise InputError(f"cannot reach {endpoint}: {getattr(exc, 'reason', exc)}") from None
    return done
