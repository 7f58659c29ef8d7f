"""`POST /api/stock_checks/resolve`: failed records of failed checks get a `stock_check`
reason code and their variance is posted to the ledger as adjustments: found stock added to
the group's record, missing stock taken from the group's unallocated quantity. Stock allocated
to orders is never adjusted away: a variance that would need it is refused whole (deallocate,
or count again). A check whose failed records are all resolved is `resolved`."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import Record, records_named
from clarus.inventory.adjustment_events import emit_adjustment_event
from clarus.inventory.ledger import IDENTITY, Entry, put, take
from clarus.inventory.statuses import Movement, StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.reasons import ensure_reason_fits
from clarus.masterdata.tables import reason_codes
from clarus.stockcontrol.statuses import StockCheckRecordStatus, StockCheckStatus
from clarus.stockcontrol.stock_check_groups import GroupKey, in_group, location_stock
from clarus.stockcontrol.stock_check_records import emit_check_event, records_of
from clarus.stockcontrol.stock_check_schemas import StockCheckResolveRequest
from clarus.stockcontrol.tables import stock_check_records, stock_checks

IDS_PATH = "/stock_check_record_ids"
REASON_TYPE = "stock_check"


async def resolve_records(
    session: AsyncSession, *, tenant_id: int, user_id: int, request: StockCheckResolveRequest
) -> list[Record]:
    """All or nothing: the records resolved, their variances posted; the checks they belong
    to, in id order, as they are after it."""
    await _ensure_active_reason(session, tenant_id, request.reason_code_id)
    ids = request.stock_check_record_ids
    checks = await _locked_checks_of(session, tenant_id, ids)
    records = await records_named(
        session,
        stock_check_records,
        tenant_id=tenant_id,
        ids=ids,
        resource="stock check record",
        path=IDS_PATH,
    )
    _ensure_resolvable(ids, {record["id"]: record for record in records}, checks)
    await _lock_stock_of(session, tenant_id, checks.values(), records)
    for record in records:
        await _post_variance(
            session,
            tenant_id=tenant_id,
            check=checks[record["stock_check_id"]],
            record=record,
            entry_of=lambda movement, check_id: Entry(
                movement, user_id, request.reason_code_id, f"stock check {check_id}"
            ),
            path=f"{IDS_PATH}/{ids.index(record['id'])}",
        )
    now = utcnow()
    await session.execute(
        update(stock_check_records)
        .where(stock_check_records.c.id.in_(sorted(set(ids))))
        .values(
            status=StockCheckRecordStatus.RESOLVED,
            reason_code_id=request.reason_code_id,
            resolved_at=now,
            user_resolved_by_id=user_id,
            updated_at=now,
        )
    )
    return [await _settle(session, tenant_id, check) for check in checks.values()]


async def _ensure_active_reason(session: AsyncSession, tenant_id: int, reason_code_id: int) -> None:
    await ensure_reason_fits(session, tenant_id, reason_code_id, REASON_TYPE)
    statement = select(reason_codes.c.active).where(reason_codes.c.id == reason_code_id)
    if not (await session.execute(statement)).scalar_one():
        raise ClarusError.of(
            ErrorKind.REASON_CODE_INACTIVE,
            f"reason code {reason_code_id} is not active.",
            path="/reason_code_id",
        )


async def _locked_checks_of(
    session: AsyncSession, tenant_id: int, record_ids: Sequence[int]
) -> dict[int, Record]:
    """The checks the records belong to, locked in id order before the records are read, so
    two requests resolving one record run one after the other and the second finds it
    resolved."""
    owning = select(stock_check_records.c.stock_check_id).where(
        stock_check_records.c.tenant_id == tenant_id,
        stock_check_records.c.id.in_(sorted(set(record_ids))),
    )
    statement = (
        select(stock_checks)
        .where(stock_checks.c.tenant_id == tenant_id, stock_checks.c.id.in_(owning))
        .order_by(stock_checks.c.id)
        .with_for_update()
    )
    return {row["id"]: dict(row) for row in (await session.execute(statement)).mappings()}


def _ensure_resolvable(
    ids: Sequence[int], records: dict[int, Record], checks: dict[int, Record]
) -> None:
    problems = []
    for index, record_id in enumerate(ids):
        record = records[record_id]
        check = checks[record["stock_check_id"]]
        if record["status"] != StockCheckRecordStatus.FAILURE or (
            check["status"] != StockCheckStatus.FAILED
        ):
            problems.append(
                Problem(
                    ErrorKind.STOCK_CHECK_RECORD_NOT_FAILED,
                    f"stock check record {record_id} is {record['status']}, of a stock check"
                    f" that is {check['status']}.",
                    f"{IDS_PATH}/{index}",
                    {"status": record["status"], "stock_check_status": check["status"]},
                )
            )
        elif record_id in ids[:index]:
            problems.append(
                Problem(
                    ErrorKind.INVALID_VALUE,
                    f"stock check record {record_id} is named twice.",
                    f"{IDS_PATH}/{index}",
                )
            )
    if problems:
        raise ClarusError(*problems)


async def _lock_stock_of(
    session: AsyncSession,
    tenant_id: int,
    checks: Iterable[Record],
    records: Sequence[Record],
) -> None:
    """Every stock record a variance may change, locked in id order at once: allocation locks
    the same way, so the two wait for each other and never deadlock."""
    location_ids = sorted({check["location_id"] for check in checks})
    product_ids = sorted({record["product_id"] for record in records})
    statement = (
        select(stocks.c.id)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.location_id.in_(location_ids),
            stocks.c.product_id.in_(product_ids),
        )
        .order_by(stocks.c.id)
        .with_for_update()
    )
    await session.execute(statement)


async def _post_variance(
    session: AsyncSession,
    *,
    tenant_id: int,
    check: Record,
    record: Record,
    entry_of: Callable[[Movement, int], Entry],
    path: str,
) -> None:
    """The record's variance (counted less system) posted to its group's stock."""
    variance: decimal.Decimal = record["variance"]
    key = GroupKey.of_record(record)
    stock = await location_stock(
        session,
        tenant_id=tenant_id,
        location_id=check["location_id"],
        product_ids=[key.product_id],
    )
    group = in_group(stock, key)
    if variance > 0:
        found = await put(
            session,
            tenant_id=tenant_id,
            identity=_identity_for_found(check, key, group),
            quantity=variance,
            fifo_date=None,
            entry=entry_of(Movement.POSITIVE_ADJUSTMENT, check["id"]),
        )
        await emit_adjustment_event(
            session,
            tenant_id=tenant_id,
            event="positively_adjusted",
            stock=found,
            adjusted=variance,
        )
        return
    await _take_missing(
        session,
        tenant_id=tenant_id,
        group=group,
        missing=-variance,
        entry=entry_of(Movement.NEGATIVE_ADJUSTMENT, check["id"]),
        path=path,
    )


def _identity_for_found(check: Record, key: GroupKey, group: Sequence[Record]) -> dict[str, object]:
    """Found stock joins the group's oldest record; a group the location did not hold becomes
    a new available record of the check's account."""
    if group:
        return {name: group[0][name] for name in IDENTITY}
    return {
        **key.stock_identity(),
        "account_id": check["account_id"],
        "warehouse_id": check["warehouse_id"],
        "location_id": check["location_id"],
        "storage_unit_id": None,
        "status": StockStatus.AVAILABLE,
    }


async def _take_missing(
    session: AsyncSession,
    *,
    tenant_id: int,
    group: Sequence[Record],
    missing: decimal.Decimal,
    entry: Entry,
    path: str,
) -> None:
    """`missing` taken from the group's records in id order, each at most what is not
    allocated; refused whole when the unallocated stock is short of it."""
    unallocated = [(record, record["quantity"] - record["allocated_quantity"]) for record in group]
    free = sum((quantity for _record, quantity in unallocated), decimal.Decimal(0))
    if free < missing:
        allocated = sum((record["allocated_quantity"] for record in group), decimal.Decimal(0))
        raise ClarusError.of(
            ErrorKind.STOCK_CHECK_VARIANCE_ALLOCATED,
            f"{missing} is missing, but only {free} of the group is not allocated ({allocated}"
            " is); deallocate the orders, or count again.",
            path=path,
            missing=float(missing),
            unallocated=float(free),
            allocated=float(allocated),
        )
    for record, quantity in unallocated:
        taken = min(quantity, missing)
        if taken <= 0:
            continue
        left = await take(
            session,
            tenant_id=tenant_id,
            stock_id=record["id"],
            quantity=taken,
            entry=entry,
            path=path,
        )
        await emit_adjustment_event(
            session, tenant_id=tenant_id, event="negatively_adjusted", stock=left, adjusted=-taken
        )
        missing -= taken


async def _settle(session: AsyncSession, tenant_id: int, check: Record) -> Record:
    """The check `resolved` when none of its records is failed any longer."""
    statement = select(func.count()).where(
        stock_check_records.c.stock_check_id == check["id"],
        stock_check_records.c.status == StockCheckRecordStatus.FAILURE,
    )
    if (await session.execute(statement)).scalar_one():
        return check
    now = utcnow()
    statement_update = (
        update(stock_checks)
        .where(stock_checks.c.id == check["id"])
        .values(status=StockCheckStatus.RESOLVED, resolved_at=now, updated_at=now)
        .returning(*stock_checks.c)
    )
    resolved = dict((await session.execute(statement_update)).mappings().one())
    await emit_check_event(
        session,
        tenant_id=tenant_id,
        event="resolved",
        check=resolved,
        records=await records_of(session, check["id"]),
    )
    return resolved
