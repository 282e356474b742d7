"""Bounded inputs and damaged files: refused in one line, and a damaged file never replaces a good one (issue 17).

The limits come from the largest real report (``cskg.sources.limits``); each
case is far outside them and was, before, either parsed for minutes or
accepted.  A PDF is made byte by byte (``pdfmaker``).
"""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, run_cli
from pdfmaker import make_pdf, report_pdf

from cskg.errors import InputError

SHROPSHIRE = FIXTURES / "reports" / "ilacs-2022-short-shropshire.txt"


def _refused(path, fragment: str) -> None:
    from cskg.pipeline.ingest import read_document_text

    with pytest.raises(InputError) as err:
        read_document_text(path)
    message = str(err.value)
    assert "\n" not in message and fragment in message and str(path) in message, message


def test_a_pdf_of_5000_pages_is_refused_before_its_text_is_read(tmp_path):
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(make_pdf(pages=5000))
    _refused(pdf, "number of pages is 5,000, over the limit of 500")


def test_a_page_of_100000_text_objects_is_refused(tmp_path):
    pdf = tmp_path / "dense.pdf"
    pdf.write_bytes(make_pdf(pages=1, objects_per_page=100_000))
    _refused(pdf, "page 1 of 1: its number of objects is 100,000")


def test_a_report_made_into_a_pdf_reads_back(tmp_path):
    """The maker is sound: a PDF of a real report's text gives its words back."""
    from cskg.pipeline.ingest import read_document_text

    pdf = tmp_path / "shropshire-2022.pdf"
    pdf.write_bytes(report_pdf(SHROPSHIRE.read_text(encoding="utf-8")[:20_000]))
    text, _ = read_document_text(pdf)
    assert "Shropshire" in text and text.count("\f") >= 1


@pytest.mark.parametrize(
    "shape, fragment",
    [
        ("word", "longest word in characters is 500,000"),
        ("line", "longest line in characters is 500,000"),
        ("huge", "the file's size in bytes is 50,000,000"),
    ],
)
def test_a_text_outside_the_limits_is_refused_in_one_line(tmp_path, shape, fragment):
    path = tmp_path / f"{shape}.txt"
    report = SHROPSHIRE.read_text(encoding="utf-8")
    if shape == "word":
        path.write_text(report + "\n" + "a" * 500_000 + "\n", encoding="utf-8")
    elif shape == "line":
        path.write_text(report + "\n" + ("word " * 100_000)[:500_000] + "\n", encoding="utf-8")
    else:
        with path.open("wb") as fh:
            fh.write(report.encode())
            fh.truncate(50_000_000)  # sparse: 50 MB without writing them
    _refused(path, fragment)


@pytest.mark.slow
def test_a_changed_file_with_far_fewer_findings_does_not_replace_the_stored_copy(store_path, tmp_path):
    """As a damaged PDF does: the stored copy's findings stay; --allow-fewer-findings replaces it."""
    import json

    store = tmp_path / "store"
    shutil.copytree(store_path, store)
    report = tmp_path / "shropshire-2022.txt"
    shutil.copy(SHROPSHIRE, report)
    first = run_cli("--store", str(store), "ingest", str(report), "--json")
    assert first.returncode == 0, first.stderr
    before = json.loads((store / "cskg-store.json").read_text())["ingested"][str(report.resolve())]
    text = report.read_text(encoding="utf-8")
    cut = text.index("5. ")  # keep the title page and four paragraphs: most findings are gone
    report.write_text(text[:cut], encoding="utf-8")
    second = run_cli("--store", str(store), "ingest", str(report), "--json")
    assert second.returncode == 2
    failed = json.loads(second.stdout)["failed"]
    assert len(failed) == 1 and f"where its copy in the store has {before['findings']}" in failed[0]["reason"]
    after = json.loads((store / "cskg-store.json").read_text())["ingested"][str(report.resolve())]
    assert after == before
    forced = run_cli("--store", str(store), "ingest", str(report), "--allow-fewer-findings", "--json")
    assert forced.returncode == 0 and json.loads(forced.stdout)["replaced"] == [str(report.resolve())]
