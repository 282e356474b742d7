"""Text extraction from PDF reports.

pypdfium2 is used because it is fast (about 0.06 s a report) and keeps reading
order well on Ofsted's layouts.  Pages are joined with a form feed so that the
parser can tell a page break from a paragraph break.

A PDF is untrusted input (issue 17).  pdfium repairs what it can and says
nothing: a flipped byte lost a report 206 of its 556 findings with no error.
So the reader refuses, in one line, a file or a page that is too big
(``limits``), a page whose text cannot be read, and a page that holds text
objects but gives no text (its content was damaged): a report is read whole
or not at all.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PdfTextError
from .limits import MAX_PAGE_OBJECTS, MAX_PDF_BYTES, MAX_PDF_PAGES, MAX_TEXT_CHARS, check_size, check_text

FPDF_PAGEOBJ_TEXT = 1  # fpdf_edit.h


def extract_pdf_text(path: str | Path) -> str:
    """Return the text of every page of ``path``, pages separated by ``\\f``.

    Line endings are normalised to ``\\n`` so offsets are stable whichever
    platform wrote the text file kept beside the graph.
    """
    import pypdfium2 as pdfium  # heavy native module: only when a PDF is read
    import pypdfium2.raw as pdfium_c

    path = Path(path)
    check_size(str(path), path.stat().st_size, MAX_PDF_BYTES, "the file's size in bytes")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises its own error type
        raise PdfTextError(f"{path}: not a readable PDF ({exc})") from None
    try:
        check_size(str(path), len(pdf), MAX_PDF_PAGES, "its number of pages")
        pages, total = [], 0
        for index in range(len(pdf)):
            where = f"{path}: page {index + 1} of {len(pdf)}"
            try:
                page = pdf[index]
                objects = pdfium_c.FPDFPage_CountObjects(page.raw)
                check_size(where, objects, MAX_PAGE_OBJECTS, "its number of objects")
                text = page.get_textpage().get_text_range()
            except PdfTextError:
                raise
            except Exception as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise PdfTextError(f"{where} cannot be read ({reason})") from None
            if not text.strip() and _holds_text(pdfium_c, page, objects):
                raise PdfTextError(f"{where} holds text that cannot be extracted (a damaged PDF?)")
            total += len(text)
            check_size(str(path), total, MAX_TEXT_CHARS, "its text's length in characters")
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        text = "\f".join(pages)
        check_text(text, str(path))
        return text
    finally:
        pdf.close()


def _holds_text(pdfium_c, page, objects: int) -> bool:
    """Whether a page has a text object with characters in it (so empty extracted text means damage)."""
    for i in range(objects):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) == FPDF_PAGEOBJ_TEXT:
            return True
    return False
