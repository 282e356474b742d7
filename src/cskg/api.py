"""The Python API: open the graph, ask it things, build and ingest into it.

``open_graph()`` returns a ``KnowledgeGraph`` on the default store (building
it from the embedded corpus on first use).  The command line is a thin layer
over these functions, so ``cskg show evolve --json`` and
``open_graph().show("evolve")`` return the same data.

The lookups (show, list, search, actions, timeline, follow-up, reports) load only
the store, the SPARQL runner and ``lookup``; building, ingesting and views
load their steps when first asked for, so that a lookup never pays for the
parser, networkx or pyvis.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import StoreError
from .sources.files import build_inputs, default_register, default_sources_dir
from .sparql.runner import select
from .store.database import (
    STORE_VERSION,
    default_store_path,
    is_current,
    live_folder,
    open_live,
    read_cache,
    read_manifest,
    write_cache,
)

# Seconds a query of the user's may run (``cskg query --timeout``); the lookups' own queries are bounded.
DEFAULT_QUERY_TIMEOUT_S = 30.0


def build_graph(
    store: str | Path | None = None,
    sources: str | Path | None = None,
    register: str | Path | None = None,
    curation: bool = True,
):
    """Parse, extract and build the sources into a new store (``pipeline.build.build_graph``).

    ``curation`` False leaves out the curated actions and follow-up confirmations.
    """
    from .pipeline.build import build_graph as build

    return build(store, sources, register, curation)


def ingest(
    paths,
    store: str | Path | None = None,
    jobs: int | None = None,
    progress=None,
    file_timeout: float | None = None,
    allow_fewer_findings: bool = False,
    authority: str | None = None,
):
    """Add documents to a store (``pipeline.ingest.ingest``).

    ``file_timeout``: seconds one file may take; ``authority`` names the council of every file.
    """
    from .pipeline.ingest import FILE_TIMEOUT_S
    from .pipeline.ingest import ingest as run

    return run(paths, store, jobs, progress, file_timeout or FILE_TIMEOUT_S, allow_fewer_findings, authority)


def _stale_reason(path: Path) -> str | None:
    """Why the default store must be (re)built, or None when it is current."""
    manifest = read_manifest(path)
    if is_current(manifest, build_inputs(default_sources_dir(), default_register())):
        return None
    if manifest is None:
        return "no graph built yet"
    if manifest.get("version") != STORE_VERSION:
        return "the store was written by an older cskg"
    return "the sources or the code that reads them changed"


def open_graph(store: str | Path | None = None, build_if_missing: bool = True) -> KnowledgeGraph:
    """Open the graph at ``store`` (default: the embedded corpus's store).

    With no store given, a missing or stale default store is (re)built first,
    with a note on stderr, so the first lookup on a fresh machine just works.
    A store named explicitly (``store`` or ``$CSKG_STORE``) is never built
    here: a misspelt name must not quietly become a new store.
    """
    explicit = store is not None or "CSKG_STORE" in os.environ
    path = Path(store) if store else default_store_path()
    if build_if_missing and not explicit and _stale_reason(path):
        from .store.writer import store_lock

        with store_lock(path):
            why = _stale_reason(path)  # another process may have built it while we waited
            if why:
                print(f"cskg: {why}; building the graph of the embedded corpus into {path} ...", file=sys.stderr)
                build_graph(path)
    elif explicit and not path.exists():
        raise StoreError(
            f"no store at {path}: `cskg --store {path} build` makes one of the embedded corpus, "
            f"`cskg --store {path} ingest FILE...` one with your reports"
        )
    live = open_live(path)
    return KnowledgeGraph(path, live.store, live.folder, live.manifest, reading=live)


class KnowledgeGraph:
    """A read-only view of one store, with the lookups people use.

    ``path`` is the store folder as given; ``folder`` the generation of it
    that was opened (its search index, texts and cache); ``manifest`` what
    the store's manifest said when it was opened.
    """

    def __init__(self, path: Path, store, folder: Path | None = None, manifest: dict | None = None, reading=None):
        self.path = Path(path)
        self.store = store
        self._folder = folder
        self._manifest = manifest
        self._reading = reading  # the opened generation (LiveStore): held, a write does not remove its files

    @property
    def manifest(self) -> dict:
        if self._manifest is None:
            self._manifest = read_manifest(self.path) or {}
        return self._manifest

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = live_folder(self.path, self.manifest)
        return self._folder

    def select(self, name: str, **bindings) -> list[dict]:
        """Rows of one of the package's own queries (``sparql/queries/NAME.rq``), parameters bound as IRIs."""
        return select(self.store, name, f"the store at {self.path}", **bindings)

    def cached(self, name: str, compute):
        """``compute()``'s JSON-able result, kept beside the store while the store is unchanged.

        The name index every lookup resolves against costs ~10 ms to read from
        a freshly opened store (35 ms on the national graph) and ~1 ms from
        the cache.
        """
        value = read_cache(self.folder, name)
        if value is None:
            value = compute()
            write_cache(self.folder, name, value)
        return value

    def show(self, name: str, authority: str | None = None) -> dict:
        """Everything linked to one entity, in the contract's ``show --json`` shape; ``authority`` narrows the
        names to one council's."""
        from .lookup import entities

        return entities.show(self, name, authority)

    def resolve(self, name: str, authority: str | None = None):
        from .lookup import entities

        return entities.resolve(self, name, authority)

    def list(self, kind: str | None = None, authority: str | None = None) -> list[dict]:
        from .lookup import entities

        return entities.list_entities(self, kind, authority)

    def search(self, text: str, limit: int = 20, authority: str | None = None) -> list[dict]:
        from .lookup import search

        return search.search(self, text, limit, authority)

    def compare(self, service_type: str, authority: str | None = None, neighbours: bool = False) -> dict:
        """One service type across councils (the ``compare --json`` shape): grades, findings, follow-up."""
        from .lookup import compare

        return compare.compare(self, service_type, authority, neighbours)

    def actions(
        self, owner: str | None = None, overdue: bool = False, as_of=None, authority: str | None = None
    ) -> list[dict]:
        """Actions with owner, due date, meeting, status and ``overdue`` as of ``as_of`` (the ``actions --json`` shape).

        ``authority`` narrows them to one council (name, slug, URN or GSS code).
        """
        from .lookup import accountability

        return accountability.list_actions(self, owner=owner, overdue=overdue, as_of=as_of, authority=authority)

    def timeline(self, authority: str | None = None) -> dict:
        """One council's grade history: ``judgements`` (one per judgement, with changes) and the area table."""
        from .lookup import timeline

        return timeline.timeline(self, authority)

    def follow_up(self, authority: str | None = None) -> list[dict]:
        """Each improvement area of one council with its follow-up status and the later evidence for it."""
        from .lookup import accountability

        return accountability.follow_up(self, authority)

    def reports(self, authority: str | None = None, suspect: bool = False) -> list[dict]:
        """The reports in the store with their counts and self-check verdict (``suspect``: only failed ones)."""
        from .lookup import reports

        return reports.list_reports(self, authority, suspect)

    def view(self, name: str | None = None, **options):
        """An interactive network view (``views.page.View``): ``.write(path)``, ``.html``, shown inline in notebooks.

        ``kg.view("evolve")`` is the service view (``depth=``, ``inspection=``),
        ``kg.view()`` the overview, ``kg.view(accountability=True, as_of=date)``
        and ``kg.view(compare=(2022, 2025))`` the others; ``authority=`` picks
        the council when the store holds several.
        """
        from .views.make import view

        return view(self, name, **options)

    def query(
        self,
        text_or_name: str,
        params: dict[str, str] | None = None,
        timeout: float | None = DEFAULT_QUERY_TIMEOUT_S,
        allow_service: bool = False,
    ):
        """Run a query of ``examples/queries`` by name, a ``.rq`` path, or SPARQL text.

        ``params`` (name -> value as typed) are bound as RDF terms of the types
        the query's header declares; entity names resolve like ``show``.
        Returns a ``sparql.runner.Result`` (rows of pyoxigraph terms, a boolean
        or triples); ``sparql.results.render(result, "json")`` gives W3C JSON.
        A query that runs past ``timeout`` seconds is stopped
        (``errors.QueryTimeout``; None: no limit, run in this process); one over
        the limits of ``sparql.guard``, or naming SERVICE unless
        ``allow_service``, is refused before it runs.
        """
        from .sparql import binding, library, runner

        looks_like_sparql = any(ch in text_or_name for ch in "{\n")
        spec = runner.from_text(text_or_name, "query") if looks_like_sparql else library.load(text_or_name)
        terms = binding.bind(spec, params or {}, lambda name: self.resolve(name).iri)
        try:
            return runner.run_local(self.store, spec, terms, timeout, allow_service)
        except OSError as exc:
            raise StoreError(
                f"the store at {self.path} cannot be read ({exc}): run `cskg build` to rebuild it"
            ) from None
