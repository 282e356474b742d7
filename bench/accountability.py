"""Benchmark: `cskg actions`, `cskg timeline` and `cskg follow-up` as new processes.

Prints median, min and max over N runs (default 10) of each, beside bare
`python -c pass` and `cskg show evolve` for scale.  The graph is built first
if needed.  Run: python bench/accountability.py [N]
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
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    store = os.environ.get("CSKG_STORE") or os.path.join(tempfile.gettempdir(), "cskg-bench-store")
    env = dict(os.environ, CSKG_STORE=store)
    subprocess.run([sys.executable, "-m", "cskg.cli", "build"], env=env, check=True, stderr=subprocess.DEVNULL)
    cskg = os.path.join(os.path.dirname(sys.executable), "cskg")
    command = [cskg] if os.path.exists(cskg) else [sys.executable, "-m", "cskg.cli"]
    for name, cmd in [("python -c pass", [sys.executable, "-c", "pass"]),
                      ("cskg show evolve", command + ["show", "evolve"]),
                      ("cskg actions --json", command + ["actions", "--json", "--as-of", "2026-11-23"]),
                      ("cskg actions --overdue", command + ["actions", "--overdue", "--as-of", "2026-11-23"]),
                      ("cskg timeline --json", command + ["timeline", "--json"]),
                      ("cskg follow-up --json", command + ["follow-up", "--json"])]:
        t = timed(cmd, env, runs)
        print(f"{name:<26} median {statistics.median(t):7.1f} ms   min {min(t):7.1f}   max {max(t):7.1f}   ({runs} runs)")


if __name__ == "__main__":
    main()
