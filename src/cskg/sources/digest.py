"""The one digest of the project: SHA-256 over files, for staleness and idempotence.

Kept apart from ``files`` so that a lookup, which reads files but never
digests them, does not load OpenSSL's hash library.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(paths: list[Path], *, names: bool = True, length: int | None = 16) -> str:
    """SHA-256 over the contents of ``paths`` (sorted; with each file's name if ``names``), hex, cut to ``length``.

    The one digest of the project: the default store's inputs, the ingest's
    pipeline fingerprint, and each ingested file (``names=False,
    length=None``: the file's own SHA-256).
    """
    h = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        if names:
            h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:length] if length else h.hexdigest()
