"""The one SPARQL runner: a query's header, its parameters bound by VALUES, run locally or on an endpoint.

Every ``.rq`` file (the library ``examples/queries/*.rq`` and the package's
own ``sparql/queries/*.rq``) is a complete SPARQL query with its own PREFIX
lines, so it runs unchanged on any endpoint holding the graph, and opens
with a comment header::

    # title: Everything linked to one service
    # description: Findings, paragraphs, improvement areas and actions linked to one entity.
    # param: entity entity = evolve  -- the entity: an id, label or alias, or an IRI

Parameters are bound as RDF terms in a ``VALUES`` block at the head of the
WHERE clause (``values.with_values``), locally and on a remote endpoint
alike, never pasted into the text; why VALUES and not pyoxigraph's
substitutions is in docs/decisions.md.  A query without a WHERE clause gets
substitutions.  A syntax error is reported at the line and column of the
query as written, not of the bound text.
"""

from __future__ import annotations

import os
import pickle
import re
import select as io_select
import signal
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import InputError, QueryTimeout, StoreError
from .guard import check_query
from .values import where_brace, with_values

QUERY_DIR = Path(__file__).resolve().parent / "queries"
PARAM_TYPES = ("iri", "entity", "authority", "literal", "integer", "date", "year")  # see binding.make_term
FORMATS = ("table", "csv", "tsv", "json")
_HEADER = re.compile(r"#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<meaning>.*))?$"
)


@dataclass
class Param:
    name: str
    type: str
    default: str | None  # None: the caller must give a value
    meaning: str = ""


@dataclass
class Query:
    """One query: its text and what its header says about it (the library's and the internal ones alike)."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    path: Path | None = None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [vars(p).copy() for p in self.params],
            "file": str(self.path) if self.path else None,
        }


def parse_header(text: str, source: str) -> tuple[str, str, list[Param]]:
    """Title, description and parameters from the leading comment lines of a query.

    The one header syntax of every ``.rq`` file, the library's and the
    internal ones::

        # title: Everything linked to one service
        # description: ...
        # param: entity entity = evolve  -- the entity: an id, label or alias, or an IRI
        # param: inspection iri  -- (no default: the caller must bind it)

    A malformed ``# param:`` line is an error naming ``source:line``: a
    query whose header lies would bind the wrong things.
    """
    title = description = ""
    params: list[Param] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            p = _PARAM.match(value)
            if not p or p.group("type") not in PARAM_TYPES or p.group("default") == "":
                raise InputError(
                    f"{source}:{lineno}: bad parameter line {value!r}: "
                    f"write `# param: NAME TYPE [= DEFAULT] -- meaning`, TYPE one of {', '.join(PARAM_TYPES)}"
                )
            params.append(
                Param(p.group("name"), p.group("type"), p.group("default"), (p.group("meaning") or "").strip())
            )
    return title, description, params


def from_text(text: str, name: str, path: Path | None = None) -> Query:
    title, description, params = parse_header(text, str(path or name))
    return Query(name, text, title, description, params, path)


def from_file(path: Path, name: str | None = None) -> Query:
    """A query from a ``.rq`` file; an unreadable file is a one-line InputError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    return from_text(text, name or Path(path).stem, Path(path))


@cache
def internal(name: str) -> Query:
    """One of the package's own queries (``sparql/queries/NAME.rq``), read once per process."""
    return from_file(QUERY_DIR / f"{name}.rq", name)


# ---------------------------------------------------------------- binding


# ---------------------------------------------------------------- running


@dataclass
class Result:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    form: str  # select | ask | graph
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # variable -> pyoxigraph term or None
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def __len__(self) -> int:
        if self.form == "ask":
            return 1
        return len(self.rows) if self.form == "select" else len(self.triples)


def _collect(raw) -> Result:
    import pyoxigraph as ox

    if isinstance(raw, ox.QueryBoolean):
        return Result("ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        variables = [v.value for v in raw.variables]
        rows = [{v: s[v] for v in variables} for s in raw]
        return Result("select", variables, rows)
    return Result("graph", triples=list(raw))


def syntax_error(exc: Exception, name: str) -> InputError:
    """The engine's parse message (it carries line:column) as one line of bad input."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return InputError(f"SPARQL syntax error in {name}: {message}")


def run_local(store, query: Query, terms: dict, timeout: float | None = None, allow_service: bool = False) -> Result:
    """Run on a pyoxigraph store; the default graph is the union of the named graphs.

    The query must keep ``guard``'s limits (and name no SERVICE unless
    ``allow_service``).  With ``timeout`` (seconds) it runs in a forked child
    process that is killed when the time is up (pyoxigraph has no way to stop
    a query), which also keeps a crash of the engine out of this process.
    """
    import pyoxigraph as ox

    check_query(query.text, query.name, allow_service)
    subs = {ox.Variable(k): v for k, v in terms.items()}
    if not terms or where_brace(query.text) is None:
        text, subs_used = query.text, subs
    else:
        # A VALUES block steers Oxigraph's join order; substitutions do not
        # (see the module docstring for the measurements).
        text, subs_used = with_values(query.text, terms), {}
    try:
        if timeout is None:
            return _collect(store.query(text, substitutions=subs_used, use_default_graph_as_union=True))
        return _run_in_child(store, text, subs_used, timeout, query.name)
    except SyntaxError as exc:
        error = exc
    if text is not query.text:
        # Report the error at the line and column of the user's own text.
        try:
            store.query(query.text, substitutions=subs, use_default_graph_as_union=True)
        except SyntaxError as original:
            error = original
    raise syntax_error(error, query.name) from None


def _run_in_child(store, text: str, subs: dict, timeout: float, name: str) -> Result:
    """The query's result, computed in a forked child that is killed after ``timeout`` seconds.

    Measured: the fork costs about 10 ms on a lookup-sized query (the child
    inherits the open store; results come back in SPARQL JSON or N-Triples).
    """
    import pyoxigraph as ox

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, write, leave without running the parent's clean-up
        code = 0
        try:
            os.close(read_end)
            raw = store.query(text, substitutions=subs, use_default_graph_as_union=True)
            if isinstance(raw, ox.QueryBoolean | ox.QuerySolutions):
                payload = ("results", raw.serialize(format=ox.QueryResultsFormat.JSON))
            else:
                payload = ("graph", raw.serialize(format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            payload = ("syntax", str(exc))
        except BaseException as exc:
            payload = ("error", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        try:
            with os.fdopen(write_end, "wb") as out:
                out.write(pickle.dumps(payload))
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_end)
    data = _read_until(read_end, time.monotonic() + timeout)
    if data is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise QueryTimeout(f"{name} ran longer than {timeout:g} s and was stopped (--timeout sets the limit)")
    _, status = os.waitpid(pid, 0)
    if not data:
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit code {os.WEXITSTATUS(status)}"
        raise InputError(f"the query engine stopped on {name} ({how}) and answered nothing")
    kind, value = pickle.loads(data)
    if kind == "syntax":
        raise SyntaxError(value)
    if kind == "error":
        raise StoreError(f"{name} failed in the store: {value}")
    if kind == "graph":
        return Result("graph", triples=[q.triple for q in ox.parse(value, ox.RdfFormat.N_TRIPLES)])
    return _collect(ox.parse_query_results(value, ox.QueryResultsFormat.JSON))


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to ``fd`` until its writer closes it, or None if the deadline comes first."""
    chunks = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not io_select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def run_remote(url: str, query: Query, terms: dict, timeout: float = 60.0, allow_service: bool = False) -> Result:
    """Run on any SPARQL 1.1 Protocol endpoint (POST, form-encoded), within ``guard``'s limits."""
    import urllib.request

    import pyoxigraph as ox

    check_query(query.text, query.name, allow_service)

    body = urllib.parse.urlencode({"query": with_values(query.text, terms)}).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
            media = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"{url} answered {exc.code} {exc.reason}: {detail[0] if detail else ''}") from None
    except TimeoutError:
        raise QueryTimeout(
            f"{url} did not answer {query.name} within {timeout:g} s (--timeout sets the limit)"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"cannot reach the endpoint {url}: {reason}") from None
    try:
        if media in ("application/sparql-results+json", "application/json"):
            return _collect(ox.parse_query_results(data, ox.QueryResultsFormat.JSON))
        if media == "application/sparql-results+xml":
            return _collect(ox.parse_query_results(data, ox.QueryResultsFormat.XML))
        rdf_format = ox.RdfFormat.from_media_type(media)
        if rdf_format is None:
            raise InputError(f"{url} answered with {media!r}, which is neither SPARQL results nor RDF")
        return Result("graph", triples=[q.triple for q in ox.parse(data, rdf_format)])
    except (SyntaxError, ValueError) as exc:
        # A server that streams results can only report a failure (such as its
        # query timeout) by breaking off the body it already started.
        tail = data[-200:].decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            f"{url} broke off its answer ({str(exc).splitlines()[0]}); "
            f"its last words: {tail[-1][-120:] if tail else ''!r}"
        ) from None


def select(store, name: str, where: str = "the store", **bindings) -> list[dict]:
    """Rows of one internal query as dicts of plain values (IRIs and literals as strings, unbound as None).

    ``bindings`` are bound in the query's VALUES block: a string is an IRI,
    anything else a pyoxigraph term.  Only parameters the query's header
    declares may be bound, so a typo is an error rather than an unbound
    variable.  ``where`` names the store in the message of a read error.
    """
    import pyoxigraph as ox

    query = internal(name)
    declared = {p.name for p in query.params}
    unknown = sorted(set(bindings) - declared)
    if unknown:
        raise InputError(f"internal query {name} has no parameter {unknown[0]!r}")
    terms = {k: v if not isinstance(v, str) else ox.NamedNode(v) for k, v in bindings.items()}
    try:
        solutions = store.query(with_values(query.text, terms), use_default_graph_as_union=True)
    except OSError as exc:
        raise StoreError(f"{where} cannot be read ({exc}): run `cskg build` to rebuild it") from None
    variables = [v.value for v in solutions.variables]
    return [{v: (s[v].value if s[v] is not None else None) for v in variables} for s in solutions]
