"""What the handheld count screen reads: the pending check to count next, its COUNT task
still open."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.masterdata.tables import locations
from clarus.stockcontrol.statuses import StockCheckStatus
from clarus.stockcontrol.tables import stock_checks
from clarus.tasks.statuses import OPEN
from clarus.tasks.tables import tasks


@dataclass(frozen=True, slots=True)
class CountToDo:
    stock_check_id: int
    location_id: int
    location_code: str


async def next_count(
    session: AsyncSession, *, tenant_id: int, stock_check_id: int | None = None
) -> CountToDo | None:
    """The tenant's pending check whose COUNT task is the oldest open one (or the check
    `stock_check_id`, when it is one of them), with its location's code, in one statement."""
    statement = (
        select(stock_checks.c.id, stock_checks.c.location_id, locations.c.code)
        .join(tasks, tasks.c.id == stock_checks.c.task_id)
        .join(locations, locations.c.id == stock_checks.c.location_id)
        .where(
            stock_checks.c.tenant_id == tenant_id,
            stock_checks.c.status == StockCheckStatus.PENDING,
            tasks.c.status.in_([status.value for status in OPEN]),
        )
        .order_by(tasks.c.id)
        .limit(1)
    )
    if stock_check_id is not None:
        statement = statement.where(stock_checks.c.id == stock_check_id)
    row = (await session.execute(statement)).one_or_none()
    return None if row is None else CountToDo(row.id, row.location_id, row.code)
