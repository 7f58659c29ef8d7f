"""Allocation: reserving stock for what orders ask for, and releasing it again.

An order's lines take available, unheld stock of the order's account in its warehouse, in the
order the account's pick rule says (first in, first expiring, or earliest sell-by), keeping to
each line's batch and date ranges and to the customer's shelf life rule. Every reservation is
one guarded UPDATE (`allocated_quantity + q <= quantity`), so concurrent allocations can never
reserve the same unit twice. Lines are served in product order and stock in one fixed order per
product, so two allocations touching the same records always lock them in the same order and
cannot deadlock.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import table_of, utcnow
from clarus.core.records import Record, rows_changed
from clarus.inventory.ledger import stocks
from clarus.inventory.statuses import StockStatus
from clarus.masterdata.parties import Customer
from clarus.masterdata.service import accounts
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import allocations, goods_out_lines

customers = table_of(Customer)

ZERO = decimal.Decimal(0)
DATE_RANGES = (1, 2, 3, 4, 5)


def _pick_order(rule: str) -> list[Any]:
    by_rule = {
        "fefo": [stocks.c.datetime2.is_(None), stocks.c.datetime2],
        "sell_by": [stocks.c.datetime1.is_(None), stocks.c.datetime1],
    }
    return [*by_rule.get(rule, []), stocks.c.fifo_date, stocks.c.id]


async def allocate_lines(
    session: AsyncSession, *, tenant_id: int, order: Mapping[str, Any], lines: Sequence[Record]
) -> GoodsOutStatus:
    """Reserve what each line still lacks; the order's status as allocation leaves it."""
    wanted = sorted(
        (line for line in lines if _outstanding(line) > 0),
        key=lambda line: (line["product_id"], line["id"]),
    )
    candidates = await _candidates(session, tenant_id=tenant_id, order=order, lines=wanted)
    for line in wanted:
        reserved = await _reserve_for_line(
            session,
            tenant_id=tenant_id,
            order=order,
            line=line,
            stock=candidates[line["product_id"]],
        )
        if reserved:
            line["allocated_quantity"] += reserved
    return _status_after(lines)


def _outstanding(line: Mapping[str, Any]) -> decimal.Decimal:
    """What a line still lacks; nothing once its shortfall was accepted (`short_status`)."""
    if line["short_status"] is not None:
        return ZERO
    remaining: decimal.Decimal = line["order_quantity"] - line["allocated_quantity"]
    return max(ZERO, remaining)


def _status_after(lines: Sequence[Mapping[str, Any]]) -> GoodsOutStatus:
    if lines and all(_outstanding(line) == 0 for line in lines):
        return GoodsOutStatus.ALLOCATED
    if any(line["allocated_quantity"] > 0 for line in lines):
        return GoodsOutStatus.PART_ALLOCATED
    return GoodsOutStatus.PENDING


async def _candidates(
    session: AsyncSession, *, tenant_id: int, order: Mapping[str, Any], lines: Sequence[Record]
) -> dict[int, list[dict[str, Any]]]:
    """The account's available stock of the lines' products in the order's warehouse, per
    product in pick order, with what is still free of each."""
    if not lines:
        return {}
    rule_statement = select(accounts.c.pick_rule).where(accounts.c.id == order["account_id"])
    rule = (await session.execute(rule_statement)).scalar_one()
    statement = (
        select(stocks)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.account_id == order["account_id"],
            stocks.c.warehouse_id == order["warehouse_id"],
            stocks.c.product_id.in_({line["product_id"] for line in lines}),
            stocks.c.status == StockStatus.AVAILABLE,
            stocks.c.quantity > stocks.c.allocated_quantity,
        )
        .order_by(stocks.c.product_id, *_pick_order(rule))
    )
    window = await _shelf_life_window(session, order)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (await session.execute(statement)).mappings():
        stock = dict(row)
        if window.admits(stock):
            found[stock["product_id"]].append(stock)
    return found


@dataclass(frozen=True, slots=True)
class ShelfLifeWindow:
    """The customer's shelf life rule: stock must have at least `shelf_life_min` and at most
    `shelf_life_max` days left at the order's expected dispatch, counted to its sell-by date
    (`datetime1`), else its best-before (`datetime2`). Stock with neither date has no shelf
    life to check."""

    earliest: dt.datetime | None = None
    latest: dt.datetime | None = None

    def admits(self, stock: Mapping[str, Any]) -> bool:
        expiry = stock["datetime1"] or stock["datetime2"]
        if expiry is None:
            return True
        if self.earliest is not None and expiry < self.earliest:
            return False
        return self.latest is None or expiry <= self.latest


async def _shelf_life_window(session: AsyncSession, order: Mapping[str, Any]) -> ShelfLifeWindow:
    if order["customer_id"] is None:
        return ShelfLifeWindow()
    statement = select(customers.c.shelf_life_min, customers.c.shelf_life_max).where(
        customers.c.id == order["customer_id"]
    )
    shelf_life_min, shelf_life_max = (await session.execute(statement)).one()
    dispatch = order["expected_date_of_dispatch"]
    return ShelfLifeWindow(
        earliest=None if shelf_life_min is None else dispatch + dt.timedelta(days=shelf_life_min),
        latest=None if shelf_life_max is None else dispatch + dt.timedelta(days=shelf_life_max),
    )


def _fits(stock: Mapping[str, Any], line: Mapping[str, Any]) -> bool:
    """The line's batch (`string1`) and `datetimeN_from`/`_to` ranges, where it has them."""
    if line["string1"] is not None and stock["string1"] != line["string1"]:
        return False
    for n in DATE_RANGES:
        value, low, high = (
            stock.get(f"datetime{n}"),
            line[f"datetime{n}_from"],
            line[f"datetime{n}_to"],
        )
        if (low is not None or high is not None) and value is None:
            return False
        if (low is not None and value < low) or (high is not None and value > high):
            return False
    return True


async def _reserve_for_line(
    session: AsyncSession,
    *,
    tenant_id: int,
    order: Mapping[str, Any],
    line: Mapping[str, Any],
    stock: list[dict[str, Any]],
) -> decimal.Decimal:
    need = _outstanding(line)
    reserved_total = ZERO
    for record in stock:
        if need <= 0:
            break
        free = record["quantity"] - record["allocated_quantity"]
        if free <= 0 or not _fits(record, line):
            continue
        reserved = await _reserve(session, stock_id=record["id"], wanted=min(need, free))
        if reserved <= 0:
            continue
        record["allocated_quantity"] += reserved
        await _record_allocation(
            session,
            tenant_id=tenant_id,
            order=order,
            line=line,
            stock_id=record["id"],
            quantity=reserved,
        )
        need -= reserved
        reserved_total += reserved
    if reserved_total:
        await session.execute(
            update(goods_out_lines)
            .where(goods_out_lines.c.id == line["id"])
            .values(
                allocated_quantity=goods_out_lines.c.allocated_quantity + reserved_total,
                updated_at=utcnow(),
            )
        )
    return reserved_total


async def _reserve(
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


async def _record_allocation(
    session: AsyncSession,
    *,
    tenant_id: int,
    order: Mapping[str, Any],
    line: Mapping[str, Any],
    stock_id: int,
    quantity: decimal.Decimal,
) -> None:
    """One row per line and stock record: a later allocation of the same pair adds to it."""
    same = and_(allocations.c.goods_out_line_id == line["id"], allocations.c.stock_id == stock_id)
    added = await rows_changed(
        session, update(allocations).where(same).values(quantity=allocations.c.quantity + quantity)
    )
    if added == 0:
        await session.execute(
            insert(allocations).values(
                tenant_id=tenant_id,
                goods_out_id=order["id"],
                goods_out_line_id=line["id"],
                stock_id=stock_id,
                quantity=quantity,
                created_at=utcnow(),
            )
        )


async def release_allocations(
    session: AsyncSession, *, tenant_id: int, where: ColumnElement[bool]
) -> None:
    """Give back the stock of the allocations matching `where` (an order's, a line's): each
    stock record in id order, then the allocations and the lines' allocated quantities."""
    statement = (
        select(allocations.c.stock_id, allocations.c.quantity, allocations.c.goods_out_line_id)
        .where(allocations.c.tenant_id == tenant_id, where)
        .order_by(allocations.c.stock_id)
    )
    rows = (await session.execute(statement)).all()
    if not rows:
        return
    now = utcnow()
    for stock_id, quantity, _line_id in rows:
        await session.execute(
            update(stocks)
            .where(stocks.c.id == stock_id)
            .values(allocated_quantity=stocks.c.allocated_quantity - quantity, updated_at=now)
        )
    released: dict[int, decimal.Decimal] = defaultdict(lambda: ZERO)
    for _stock_id, quantity, line_id in rows:
        released[line_id] += quantity
    for line_id, quantity in sorted(released.items()):
        await session.execute(
            update(goods_out_lines)
            .where(goods_out_lines.c.id == line_id)
            .values(
                allocated_quantity=goods_out_lines.c.allocated_quantity - quantity, updated_at=now
            )
        )
    await session.execute(delete(allocations).where(allocations.c.tenant_id == tenant_id, where))
