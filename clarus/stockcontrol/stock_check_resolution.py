"""`POST /api/stock_checks/resolve`: failed records of failed checks get a `stock_check`
reason code and their variance is posted to the ledger as adjustments: found stock added to
the group's record, missing stock taken from the group's unallocated quantity. Stock allocated
to orders is never adjusted away: a variance that would need it is refused whole (deallocate,
or count again). A check whose failed records are all resolved is `resolved`."""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import records_named, required
from clarus.inventory.adjustment_events import emit_adjustment_events
from clarus.inventory.ledger import (
    Entry,
    Put,
    StockIdentity,
    StockRecord,
    Take,
    put_many,
    take_many,
)
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks
from clarus.masterdata.reasons import ensure_reason_fits
from clarus.masterdata.tables import reason_codes
from clarus.stockcontrol.rows import (
    StockCheckRecordRow,
    StockCheckRow,
    stock_check_record_row,
    stock_check_row,
)
from clarus.stockcontrol.statuses import StockCheckRecordStatus, StockCheckStatus
from clarus.stockcontrol.stock_check_groups import GroupKey
from clarus.stockcontrol.stock_check_records import emit_check_event, records_of
from clarus.stockcontrol.stock_check_schemas import StockCheckResolveRequest
from clarus.stockcontrol.tables import stock_check_records, stock_checks

IDS_PATH = "/stock_check_record_ids"
REASON_TYPE = "stock_check"


async def resolve_records(
    session: AsyncSession, *, tenant_id: int, user_id: int, request: StockCheckResolveRequest
) -> list[StockCheckRow]:
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
        shape=stock_check_record_row,
    )
    _ensure_resolvable(ids, {record["id"]: record for record in records}, checks)
    stock = await _locked_stock_of(session, tenant_id, checks.values(), records)
    for check_id, postings in _plan(ids, checks, records, stock).items():
        await _post(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            reason_code_id=request.reason_code_id,
            check_id=check_id,
            postings=postings,
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
) -> dict[int, StockCheckRow]:
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
    return {
        row["id"]: stock_check_row(row) for row in (await session.execute(statement)).mappings()
    }


def _ensure_resolvable(
    ids: Sequence[int],
    records: dict[int, StockCheckRecordRow],
    checks: dict[int, StockCheckRow],
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


async def _locked_stock_of(
    session: AsyncSession,
    tenant_id: int,
    checks: Iterable[StockCheckRow],
    records: Sequence[StockCheckRecordRow],
) -> dict[tuple[int, GroupKey], list[StockRecord]]:
    """Every stock record a variance may change, locked in id order at once (allocation locks
    the same way, so the two wait for each other and never deadlock), by location and group."""
    location_ids = sorted({check["location_id"] for check in checks})
    product_ids = sorted({record["product_id"] for record in records})
    statement = (
        select(stocks)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.location_id.in_(location_ids),
            stocks.c.product_id.in_(product_ids),
        )
        .order_by(stocks.c.id)
        .with_for_update()
    )
    groups: dict[tuple[int, GroupKey], list[StockRecord]] = {}
    for row in (await session.execute(statement)).mappings():
        stock = StockRecord.of(row)
        groups.setdefault((stock.location_id, GroupKey.of_stock(stock)), []).append(stock)
    return groups


@dataclass
class Postings:
    """What one check's resolved records post: found stock put, missing stock taken."""

    puts: list[Put] = field(default_factory=list)
    takes: list[Take] = field(default_factory=list)


def _plan(
    ids: Sequence[int],
    checks: dict[int, StockCheckRow],
    records: Sequence[StockCheckRecordRow],
    stock: dict[tuple[int, GroupKey], list[StockRecord]],
) -> dict[int, Postings]:
    """Per check, each record's variance as puts and takes; refused whole (every record at
    fault named) where missing stock is allocated to orders."""
    postings: dict[int, Postings] = {}
    problems = []
    for record in records:
        check = checks[record["stock_check_id"]]
        key = GroupKey.of_record(record)
        group = stock.get((check["location_id"], key), [])
        variance = required(record["variance"], "variance")
        planned = postings.setdefault(check["id"], Postings())
        if variance > 0:
            planned.puts.append(Put(_identity_for_found(check, key, group), variance))
            continue
        takes = _takes_of(group, -variance)
        if takes is None:
            problems.append(_allocated_problem(group, -variance, ids.index(record["id"])))
        else:
            planned.takes.extend(takes)
    if problems:
        raise ClarusError(*problems)
    return postings


def _identity_for_found(
    check: StockCheckRow, key: GroupKey, group: Sequence[StockRecord]
) -> StockIdentity:
    """Found stock joins the group's oldest record; a group the location did not hold becomes
    a new available record of the check's account."""
    if group:
        return group[0].identity
    return key.stock_identity(
        account_id=check["account_id"],
        warehouse_id=check["warehouse_id"],
        location_id=check["location_id"],
    )


def _takes_of(group: Sequence[StockRecord], missing: decimal.Decimal) -> list[Take] | None:
    """`missing` taken from the group's records in id order, each at most what is not
    allocated; None when the unallocated stock is short of it."""
    takes = []
    for record in group:
        free = record.quantity - record.allocated_quantity
        taken = min(free, missing)
        if taken > 0:
            takes.append(Take(record.id, taken))
            missing -= taken
    return takes if missing == 0 else None


def _allocated_problem(
    group: Sequence[StockRecord], missing: decimal.Decimal, index: int
) -> Problem:
    zero = decimal.Decimal(0)
    free = sum((record.quantity - record.allocated_quantity for record in group), zero)
    allocated = sum((record.allocated_quantity for record in group), zero)
    return Problem(
        ErrorKind.STOCK_CHECK_VARIANCE_ALLOCATED,
        f"{missing} is missing, but only {free} of the group is not allocated ({allocated} is);"
        " deallocate the orders, or count again.",
        f"{IDS_PATH}/{index}",
        {"missing": float(missing), "unallocated": float(free), "allocated": float(allocated)},
    )


async def _post(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    reason_code_id: int,
    check_id: int,
    postings: Postings,
) -> None:
    """One check's postings: the ledger rows with the reason, and the adjustment events."""
    description = f"stock check {check_id}"
    found = (
        await put_many(
            session,
            tenant_id=tenant_id,
            puts=postings.puts,
            entry=Entry(Movement.POSITIVE_ADJUSTMENT, user_id, reason_code_id, description),
        )
        if postings.puts
        else []
    )
    await emit_adjustment_events(
        session,
        tenant_id=tenant_id,
        event="positively_adjusted",
        adjusted=[(stock, put.quantity) for stock, put in zip(found, postings.puts, strict=True)],
    )
    taken = await take_many(
        session,
        tenant_id=tenant_id,
        takes=postings.takes,
        entry=Entry(Movement.NEGATIVE_ADJUSTMENT, user_id, reason_code_id, description),
        path=IDS_PATH,
    )
    await emit_adjustment_events(
        session,
        tenant_id=tenant_id,
        event="negatively_adjusted",
        adjusted=[
            (stock, -take.quantity) for stock, take in zip(taken, postings.takes, strict=True)
        ],
    )


async def _settle(session: AsyncSession, tenant_id: int, check: StockCheckRow) -> StockCheckRow:
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
    resolved = stock_check_row((await session.execute(statement_update)).mappings().one())
    await emit_check_event(
        session,
        tenant_id=tenant_id,
        event="resolved",
        check=resolved,
        records=await records_of(session, check["id"]),
    )
    return resolved
