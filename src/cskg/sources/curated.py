"""The one reader of curated YAML: every mapping knows the line it starts on.

Curated files (``sources.yaml``, the register, ``actions.yaml``,
``follow-up.yaml``) are written by hand, so every error about them must say
``FILE:LINE``.  Each mapping of the loaded data carries its line under
``__line__``; a YAML syntax error gives the line of the fault.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import InputError

LINE = "__line__"


@lru_cache(maxsize=1)
def _loader():
    import yaml  # heavy: only when a curated file is read

    class LineLoader(yaml.SafeLoader):
        """A safe YAML loader that records the line of every mapping."""

    def construct_mapping(loader, node, deep=False):
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


def load_curated(path: str | Path, what: str = "curated file"):
    """The data of a curated YAML file; a missing, unreadable or invalid file is a ``FILE[:LINE]: ...`` InputError."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: {what} not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise InputError(f"{where}: not valid YAML ({str(exc).splitlines()[0]})") from None


def load_items(path: Path, key: str) -> list[dict]:
    """The list under ``key`` of a curated YAML file, every item a mapping carrying its ``__line__``."""
    raw = load_curated(path)
    if raw is None:
        return []
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise InputError(f"{path}: expected a mapping with a list '{key}'")
    for item in raw[key]:
        if not isinstance(item, dict):
            raise InputError(f"{path}: every item of '{key}' must be a mapping")
    return raw[key]
