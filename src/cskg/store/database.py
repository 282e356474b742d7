"""The on-disk store: a pyoxigraph (RocksDB) database, written whole and swapped in.

pyoxigraph was chosen by measurement (see ``../shared/design/field-notes.md``):
it imports in ~20 ms, opens read-only in ~20 ms and answers SPARQL 20-38 times
faster than rdflib, which keeps a CLI lookup inside its budget.  A build
writes to a temporary folder beside the store and renames it into place, so
a failed build leaves the existing store untouched.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import StoreError
from ..sources.files import write_atomic

MANIFEST = "cskg-store.json"
# 2: a search index (search_index.INDEX_FILE) beside the database
# 3: the index also holds improvement areas and sentences naming an entity (source, start, end)
STORE_VERSION = 3


def default_store_path() -> Path:
    """``$CSKG_STORE``, else the per-user cache folder."""
    if os.environ.get("CSKG_STORE"):
        return Path(os.environ["CSKG_STORE"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "cskg" / "store"


def read_manifest(path: Path) -> dict | None:
    try:
        return json.loads((Path(path) / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def store_state(path: Path) -> str:
    """A stamp that changes whenever the store is written (a build swaps the folder; a write adds files)."""
    path = Path(path)
    return f"{(path / 'db').stat().st_mtime_ns}-{(path / MANIFEST).stat().st_mtime_ns}"


def read_cache(path: Path, name: str):
    """What ``write_cache`` kept for this state of the store, else None."""
    try:
        cached = json.loads((Path(path) / "cache" / f"{name}.json").read_text())
        return cached["value"] if cached.get("state") == store_state(path) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cache(path: Path, name: str, value) -> None:
    """Keep a JSON-able value beside the store; a read-only store folder just goes without."""
    folder = Path(path) / "cache"
    try:
        folder.mkdir(exist_ok=True)
        write_atomic(folder / f"{name}.json", json.dumps({"state": store_state(path), "value": value}))
    except (OSError, ValueError):
        pass


def open_store(path: Path):
    """Open the store read-only; StoreError with a rebuild hint if it cannot be read."""
    import pyoxigraph as ox

    path = Path(path)
    hint = f"run `cskg --store {path} build` to rebuild it"
    if not (path / "db").is_dir():
        raise StoreError(f"no graph at {path}: {hint}")
    if read_manifest(path) is None:
        raise StoreError(f"the store at {path} is corrupt (no readable {MANIFEST}): {hint}")
    try:
        return ox.Store.read_only(str(path / "db"))
    except OSError as exc:
        raise StoreError(f"the store at {path} cannot be opened ({str(exc).splitlines()[0]}): {hint}") from None


def sorted_nquads(store) -> list[str]:
    """Every quad as a sorted list of N-Quads lines: comparable between builds."""
    import pyoxigraph as ox

    data = store.dump(format=ox.RdfFormat.N_QUADS)
    return sorted(line for line in data.decode("utf-8").splitlines() if line)
