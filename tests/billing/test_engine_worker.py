"""The charge engine as a process (`clarus billing charge`): killed with SIGKILL mid-run and
started again, it leaves no line written twice and none missing."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from clarus.billing.tables import charge_lines
from clarus.core.db import Database
from tests.billing.activity import DAYS, a_month_of_activity, closed_basket, storage_run
from tests.support import ApiClientFactory

CHECKOUT = Path(__file__).resolve().parents[2]
ENGINE_COMMAND = (
    sys.executable,
    "-c",
    "from clarus.cli.main import app; app()",
    "billing",
    "charge",
    "--batch-size",
    "1",
)


def _engine(database_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*ENGINE_COMMAND, "--database-url", database_url],
        env={**os.environ, "PYTHONPATH": str(CHECKOUT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _lines(db: Database, tenant_id: int) -> tuple[int, int]:
    """The tenant's lines and their distinct source keys."""
    async with db.read_session() as session:
        statement = select(func.count(), func.count(func.distinct(charge_lines.c.source_key)))
        row = (await session.execute(statement.where(charge_lines.c.tenant_id == tenant_id))).one()
    return int(row[0]), int(row[1])


async def test_a_killed_engine_run_again_charges_each_event_once(
    clients: ApiClientFactory, db: Database, database_url: str
) -> None:
    caller = await clients.new()
    billed = await a_month_of_activity(caller, charged=False)
    engine = _engine(database_url)
    for _ in range(3000):
        if (await _lines(db, caller.tenant_id))[0] > 0 or engine.poll() is not None:
            break
        await asyncio.sleep(0.01)
    engine.send_signal(signal.SIGKILL)
    engine.wait()
    rerun = _engine(database_url)
    assert await asyncio.to_thread(rerun.wait, 120) == 0
    assert await storage_run(caller, billed.first_day) == 0
    count, distinct = await _lines(db, caller.tenant_id)
    assert count == distinct == 6 + DAYS
    await closed_basket(caller, billed)
