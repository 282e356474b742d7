"""Every command, every bad path: one line on stderr, exit 2, no traceback (issue 17).

The states a careless user's paths are in: a folder that is missing, a file
where a folder is expected, a folder where a file is expected (a name
collision), a read-only folder (made immutable with ``chattr +i``, since the
tests may run as root, for whom permission bits do not stop a write), a
folder that is not a store.  ``cskg view evolve -o /missing/dir/x.html``
printed a 40-line traceback.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

pytestmark = pytest.mark.slow

REPORT = FIXTURES / "reports" / "ilacs-2022-short-shropshire.txt"


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """The bad places, made once: missing, file, folder, read-only, not-a-store."""
    root = tmp_path_factory.mktemp("bad-paths")
    (root / "afile").write_text("a file, not a folder\n")
    (root / "afolder.html").mkdir()
    (root / "afolder.rq").mkdir()
    (root / "mine").mkdir()
    (root / "mine" / "notes.txt").write_text("mine\n")
    (root / "empty-inbox").mkdir()
    readonly = root / "readonly"
    readonly.mkdir()
    immutable = subprocess.run(["chattr", "+i", str(readonly)], capture_output=True).returncode == 0
    yield root, immutable
    if immutable:
        subprocess.run(["chattr", "-i", str(readonly)], check=False)


def _cases(root):
    missing = root / "missing" / "deeper"
    return {
        "view -o in a missing folder": ("view", "evolve", "-o", str(missing / "x.html")),
        "view -o under a file": ("view", "evolve", "-o", str(root / "afile" / "x.html")),
        "view -o onto a folder": ("view", "evolve", "-o", str(root / "afolder.html")),
        "view -o in a read-only folder": ("view", "evolve", "-o", str(root / "readonly" / "x.html")),
        "export -o in a missing folder": ("export", "-o", str(missing / "x.ttl")),
        "export -o onto a folder": ("export", "--format", "csv", "-o", str(root / "afolder.html")),
        "export -o in a read-only folder": ("export", "-o", str(root / "readonly" / "x.ttl")),
        "timeline -o in a missing folder": ("timeline", "-o", str(missing / "t.svg")),
        "timeline -o in a read-only folder": ("timeline", "-o", str(root / "readonly" / "t.html")),
        "query of a missing file": ("query", str(missing / "q.rq")),
        "query of a folder": ("query", str(root / "afolder.rq")),
        "ingest of a missing file": ("ingest", str(missing / "r.pdf")),
        "ingest of an empty folder": ("ingest", str(root / "empty-inbox")),
        "build --sources missing": ("build", "--sources", str(missing)),
        "build --register a folder": ("build", "--register", str(root / "afolder.rq")),
    }


def _global_cases(root):
    return {
        "--store a file, list": ("--store", str(root / "afile"), "list"),
        "--store a file, ingest": ("--store", str(root / "afile"), "ingest", str(REPORT)),
        "--store under a file, build": ("--store", str(root / "afile" / "store"), "build"),
        "--store in a read-only folder, build": ("--store", str(root / "readonly" / "store"), "build"),
        "--store in a read-only folder, ingest": ("--store", str(root / "readonly" / "store"), "ingest", str(REPORT)),
        "--store missing, show": ("--store", str(root / "missing" / "store"), "show", "evolve"),
        "--store a user's folder, build": ("--store", str(root / "mine"), "build"),
        "--store a user's folder, search": ("--store", str(root / "mine"), "search", "plan"),
    }


def _check(proc: subprocess.CompletedProcess, case: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (case, proc.returncode, err[-1500:])
    assert err.count("\n") == 1 and err.startswith("cskg: "), (case, err[-1500:])
    assert "Traceback" not in err, (case, err)


CASES = sorted(_cases(Path("/x")))
GLOBAL = sorted(_global_cases(Path("/x")))


@pytest.mark.parametrize("case", CASES)
def test_a_command_given_a_bad_path_says_so_in_one_line(places, store_path, case):
    root, immutable = places
    if "read-only" in case and not immutable:
        pytest.skip("chattr +i is not available here")
    _check(run_cli(*_cases(root)[case], store=store_path), case)
    assert not (root / "missing").exists()


@pytest.mark.parametrize("case", GLOBAL)
def test_a_bad_store_path_says_so_in_one_line(places, case):
    root, immutable = places
    if "read-only" in case and not immutable:
        pytest.skip("chattr +i is not available here")
    _check(run_cli(*_global_cases(root)[case]), case)
    assert sorted(p.name for p in (root / "mine").iterdir()) == ["notes.txt"]
    assert not (root / "missing").exists() and not any((root / "readonly").iterdir())


def test_a_damaged_database_file_is_one_line(store_path, tmp_path):
    from conftest import live

    store = tmp_path / "store"
    shutil.copytree(store_path, store)
    for f in (live(store) / "db").iterdir():
        if f.name.startswith("CURRENT"):
            f.write_text("garbage\n")
    for command in (("show", "evolve"), ("list",), ("query", "inspections")):
        _check(run_cli("--store", str(store), *command), command[0])
