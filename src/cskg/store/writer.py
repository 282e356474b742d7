"""Writing a store: a new generation is written inside the store folder and the manifest is switched to it.

Why this shape (issue 17):
- A store is only ever replaced by a store.  A folder that exists and is not
  a store is refused before anything is written (``database.store_manifest``).
- Everything a write makes lives inside the store folder, which cskg made
  (or which was empty): the new generation while it is written
  (``.build-*``, ``.ingest-*``), the generations, the lock file.  Nothing is
  written beside the store, and the store folder is never renamed, deleted
  or re-permissioned.
- One atomic step commits a write: the manifest, which names the current
  generation, is replaced by rename.  Before it the old generation is the
  store, after it the new one; a crash at any point leaves one of the two.
  The old generation is removed after the commit unless a reader holds
  it, and anything a crashed write left is removed by the next write.
- Writers hold an exclusive ``flock`` on ``STORE/.lock`` for the whole
  write, so two ingests into one store run one after the other instead of
  the last swap silently dropping the other's batch.  Readers read the
  manifest once, open the generation it names and hold a shared ``flock``
  on its ``.readers`` file (``database.hold_for_reading``), so no write
  removes the files under an open database.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import StoreError
from ..sources.files import write_atomic
from .database import MANIFEST, READERS_FILE, STORE_VERSION, read_manifest, store_manifest
from .search_index import create_index

LOCK_FILE = ".lock"
# Locks this process holds: path -> (open lock file, depth), so an ingest that builds a missing store
# first takes the lock once (flock on a second open file of the same process would wait for itself).
_HELD: dict[str, list] = {}


@contextmanager
def store_lock(path: Path, rebuild: bool = False) -> Iterator[dict | None]:
    """Hold the store's write lock; yields the manifest as it is once the lock is held (None: no store yet).

    Refuses a path that is not a store (``store_manifest``) before creating
    anything.  If another process holds the lock, says so on stderr and waits.
    On entry, removes what crashed writes left behind.
    """
    path = Path(path)
    key = str(path.resolve())
    if key in _HELD:
        _HELD[key][1] += 1
        try:
            yield store_manifest(path, rebuild)
        finally:
            _HELD[key][1] -= 1
        return
    store_manifest(path, rebuild)  # refuse a user's folder before making anything in it
    try:
        path.mkdir(parents=True, exist_ok=True)
        handle = open(path / LOCK_FILE, "a+")  # noqa: SIM115 -- held for the whole write
    except OSError as exc:
        raise StoreError(f"cannot write the store at {path} ({exc.strerror or exc})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"cskg: another cskg is writing the store at {path}; waiting for it ...", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        _HELD[key] = [handle, 1]
        manifest = store_manifest(path, rebuild)  # as the writer before us left it
        remove_leftovers(path, manifest)
        yield manifest
    finally:
        _HELD.pop(key, None)
        handle.close()  # closing the file releases the lock


def holds_lock(path: Path) -> bool:
    return str(Path(path).resolve()) in _HELD


def new_generation(path: Path, kind: str) -> Path:
    """A new, private folder inside the store folder to write a generation into (``kind``: build or ingest)."""
    if not holds_lock(path):
        raise AssertionError("a generation is written under the store's lock")
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{kind}-{os.getpid()}-", dir=path))
    except OSError as exc:
        raise StoreError(f"cannot write the store at {path} ({exc.strerror or exc})") from None
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # as a plain mkdir would make it: mkdtemp's folder is private
    return folder


def write_store(
    path: Path, nquads: bytes, manifest: dict, search_rows: list | None = None, terms: list = (), rebuild: bool = True
) -> None:
    """Write a new store at ``path`` whole and commit it in place of the old one.

    ``nquads`` go in by the bulk loader; ``terms`` (pyoxigraph quads) are
    added as they are, so their blank nodes keep their labels; the findings'
    ``search_rows`` fill the search index.  ``rebuild``: a store whose
    manifest is damaged may be replaced (``cskg build``).
    """

    import pyoxigraph as ox

    path = Path(path)
    with store_lock(path, rebuild):
        tmp = new_generation(path, "build")
        try:
            store = ox.Store(str(tmp / "db"))
            store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            store.bulk_extend(terms)
            store.flush()
            store.optimize()
            del store
            create_index(tmp, search_rows or [])
            commit(path, tmp, manifest)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


class BackgroundLoad:
    """N-Quads bulk-loaded into a store one batch at a time, each in a thread of its own.

    pyoxigraph lets go of the interpreter while it loads, so the ingest goes
    on receiving its workers' files meanwhile; loading in the ingest's own
    thread left a worker that had finished a file waiting, with nobody to
    take its result or give it the next file, for the two seconds a batch
    takes. ``wait`` before anything that must see the loaded quads (removing
    a graph, the council pass) and before the store is closed; a load's
    error is raised there.
    """

    def __init__(self, store, lenient: bool = False) -> None:
        self._store, self._lenient = store, lenient
        self._thread = None
        self._error: BaseException | None = None

    def load(self, nquads: bytes) -> None:
        """Start loading ``nquads`` once the batch before it is in."""
        self.wait()
        self._thread = threading.Thread(target=self._run, args=(nquads,), name="cskg-bulk-load", daemon=True)
        self._thread.start()

    def _run(self, nquads: bytes) -> None:
        import pyoxigraph as ox

        try:
            self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=self._lenient)
        except BaseException as exc:  # raised in the ingest's thread, at its next wait
            self._error = exc

    def close(self) -> None:
        """Until the batch being loaded is in, its error dropped: for when the ingest is failing anyway (a second
        interrupt still stops the wait)."""
        with suppress(Exception):
            self.wait()

    def wait(self) -> None:
        """Until the batch being loaded is in; its error, if it failed."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error


def write_manifest(path: Path, manifest: dict) -> None:
    """The store's manifest (``cskg-store.json``), stamped with the store format version."""
    write_atomic(Path(path) / MANIFEST, json.dumps({**manifest, "version": STORE_VERSION}, indent=2, sort_keys=True))


def commit(path: Path, new: Path, manifest: dict) -> None:
    """Make the finished generation ``new`` (a folder inside ``path``) the store's data: the one commit point.

    The folder is first renamed to its generation name (a crash after that
    leaves an unnamed generation, which the next write removes), then the
    manifest naming it replaces the old one by rename.
    """
    path = Path(path)
    if not holds_lock(path) or new.parent.resolve() != path.resolve():
        raise AssertionError("a generation is committed under the lock, from inside its store folder")
    generation = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{new.name.rsplit('-', 1)[-1]}"
    (new / READERS_FILE).touch()
    new.rename(path / generation)
    fields = {k: v for k, v in manifest.items() if k not in ("version", "generation")}
    try:
        write_manifest(path, {**fields, "generation": generation})
    except BaseException:
        shutil.rmtree(path / generation, ignore_errors=True)
        raise
    remove_leftovers(path, read_manifest(path))


def remove_leftovers(path: Path, manifest: dict | None) -> None:
    """Remove what no reader can reach any more: old generations, crashed writes' folders, an older layout's data.

    Only under the lock (no other writer is at work) and only cskg's own
    names inside the store folder.  Also removes the temporary folders an
    older cskg left beside the store (``.NAME.build-*``, ``.NAME.ingest-*``,
    ``.NAME.old-*``: it wrote them there and a crash or kill left them).
    """
    path = Path(path)
    current = manifest.get("generation") if manifest else None
    for entry in path.iterdir() if path.is_dir() else []:
        name = entry.name
        stale = (
            name.startswith((".build-", ".ingest-"))
            or (name.startswith("gen-") and name != current)
            or (current is not None and name in ("db", "texts", "cache", "search.sqlite"))
        )
        if stale and name.startswith("gen-"):
            _remove_unread(entry)
        elif stale:
            _remove(entry)
    for entry in path.parent.glob(f".{path.name}.*-*"):
        kind = entry.name[len(path.name) + 2 :].split("-", 1)[0]
        ours = kind in ("build", "ingest", "old") and entry.is_dir() and not entry.is_symlink()
        if ours and {p.name for p in entry.iterdir()} <= {"db", "texts", "cache", "search.sqlite", MANIFEST}:
            _remove(entry)


def _remove_unread(generation: Path) -> None:
    """Remove an old generation unless a reader holds it (a shared lock on its readers file): the next write
    removes it then.  The exclusive lock is held while the files go, so a reader that comes meanwhile waits,
    then finds the generation gone and opens the current one."""
    try:
        fd = os.open(generation / READERS_FILE, os.O_RDONLY)
    except OSError:
        _remove(generation)  # made before readers took locks
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return
    try:
        _remove(generation)
    finally:
        os.close(fd)


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)
