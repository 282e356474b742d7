"""Writing a store: a new store is written beside the old one and swapped in whole.

A build writes to a temporary folder beside the store and renames it into
place, so a failed build leaves the existing store untouched; an ingest
writes into a copy and swaps it in the same way.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..sources.files import write_atomic
from .database import MANIFEST, STORE_VERSION
from .search_index import create_index


def write_store(path: Path, nquads: bytes, manifest: dict, search_rows: list | None = None, terms: list = ()) -> None:
    """Write a new store at ``path`` and swap it in for the old one.

    ``nquads`` go in by the bulk loader; ``terms`` (pyoxigraph quads) are
    added as they are, so their blank nodes keep their labels; the findings'
    ``search_rows`` fill the search index.
    """

    import pyoxigraph as ox

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.build-", dir=path.parent))
    try:
        store = ox.Store(str(tmp / "db"))
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.bulk_extend(terms)
        store.flush()
        store.optimize()
        del store
        create_index(tmp, search_rows or [])
        write_manifest(tmp, manifest)
        swap(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_manifest(folder: Path, manifest: dict) -> None:
    """The store's manifest (``cskg-store.json``), stamped with the store format version."""
    write_atomic(Path(folder) / MANIFEST, json.dumps({**manifest, "version": STORE_VERSION}, indent=2, sort_keys=True))


def swap(new: Path, path: Path) -> None:
    """Put the finished store folder ``new`` in the place of ``path`` (the one store swap: build and ingest)."""
    old = None
    if path.exists():
        old = path.parent / f".{path.name}.old-{os.getpid()}"
        path.rename(old)
    new.rename(path)
    if old:
        shutil.rmtree(old, ignore_errors=True)
