"""What the handheld count screen reads: the pending check to count next, its COUNT task
still open; and what the office resolves: the failed records of failed checks."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.masterdata.tables import locations
from clarus.stockcontrol.statuses import StockCheckRecordStatus, StockCheckStatus
from clarus.stockcontrol.tables import stock_check_records, stock_checks
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


@dataclass(frozen=True, slots=True)
class RecordToResolve:
    """A failed stock group of a failed check, as the office resolves it."""

    record_id: int
    stock_check_id: int
    location_code: str
    product_code: str
    batch: str | None
    best_before_date: dt.date | None
    physical_count: decimal.Decimal | None
    system_count: decimal.Decimal | None
    variance: decimal.Decimal | None


async def records_to_resolve(
    session: AsyncSession, *, tenant_id: int, limit: int
) -> list[RecordToResolve]:
    """The tenant's failed records of failed checks, oldest check first, at most `limit`; in
    one statement."""
    records = stock_check_records.c
    statement = (
        select(
            records.id,
            records.stock_check_id,
            locations.c.code.label("location_code"),
            products.c.code.label("product_code"),
            records.batch,
            records.best_before_date,
            records.physical_count,
            records.system_count,
            records.variance,
        )
        .join(stock_checks, stock_checks.c.id == records.stock_check_id)
        .join(locations, locations.c.id == stock_checks.c.location_id)
        .join(products, products.c.id == records.product_id)
        .where(
            records.tenant_id == tenant_id,
            records.status == StockCheckRecordStatus.FAILURE,
            stock_checks.c.status == StockCheckStatus.FAILED,
        )
        .order_by(records.stock_check_id, records.id)
        .limit(limit)
    )
    return [
        RecordToResolve(
            row.id,
            row.stock_check_id,
            row.location_code,
            row.product_code,
            row.batch,
            row.best_before_date,
            row.physical_count,
            row.system_count,
            row.variance,
        )
        for row in await session.execute(statement)
    ]


async def is_stock_check_record(session: AsyncSession, *, tenant_id: int, record_id: int) -> bool:
    """Whether the tenant has the stock check record `record_id` (another tenant's is none)."""
    statement = select(stock_check_records.c.id).where(
        stock_check_records.c.tenant_id == tenant_id, stock_check_records.c.id == record_id
    )
    return (await session.execute(statement)).first() is not None
