"""`python -m bench.billing`, end to end on SQLite with a small backlog: every event charged
and the storage run's two lines written (the benchmark refuses to report otherwise), one row
with a rate of lines per second."""

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
def test_a_small_backlog_is_charged_and_stock_stored() -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    environment.pop(TEST_DATABASE_URL_ENV, None)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.billing",
            "--backends",
            "sqlite",
            "--events",
            "50",
            "--stock-records",
            "100",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    [header, _rule, row] = completed.stdout.strip().splitlines()
    assert header.split()[:3] == ["backend", "events", "lines/s"]
    backend, events, lines_per_second, *_rest = row.split()
    assert (backend, events) == ("sqlite", "50")
    assert float(lines_per_second) > 0
