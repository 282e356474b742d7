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

from .model import InputError
from .namespace import cs, prefix_block, rdf
from .sources import default_register, default_sources_dir, fingerprint, project_path
from .store import StoreError, default_store_path, open_store, read_manifest, write_store

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
    ontology = project_path("ontology")
    return [*sorted(sources_dir.iterdir()), register_path, *sorted(ontology.glob("*.ttl"))]


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
    manifest = {"fingerprint": fingerprint(_inputs(sources_dir, register_path)), "sources": str(sources_dir),
                "register": str(register_path), "quads": len(built.quads), "quoted_facts_checked": len(facts)}
    write_store(store_path, built.quads, manifest)
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
        sources_dir, register_path = default_sources_dir(), default_register()
        current = fingerprint(_inputs(sources_dir, register_path))
        if manifest is None or manifest.get("fingerprint") != current:
            why = "no graph built yet" if manifest is None else "the sources changed"
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
        """Run a library query, binding ``?var`` parameters as RDF terms, never as text."""
        import pyoxigraph as ox

        subs = {ox.Variable(k): v if not isinstance(v, str) else ox.NamedNode(v) for k, v in bindings.items()}
        rows = []
        try:
            solutions = self.store.query(load_query(name), substitutions=subs, use_default_graph_as_union=True)
        except OSError as exc:
            raise StoreError(f"the store at {self.path} cannot be read ({exc}): run `cskg build` to rebuild it") from None
        variables = [v.value for v in solutions.variables]
        for solution in solutions:
            rows.append({v: (solution[v].value if solution[v] is not None else None) for v in variables})
        return rows

    def show(self, name: str) -> dict:
        """Everything linked to one entity, in the contract's ``show --json`` shape."""
        from .lookup import show
        return show(self, name)

    def resolve(self, name: str):
        from .lookup import resolve
        return resolve(self, name)

    def list(self, kind: str | None = None) -> list[dict]:
        from .lookup import list_entities
        return list_entities(self, kind)

    def search(self, text: str, limit: int = 20) -> list[dict]:
        from .lookup import search
        return search(self, text, limit)
