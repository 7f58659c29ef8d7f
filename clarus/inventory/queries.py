"""Reads of stock records: the order stock is taken in, and the stock on hold."""

from __future__ import annotations

import decimal
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import locations

PickOrderColumn = ColumnElement[bool] | ColumnElement[object]

STOCK_IN_HAND: ColumnElement[bool] = stocks.c.quantity > 0
"""Records that hold stock: one whose quantity reached 0 is history (its transactions remain)."""


def pick_order(rule: str) -> list[PickOrderColumn]:
    """The order stock is taken in by an account's pick rule (`fifo`, `fefo` by best-before,
    `sell_by`): the rule's date first (records without one last), then first in, then id.
    Allocation reserves and replenishment fetches stock in this order."""
    by_rule: dict[str, list[PickOrderColumn]] = {
        "fefo": [stocks.c.datetime2.is_(None), stocks.c.datetime2],
        "sell_by": [stocks.c.datetime1.is_(None), stocks.c.datetime1],
    }
    return [*by_rule.get(rule, []), stocks.c.fifo_date, stocks.c.id]


@dataclass(frozen=True, slots=True)
class HeldStockRecord:
    id: int
    product_id: int
    product_code: str | None
    location_code: str
    quantity: decimal.Decimal
    hold_description: str | None


@dataclass(frozen=True, slots=True)
class HeldStock:
    records: list[HeldStockRecord]
    """The first `limit`, oldest hold first."""
    total: int


async def held_stock(session: AsyncSession, *, tenant_id: int, limit: int) -> HeldStock:
    """The stock on hold (not to be allocated until released): the first `limit` records and
    how many in all, in one statement (a window count)."""
    statement = (
        select(
            stocks.c.id,
            stocks.c.product_id,
            products.c.code.label("product_code"),
            locations.c.code.label("location_code"),
            stocks.c.quantity,
            stocks.c.hold_description,
            func.count().over().label("total"),
        )
        .join(products, products.c.id == stocks.c.product_id)
        .join(locations, locations.c.id == stocks.c.location_id)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.status == StockStatus.HELD.value,
            STOCK_IN_HAND,
        )
        .order_by(stocks.c.updated_at, stocks.c.id)
        .limit(limit)
    )
    rows = (await session.execute(statement)).all()
    records = [
        HeldStockRecord(
            row.id,
            row.product_id,
            row.product_code,
            row.location_code,
            row.quantity,
            row.hold_description,
        )
        for row in rows
    ]
    return HeldStock(records, rows[0].total if rows else 0)
