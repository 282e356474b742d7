"""Benchmark: `cskg show evolve` as a new process, beside bare `python -c pass`.

Prints median, min and max over N runs (default 15) of each.  The graph of
the embedded corpus is built first into a scratch store; with CSKG_STORE set
to an existing store (e.g. the national one from `cskg ingest`) that store is
timed as it is.  The package's bytecode is compiled first (see
process_timing.compile_package).  Run: python bench/lookup.py [N]
"""

import subprocess
import sys

from process_timing import bench_env, compile_package, cskg_command, report, time_process


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = bench_env()
    print(f"store: {env['CSKG_STORE']}")
    compile_package()
    subprocess.run(
        [*cskg_command(), "show", "evolve"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )  # fills the name index beside the store
    for name, cmd in [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("cskg show evolve", [*cskg_command(), "show", "evolve"]),
        ("cskg show evolve --json", [*cskg_command(), "show", "evolve", "--json"]),
    ]:
        report(name, time_process(cmd, env, runs), width=26)


if __name__ == "__main__":
    main()
