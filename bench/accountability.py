"""Benchmark: `cskg actions`, `cskg timeline` and `cskg follow-up` as new processes.

Prints median, min and max over N runs (default 10) of each, beside bare
`python -c pass` and `cskg show evolve` for scale.  The graph is built first
if needed.  Run: python bench/accountability.py [N]
"""

import sys

from process_timing import bench_env, compile_package, cskg_command, report, time_process


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    env = bench_env()
    compile_package()
    command = cskg_command()
    for name, cmd in [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("cskg show evolve", [*command, "show", "evolve"]),
        ("cskg actions --json", [*command, "actions", "--json", "--as-of", "2026-11-23"]),
        ("cskg actions --overdue", [*command, "actions", "--overdue", "--as-of", "2026-11-23"]),
        ("cskg timeline --json", [*command, "timeline", "--json"]),
        ("cskg follow-up --json", [*command, "follow-up", "--json"]),
    ]:
        report(name, time_process(cmd, env, runs), width=26)


if __name__ == "__main__":
    main()
