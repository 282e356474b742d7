"""Benchmark: `cskg show evolve` as a new process, beside bare `python -c pass`.

Prints median, min and max over N runs (default 15) of each.  The graph is
built first if needed.  Run: python bench/lookup.py [N]

The package's bytecode is compiled first, as an installed package's is: with
PYTHONDONTWRITEBYTECODE set (as on our CI machines) every run would otherwise
recompile cskg's modules from source, which is not what a user's lookup pays.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd, env, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    store = os.environ.get("CSKG_STORE") or os.path.join(tempfile.gettempdir(), "cskg-bench-store")
    env = dict(os.environ, CSKG_STORE=store)
    subprocess.run([sys.executable, "-m", "cskg.cli", "build"], env=env, check=True, stderr=subprocess.DEVNULL)
    import cskg as package
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(package.__file__)], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "cskg.cli", "show", "evolve"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fills the names cache beside the store
    cskg = os.path.join(os.path.dirname(sys.executable), "cskg")
    command = [cskg] if os.path.exists(cskg) else [sys.executable, "-m", "cskg.cli"]
    for name, cmd in [("python -c pass", [sys.executable, "-c", "pass"]),
                      ("cskg show evolve", command + ["show", "evolve"]),
                      ("cskg show evolve --json", command + ["show", "evolve", "--json"])]:
        t = timed(cmd, env, runs)
        print(f"{name:<26} median {statistics.median(t):7.1f} ms   min {min(t):7.1f}   max {max(t):7.1f}   ({runs} runs)")


if __name__ == "__main__":
    main()
