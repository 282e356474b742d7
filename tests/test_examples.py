"""The README's API example runs (as a real process) and prints real findings."""

import os
import subprocess
import sys

from conftest import ROOT


def test_show_service_example(store_path):
    env = dict(os.environ, CSKG_STORE=str(store_path))
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "show_service.py"), "evolve"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.startswith("Evolve (service)") and "2025 ¶11" in out
