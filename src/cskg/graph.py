"""The Python API: build the graph into a store, open it, ask it things.

``open_graph()`` returns a ``KnowledgeGraph`` on the default store (building
it from the embedded corpus on first use).  The command line is a thin layer
over these functions, so ``cskg show evolve --json`` and
``open_graph().show("evolve")`` return the same data.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .namespace import cs, prefix_block, rdf
from .sources import default_register, default_sources_dir, fingerprint, project_path
from .store import STORE_VERSION, StoreError, default_store_path, open_store, read_manifest, write_store

QUERY_DIR = Path(__file__).resolve().parent / "queries"


def load_query(name: str) -> str:
    """The text of a library query (``src/cskg/queries/NAME.rq``) with PREFIX lines."""
    return prefix_block() + (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


@dataclass
class BuildReport:
    store: Path
    quads: int
    documents: int
    findings: int
    warnings: list[str] = field(default_factory=list)


def _inputs(sources_dir: Path, register_path: Path) -> list[Path]:
    """Every file a build reads: the sources, the register, all curated data and the ontology."""
    data = project_path("data")
    files = {*sources_dir.iterdir(), register_path, *(p for p in data.rglob("*") if p.is_file()),
             *project_path("ontology").glob("*.ttl")}
    return sorted(p for p in files if p.is_file())


def _stats(paths: list[Path]) -> list[list]:
    """Name, size and modification time of each input: unchanged stats spare hashing the contents."""
    return [[str(p), st.st_size, st.st_mtime_ns] for p in paths for st in [p.stat()]]


def _is_current(manifest: dict | None, inputs: list[Path]) -> bool:
    if manifest is None or manifest.get("version") != STORE_VERSION:
        return False
    if manifest.get("input_stats") == _stats(inputs):
        return True
    return manifest.get("fingerprint") == fingerprint(inputs)


def build_graph(store: str | Path | None = None, sources: str | Path | None = None,
                register: str | Path | None = None) -> BuildReport:
    """Parse, extract and build the sources into a new store, then swap it in.

    Every quote is checked against its source before anything is written; any
    failure raises InputError and leaves the existing store as it was.
    """
    import pyoxigraph as ox

    from .build import build_quads
    from .provenance import QuotedFact, check_offsets, check_register
    from .register import load_register
    from .sources import load_sources
    from .text_index import finding_rows

    store_path = Path(store) if store else default_store_path()
    sources_dir = Path(sources) if sources else default_sources_dir()
    register_path = Path(register) if register else default_register()
    docs = load_sources(sources_dir)
    reg = load_register(register_path)
    built = build_quads(docs, reg, project_path("ontology"))  # parses: bad documents fail here first
    check_register(reg, docs)

    scratch = ox.Store()
    scratch.bulk_extend(built.quads)
    facts = [QuotedFact(r["node"].value, r["file"].value, r["quote"].value, int(r["start"].value), int(r["end"].value))
             for r in scratch.query(load_query("quoted-facts"))]
    problems = check_offsets(facts, {d.file: d.text for d in docs})
    if problems:
        raise InputError(f"provenance check failed for {len(problems)} quotes; first: {problems[0]}")
    findings = sum(1 for _ in scratch.quads_for_pattern(None, ox.NamedNode(rdf.type), ox.NamedNode(cs.Finding)))
    inputs = _inputs(sources_dir, register_path)
    manifest = {"fingerprint": fingerprint(inputs), "input_stats": _stats(inputs), "sources": str(sources_dir),
                "register": str(register_path), "authority": reg.authority, "quads": len(built.quads),
                "quoted_facts_checked": len(facts)}
    write_store(store_path, built.quads, manifest, finding_rows(built.quads))
    return BuildReport(store_path, len(built.quads), len(docs), findings, built.warnings)


def open_graph(store: str | Path | None = None, build_if_missing: bool = True) -> "KnowledgeGraph":
    """Open the graph at ``store`` (default: the embedded corpus's store).

    With no store given, a missing or stale default store is (re)built first,
    with a note on stderr, so the first lookup on a fresh machine just works.
    """
    explicit = store is not None or "CSKG_STORE" in os.environ
    path = Path(store) if store else default_store_path()
    if build_if_missing and not explicit:
        manifest = read_manifest(path)
        if not _is_current(manifest, _inputs(default_sources_dir(), default_register())):
            why = ("no graph built yet" if manifest is None
                   else "the store was written by an older cskg" if manifest.get("version") != STORE_VERSION
                   else "the sources changed")
            print(f"cskg: {why}; building the graph of the embedded corpus into {path} ...", file=sys.stderr)
            build_graph(path)
    elif build_if_missing and explicit and read_manifest(path) is None and not (path / "db").exists():
        print(f"cskg: no graph at {path}; building it from the embedded corpus ...", file=sys.stderr)
        build_graph(path)
    return KnowledgeGraph(path, open_store(path))


class KnowledgeGraph:
    """A read-only view of one store, with the lookups people use."""

    def __init__(self, path: Path, store):
        self.path = path
        self.store = store

    def select(self, name: str, **bindings) -> list[dict]:
        """Run a library query, binding ``?var`` parameters as RDF terms, never as text.

        Plain strings are IRIs.  The terms go into a VALUES block (see
        ``sparql_values``): on the national graph that is what keeps a lookup
        in milliseconds.
        """
        import pyoxigraph as ox

        from .sparql_values import with_values

        terms = {k: v if not isinstance(v, str) else ox.NamedNode(v) for k, v in bindings.items()}
        rows = []
        try:
            solutions = self.store.query(with_values(load_query(name), terms), use_default_graph_as_union=True)
        except OSError as exc:
            raise StoreError(f"the store at {self.path} cannot be read ({exc}): run `cskg build` to rebuild it") from None
        variables = [v.value for v in solutions.variables]
        for solution in solutions:
            rows.append({v: (solution[v].value if solution[v] is not None else None) for v in variables})
        return rows

    def cached(self, name: str, compute):
        """``compute()``'s JSON-able result, kept beside the store while the store is unchanged.

        The name index every lookup resolves against costs ~10 ms to read from
        a freshly opened store (35 ms on the national graph) and ~1 ms from
        the cache.
        """
        from .store import read_cache, write_cache

        value = read_cache(self.path, name)
        if value is None:
            value = compute()
            write_cache(self.path, name, value)
        return value

    def show(self, name: str) -> dict:
        """Everything linked to one entity, in the contract's ``show --json`` shape."""
        from .lookup import show
        return show(self, name)

    def resolve(self, name: str, authority: str | None = None):
        from .lookup import resolve
        return resolve(self, name, authority)

    def list(self, kind: str | None = None, authority: str | None = None) -> list[dict]:
        from .lookup import list_entities
        return list_entities(self, kind, authority)

    def search(self, text: str, limit: int = 20, authority: str | None = None) -> list[dict]:
        from .lookup import search
        return search(self, text, limit, authority)

    def actions(self, owner: str | None = None, overdue: bool = False, as_of=None) -> list[dict]:
        """Actions with owner, due date, status and ``overdue`` as of ``as_of`` (the ``actions --json`` shape)."""
        from .accountability import list_actions
        return list_actions(self, owner=owner, overdue=overdue, as_of=as_of)

    def timeline(self, authority: str | None = None) -> dict:
        """One council's grade history: ``judgements`` (one per judgement, with changes) and the area-by-inspection ``table``."""
        from .timeline import timeline
        return timeline(self, authority)

    def follow_up(self, authority: str | None = None) -> list[dict]:
        """Each improvement area of one council with its follow-up status and the later evidence for it."""
        from .accountability import follow_up
        return follow_up(self, authority)

    def view(self, name: str | None = None, **options):
        """An interactive network view (``cskg.view.View``): ``.write(path)``, ``.html``, shown inline in notebooks.

        ``kg.view("evolve")`` is the service view (``depth=``, ``inspection=``),
        ``kg.view()`` the overview, ``kg.view(accountability=True, as_of=date)``
        and ``kg.view(compare=(2022, 2025))`` the others; ``authority=`` picks
        the council when the store holds several.
        """
        from .view import view
        return view(self, name, **options)

    def query(self, text_or_name: str, params: dict[str, str] | None = None):
        """Run a query of ``examples/queries`` by name, a ``.rq`` path, or SPARQL text.

        ``params`` (name -> value as typed) are bound as RDF terms of the types
        the query's header declares; entity names resolve like ``show``.
        Returns a ``cskg.query.Result`` (rows of pyoxigraph terms, a boolean
        or triples); ``cskg.query.render(result, "json")`` gives W3C JSON.
        """
        from . import query as q

        looks_like_sparql = any(ch in text_or_name for ch in "{\n")
        spec = q.from_text(text_or_name, "query") if looks_like_sparql else q.load(text_or_name)
        terms = q.bind(spec, params or {}, lambda name: self.resolve(name).iri)
        try:
            return q.run_local(self.store, spec, terms)
        except OSError as exc:
            raise StoreError(f"the store at {self.path} cannot be read ({exc}): run `cskg build` to rebuild it") from None
