"""`python -m bench.app`: the office pages' benchmark seeds its orders set-based, measures the
dashboard and the order list, and the order list's statements do not grow with its page size
(counted, not timed)."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from bench.app import PAGE_SIZES, SUBDOMAIN, order_list_statements, seed, sign_in
from clarus.api.application import create_app
from clarus.core.db import Database
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from tests.bench.test_scripts_bench import _on_postgresql_pass
from tests.conftest import TEST_DATABASE_URL_ENV

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_on_postgresql_pass(), reason="runs once, on the SQLite pass"),
]

ROOT = Path(__file__).resolve().parents[2]
ORDER_LINK = re.compile(r'<a href="/app/bench/office/orders/(\d+)">')


async def _pages(url: str) -> tuple[dict[int, int], dict[int, int]]:
    """The order list's statements and rows shown at each page size, 300 orders seeded."""
    await upgrade(url)
    app = create_app(Settings(database_url=url, webhook_worker_in_process=False))
    db: Database = app.state.db
    try:
        await seed(db, 300)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            await sign_in(http)
            statements = await order_list_statements(http, db)
            shown = {}
            for rows in PAGE_SIZES:
                page = await http.get(f"/app/{SUBDOMAIN}/office/orders?rows={rows}")
                shown[rows] = len(set(ORDER_LINK.findall(page.text)))
    finally:
        await db.dispose()
    return statements, shown


def test_the_order_list_runs_as_many_statements_at_25_and_at_100_rows(tmp_path: Path) -> None:
    statements, shown = asyncio.run(_pages(f"sqlite:///{tmp_path / 'bench.db'}"))
    assert shown == {25: 25, 100: 100}
    assert statements[25] == statements[100]


def test_a_small_run_prints_both_pages_with_constant_statements() -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    environment.pop(TEST_DATABASE_URL_ENV, None)
    command = ["-m", "bench.app", "--backends", "sqlite", "--orders", "500", "--requests", "2"]
    completed = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    [header, _rule, *rows] = completed.stdout.strip().splitlines()
    assert header.split()[:3] == ["backend", "page", "orders"]
    assert [row.split()[:3] for row in rows] == [
        ["sqlite", "dashboard", "500"],
        ["sqlite", "orders", "500"],
    ]
    for row in rows:
        *_figures, statements = row.split()
        assert statements.isdigit(), row
