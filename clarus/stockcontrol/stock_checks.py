"""Stock checks (cycle counts): create one for a location with its COUNT task, record blind
counts of its stock groups, and complete it. Resolving failed records is
`stock_check_resolution`. Each step locks the check first; services never commit."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import (
    fetch_record,
    insert_returning,
    update_returning,
)
from clarus.core.references import Reference, ensure_references_exist
from clarus.inventory.ledger import StockRecord
from clarus.inventory.tables import stocks
from clarus.masterdata.rows import LocationRow, location_row
from clarus.masterdata.tables import account_warehouses, accounts, locations
from clarus.stockcontrol.rows import StockCheckRecordRow, StockCheckRow, stock_check_row
from clarus.stockcontrol.statuses import MAX_ATTEMPTS, AttemptResult, StockCheckStatus
from clarus.stockcontrol.stock_check_groups import GroupKey, location_stock, system_counts
from clarus.stockcontrol.stock_check_records import (
    STOCK_CHECK_RESOURCE,
    add_attempts,
    add_records,
    emit_check_event,
    ensure_pending,
    latest_attempts,
    locked_check,
    records_of,
)
from clarus.stockcontrol.stock_check_schemas import (
    StockCheckAttemptAttributes,
    StockCheckAttributes,
)
from clarus.stockcontrol.tables import stock_check_attempts, stock_check_records, stock_checks
from clarus.tasks.handlers import Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.service import NewTask, complete_task, ensure_open, fetch_task, insert_tasks
from clarus.tasks.statuses import TaskType


@dataclass(frozen=True, slots=True)
class StockCheckState:
    """A check and its records, as they are after a step."""

    check: StockCheckRow
    records: list[StockCheckRecordRow]


@dataclass(frozen=True, slots=True)
class Attempt:
    """A count recorded: its result and number, in the group's record, of the check."""

    result: AttemptResult
    number: int
    record_id: int
    state: StockCheckState


async def create_stock_check(
    session: AsyncSession, *, tenant_id: int, user_id: int, attributes: StockCheckAttributes
) -> StockCheckState:
    """A pending check of the location with a record per stock group it holds, and its COUNT
    task; the location's pending check instead, when it has one."""
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[Reference(locations, attributes.location_id, "/location_id")],
    )
    location = await fetch_record(
        session,
        locations,
        tenant_id=tenant_id,
        record_id=attributes.location_id,
        resource="location",
        lock=True,
        shape=location_row,
    )
    pending = await _pending_check_of(session, tenant_id, location["id"])
    if pending is not None:
        return StockCheckState(pending, await records_of(session, pending["id"]))
    stock = await location_stock(session, tenant_id=tenant_id, location_id=location["id"])
    account_id = await _account_of(session, tenant_id, location, stock)
    [task] = await insert_tasks(
        session,
        tenant_id=tenant_id,
        rows=[
            NewTask(
                task_type_code=TaskType.STOCK_CHECK,
                account_id=account_id,
                warehouse_id=location["warehouse_id"],
                location_from_id=location["id"],
                user_created_by_id=user_id,
                end_at=attributes.expected_completion_date,
            )
        ],
    )
    check = await insert_returning(
        session,
        stock_checks,
        tenant_id=tenant_id,
        values={
            "location_id": location["id"],
            "warehouse_id": location["warehouse_id"],
            "account_id": account_id,
            "task_id": task["id"],
            "status": StockCheckStatus.PENDING,
            "expected_completion_date": attributes.expected_completion_date,
            "user_created_by_id": user_id,
        },
        shape=stock_check_row,
    )
    keys = sorted(system_counts(stock), key=_sort_key)
    records = await add_records(session, tenant_id=tenant_id, stock_check_id=check["id"], keys=keys)
    await emit_check_event(
        session, tenant_id=tenant_id, event="created", check=check, records=records
    )
    return StockCheckState(check, records)


def _sort_key(key: GroupKey) -> tuple[int, str, dt.date, dt.date]:
    return (
        key.product_id,
        key.batch or "",
        key.sell_by_date or dt.date.min,
        key.best_before_date or dt.date.min,
    )


async def _pending_check_of(
    session: AsyncSession, tenant_id: int, location_id: int
) -> StockCheckRow | None:
    statement = select(stock_checks).where(
        stock_checks.c.tenant_id == tenant_id,
        stock_checks.c.location_id == location_id,
        stock_checks.c.status == StockCheckStatus.PENDING,
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    return None if row is None else stock_check_row(row)


async def _account_of(
    session: AsyncSession, tenant_id: int, location: LocationRow, stock: list[StockRecord]
) -> int:
    """The account of the location's oldest stock record, else the first account operating in
    its warehouse, else the tenant's first active account."""
    if stock:
        return stock[0].account_id
    in_warehouse = (
        select(account_warehouses.c.account_id)
        .where(
            account_warehouses.c.tenant_id == tenant_id,
            account_warehouses.c.warehouse_id == location["warehouse_id"],
        )
        .order_by(account_warehouses.c.id)
        .limit(1)
    )
    any_active = (
        select(accounts.c.id)
        .where(accounts.c.tenant_id == tenant_id, accounts.c.is_active.is_(True))
        .order_by(accounts.c.id)
        .limit(1)
    )
    for statement in (in_warehouse, any_active):
        found = (await session.execute(statement)).scalar_one_or_none()
        if found is not None:
            return int(found)
    raise ClarusError.of(ErrorKind.STOCK_CHECK_NO_ACCOUNT, path="/location_id")


async def record_attempt(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    stock_check_id: int,
    attributes: StockCheckAttemptAttributes,
) -> Attempt:
    """A blind count of one group against what the system holds of it now; a group the check
    did not expect gets a record. A third attempt is refused."""
    check = await locked_check(session, tenant_id=tenant_id, stock_check_id=stock_check_id)
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[Reference(products, attributes.product_id, "/product_id")],
    )
    await _ensure_counting(session, tenant_id, check)
    key = GroupKey.of_record(attributes.model_dump())
    records = await records_of(session, check["id"])
    record = next((each for each in records if GroupKey.of_record(each) == key), None)
    if record is not None and record["attempt_count"] >= MAX_ATTEMPTS:
        raise ClarusError.of(
            ErrorKind.STOCK_CHECK_ATTEMPTS_EXHAUSTED,
            path="/product_id",
            stock_check_record_id=record["id"],
            attempts=record["attempt_count"],
        )
    if record is None:
        [record] = await add_records(
            session, tenant_id=tenant_id, stock_check_id=check["id"], keys=[key]
        )
    stock = await location_stock(
        session,
        tenant_id=tenant_id,
        location_id=check["location_id"],
        product_ids=[key.product_id],
    )
    system = system_counts(stock).get(key, decimal.Decimal(0))
    results = await add_attempts(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        counts={record["id"]: (attributes.physical_count, system)},
        records={record["id"]: record},
    )
    state = StockCheckState(check, await records_of(session, check["id"]))
    return Attempt(results[record["id"]], record["attempt_count"] + 1, record["id"], state)


async def _ensure_counting(session: AsyncSession, tenant_id: int, check: StockCheckRow) -> TaskRow:
    """The check is pending and its task open; the task."""
    ensure_pending(check)
    task = await fetch_task(session, tenant_id=tenant_id, task_id=check["task_id"])
    ensure_open(task)
    return task


async def complete_stock_check(
    session: AsyncSession, *, tenant_id: int, user_id: int, stock_check_id: int
) -> StockCheckState:
    """`POST /api/stock_checks/{id}/complete`: the check counted through and its task
    completed."""
    check = await locked_check(session, tenant_id=tenant_id, stock_check_id=stock_check_id)
    task = await _ensure_counting(session, tenant_id, check)
    await complete_task(
        session, tenant_id=tenant_id, task_id=task["id"], user_id=user_id, values={}
    )
    return await _finish(session, tenant_id=tenant_id, user_id=user_id, check=check)


async def complete_stock_check_task(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str,
) -> TaskRow:
    """A COUNT task completed through the tasks API completes its stock check as `complete`
    does; the task as it ends."""
    statement = select(stock_checks.c.id).where(
        stock_checks.c.tenant_id == tenant_id, stock_checks.c.task_id == task["id"]
    )
    stock_check_id = (await session.execute(statement)).scalar_one()
    check = await locked_check(session, tenant_id=tenant_id, stock_check_id=stock_check_id)
    ensure_pending(check)
    completed = await complete_task(
        session, tenant_id=tenant_id, task_id=task["id"], user_id=user_id, values={}
    )
    await _finish(session, tenant_id=tenant_id, user_id=user_id, check=check)
    return completed


async def _finish(
    session: AsyncSession, *, tenant_id: int, user_id: int, check: StockCheckRow
) -> StockCheckState:
    """Groups never counted are counted as zero (groups that arrived since the check began
    included); each record shows its system count and variance; the check passes when every
    latest attempt succeeded; the location and its stock are stamped as counted."""
    stock = await location_stock(
        session, tenant_id=tenant_id, location_id=check["location_id"], lock=True
    )
    counts = system_counts(stock)
    records = await records_of(session, check["id"])
    recorded = {GroupKey.of_record(record) for record in records}
    records += await add_records(
        session,
        tenant_id=tenant_id,
        stock_check_id=check["id"],
        keys=sorted((key for key in counts if key not in recorded), key=_sort_key),
    )
    uncounted = {record["id"]: record for record in records if record["attempt_count"] == 0}
    zero = decimal.Decimal(0)
    await add_attempts(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        counts={
            record_id: (zero, counts.get(GroupKey.of_record(record), zero))
            for record_id, record in uncounted.items()
        },
        records=uncounted,
    )
    records = await _reveal(session, check["id"])
    passed = all(record["status"] == AttemptResult.SUCCESS for record in records)
    now = utcnow()
    check = await update_returning(
        session,
        stock_checks,
        tenant_id=tenant_id,
        record_id=check["id"],
        values={
            "status": StockCheckStatus.PASSED if passed else StockCheckStatus.FAILED,
            "completed_at": now,
            "user_completed_by_id": user_id,
        },
        resource=STOCK_CHECK_RESOURCE,
        shape=stock_check_row,
    )
    counted = [record.id for record in stock if GroupKey.of_stock(record) in counts]
    await _stamp_counted(session, check["location_id"], counted, now)
    await emit_check_event(
        session, tenant_id=tenant_id, event="completed", check=check, records=records
    )
    return StockCheckState(check, records)


async def _reveal(session: AsyncSession, stock_check_id: int) -> list[StockCheckRecordRow]:
    """Each record's system count (its latest attempt's) and variance, in one UPDATE."""
    latest = latest_attempts(stock_check_attempts.c.system_count)
    await session.execute(
        update(stock_check_records)
        .where(stock_check_records.c.stock_check_id == stock_check_id)
        .values(system_count=latest, variance=stock_check_records.c.physical_count - latest)
    )
    return await records_of(session, stock_check_id)


async def _stamp_counted(
    session: AsyncSession, location_id: int, stock_ids: list[int], now: dt.datetime
) -> None:
    await session.execute(
        update(locations).where(locations.c.id == location_id).values(last_counted_at=now)
    )
    if stock_ids:
        await session.execute(
            update(stocks)
            .where(stocks.c.id.in_(stock_ids))
            .values(last_counted_at=now, updated_at=now)
        )
