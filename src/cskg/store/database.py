"""The on-disk store: a pyoxigraph (RocksDB) database, written whole and swapped in.

pyoxigraph was chosen by measurement (see ``../shared/design/field-notes.md``):
it imports in ~20 ms, opens read-only in ~20 ms and answers SPARQL 20-38 times
faster than rdflib, which keeps a CLI lookup inside its budget.

The store folder holds its manifest (``cskg-store.json``) and one complete
generation of the data, in a folder the manifest names::

    STORE/cskg-store.json        {"generation": "gen-...", "version": 2, ...}
    STORE/gen-.../db             the RocksDB database
    STORE/gen-.../search.sqlite  the search index
    STORE/gen-.../texts/         the texts of ingested files
    STORE/gen-.../cache/         values computed from this generation

A write makes a new generation inside the store folder and then replaces the
manifest (one atomic rename): a reader sees the old generation or the new one,
and a crash at any point leaves one of them.  The store folder itself is never
renamed, moved or deleted, so nothing outside it is ever touched (see
``writer``).  A store written before generations (its data beside the
manifest, no ``generation`` key) is read where it is and moved into a
generation by its next write.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import weakref
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from ..sources.digest import digest
from ..sources.files import input_stats, write_atomic

MANIFEST = "cskg-store.json"
# 2: a search index (search_index.INDEX_FILE) beside the database
# 3: the index also holds improvement areas and sentences naming an entity (source, start, end).
# The generation folders are told apart by the manifest's "generation" key, not by the version.
STORE_VERSION = 3
# What a store folder may hold besides the manifest: cskg's own names, so that a folder holding
# anything else is known not to be a store (see ``store_manifest``).
_OWN = re.compile(r"(?:gen-[\w.-]+|\.(?:build|ingest)-[\w.-]+|\.lock|db|texts|cache|search\.sqlite)")


def default_store_path() -> Path:
    """``$CSKG_STORE``, else the per-user cache folder."""
    if os.environ.get("CSKG_STORE"):
        return Path(os.environ["CSKG_STORE"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "cskg" / "store"


def rebuild_hint(path: Path) -> str:
    return f"run `cskg --store {path} build` to rebuild it"


def read_manifest(path: Path) -> dict | None:
    """The store's manifest, or None when the folder has none; a damaged one is a StoreError, never None.

    Taking an unreadable manifest for a missing store made ``ingest`` build
    the embedded corpus over a store of 400 reports.
    """
    file = Path(path) / MANIFEST
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise StoreError(f"{path} is a file, not a store folder") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise StoreError(f"the manifest {file} cannot be read ({reason}): nothing was changed") from None
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise StoreError(
            f"the manifest {file} is damaged ({str(exc).splitlines()[0]}): nothing was changed; "
            f"{rebuild_hint(path)} from the embedded corpus (ingested files must then be ingested again)"
        ) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("version"), int):
        raise StoreError(f"{file} is not a cskg manifest (no version): nothing was changed; {rebuild_hint(path)}")
    generation = manifest.get("generation")
    if generation is not None and not (isinstance(generation, str) and _OWN.fullmatch(generation)):
        raise StoreError(f"the manifest {file} names no valid generation folder: nothing was changed")
    return manifest


def store_manifest(path: Path, rebuild: bool = False) -> dict | None:
    """What a writer finds at ``path``: a store's manifest, or None for no store yet (no folder, or an empty one).

    Refuses (StoreError, one line) a file, and a folder that holds anything
    but a store: a misspelt ``--store`` naming a folder of the user's must
    never be built over, since replacing a store removes what it held.  A
    damaged manifest is refused too, unless ``rebuild`` (``cskg build``, which
    replaces a store whole anyway) and the folder holds nothing but cskg's own
    files: then it counts as no store.
    """
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise StoreError(f"{path} is a broken symbolic link, not a store folder")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store folder")
    try:
        manifest = read_manifest(path)
    except StoreError:
        if not rebuild or _foreign(path):
            raise
        return None
    if manifest is not None or not path.exists():
        return manifest
    foreign = _foreign(path)
    legacy = (path / "db").exists()
    if foreign or legacy:
        what = f"it holds {foreign[0]!r}" if foreign else "it has a database but no manifest"
        raise StoreError(
            f"{path} is not a cskg store ({what} and no {MANIFEST}): nothing there was read or changed; "
            "name a new or empty folder to build a store in (`cskg --store DIR build`)"
        )
    return None


def _foreign(path: Path) -> list[str]:
    """Names in a store folder that cskg does not write there (the manifest aside)."""
    try:
        return sorted(p.name for p in Path(path).iterdir() if p.name != MANIFEST and not _OWN.fullmatch(p.name))
    except OSError as exc:
        raise StoreError(f"{path} cannot be read ({exc.strerror or exc})") from None


def live_folder(path: Path, manifest: dict) -> Path:
    """The folder of the store's current data: its generation, or the store folder itself (older layout)."""
    generation = manifest.get("generation")
    return Path(path) / generation if generation else Path(path)


# A file in every generation that its readers hold a shared flock on while they read it; a write removes an
# old generation only when it can take the lock exclusively (no reader left), else the next write does.
READERS_FILE = ".readers"


@dataclass
class LiveStore:
    """One generation of a store, opened read-only: the database, where its files are, and its manifest.

    ``reading`` is the open descriptor of the generation's readers file, held
    (with its shared lock) as long as this object lives: closing it earlier
    would let a write remove the files under the open database.
    """

    store: object  # pyoxigraph.Store
    folder: Path
    manifest: dict
    reading: int | None = None


def hold_for_reading(folder: Path) -> int | None:
    """A shared lock on the generation ``folder`` for this process's reads (None for a generation made
    before readers took locks, or one a write is removing, which the caller then finds gone)."""
    try:
        fd = os.open(Path(folder) / READERS_FILE, os.O_RDONLY)
    except OSError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a write removes this generation
    return fd


def open_live(path: Path) -> LiveStore:
    """Open the store's current generation read-only.

    A write that replaces the generation while this opens it makes the open
    fail; it is tried once more on the manifest as it is then (the new
    generation), and a second failure is a one-line StoreError.
    """
    path = Path(path)
    for attempt in (1, 2):
        manifest = store_manifest(path)
        if manifest is None:
            raise StoreError(f"no graph at {path}: {rebuild_hint(path)}")
        folder = live_folder(path, manifest)
        reading = None
        try:
            import pyoxigraph as ox

            reading = hold_for_reading(folder)
            if not (folder / "db").is_dir():
                raise OSError(f"its database folder {folder / 'db'} is missing")
            live = LiveStore(ox.Store.read_only(str(folder / "db")), folder, manifest, reading)
            if reading is not None:
                weakref.finalize(live, os.close, reading)  # the lock goes with the last reference
            return live
        except (OSError, RuntimeError) as exc:  # RocksDB reports a file removed under it as corruption
            if reading is not None:
                os.close(reading)
            if attempt == 2 or read_manifest(path) == manifest:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise StoreError(f"the store at {path} cannot be opened ({reason}): {rebuild_hint(path)}") from None
    raise AssertionError("unreachable")


def open_store(path: Path):
    """Open the store read-only (the pyoxigraph Store); StoreError with a rebuild hint if it cannot be read."""
    return open_live(path).store


def store_state(folder: Path) -> str:
    """A stamp that changes whenever this data is written (``folder``: a generation or an older store)."""
    folder = Path(folder)
    return f"{folder.name}-{(folder / 'db').stat().st_mtime_ns}"


def read_cache(folder: Path, name: str):
    """What ``write_cache`` kept for this state of the data, else None."""
    try:
        cached = json.loads((Path(folder) / "cache" / f"{name}.json").read_text())
        return cached["value"] if cached.get("state") == store_state(folder) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cache(folder: Path, name: str, value) -> None:
    """Keep a JSON-able value beside the data; a read-only store folder just goes without."""
    cache = Path(folder) / "cache"
    try:
        cache.mkdir(exist_ok=True)
        write_atomic(cache / f"{name}.json", json.dumps({"state": store_state(folder), "value": value}))
    except (OSError, ValueError):
        pass


def sorted_nquads(store) -> list[str]:
    """Every quad as a sorted list of N-Quads lines: comparable between builds."""
    import pyoxigraph as ox

    data = store.dump(format=ox.RdfFormat.N_QUADS)
    return sorted(line for line in data.decode("utf-8").splitlines() if line)


def is_current(manifest: dict | None, inputs: list[Path]) -> bool:
    """Whether a store's manifest says it was built from exactly these inputs by this store format."""
    if manifest is None or manifest.get("version") != STORE_VERSION:
        return False
    if manifest.get("input_stats") == input_stats(inputs):
        return True
    return manifest.get("fingerprint") == digest(inputs)
