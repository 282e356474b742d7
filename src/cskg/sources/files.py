"""Files on disk: where the project's data lives, reading texts safely, digests, atomic writes.

Every failure names the file and what is wrong on one line, so that a build
stops before it touches the store.  Every file cskg writes for a user (a
view, an export, a chart, a store's manifest) goes through ``write_atomic``:
a reader never sees half a file and a failed write leaves the old one.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from .curated import load_curated
from .limits import MAX_TEXT_FILE_BYTES, check_size, check_text

PACKAGE_DIR = Path(__file__).resolve().parent.parent


# The folders a file flows through on its way to quads, and the kernel they share: a change to any file
# in them makes the stores built by older code stale (the default store rebuilds, an ingest re-reads).
PIPELINE_FOLDERS = ("sources", "parse", "extract", "graph", "store", "sparql", "pipeline")  # sparql: the pass's queries
KERNEL = ("errors.py", "namespace.py", "iris.py", "model.py", "folding.py")


def code_files() -> list[Path]:
    """The package's own files that turn inputs into quads: the pipeline folders' code and queries, the kernel."""
    code = [
        f
        for folder in PIPELINE_FOLDERS
        for f in (PACKAGE_DIR / folder).rglob("*")
        if f.is_file() and f.suffix in (".py", ".rq", ".json")
    ]
    return sorted([*code, *(PACKAGE_DIR / k for k in KERNEL)])


def project_path(name: str) -> Path:
    """A top-level project folder (``data``, ``ontology``, ``examples``).

    A wheel carries them inside the package as ``_data`` etc.; a checkout or an
    editable install finds them beside ``src``.
    """
    inside = PACKAGE_DIR / f"_{name}"
    if inside.exists():
        return inside
    return PACKAGE_DIR.parent.parent / name


def default_sources_dir() -> Path:
    return project_path("data") / "sources"


def default_register() -> Path:
    return project_path("data") / "register.yaml"


@dataclass
class SourceDocument:
    """One document to build from: its file name, kind, text and publication metadata."""

    file: str
    kind: str
    path: Path
    text: str
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    licence: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return Path(self.file).stem


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, refusing empty and binary files."""
    try:
        check_size(str(path), path.stat().st_size, MAX_TEXT_FILE_BYTES, "the file's size in bytes")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16 with its byte-order mark: what Windows Notepad saves as "Unicode" (its NULs are no binary data).
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-16 text after its byte-order mark (byte {exc.start})") from None
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-":
        raise InputError(
            f"{path}: binary data, not a text file" + (" (a PDF: use `cskg ingest`)" if data[:5] == b"%PDF-" else "")
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    check_text(text, str(path))
    return text


def read_turtle(path: str | Path) -> list:
    """The triples of a Turtle file (the ontology, the themes), or a one-line ``file:line`` error."""
    import pyoxigraph as ox

    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        # pyoxigraph says "Parser error between line L column C and ...: reason (file, line L)"
        reason = str(exc).split(": ", 1)[-1].rsplit(" (", 1)[0]
        raise InputError(f"{path}:{exc.lineno}: not valid Turtle: {reason}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def load_sources(folder: str | Path | None = None) -> list[SourceDocument]:
    """Read ``sources.yaml`` in ``folder`` and every file it lists."""

    folder = Path(folder) if folder else default_sources_dir()
    meta_path = folder / "sources.yaml"
    if not meta_path.exists():
        raise InputError(f"{meta_path}: not found (a sources folder needs a sources.yaml)")
    entries = load_curated(meta_path)
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{meta_path}: expected a list of documents")
    docs = []
    for n, entry in enumerate(entries, start=1):
        where = f"{meta_path}:{entry.get('__line__', n)}" if isinstance(entry, dict) else f"{meta_path}"
        if not isinstance(entry, dict) or "file" not in entry or "kind" not in entry:
            raise InputError(f"{where}: entry {n} needs 'file' and 'kind'")
        path = folder / str(entry["file"])
        if not path.exists():
            raise InputError(f"{where}: entry {n} names {entry['file']}, which does not exist")
        published = entry.get("published")
        docs.append(
            SourceDocument(
                file=str(entry["file"]),
                kind=str(entry["kind"]),
                path=path,
                text=read_text(path),
                title=entry.get("title"),
                publisher=entry.get("publisher"),
                published=published if isinstance(published, date) else None,
                licence=entry.get("licence"),
                meta={k: v for k, v in entry.items() if k != "__line__"},
            )
        )
    return docs


def write_atomic(path: str | Path, data: bytes | str, private: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it into place.

    The file gets the permissions a plain write would give (the umask's),
    unless ``private``.  A missing or unwritable folder is a one-line
    InputError naming the path; nothing is left behind on failure.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except FileNotFoundError:
        raise InputError(f"{path}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a page or an export is for sharing
        os.replace(tmp, path)
    except IsADirectoryError:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def build_inputs(sources_dir: Path, register_path: Path) -> list[Path]:
    """Every file a build reads (sources, register, curated data, ontology) and the code that reads them.

    The code counts so that an upgraded cskg rebuilds a default store its older code built.
    """
    data = project_path("data")
    files = {
        *sources_dir.iterdir(),
        register_path,
        *(p for p in data.rglob("*") if p.is_file()),
        *project_path("ontology").glob("*.ttl"),
        *code_files(),
    }
    return sorted(p for p in files if p.is_file())


def input_stats(paths: list[Path]) -> list[list]:
    """Name, size and modification time of each input: unchanged stats spare hashing the contents."""
    return [[str(p), st.st_size, st.st_mtime_ns] for p in paths for st in [p.stat()]]
