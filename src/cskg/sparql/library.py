"""The query library: the SPARQL questions of ``examples/queries/*.rq`` that people run by name.

Each query is a complete SPARQL 1.1 query with a header (``runner.parse_header``)
that gives its title, description and parameters with their defaults.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..errors import InputError
from ..sources.files import project_path
from .runner import Query, from_file, from_text

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def library_dir() -> Path:
    """``examples/queries`` of the checkout (or of the installed wheel)."""
    return project_path("examples") / "queries"


def list_library(folder: Path | None = None) -> list[Query]:
    """Every library query, sorted by name."""
    folder = folder or library_dir()
    return [from_file(p) for p in sorted(folder.glob("*.rq"))]


def load(spec: str, stdin_text: str | None = None, folder: Path | None = None) -> Query:
    """A query by library name, by ``.rq`` file path, or ``-`` for ``stdin_text``."""
    if spec == "-":
        if stdin_text is None:
            raise InputError("no query on standard input")
        return from_text(stdin_text, "stdin")
    path = Path(spec)
    if spec.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise InputError(f"no query file {spec}")
        return from_file(path)
    folder = folder or library_dir()
    if _NAME.fullmatch(spec) and (folder / f"{spec}.rq").is_file():
        return from_file(folder / f"{spec}.rq", spec)

    names = [p.stem for p in sorted(folder.glob("*.rq"))]
    close = difflib.get_close_matches(spec, names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else "; `cskg query --list` shows the library"
    raise InputError(f"no library query named {spec!r}{hint}")
