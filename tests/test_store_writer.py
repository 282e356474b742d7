"""Writing a store: the ingest's bulk loads run in a thread of their own, in order, errors raised where it waits."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cskg.store.writer import BackgroundLoad


def _nquads(graph: str, n: int) -> bytes:
    return b"".join(
        f"<http://example.org/s{i}> <http://example.org/p> <http://example.org/{graph}> .\n".encode() for i in range(n)
    )


def test_batches_go_in_one_after_another_and_are_all_there_after_wait(tmp_path):
    store = ox.Store(str(tmp_path / "db"))
    loader = BackgroundLoad(store)
    loader.load(_nquads("a", 500))
    loader.load(_nquads("b", 700))  # starts once the first is in
    loader.wait()
    objects = [q.object.value for q in store]
    assert objects.count("http://example.org/a") == 500 and objects.count("http://example.org/b") == 700


def test_a_failed_load_raises_at_the_next_wait_once(tmp_path):
    store = ox.Store(str(tmp_path / "db"))
    loader = BackgroundLoad(store)
    loader.load(b"<http://example.org/s> <http://example.org/p> <not an iri> .\n")  # returns: the load is elsewhere
    with pytest.raises(SyntaxError):
        loader.wait()
    loader.wait()  # the error was given once
    loader.load(_nquads("c", 3))
    loader.wait()
    assert len(store) == 3


def test_a_load_started_before_another_error_is_waited_for_and_its_own_error_dropped(tmp_path):
    store = ox.Store(str(tmp_path / "db"))
    loader = BackgroundLoad(store)
    loader.load(b"<http://example.org/s> <http://example.org/p> <not an iri> .\n")
    loader.close()  # the ingest is failing anyway: its own error is the one to report
    assert loader._thread is None and loader._error is None


def test_lenient_loads_skip_the_checks_the_quad_writer_made(tmp_path):
    strict, lenient = ox.Store(str(tmp_path / "s")), ox.Store(str(tmp_path / "l"))
    text = b"<http://example.org/s> <http://example.org/p> <relative> .\n"
    checked = BackgroundLoad(strict)
    checked.load(text)
    with pytest.raises(SyntaxError):
        checked.wait()
    loader = BackgroundLoad(lenient, lenient=True)
    loader.load(text)
    loader.wait()
    assert len(lenient) == 1


class _SlowStore:
    """A store whose bulk load waits for a signal, recording the batches in the order they went in."""

    def __init__(self):
        import threading

        self.release, self.loaded = threading.Event(), []

    def bulk_load(self, data, format=None, lenient=False):
        self.release.wait(10)
        self.loaded.append(data)


def test_the_load_runs_while_the_caller_goes_on_and_wait_holds_until_it_is_in():
    store = _SlowStore()
    loader = BackgroundLoad(store)
    loader.load(b"first")
    assert store.loaded == []  # load returned with the batch still going in
    store.release.set()
    loader.load(b"second")  # waits for the first
    loader.wait()
    assert store.loaded == [b"first", b"second"]
