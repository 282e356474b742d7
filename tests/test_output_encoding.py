"""Document text reaches a terminal as text and a spreadsheet as text (issue 17).

A report whose sentences carry terminal escape sequences (clear the screen,
retitle the window, a right-to-left override) and a quote that starts like a
spreadsheet formula is ingested; `show`, `list`, `search` and `actions` must
print the escapes visibly, never raw, and `export --format csv` must write
the formula as text.
"""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from conftest import FIXTURES, run_cli

pytestmark = pytest.mark.slow

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\u202e"
FORMULA = '=HYPERLINK("http://evil.example/","Click")'


@pytest.fixture(scope="module")
def tainted_store(store_path, tmp_path_factory):
    from cskg.pipeline.ingest import ingest

    root = tmp_path_factory.mktemp("tainted")
    store = root / "store"
    shutil.copytree(store_path, store)
    text = (FIXTURES / "reports" / "ilacs-2022-short-shropshire.txt").read_text(encoding="utf-8")
    text = text.replace(
        "The LADO service is working effectively", f"The LADO service{ESCAPES} is working effectively", 1
    )
    text = text.replace("2. There has been disruption", f"2. {FORMULA} There has been disruption", 1)
    assert ESCAPES in text and FORMULA in text
    report = root / "shropshire-2022.txt"
    report.write_text(text, encoding="utf-8")
    out = ingest([report], store, jobs=1)
    assert out.ingested, out.failed
    return store


@pytest.mark.parametrize(
    "command",
    [("search", "working effectively"), ("search", "disruption partnership")],
    ids=lambda c: " ".join(c),
)
def test_escape_sequences_from_a_document_are_printed_visibly(tainted_store, command):
    proc = run_cli(*command, store=tainted_store)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    if command[1] == "working effectively":
        assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202e" in out


def test_show_prints_a_finding_that_carries_escapes_visibly(tainted_store):
    import json

    found = json.loads(run_cli("search", "working effectively", "--json", store=tainted_store).stdout)
    entities = [e for f in found if "pwned" in f["text"] for e in f["entities"]]
    assert entities, found
    proc = run_cli("show", entities[0], "--authority", "Shropshire", store=tainted_store)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "\x1b" not in out + err and "\u202e" not in out + err and "\\x1b" in out


def test_csv_cells_that_would_run_as_formulas_are_written_as_text(tainted_store):
    proc = run_cli("export", "--format", "csv", store=tainted_store)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'" + FORMULA) for c in cells)
