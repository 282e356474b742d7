"""Locate and read the source documents and their metadata (``sources.yaml``).

Every failure names the file and what is wrong on one line, so that a build
stops before it touches the store.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import InputError

PACKAGE_DIR = Path(__file__).resolve().parent


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
    """One entry of ``sources.yaml`` with its text."""

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
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-":
        raise InputError(f"{path}: binary data, not a text file" + (" (a PDF: use `cskg ingest`)" if data[:5] == b"%PDF-" else ""))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None


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
    import yaml

    folder = Path(folder) if folder else default_sources_dir()
    meta_path = folder / "sources.yaml"
    if not meta_path.exists():
        raise InputError(f"{meta_path}: not found (a sources folder needs a sources.yaml)")
    try:
        entries = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{meta_path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{meta_path}: expected a list of documents")
    docs = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or "file" not in entry or "kind" not in entry:
            raise InputError(f"{meta_path}: entry {n} needs 'file' and 'kind'")
        path = folder / str(entry["file"])
        if not path.exists():
            raise InputError(f"{meta_path}: entry {n} names {entry['file']}, which does not exist")
        published = entry.get("published")
        docs.append(SourceDocument(
            file=str(entry["file"]), kind=str(entry["kind"]), path=path, text=read_text(path),
            title=entry.get("title"), publisher=entry.get("publisher"),
            published=published if isinstance(published, date) else None,
            licence=entry.get("licence"), meta=entry))
    return docs


def fingerprint(paths: list[Path]) -> str:
    """A digest of the given files' contents: a store built from other contents is stale."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
