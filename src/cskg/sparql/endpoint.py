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
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import EndpointError, InputError
from .guard import MAX_CHARS, check_query

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


# ---------------------------------------------------------------- the guard in front of the server

# Request headers passed on to the server, and response headers passed back (the rest are per connection).
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class GuardedEndpoint:
    """The public face of ``cskg serve``: a small HTTP proxy in front of a read-only Oxigraph server.

    The Oxigraph server cannot be told to refuse ``SERVICE`` (its only limit
    is ``--timeout-s``, which does not cover planning: 1,000 OPTIONALs held a
    thread for more than a minute) and aborts on a deep enough query.  So it
    listens on a private port, and this proxy, on the public one, reads each
    query first (``guard.check_query``: size, nesting, operators, SERVICE),
    answers 400 with one line for a refused query, passes the rest on, and
    answers 405 to anything that would write.  A query that gets no answer
    within the timeout and a grace period, or that stops the server, has the
    server restarted and gets a 503 with one line.
    """

    def __init__(self, location: Path, port: int | None, timeout_s: int, allow_service: bool = False):
        self.location, self.timeout_s, self.allow_service = Path(location), timeout_s, allow_service
        self.port = port or free_port()
        if _port_taken(self.port):
            raise EndpointError(f"port {self.port} on 127.0.0.1 is already in use: choose another with --port")
        self.server = start_server(self.location, None, timeout_s)
        self._restart_lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), _handler_for(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def page(self) -> str:
        """The query page (Oxigraph's YASGUI editor), through the guard like every query it sends."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def process(self) -> subprocess.Popen:
        return self.server.process

    def restart(self, broken: Server) -> None:
        """Replace the server that broke (once, however many requests saw it break)."""
        with self._restart_lock:
            if self.server is broken:
                broken.stop() if broken.process.poll() is None else None
                if broken.process.poll() is None:
                    broken.process.kill()
                self.server = start_server(self.location, None, self.timeout_s)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.server.stop()


class _ClientGone(Exception):
    """The client of a proxied request closed its connection before the answer was written."""


def _handler_for(endpoint: GuardedEndpoint):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args) -> None:
            pass  # no line per request on the terminal

        def _answer(self, status: int, message: str) -> None:
            body = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            # A page on another origin may query the endpoint (the server runs with --cors): it must be
            # able to read why the guard refused its query, too.
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _queries(self, body: bytes) -> list[str]:
            """Every query text the request carries: in the URL, a form body or a query body."""
            found = parse_qs(urlsplit(self.path).query).get("query", [])
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if media == "application/x-www-form-urlencoded":
                found += parse_qs(body.decode("utf-8", "replace")).get("query", [])
            elif self.command == "POST":
                found.append(body.decode("utf-8", "replace"))
            return found

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > 4 * MAX_CHARS:
                return self._answer(413, "the request is larger than any query may be")
            body = self.rfile.read(length) if length else b""
            path = urlsplit(self.path).path
            if self.command == "POST" and path not in ("/query", "/"):
                return self._answer(403, "the endpoint is read-only")
            try:
                for text in self._queries(body):
                    check_query(text, "the query", endpoint.allow_service)
            except InputError as exc:
                return self._answer(400, str(exc))
            server = endpoint.server
            upstream = http.client.HTTPConnection("127.0.0.1", server.port, timeout=endpoint.timeout_s + 10)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP | {"host"}}
            try:
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                response = upstream.getresponse()
                self._relay(response)
            except _ClientGone:
                # The client stopped reading (it closed the connection before the body's end): nothing is
                # wrong with the server, which goes on as it was.
                self.close_connection = True
            except (TimeoutError, ConnectionError, http.client.HTTPException, OSError) as exc:
                if self.wfile.closed:
                    return None
                endpoint.restart(server)
                self._answer(503, f"the query stopped the server ({type(exc).__name__}); it was restarted")
                self.close_connection = True
            finally:
                upstream.close()
            return None

        def _relay(self, response: http.client.HTTPResponse) -> None:
            """Pass the server's answer on as it comes (Oxigraph streams, and breaks off a body when its own
            timeout stops a query); a failed write to the client raises ``_ClientGone``."""
            bodyless = self.command == "HEAD" or response.status in (204, 304)
            self.send_response(response.status, response.reason)  # buffered: written by end_headers
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", "0") if bodyless else self.send_header("Transfer-Encoding", "chunked")
            self._to_client(self.end_headers)
            while not bodyless and (chunk := response.read1(65536)):  # an error here is the server's
                self._to_client(self.wfile.write, b"%x\r\n%s\r\n" % (len(chunk), chunk))
            if not bodyless:
                self._to_client(self.wfile.write, b"0\r\n\r\n")

        @staticmethod
        def _to_client(write, *data: bytes) -> None:
            """One write to the client; an error is the client's going (``_ClientGone``), never the server's."""
            try:
                write(*data)
            except OSError as exc:
                raise _ClientGone from exc

        def do_GET(self) -> None:
            self._forward()

        def do_HEAD(self) -> None:
            self._forward()

        def do_POST(self) -> None:
            self._forward()

        def do_OPTIONS(self) -> None:  # a CORS preflight, answered by the server
            self._forward()

        def _refuse(self) -> None:
            self._answer(405, "the endpoint is read-only")

        do_PUT = do_DELETE = do_PATCH = _refuse

    return Handler


def serve_forever(server: Server | GuardedEndpoint, grace_s: float = 10.0) -> int:
    """Wait for the server; SIGINT or SIGTERM stop it (and us) cleanly.

    The handler only signals the child (or, for a guarded endpoint, only
    notes the request): reaping stays in this loop, since waiting inside a
    signal handler would deadlock on Popen's wait lock.  A guarded
    endpoint's server that stops on its own is started again.
    """
    asked: list[float] = []
    guarded = isinstance(server, GuardedEndpoint)

    def stop(signum, frame):
        asked.append(time.monotonic())
        if not guarded and server.process.poll() is None:
            server.process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        if guarded:
            if asked:
                server.stop()
                return 0
            if server.process.poll() is not None:
                server.restart(server.server)
            time.sleep(0.2)
            continue
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
