"""The error every pipeline step raises for bad input.

It lives alone so that the lookup path can catch it without importing the
parser's modules.
"""
from __future__ import annotations


class InputError(ValueError):
    """Bad input: a file that is missing, empty, binary, truncated or of the wrong kind.

    The message names the file and what is wrong, on one line.
    """
