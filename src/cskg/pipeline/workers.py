"""The ingest's worker processes: one file at a time each, a time budget per file, dead with their parent.

``concurrent.futures.ProcessPoolExecutor`` could do neither of the things an
ingest of untrusted files needs (issue 17): a worker that dies (killed, out
of memory, a crash in the PDF library) broke the whole pool and discarded
the batch, and nothing stopped a file that never finished.  This pool keeps
one pipe per worker and knows which file each one holds, so:

- a file that runs past its time budget has its worker killed and is
  reported as failed in one line; a new worker takes the next file;
- a worker that dies fails its one file, not the batch;
- workers die with the parent: Linux's ``PR_SET_PDEATHSIG`` makes the
  kernel kill them when the parent goes (a ``kill -9`` of the ingest left 14
  workers of 750 MB behind), with a thread that watches the parent's pid
  where that call is missing.

Workers are forked, so they start with the parent's modules already loaded.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies; else watch the parent from a thread."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        ok = False
    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)
    if not ok:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def _serve(conn, parent: int, work: Callable, initializer: Callable | None, initargs: tuple) -> None:
    """A worker's life: run ``work`` on each task the parent sends until it sends None."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if initializer:
        initializer(*initargs)
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(work(*task))


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    task: tuple | None = None
    deadline: float = 0.0


@dataclass
class Failure:
    """A task whose worker was killed for overrunning its budget or died; ``reason`` is one line."""

    task: tuple
    reason: str


class WorkerPool:
    """``jobs`` forked workers that run ``work(*task)``; ``budget_s`` seconds a task at most."""

    def __init__(self, jobs: int, work: Callable, budget_s: float, initializer=None, initargs: tuple = ()):
        self.jobs, self.work, self.budget_s = max(1, jobs), work, budget_s
        self.initializer, self.initargs = initializer, initargs
        self._context = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs, os.getpid(), self.work, self.initializer, self.initargs), daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker (it overran or broke) and forget it."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)

    def run(self, tasks: list[tuple]) -> Iterator[object]:
        """Each task's result (or a ``Failure``), in the order they finish."""
        waiting = list(reversed(tasks))
        try:
            while waiting or any(w.task for w in self._workers):
                while waiting and (len(self._workers) < self.jobs or any(w.task is None for w in self._workers)):
                    idle = next((w for w in self._workers if w.task is None), None) or self._start()
                    idle.task = waiting.pop()
                    idle.deadline = time.monotonic() + self.budget_s
                    idle.conn.send(idle.task)
                busy = [w for w in self._workers if w.task is not None]
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
                for worker in busy:
                    if worker.conn in ready:
                        try:
                            result = worker.conn.recv()
                        except (EOFError, OSError):
                            result = None
                        if result is not None:
                            worker.task = None
                            yield result
                            continue
                    if worker.conn in ready or worker.process.sentinel in ready:
                        task = worker.task
                        worker.process.join(5)
                        code = worker.process.exitcode
                        self._retire(worker)
                        how = f"killed by signal {-code}" if code and code < 0 else f"exit code {code}"
                        yield Failure(task, f"its worker process died ({how})")
                    elif time.monotonic() >= worker.deadline:
                        task = worker.task
                        self._retire(worker)
                        yield Failure(task, f"took longer than {self.budget_s:g} s, the limit for one file")
        finally:
            self.close()

    def close(self) -> None:
        for worker in list(self._workers):
            if worker.task is None and worker.process.is_alive():
                try:
                    worker.conn.send(None)
                    worker.process.join(2)
                except OSError:
                    pass
            self._retire(worker)
