"""Allocation: reserving stock for what orders ask for, and releasing it again.

An order's lines take available, unheld stock of the order's account in its warehouse, in the
order the account's pick rule says (first in, first expiring, or earliest sell-by), keeping to
each line's batch and date ranges and to the customer's shelf life rule. Every reservation is
one guarded UPDATE (`allocated_quantity + q <= quantity`), so concurrent allocations can never
reserve the same unit twice. Lines are served in product order and stock in one fixed order per
product, so two allocations touching the same records always lock them in the same order and
cannot deadlock. A pick face an allocation takes below its minimum is replenished at once
(`stockcontrol.replenishment`).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, RowMapping, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.records import add_per_record, per_record, required, rows_changed
from clarus.inventory.ledger import lock_stocks
from clarus.inventory.queries import pick_order
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, customers
from clarus.outbound.rows import GoodsOutLineRow, GoodsOutRow
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import allocations, goods_out_lines
from clarus.stockcontrol.replenishment import replenish_pick_faces

ZERO = decimal.Decimal(0)


@dataclass(frozen=True, slots=True)
class OrderToAllocate:
    """What allocation reads of a goods out."""

    id: int
    account_id: int
    warehouse_id: int
    customer_id: int | None
    expected_date_of_dispatch: dt.datetime

    @classmethod
    def of(cls, order: GoodsOutRow) -> OrderToAllocate:
        return cls(
            order["id"],
            order["account_id"],
            required(order["warehouse_id"], "warehouse_id"),
            order["customer_id"],
            order["expected_date_of_dispatch"],
        )


@dataclass(frozen=True, slots=True)
class DateRange:
    low: dt.datetime | None
    high: dt.datetime | None

    def admits(self, value: dt.datetime | None) -> bool:
        if self.low is None and self.high is None:
            return True
        if value is None:
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True, slots=True)
class LineToAllocate:
    """What allocation reads of a goods out line: what it lacks and which stock fits it."""

    id: int
    product_id: int
    allocated_quantity: decimal.Decimal
    outstanding: decimal.Decimal
    """What the line still lacks; nothing once its shortfall was accepted (`short_status`)."""
    string1: str | None
    date_ranges: tuple[DateRange, ...]
    """`datetimeN_from`/`_to` for N in 1 to 5."""

    @classmethod
    def of(cls, line: GoodsOutLineRow) -> LineToAllocate:
        allocated = line["allocated_quantity"]
        remaining = line["order_quantity"] - allocated
        return cls(
            id=line["id"],
            product_id=line["product_id"],
            allocated_quantity=allocated,
            outstanding=ZERO if line["short_status"] is not None else max(ZERO, remaining),
            string1=line["string1"],
            date_ranges=(
                DateRange(line["datetime1_from"], line["datetime1_to"]),
                DateRange(line["datetime2_from"], line["datetime2_to"]),
                DateRange(line["datetime3_from"], line["datetime3_to"]),
                DateRange(line["datetime4_from"], line["datetime4_to"]),
                DateRange(line["datetime5_from"], line["datetime5_to"]),
            ),
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """Available stock a line may take, as it was read before the reservation."""

    id: int
    product_id: int
    quantity: decimal.Decimal
    allocated_quantity: decimal.Decimal
    string1: str | None
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None

    @classmethod
    def of(cls, row: RowMapping) -> Candidate:
        return cls(
            row["id"],
            row["product_id"],
            row["quantity"],
            row["allocated_quantity"],
            row["string1"],
            row["datetime1"],
            row["datetime2"],
        )

    def fits(self, line: LineToAllocate) -> bool:
        """The line's batch (`string1`) and date ranges, where it has them (stock has dates
        1 and 2 only: a line with a range on another takes none)."""
        if line.string1 is not None and self.string1 != line.string1:
            return False
        dates = (self.datetime1, self.datetime2, None, None, None)
        return all(
            wanted.admits(value) for wanted, value in zip(line.date_ranges, dates, strict=True)
        )


class Candidates:
    """The candidates of each product in pick order, and what is still free of each as the
    allocation goes on."""

    def __init__(self, found: Sequence[Candidate]) -> None:
        self.by_product: dict[int, list[Candidate]] = defaultdict(list)
        self.free: dict[int, decimal.Decimal] = {}
        for candidate in found:
            self.by_product[candidate.product_id].append(candidate)
            self.free[candidate.id] = candidate.quantity - candidate.allocated_quantity

    def of(self, line: LineToAllocate) -> list[Candidate]:
        return [stock for stock in self.by_product.get(line.product_id, []) if stock.fits(line)]


async def allocate_lines(
    session: AsyncSession, *, tenant_id: int, order: GoodsOutRow, lines: Sequence[GoodsOutLineRow]
) -> GoodsOutStatus:
    """Reserve what each line still lacks; the order's status as allocation leaves it.

    The reservation is planned from one read of the candidates and made in one guarded UPDATE
    of the records planned (locked in id order first). Records another request took from in
    between fail their guard; the lines still lacking then try again, record by record."""
    every_line = [LineToAllocate.of(line) for line in lines]
    wanted = sorted(
        (line for line in every_line if line.outstanding > 0),
        key=lambda line: (line.product_id, line.id),
    )
    candidates = await _candidates(
        session, tenant_id=tenant_id, order=OrderToAllocate.of(order), lines=wanted
    )
    plan = _planned(wanted, candidates)
    granted = await _reserve_planned(session, plan)
    reserved = Reserved({key: quantity for key, quantity in plan.items() if key[1] in granted})
    if len(reserved) < len(plan):
        _forget_refused(plan, granted, candidates)
        for line in wanted:
            lacking = line.outstanding - reserved.of_line(line.id)
            if lacking > 0:
                await _reserve_record_by_record(session, line, lacking, candidates, reserved)
    await adjust_allocations(session, tenant_id=tenant_id, order_id=order["id"], changes=reserved)
    await replenish_pick_faces(
        session, tenant_id=tenant_id, stock_ids={stock_id for _line_id, stock_id in reserved}
    )
    by_line = {line.id: reserved.of_line(line.id) for line in wanted}
    await add_per_record(
        session,
        goods_out_lines,
        {line_id: {"allocated_quantity": q} for line_id, q in by_line.items() if q > 0},
    )
    return status_after(every_line, by_line)


class Reserved(dict[tuple[int, int], decimal.Decimal]):
    """(line id, stock id) to the quantity reserved of the record for the line."""

    def add(self, key: tuple[int, int], quantity: decimal.Decimal) -> None:
        self[key] = self.get(key, ZERO) + quantity

    def of_line(self, line_id: int) -> decimal.Decimal:
        return sum((q for (line, _stock), q in self.items() if line == line_id), ZERO)


def _planned(lines: Sequence[LineToAllocate], candidates: Candidates) -> Reserved:
    """What each line would take of each record, in pick order; the candidates' free
    quantities count the plan."""
    plan = Reserved()
    for line in lines:
        need = line.outstanding
        for record in candidates.of(line):
            if need <= 0:
                break
            free = candidates.free[record.id]
            if free <= 0:
                continue
            taken = min(need, free)
            plan.add((line.id, record.id), taken)
            candidates.free[record.id] -= taken
            need -= taken
    return plan


async def _reserve_planned(session: AsyncSession, plan: Reserved) -> set[int]:
    """The stock records whose planned reservations were made (all of a record's or none)."""
    amounts: dict[int, decimal.Decimal] = defaultdict(lambda: ZERO)
    for (_line_id, stock_id), quantity in plan.items():
        amounts[stock_id] += quantity
    if not amounts:
        return set()
    ids = sorted(amounts)
    await lock_stocks(session, ids)
    amount = per_record(stocks, amounts, stocks.c.allocated_quantity.type)
    statement = (
        update(stocks)
        .where(
            stocks.c.id.in_(ids),
            stocks.c.status == StockStatus.AVAILABLE,
            stocks.c.quantity - stocks.c.allocated_quantity >= amount,
        )
        .values(allocated_quantity=stocks.c.allocated_quantity + amount, updated_at=utcnow())
        .returning(stocks.c.id)
    )
    return set((await session.execute(statement)).scalars())


def _forget_refused(plan: Reserved, granted: set[int], candidates: Candidates) -> None:
    """Take back the planned shares of records that refused them: nothing is known of those
    records now but that they hold less than was read."""
    for (_line_id, stock_id), quantity in plan.items():
        if stock_id not in granted:
            candidates.free[stock_id] += quantity


async def _reserve_record_by_record(
    session: AsyncSession,
    line: LineToAllocate,
    lacking: decimal.Decimal,
    candidates: Candidates,
    reserved: Reserved,
) -> None:
    for record in candidates.of(line):
        if lacking <= 0:
            return
        free = candidates.free[record.id]
        if free <= 0:
            continue
        got = await reserve_up_to(session, stock_id=record.id, wanted=min(lacking, free))
        if got > 0:
            candidates.free[record.id] -= got
            reserved.add((line.id, record.id), got)
            lacking -= got


def status_after(
    lines: Sequence[LineToAllocate], added: Mapping[int, decimal.Decimal]
) -> GoodsOutStatus:
    """`added`: what this allocation reserved for each line."""
    if lines and all(line.outstanding <= added.get(line.id, ZERO) for line in lines):
        return GoodsOutStatus.ALLOCATED
    if any(line.allocated_quantity + added.get(line.id, ZERO) > 0 for line in lines):
        return GoodsOutStatus.PART_ALLOCATED
    return GoodsOutStatus.PENDING


async def _candidates(
    session: AsyncSession,
    *,
    tenant_id: int,
    order: OrderToAllocate,
    lines: Sequence[LineToAllocate],
) -> Candidates:
    """The account's available stock of the lines' products in the order's warehouse, per
    product in pick order, with what is still free of each."""
    if not lines:
        return Candidates([])
    rule_statement = select(accounts.c.pick_rule).where(accounts.c.id == order.account_id)
    rule = (await session.execute(rule_statement)).scalar_one()
    statement = (
        select(
            stocks.c.id,
            stocks.c.product_id,
            stocks.c.quantity,
            stocks.c.allocated_quantity,
            stocks.c.string1,
            stocks.c.datetime1,
            stocks.c.datetime2,
        )
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.account_id == order.account_id,
            stocks.c.warehouse_id == order.warehouse_id,
            stocks.c.product_id.in_({line.product_id for line in lines}),
            stocks.c.status == StockStatus.AVAILABLE,
            stocks.c.quantity > stocks.c.allocated_quantity,
        )
        .order_by(stocks.c.product_id, *pick_order(rule))
    )
    window = await _shelf_life_window(session, order)
    found = [Candidate.of(row) for row in (await session.execute(statement)).mappings()]
    return Candidates([stock for stock in found if window.admits(stock)])


@dataclass(frozen=True, slots=True)
class ShelfLifeWindow:
    """The customer's shelf life rule: stock must have at least `shelf_life_min` and at most
    `shelf_life_max` days left at the order's expected dispatch, counted to its sell-by date
    (`datetime1`), else its best-before (`datetime2`). Stock with neither date has no shelf
    life to check."""

    earliest: dt.datetime | None = None
    latest: dt.datetime | None = None

    def admits(self, stock: Candidate) -> bool:
        expiry = stock.datetime1 or stock.datetime2
        if expiry is None:
            return True
        if self.earliest is not None and expiry < self.earliest:
            return False
        return self.latest is None or expiry <= self.latest


async def _shelf_life_window(session: AsyncSession, order: OrderToAllocate) -> ShelfLifeWindow:
    if order.customer_id is None:
        return ShelfLifeWindow()
    statement = select(customers.c.shelf_life_min, customers.c.shelf_life_max).where(
        customers.c.id == order.customer_id
    )
    shelf_life_min, shelf_life_max = (await session.execute(statement)).one()
    dispatch = order.expected_date_of_dispatch
    return ShelfLifeWindow(
        earliest=None if shelf_life_min is None else _days_after(dispatch, shelf_life_min),
        latest=None if shelf_life_max is None else _days_after(dispatch, shelf_life_max),
    )


LAST_MOMENT = dt.datetime.max.replace(tzinfo=dt.UTC)


def _days_after(moment: dt.datetime, days: int) -> dt.datetime:
    """`days` after `moment`, or the last moment a datetime holds when that lies beyond it (a
    shelf life of 2**62 days, or one counted from a dispatch late in the year 9999)."""
    try:
        return moment + dt.timedelta(days=days)
    except OverflowError:
        return LAST_MOMENT


async def reserve_up_to(
    session: AsyncSession, *, stock_id: int, wanted: decimal.Decimal
) -> decimal.Decimal:
    """Reserve `wanted` of the record, or what is left of it if another request took some
    since it was read (then under a row lock, so the second try cannot lose again)."""
    if await _guarded_reserve(session, stock_id, wanted):
        return wanted
    statement = (
        select(stocks.c.quantity - stocks.c.allocated_quantity)
        .where(stocks.c.id == stock_id, stocks.c.status == StockStatus.AVAILABLE)
        .with_for_update()
    )
    free: decimal.Decimal = (await session.execute(statement)).scalar_one_or_none() or ZERO
    left = min(wanted, free)
    if left > 0 and await _guarded_reserve(session, stock_id, left):
        return left
    return ZERO


async def _guarded_reserve(session: AsyncSession, stock_id: int, quantity: decimal.Decimal) -> bool:
    statement = (
        update(stocks)
        .where(
            stocks.c.id == stock_id,
            stocks.c.status == StockStatus.AVAILABLE,
            stocks.c.quantity - stocks.c.allocated_quantity >= quantity,
        )
        .values(allocated_quantity=stocks.c.allocated_quantity + quantity, updated_at=utcnow())
    )
    return await rows_changed(session, statement) == 1


async def adjust_allocations(
    session: AsyncSession,
    *,
    tenant_id: int,
    order_id: int,
    changes: Mapping[tuple[int, int], decimal.Decimal],
) -> None:
    """Add each signed change to the order's allocation of (line id, stock id): one row per
    pair, made when a pair first gains, gone when it has nothing left. The caller holds the
    order's lock, so its allocations are read, worked out and written back: one read, then at
    most one DELETE, one UPDATE and one INSERT."""
    changes = {key: change for key, change in changes.items() if change != 0}
    if not changes:
        return
    statement = select(
        allocations.c.id,
        allocations.c.goods_out_line_id,
        allocations.c.stock_id,
        allocations.c.quantity,
    ).where(allocations.c.goods_out_id == order_id)
    existing = {
        (line_id, stock_id): (allocation_id, quantity)
        for allocation_id, line_id, stock_id, quantity in (await session.execute(statement)).all()
    }
    emptied = [
        existing[key][0]
        for key, change in changes.items()
        if key in existing and existing[key][1] + change <= 0
    ]
    if emptied:
        await session.execute(delete(allocations).where(allocations.c.id.in_(emptied)))
    await add_per_record(
        session,
        allocations,
        {
            existing[key][0]: {"quantity": change}
            for key, change in changes.items()
            if key in existing and existing[key][1] + change > 0
        },
    )
    now = utcnow()
    new_rows = [
        {
            "tenant_id": tenant_id,
            "goods_out_id": order_id,
            "goods_out_line_id": line_id,
            "stock_id": stock_id,
            "quantity": change,
            "created_at": now,
        }
        for (line_id, stock_id), change in changes.items()
        if (line_id, stock_id) not in existing and change > 0
    ]
    if new_rows:
        await session.execute(insert(allocations), new_rows)


async def release_allocations(
    session: AsyncSession, *, tenant_id: int, where: ColumnElement[bool]
) -> None:
    """Give back the stock of the allocations matching `where` (an order's, a line's): the
    stock records (locked in id order) and the lines' allocated quantities in one UPDATE each,
    then the allocations go."""
    statement = (
        select(allocations.c.stock_id, allocations.c.quantity, allocations.c.goods_out_line_id)
        .where(allocations.c.tenant_id == tenant_id, where)
        .order_by(allocations.c.stock_id)
    )
    rows = (await session.execute(statement)).all()
    if not rows:
        return
    of_stock: dict[int, decimal.Decimal] = defaultdict(lambda: ZERO)
    of_line: dict[int, decimal.Decimal] = defaultdict(lambda: ZERO)
    for stock_id, quantity, line_id in rows:
        of_stock[stock_id] += quantity
        of_line[line_id] += quantity
    await lock_stocks(session, of_stock)
    for table, released in ((stocks, of_stock), (goods_out_lines, of_line)):
        await add_per_record(
            session,
            table,
            {
                record_id: {"allocated_quantity": -quantity}
                for record_id, quantity in released.items()
            },
        )
    await session.execute(delete(allocations).where(allocations.c.tenant_id == tenant_id, where))
