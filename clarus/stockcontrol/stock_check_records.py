"""Reads and writes of a stock check's rows shared by its steps: the check locked, its records,
numbered attempts, and how answers and events show a check (blind while it is pending)."""

from __future__ import annotations

import decimal
from collections.abc import Collection, Mapping, Sequence
from typing import TypeVar

from sqlalchemy import Column, ScalarSelect, Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit
from clarus.core.records import RowDict, fetch_record, with_plain_numbers
from clarus.stockcontrol.rows import (
    StockCheckRecordRow,
    StockCheckRow,
    stock_check_record_row,
    stock_check_row,
)
from clarus.stockcontrol.statuses import (
    AttemptResult,
    StockCheckRecordStatus,
    StockCheckStatus,
)
from clarus.stockcontrol.stock_check_groups import GroupKey
from clarus.stockcontrol.tables import stock_check_attempts, stock_check_records, stock_checks

STOCK_CHECK_RESOURCE = "stock_check"
T = TypeVar("T")
INSERT_CHUNK = 500
"""Rows per multi-row INSERT: well inside SQLite's 32,766 bound parameters."""
REVEALED_AFTER_COUNTING = ("system_count", "variance")
"""What a counter must not see while the check is pending: the count is blind."""


async def locked_check(
    session: AsyncSession, *, tenant_id: int, stock_check_id: int
) -> StockCheckRow:
    """The check, held until the transaction ends: every step of one check runs after the
    other (404 when the tenant has none with this id)."""
    return await fetch_record(
        session,
        stock_checks,
        tenant_id=tenant_id,
        record_id=stock_check_id,
        resource=STOCK_CHECK_RESOURCE,
        lock=True,
        shape=stock_check_row,
    )


def ensure_pending(check: Mapping[str, object]) -> None:
    status = StockCheckStatus(str(check["status"]))
    if status is not StockCheckStatus.PENDING:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"stock check {check['id']} is {status.value}.",
            status=status.value,
            allowed_statuses=[StockCheckStatus.PENDING.value],
        )


async def records_of(session: AsyncSession, stock_check_id: int) -> list[StockCheckRecordRow]:
    statement = (
        select(stock_check_records)
        .where(stock_check_records.c.stock_check_id == stock_check_id)
        .order_by(stock_check_records.c.id)
    )
    return [stock_check_record_row(row) for row in (await session.execute(statement)).mappings()]


async def add_records(
    session: AsyncSession, *, tenant_id: int, stock_check_id: int, keys: Sequence[GroupKey]
) -> list[StockCheckRecordRow]:
    """A record per group, not counted yet, in the order given."""
    if not keys:
        return []
    now = utcnow()
    rows = [
        {
            **key.record_values(),
            "tenant_id": tenant_id,
            "stock_check_id": stock_check_id,
            "status": StockCheckRecordStatus.UNCOUNTED,
            "attempt_count": 0,
            "created_at": now,
            "updated_at": now,
        }
        for key in keys
    ]
    await insert_rows(session, stock_check_records, rows)
    wanted = set(keys)
    added = {
        GroupKey.of_record(record): record
        for record in await records_of(session, stock_check_id)
        if GroupKey.of_record(record) in wanted
    }
    return [added[key] for key in keys]


async def insert_rows(
    session: AsyncSession, table: Table, rows: Sequence[Mapping[str, object]]
) -> None:
    """Rows in multi-row INSERTs of at most INSERT_CHUNK rows: one statement each, where an
    executemany costs a round trip per row on some drivers."""
    for start in range(0, len(rows), INSERT_CHUNK):
        await session.execute(insert(table).values(list(rows[start : start + INSERT_CHUNK])))


def result_of(physical: decimal.Decimal, system: decimal.Decimal) -> AttemptResult:
    return AttemptResult.SUCCESS if physical == system else AttemptResult.FAILURE


async def add_attempts(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int | None,
    counts: Mapping[int, tuple[decimal.Decimal, decimal.Decimal]],
    records: Mapping[int, StockCheckRecordRow],
) -> dict[int, AttemptResult]:
    """The next attempt of each record (`counts`: record id to physical and system count), and
    the records brought up to it; each record's result."""
    if not counts:
        return {}
    now = utcnow()
    results = {
        record_id: result_of(physical, system) for record_id, (physical, system) in counts.items()
    }
    await insert_rows(
        session,
        stock_check_attempts,
        [
            {
                "tenant_id": tenant_id,
                "stock_check_record_id": record_id,
                "attempt_number": records[record_id]["attempt_count"] + 1,
                "physical_count": physical,
                "system_count": system,
                "result": results[record_id],
                "user_id": user_id,
                "created_at": now,
            }
            for record_id, (physical, system) in counts.items()
        ],
    )
    await session.execute(
        update(stock_check_records)
        .where(stock_check_records.c.id.in_(sorted(counts)))
        .values(
            attempt_count=stock_check_records.c.attempt_count + 1,
            physical_count=latest_attempts(stock_check_attempts.c.physical_count),
            status=latest_attempts(stock_check_attempts.c.result),
            updated_at=now,
        )
    )
    return results


def latest_attempts(column: Column[T]) -> ScalarSelect[T]:
    """`column` of the latest attempt of the record an UPDATE of records is at."""
    return (
        select(column)
        .where(stock_check_attempts.c.stock_check_record_id == stock_check_records.c.id)
        .order_by(stock_check_attempts.c.attempt_number.desc())
        .limit(1)
        .scalar_subquery()
    )


def shown_record(record: Mapping[str, object], *, blind: bool) -> RowDict:
    hidden = {"tenant_id", *(REVEALED_AFTER_COUNTING if blind else ())}
    shown = {name: value for name, value in record.items() if name not in hidden}
    if blind:
        shown.update(dict.fromkeys(REVEALED_AFTER_COUNTING))
    return with_plain_numbers(shown)


def shown_check(check: Mapping[str, object], records: Sequence[Mapping[str, object]]) -> RowDict:
    """The check with its records, as answers and events show it."""
    blind = check["status"] == StockCheckStatus.PENDING
    return {
        **{name: value for name, value in check.items() if name != "tenant_id"},
        "records": [shown_record(record, blind=blind) for record in records],
    }


async def emit_check_event(
    session: AsyncSession,
    *,
    tenant_id: int,
    event: str,
    check: Mapping[str, object],
    records: Sequence[Mapping[str, object]],
) -> None:
    check_id = check["id"]
    assert isinstance(check_id, int)
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=STOCK_CHECK_RESOURCE,
        event=event,
        record_id=check_id,
        payload=shown_check(check, records),
    )


async def lock_checks_of_tasks(session: AsyncSession, task_ids: Collection[int]) -> None:
    """The stock checks of these tasks, locked in id order (a `TASK_LOCKS` entry)."""
    statement = (
        select(stock_checks.c.id)
        .where(stock_checks.c.task_id.in_(sorted(task_ids)))
        .order_by(stock_checks.c.id)
        .with_for_update()
    )
    await session.execute(statement)
