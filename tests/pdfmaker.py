"""Small valid PDFs made byte by byte, for tests of the PDF reader's limits and of the fuzzer."""

from __future__ import annotations


def make_pdf(lines_per_page: list[list[str]] | None = None, pages: int = 1, objects_per_page: int = 1) -> bytes:
    """A PDF of Helvetica text: ``lines_per_page`` (one text object a line), else ``pages`` pages of
    ``objects_per_page`` copies of one sentence."""
    if lines_per_page is None:
        lines_per_page = [["The LADO Service is good."] * objects_per_page for _ in range(pages)]
    count = len(lines_per_page)
    font = 3 + 2 * count
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for i, lines in enumerate(lines_per_page):
        content = b"".join(
            b"BT /F1 10 Tf 40 %d Td (%s) Tj ET\n" % (760 - (k % 70) * 10, _escape(line)) for k, line in enumerate(lines)
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def report_pdf(text: str) -> bytes:
    """A report text as a PDF: its form feeds are page breaks, each line a text object."""
    return make_pdf([page.split("\n") for page in text.split("\f")])
