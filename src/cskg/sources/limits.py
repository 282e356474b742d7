"""Input limits: what one document may be before cskg refuses it, with the largest real report as the yardstick.

Every parser is linear in its input (issue 17 removed the quadratic steps),
but a linear parser still takes minutes on a text a thousand times larger
than any report, and a PDF page can hold more drawing operators than text.
So a document is measured before it is parsed and refused in one line when
it is far outside what Ofsted publishes.  The yardstick is the national
corpus (413 reports of 128 councils, ``../shared/ofsted-reports``), measured
for the limits below:

=====================  ================  ==========
what                   largest real one  limit
=====================  ================  ==========
text of a report       147,322 chars     1,000,000
one line               250 chars         100,000
one word               74 chars          10,000
PDF file               0.9 MB            50 MB
PDF pages              58                500
objects on one page    949               20,000
saved HTML page        —                 10 MB
HTML nesting           —                 200
=====================  ================  ==========

The limits and the reasons for them are in docs/reliability.md.
"""

from __future__ import annotations

from ..errors import InputError

MAX_TEXT_CHARS = 1_000_000
MAX_LINE_CHARS = 100_000
MAX_WORD_CHARS = 10_000
MAX_TEXT_FILE_BYTES = 4 * MAX_TEXT_CHARS  # UTF-8 takes at most 4 bytes a character
MAX_PDF_BYTES = 50_000_000
MAX_PDF_PAGES = 500
MAX_PAGE_OBJECTS = 20_000
MAX_HTML_DEPTH = 200
# Far larger than any council page (ModernGov pages are 50-500 KB); a bigger "page" is not one.
MAX_HTML_BYTES = 10_000_000


def check_size(where: str, size: int, limit: int, what: str) -> None:
    if size > limit:
        raise InputError(f"{where}: {what} is {size:,}, over the limit of {limit:,} (see docs/reliability.md)")


def check_text(text: str, where: str) -> None:
    """Refuse (one line) a text longer, or with a line or word longer, than any report could have."""
    check_size(where, len(text), MAX_TEXT_CHARS, "the text's length in characters")
    check_size(where, max(map(len, text.split()), default=0), MAX_WORD_CHARS, "its longest word in characters")
    check_size(where, max(map(len, text.splitlines()), default=0), MAX_LINE_CHARS, "its longest line in characters")
