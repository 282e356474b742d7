"""Shared fixtures: one graph of the embedded corpus, built once per test session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    from cskg import build_graph

    path = tmp_path_factory.mktemp("store") / "store"
    build_graph(path)
    return path


@pytest.fixture(scope="session")
def kg(store_path):
    from cskg import open_graph

    return open_graph(store_path)


def run_cli(*args: str, store: Path | None = None, input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the real console command in a new process."""
    env = dict(os.environ)
    if store is not None:
        env["CSKG_STORE"] = str(store)
    return subprocess.run([sys.executable, "-m", "cskg.cli", *args], capture_output=True, env=env, input=input, timeout=120)
