"""Timing cskg commands as new processes, the way a user waits for them.

Shared by the benchmark scripts of this folder: each builds (or reuses) a
store, then times commands over several runs beside bare `python -c pass`
from the same run, and prints median, min and max.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time


def bench_env() -> dict:
    """The environment with CSKG_STORE set: the given store as it is, else a scratch store of the embedded corpus."""
    given = os.environ.get("CSKG_STORE")
    store = given or os.path.join(tempfile.gettempdir(), "cskg-bench-store")
    env = dict(os.environ, CSKG_STORE=store)
    if not given or not os.path.exists(os.path.join(store, "cskg-store.json")):
        subprocess.run([sys.executable, "-m", "cskg.cli", "build"], env=env, check=True, stderr=subprocess.DEVNULL)
    return env


def compile_package() -> None:
    """Compile cskg's bytecode, as an installed package's is.

    With PYTHONDONTWRITEBYTECODE set (as on our CI machines) every run would
    otherwise recompile cskg's modules from source, which a user's command
    does not pay.
    """
    import cskg

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", os.path.dirname(cskg.__file__)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def cskg_command() -> list[str]:
    """The installed console script, else `python -m cskg.cli`."""
    script = os.path.join(os.path.dirname(sys.executable), "cskg")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "cskg.cli"]


def time_process(cmd: list[str], env: dict, runs: int) -> list[float]:
    """Wall milliseconds of each of ``runs`` runs of ``cmd``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float], unit: str = "ms", width: int = 44) -> None:
    print(
        f"{name:<{width}} median {statistics.median(times):8.1f} {unit}   min {min(times):8.1f}   "
        f"max {max(times):8.1f}   ({len(times)} runs)"
    )
