"""Every exception cskg raises on purpose, in one place.

They live in the kernel so that any step can raise them and the command
line can catch them without importing the step that raised them (a lookup
must not load the parser to catch a parser's error).  Each message is one
line that names what is wrong and where; ``cli.py`` turns them into exit
codes: ``NameNotFound`` 1, every other one 2.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: a file that is missing, empty, binary, truncated or of the wrong kind, a bad option."""


class PdfTextError(InputError):
    """A file that cannot be read as a PDF."""


class AmbiguousName(InputError):
    """Several entities match a name equally well."""


class QueryTimeout(InputError):
    """A query ran past its time limit and was stopped."""


class EndpointError(InputError):
    """The SPARQL server could not be started or reached."""


class StoreError(RuntimeError):
    """The store is missing, unreadable or not a cskg store; the message says what to do."""


class NameNotFound(LookupError):
    """No entity has that name (exit code 1: nothing found)."""
