"""The reports in a store and their self-check: what ``cskg reports`` lists.

One row per inspection report (a PDF or text the build or an ingest read):
its council, framework and dates, how much was read from it (paragraphs,
findings, weaknesses, improvement areas) and the verdict of the self-check
written with it (``cs:QualityCheck``), with the problems of a suspect one.
A reader sees at once which reports to trust and which to open.
"""

from __future__ import annotations

from ..iris import authority_of, short
from .councils import council_iri


def list_reports(kg, authority: str | None = None, suspect: bool = False) -> list[dict]:
    """The reports of the store (of one council with ``authority``), by council then inspection date.

    ``suspect`` keeps only the reports whose self-check failed.
    """
    bindings = {"authority": council_iri(kg, authority)} if authority else {}
    reports: dict[str, dict] = {}
    for r in kg.select("reports", **bindings):
        row = reports.get(r["document"])
        if row is None:
            row = reports[r["document"]] = {
                "document": r["file"],
                "source": r["source"],
                "council": authority_of(r["authority"]),
                "council_name": r["authorityLabel"],
                "inspection": short(r["inspection"]),
                "framework": r["framework"],
                "start": r["start"],
                "end": r["end"],
                "published": r["published"],
                "paragraphs": int(r["paragraphs"] or 0),
                "findings": int(r["findings"] or 0),
                "weaknesses": int(r["weaknesses"] or 0),
                "improvement_areas": int(r["improvements"] or 0),
                "verdict": r["verdict"],
                "problems": [],
            }
        if r["problem"]:
            row["problems"].append(r["problem"])
    rows = sorted(reports.values(), key=lambda x: (x["council"] or "", x["start"] or "", x["document"]))
    return [row for row in rows if row["verdict"] == "suspect"] if suspect else rows
