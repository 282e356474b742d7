"""A store is only ever replaced by a store: refusals, the lock, crashes, killed processes (issue 17).

Each test reproduces a fault a careless user or an attacker found: a
``--store`` naming a folder of the user's deleted everything in it; a
damaged manifest made ``ingest`` rebuild over 400 reports; two ingests at
once lost a batch; a crash between the two renames of the swap left the
embedded corpus; workers outlived a killed ingest; temporary copies stayed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, alive, child_pids, live, run_cli

pytestmark = pytest.mark.slow

REPORTS = FIXTURES / "reports"
SHROPSHIRE = REPORTS / "ilacs-2022-short-shropshire.txt"
BRENT = REPORTS / "ilacs-2018-early-brent.txt"


def _snapshot(folder: Path) -> dict:
    """Every entry under ``folder`` (symlinks not followed): kind, mode, size, mtime and content."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            st = p.lstat()
            content = p.read_bytes() if stat.S_ISREG(st.st_mode) else os.readlink(p) if p.is_symlink() else None
            out[str(p.relative_to(folder))] = (
                stat.S_IFMT(st.st_mode),
                stat.S_IMODE(st.st_mode),
                st.st_mtime_ns,
                content,
            )
    st = folder.lstat()
    out["."] = (stat.S_IMODE(st.st_mode), st.st_mtime_ns)
    return out


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert err.count("\n") == 1 and err.startswith("cskg: ") and "Traceback" not in err, err
    return err


def _quads(store: Path) -> list[str]:
    from cskg.store.database import open_store, sorted_nquads

    return sorted_nquads(open_store(store))


@pytest.fixture()
def users_folder(tmp_path) -> Path:
    """A folder of someone's own files: notes, a sub-folder, a symbolic link and a read-only file."""
    folder = tmp_path / "mydocs"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("my notes\n")
    (folder / "sub" / "report.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "link").symlink_to(folder / "notes.txt")
    (folder / "readonly.txt").write_text("keep me\n")
    (folder / "readonly.txt").chmod(0o444)
    folder.chmod(0o755)
    return folder


@pytest.fixture()
def base_store(store_path, tmp_path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(store_path, path)
    return path


COMMANDS = [
    ("list", "--kind", "body"),
    ("show", "evolve"),
    ("search", "pathway"),
    ("build",),
    ("ingest", str(SHROPSHIRE)),
    ("validate",),
    ("export", "--format", "nt"),
    ("query", "inspections"),
    ("timeline",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_folder_that_is_not_a_store_is_refused_and_left_as_it_was(users_folder, command):
    before = _snapshot(users_folder)
    proc = run_cli("--store", str(users_folder), *command)
    err = _one_line_error(proc)
    assert "not a cskg store" in err and str(users_folder) in err
    assert _snapshot(users_folder) == before
    assert sorted(p.name for p in users_folder.parent.iterdir()) == ["mydocs"]  # nothing made beside it


@pytest.mark.parametrize("command", [("list",), ("show", "evolve"), ("timeline",)], ids=lambda c: c[0])
def test_a_misspelt_store_is_not_built_by_a_lookup(tmp_path, command):
    proc = run_cli("--store", str(tmp_path / "nationl"), *command)
    err = _one_line_error(proc)
    assert "no store at" in err and "build" in err
    assert not (tmp_path / "nationl").exists()


def test_an_empty_folder_becomes_a_store_and_keeps_its_permissions(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    folder.chmod(0o751)
    proc = run_cli("--store", str(folder), "build")
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(folder.stat().st_mode) == 0o751
    assert run_cli("--store", str(folder), "show", "evolve").returncode == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == ".lock" and names[1] == "cskg-store.json" and names[2].startswith("gen-") and len(names) == 3


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[]", b'{"no": "version"}', b"\xff\xfe\x00"])
def test_a_damaged_manifest_is_refused_and_nothing_is_rebuilt_over_the_store(base_store, damage):
    from cskg.pipeline.ingest import ingest

    ingest([SHROPSHIRE], base_store, jobs=1)
    generation = live(base_store)
    quads = _quads(base_store)
    (base_store / "cskg-store.json").write_bytes(damage)
    for command in (("ingest", str(BRENT)), ("list",), ("show", "evolve")):
        err = _one_line_error(run_cli("--store", str(base_store), *command))
        assert "cskg-store.json" in err, err
    assert sorted(p.name for p in base_store.iterdir()) == [".lock", "cskg-store.json", generation.name]
    import pyoxigraph as ox

    from cskg.store.database import sorted_nquads

    assert sorted_nquads(ox.Store.read_only(str(generation / "db"))) == quads  # the reports are all still there
    # `cskg build` is asked to replace the store whole, so it may: the folder holds only cskg's own files.
    assert run_cli("--store", str(base_store), "build").returncode == 0
    assert run_cli("--store", str(base_store), "show", "evolve").returncode == 0


def test_a_store_path_that_is_a_file_is_one_line(tmp_path):
    file = tmp_path / "store"
    file.write_text("a file\n")
    for command in (("list",), ("build",), ("ingest", str(SHROPSHIRE))):
        err = _one_line_error(run_cli("--store", str(file), *command))
        assert "is a file" in err
    assert file.read_text() == "a file\n"


def test_ingest_of_an_empty_name_is_refused(base_store):
    before = _quads(base_store)
    err = _one_line_error(run_cli("--store", str(base_store), "ingest", ""))
    assert "empty file name" in err
    assert _quads(base_store) == before


def test_a_file_name_too_long_for_the_texts_folder_is_ingested_under_a_shorter_stem(base_store, tmp_path):
    from cskg.pipeline.ingest import ingest

    long_name = tmp_path / ("shropshire-" + "x" * 240 + ".txt")
    shutil.copy(SHROPSHIRE, long_name)
    out = ingest([long_name], base_store, jobs=1)
    assert out.ingested == [str(long_name.resolve())], out.failed
    texts = [p.name for p in (live(base_store) / "texts").iterdir()]
    assert len(texts) == 1 and len(texts[0]) <= 124


# ---------------------------------------------------------------- crashes and the lock

_CRASH = """
import os, sys
from pathlib import Path
import cskg.store.writer as writer
import cskg.pipeline.ingest as ingest_module
point = sys.argv[1]
if point == "before-rename":
    writer.commit = lambda *a, **k: os._exit(9)
    ingest_module.commit = writer.commit
elif point == "before-manifest":
    writer.write_manifest = lambda *a, **k: os._exit(9)
elif point == "before-cleanup":
    calls = []
    real = writer.remove_leftovers
    def leftovers(path, manifest):
        calls.append(1)
        if len(calls) == 2:  # the first call is at the lock, the second after the commit
            os._exit(9)
        real(path, manifest)
    writer.remove_leftovers = leftovers
from cskg.pipeline.ingest import ingest
ingest([sys.argv[2]], sys.argv[3], jobs=1)
"""


@pytest.mark.parametrize("point", ["before-rename", "before-manifest", "before-cleanup"])
def test_a_crash_at_each_step_of_the_commit_leaves_the_old_or_the_new_store(base_store, point):
    before = _quads(base_store)
    proc = subprocess.run(
        [sys.executable, "-c", _CRASH, point, str(SHROPSHIRE), str(base_store)], capture_output=True, timeout=300
    )
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]
    after = _quads(base_store)
    ingested = any("/graph/shropshire-" in q for q in after)
    assert after == before if not ingested else point == "before-cleanup"
    # The next write removes what the crash left and goes on from the store as it is.
    from cskg.pipeline.ingest import ingest

    out = ingest([SHROPSHIRE, BRENT], base_store, jobs=1)
    assert len(out.ingested) == (1 if ingested else 2), out
    names = sorted(p.name for p in base_store.iterdir())
    assert names == [".lock", "cskg-store.json", live(base_store).name], names


def test_two_ingests_at_once_keep_both_batches(base_store, tmp_path):
    env = dict(os.environ, CSKG_STORE=str(base_store))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cskg.cli", "ingest", str(f), "--jobs", "1"], env=env, stderr=subprocess.PIPE
        )
        for f in (SHROPSHIRE, BRENT)
    ]
    errs = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    manifest = json.loads((base_store / "cskg-store.json").read_text())
    assert sorted(Path(k).name for k in manifest["ingested"]) == sorted([SHROPSHIRE.name, BRENT.name])
    graphs = {q.split()[-2] for q in _quads(base_store)}
    assert any("graph/shropshire-" in g for g in graphs) and any("graph/brent-" in g for g in graphs)


def test_lookups_during_ingests_answer_from_the_old_or_the_new_store(base_store, tmp_path):
    """A reader racing the commit gets a whole answer (or, at worst, one line): 3 in 370 were tracebacks."""
    env = dict(os.environ, CSKG_STORE=str(base_store))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    writer = subprocess.Popen(
        [sys.executable, "-c", _REINGEST, str(inbox), str(base_store), str(SHROPSHIRE)], env=env, stderr=subprocess.PIPE
    )
    answers = []
    try:
        while writer.poll() is None:
            proc = run_cli("list", "--kind", "body", "--json", store=base_store)
            assert "Traceback" not in proc.stderr.decode(), proc.stderr.decode()
            if proc.returncode == 0:
                answers.append(len(json.loads(proc.stdout)))
            else:
                _one_line_error(proc)
    finally:
        writer.wait(timeout=600)
    assert writer.returncode == 0, writer.stderr.read().decode()[-2000:]
    assert len(answers) >= 5


def test_a_generation_being_read_is_kept_until_its_reader_lets_go(base_store, tmp_path):
    """A write removed the old generation under a reader that had it open, whose next query could hang (seen
    under load: 1 lookup in 4 test runs waited two minutes).  Readers now hold it; the next write removes it."""
    import gc

    from cskg import open_graph
    from cskg.pipeline.ingest import ingest

    kg = open_graph(base_store)
    held = live(base_store)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = SHROPSHIRE.read_text(encoding="utf-8")
    (inbox / "shropshire-2022.txt").write_text(report, encoding="utf-8")
    ingest([inbox], base_store, jobs=1)
    assert live(base_store) != held and held.is_dir()  # committed, and the generation being read is still there
    assert kg.list("body")  # which the reader goes on reading
    del kg
    gc.collect()
    (inbox / "shropshire-2022.txt").write_text(report.replace("purposeful", "purposeful1", 1), encoding="utf-8")
    ingest([inbox], base_store, jobs=1)
    assert not held.exists()
    assert sorted(p.name for p in base_store.iterdir() if p.name.startswith("gen-")) == [live(base_store).name]


def test_a_generation_from_before_readers_took_locks_is_read_and_replaced_as_before(base_store, tmp_path):
    from cskg import open_graph
    from cskg.pipeline.ingest import ingest
    from cskg.store.database import READERS_FILE

    old = live(base_store)
    (old / READERS_FILE).unlink()  # as an older cskg wrote it
    kg = open_graph(base_store)
    assert kg.list("body")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SHROPSHIRE, inbox / "shropshire-2022.txt")
    ingest([inbox], base_store, jobs=1)
    assert not old.exists() and (live(base_store) / READERS_FILE).is_file()


_REINGEST = """
import shutil, sys
from pathlib import Path
from cskg.pipeline.ingest import ingest
inbox, store = Path(sys.argv[1]), sys.argv[2]
report = Path(sys.argv[3]).read_text(encoding="utf-8")
for n in range(6):  # each round changes the file, so each ingest commits a new generation
    (inbox / "shropshire-2022.txt").write_text(report.replace("purposeful", f"purposeful{n}", 1), encoding="utf-8")
    ingest([inbox], store, jobs=1)
"""


def test_stale_temporary_folders_of_dead_processes_are_removed_by_the_next_write(base_store):
    from cskg.pipeline.ingest import ingest

    crashed = base_store / ".ingest-999999-abcd"
    (crashed / "db").mkdir(parents=True)
    (crashed / "search.sqlite").write_bytes(b"x" * 1000)
    older = base_store.parent / f".{base_store.name}.ingest-k2j4"  # where cskg before issue 17 put its copies
    (older / "db").mkdir(parents=True)
    (older / "texts").mkdir()
    unrelated = base_store.parent / f".{base_store.name}.ingest-notes"  # not cskg's: holds a user's file
    unrelated.mkdir()
    (unrelated / "mine.txt").write_text("mine")
    ingest([SHROPSHIRE], base_store, jobs=1)
    assert not crashed.exists() and not older.exists()
    assert (unrelated / "mine.txt").read_text() == "mine"


# ---------------------------------------------------------------- workers


def _slow_report(tmp_path: Path) -> Path:
    """A report whose text takes many seconds to process (90,000 short sentences), under the input limits."""
    text = SHROPSHIRE.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[45:45] = [f"{n}. The Horizon Team was good and the Youth Board met." for n in range(100, 12_100)]
    slow = tmp_path / "slow" / "shropshire-2022-slow.txt"
    slow.parent.mkdir()
    slow.write_text("\n".join(lines), encoding="utf-8")
    return slow


def test_a_file_over_its_time_budget_fails_in_one_line_and_the_batch_goes_on(base_store, tmp_path):
    slow = _slow_report(tmp_path)
    proc = run_cli(
        "--store", str(base_store), "ingest", str(slow), str(BRENT), "--jobs", "2", "--file-timeout", "1", "--json"
    )
    assert proc.returncode == 2, proc.stderr.decode()
    out = json.loads(proc.stdout)
    assert [Path(f).name for f in out["ingested"]] == [BRENT.name]
    assert out["failed"] == [{"file": str(slow.resolve()), "reason": "took longer than 1 s, the limit for one file"}]
    failed = [ln for ln in proc.stderr.decode().splitlines() if ln.startswith("cskg: failed:")]
    assert len(failed) == 1 and "Traceback" not in proc.stderr.decode()


def _start_ingest(store: Path, jobs: int, *files: Path) -> tuple[subprocess.Popen, list[int]]:
    """An ingest with ``jobs`` workers, once they are at work: (the process, its workers' pids)."""
    args = ["--store", str(store), "ingest", *map(str, files), "--jobs", str(jobs), "--json"]
    proc = subprocess.Popen([sys.executable, "-m", "cskg.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(child_pids(proc.pid)) < jobs and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = child_pids(proc.pid)
    assert len(workers) == jobs, proc.stderr.read1().decode() if proc.poll() is not None else "no workers"
    return proc, workers


def test_workers_die_with_their_parent_and_leave_no_copy(base_store, tmp_path):
    before = _quads(base_store)
    proc, workers = _start_ingest(base_store, 2, _slow_report(tmp_path), BRENT)
    time.sleep(1.0)
    proc.kill()  # kill -9: no clean-up of its own can run
    proc.wait()
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)
    assert _quads(base_store) == before
    # The copy it was writing is removed by the next write.
    assert any(p.name.startswith(".ingest-") for p in base_store.iterdir())
    from cskg.pipeline.ingest import ingest

    ingest([BRENT], base_store, jobs=1)
    assert not any(p.name.startswith(".ingest-") for p in base_store.iterdir())


def test_a_killed_worker_fails_its_file_and_the_batch_goes_on(base_store, tmp_path):
    slow = _slow_report(tmp_path)
    proc, workers = _start_ingest(base_store, 1, slow, BRENT)  # the biggest file goes first
    time.sleep(1.0)
    os.kill(workers[0], signal.SIGKILL)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err.decode()
    report = json.loads(out)
    assert [Path(f).name for f in report["ingested"]] == [BRENT.name], report
    assert report["failed"][0]["file"] == str(slow.resolve())
    assert report["failed"][0]["reason"] == "its worker process died (killed by signal 9)"
    assert "Traceback" not in err.decode() and "BrokenProcessPool" not in err.decode()


def test_kill_9_at_many_points_of_an_ingest_leaves_a_store_that_opens(base_store, tmp_path):
    """Killed at 8 moments from start-up to the commit, the store is always the old one or the new one."""
    from cskg.pipeline.ingest import ingest

    before = _quads(base_store)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SHROPSHIRE, inbox / "shropshire-2022.txt")
    shutil.copy(BRENT, inbox / "brent-2018.txt")
    shutil.copytree(base_store, tmp_path / "timing")
    started = time.monotonic()
    full = run_cli("--store", str(tmp_path / "timing"), "ingest", str(inbox))  # how long a whole run takes here
    assert full.returncode == 0, full.stderr
    whole = time.monotonic() - started
    seen = set()
    for k in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-m", "cskg.cli", "--store", str(base_store), "ingest", str(inbox), "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(whole * (k + 0.5) / 8)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        after = _quads(base_store)
        done = any("graph/brent-2018" in q for q in after)
        seen.add(done)
        if done:
            break
        assert after == before
    assert False in seen  # at least one kill came before the commit
    ingest([inbox], base_store, jobs=1)
    assert sorted(p.name for p in base_store.iterdir()) == [".lock", "cskg-store.json", live(base_store).name]
