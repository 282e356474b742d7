"""Resolutions of ModernGov-style minutes are found without curation (issue 6).

Fixtures: invented minutes of two invented councils in two ModernGov styles
(tests/fixtures/minutes/README.md); each .yaml was written by hand from its
text.  Plus the real Rotherham minutes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from cskg.parse.dates import DateWindow, resolve_due
from cskg.parse.document import parse_document
from cskg.parse.minutes import meeting_info, resolution_status, resolutions

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "minutes"
SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _parse(path: Path):
    text = path.read_text(encoding="utf-8")
    return parse_document(text, path.name, "minutes")


@pytest.mark.parametrize("stem", CASES)
def test_fixture_minutes_yield_their_resolutions(stem):
    expected = yaml.safe_load((FIXTURES / f"{stem}.yaml").read_text(encoding="utf-8"))
    doc = _parse(FIXTURES / f"{stem}.txt")
    info = meeting_info(doc)
    assert info.body == expected["body"]
    assert info.window.exact == expected["date"]
    found = resolutions(doc, info.window)
    assert [r.text for r in found] == [e["text"] for e in expected["resolutions"]]
    assert [r.status for r in found] == [e["status"] for e in expected["resolutions"]]
    assert [r.due.value if r.due else None for r in found] == [e["due"] for e in expected["resolutions"]]


@pytest.mark.parametrize("stem", CASES)
def test_resolution_offsets_point_at_the_quote(stem):
    doc = _parse(FIXTURES / f"{stem}.txt")
    for r in resolutions(doc, meeting_info(doc).window):
        assert " ".join(doc.source[r.start : r.end].split()) == r.text


def test_rotherham_minutes_yield_both_resolutions_and_the_meeting_window():
    doc = _parse(SOURCES / "improving-lives-select-commission-minutes-2026.txt")
    title = "Minutes of the Improving Lives Select Commission, item on the outcome of the 2025 Ofsted inspection"
    info = meeting_info(doc, title, [(date(2025, 11, 7), date(2025, 12, 16))])
    assert info.body == "Improving Lives Select Commission"
    # No date in the minutes: after the 2025 report was published, before the meeting they look ahead to.
    assert (info.window.not_before, info.window.not_after) == (date(2025, 12, 16), date(2026, 4, 28))
    found = resolutions(doc, info.window)
    assert len(found) == 2
    assert found[0].status == "noted" and found[0].text.endswith("be noted.")
    assert found[1].status == "proposed" and "Julie Warren-Sykes" in found[1].text
    assert found[1].due.value == "2026-04-28"
    assert found[1].meeting_date == date(2026, 4, 28)


@pytest.mark.parametrize(
    "text, status",
    [
        ("That the report be noted.", "noted"),
        ("That the report be received and noted.", "noted"),
        ("That consideration be given to a visit to the hub.", "proposed"),
        ("That a progress report be submitted to the next meeting.", "planned"),
        ("That the minutes of the meeting held on 1 May 2026 be approved as a correct record.", "noted"),
        ("That the work programme be agreed, subject to the addition of the annual report.", "planned"),
    ],
)
def test_resolution_status_from_wording(text, status):
    assert resolution_status(text) == status


def test_by_september_resolves_only_when_the_whole_window_agrees():
    window = DateWindow(date(2025, 12, 16), date(2026, 4, 28), "context")
    due = resolve_due("By September it was anticipated ...", window)
    assert due.value == "2026-09" and "between 2025-12-16 and 2026-04-28" in due.basis
    # A window that straddles September could mean two different Septembers: no guess.
    assert resolve_due("By September", DateWindow(date(2025, 8, 1), date(2025, 10, 1), "context")) is None
    # Without any date for the meeting a bare month is not resolved either.
    assert resolve_due("By September", None) is None
    assert resolve_due("soon", window) is None
