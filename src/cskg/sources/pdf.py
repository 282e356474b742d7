"""Text extraction from PDF reports.

pypdfium2 is used because it is fast (about 0.06 s a report) and keeps reading
order well on Ofsted's layouts.  Pages are joined with a form feed so that the
parser can tell a page break from a paragraph break.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PdfTextError


def extract_pdf_text(path: str | Path) -> str:
    """Return the text of every page of ``path``, pages separated by ``\\f``.

    Line endings are normalised to ``\\n`` so offsets are stable whichever
    platform wrote the text file kept beside the graph.
    """
    import pypdfium2 as pdfium  # heavy native module: only when a PDF is read

    path = Path(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises its own error type
        raise PdfTextError(f"{path}: not a readable PDF ({exc})") from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        return "\f".join(pages)
    finally:
        pdf.close()
