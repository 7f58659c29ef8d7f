"""`scripts/bench --quick`, end to end: every benchmark runs and lands in the one table.

The benchmarks make their own databases, so this runs once, on the SQLite pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bench.options import BENCHMARKS
from tests.conftest import TEST_DATABASE_URL_ENV

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _on_postgresql_pass() -> bool:
    url = os.environ.get(TEST_DATABASE_URL_ENV)
    return bool(url) and make_url(url).get_backend_name() == "postgresql"


def _table_rows(printed: str) -> list[dict[str, str]]:
    """The Markdown table's body rows, each cell (stripped) by its column's header."""
    lines = [line for line in printed.splitlines() if line.startswith("| ")]
    header, *rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


@pytest.mark.skipif(_on_postgresql_pass(), reason="runs once, on the SQLite pass")
@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk; .ci/run does)"
)
def test_quick_run_names_every_benchmark_with_a_rate_and_no_errors() -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    environment.pop(TEST_DATABASE_URL_ENV, None)
    completed = subprocess.run(
        [str(ROOT / "scripts" / "bench"), "--quick", "--backends", "sqlite", "--markdown"],
        cwd=ROOT,
        env={
            **environment,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}",
        },
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    rows = _table_rows(completed.stdout)
    assert {row["benchmark"] for row in rows} == set(BENCHMARKS), completed.stdout
    for row in rows:
        assert row["backend"] == "sqlite"
        assert float(row["rate"].split()[0].replace(",", "")) > 0, row
        assert row["errors"] == "0", row
    assert "failed:" not in completed.stdout
    assert "stopped:" not in completed.stdout
