"""`python -m bench.loads`, end to end on SQLite with a small load: every unit loaded and the
load dispatched (the benchmark refuses to report otherwise), one row with a time per load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.test_scripts_bench import _on_postgresql_pass
from tests.conftest import TEST_DATABASE_URL_ENV

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(_on_postgresql_pass(), reason="runs once, on the SQLite pass")
def test_a_small_load_is_loaded_and_dispatched() -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    environment.pop(TEST_DATABASE_URL_ENV, None)
    completed = subprocess.run(
        [sys.executable, "-m", "bench.loads", "--backends", "sqlite", "--units", "5"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    [header, _rule, row] = completed.stdout.strip().splitlines()
    assert header.split()[:3] == ["backend", "units", "s/load"]
    backend, units, seconds, *_rest = row.split()
    assert (backend, units) == ("sqlite", "5")
    assert float(seconds) > 0
