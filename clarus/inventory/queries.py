"""Reads of stock records: the order stock is taken in, and the stock on hold."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.listing import (
    ListFilter,
    ListRow,
    ListSelect,
    PageQuery,
    equal_to,
    matching_text,
    within,
)
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks, transactions
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


@dataclass(frozen=True, slots=True)
class ProductStockRow:
    product_id: int
    product_code: str | None
    description: str | None
    quantity: decimal.Decimal
    allocated_quantity: decimal.Decimal
    locations: int


@dataclass(frozen=True, slots=True)
class LocationStockRow:
    location_id: int
    location_code: str | None
    product_id: int
    product_code: str | None
    quantity: decimal.Decimal
    allocated_quantity: decimal.Decimal


def _stock_filters(tenant_id: int, filters: ListFilter) -> list[ColumnElement[bool]]:
    """Stock in hand of the tenant, of the account, warehouse and status (`available`, `held`)
    asked for; an unknown status matches none."""
    known = filters.status is None or filters.status in set(StockStatus)
    return [
        stocks.c.tenant_id == tenant_id,
        STOCK_IN_HAND,
        *([] if known else [false()]),
        *equal_to(stocks.c.status, filters.status),
        *equal_to(stocks.c.account_id, filters.account_id),
        *equal_to(stocks.c.warehouse_id, filters.warehouse_id),
    ]


def stock_by_product(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """Per product, the stock in hand that passes `filters`: how much, how much is allocated
    and in how many locations; the search on the product's code and description."""
    return (
        select(
            stocks.c.product_id,
            products.c.code.label("product_code"),
            products.c.description,
            func.sum(stocks.c.quantity).label("quantity"),
            func.sum(stocks.c.allocated_quantity).label("allocated_quantity"),
            func.count(func.distinct(stocks.c.location_id)).label("locations"),
        )
        .select_from(stocks.join(products, products.c.id == stocks.c.product_id))
        .where(
            *_stock_filters(tenant_id, filters),
            *matching_text(filters.search, products.c.code, products.c.description),
        )
        .group_by(stocks.c.product_id, products.c.code, products.c.description)
    )


def stock_by_location(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """Per location and product, the stock in hand that passes `filters`; the search on the
    location's code and the product's code."""
    return (
        select(
            stocks.c.location_id,
            locations.c.code.label("location_code"),
            stocks.c.product_id,
            products.c.code.label("product_code"),
            func.sum(stocks.c.quantity).label("quantity"),
            func.sum(stocks.c.allocated_quantity).label("allocated_quantity"),
        )
        .select_from(
            stocks.join(products, products.c.id == stocks.c.product_id).join(
                locations, locations.c.id == stocks.c.location_id
            )
        )
        .where(
            *_stock_filters(tenant_id, filters),
            *matching_text(filters.search, locations.c.code, products.c.code),
        )
        .group_by(stocks.c.location_id, locations.c.code, stocks.c.product_id, products.c.code)
    )


def _product_stock_row(row: ListRow) -> ProductStockRow:
    values = row._mapping
    return ProductStockRow(
        product_id=values["product_id"],
        product_code=values["product_code"],
        description=values["description"],
        quantity=decimal.Decimal(values["quantity"]),
        allocated_quantity=decimal.Decimal(values["allocated_quantity"] or 0),
        locations=int(values["locations"]),
    )


def _location_stock_row(row: ListRow) -> LocationStockRow:
    values = row._mapping
    return LocationStockRow(
        location_id=values["location_id"],
        location_code=values["location_code"],
        product_id=values["product_id"],
        product_code=values["product_code"],
        quantity=decimal.Decimal(values["quantity"]),
        allocated_quantity=decimal.Decimal(values["allocated_quantity"] or 0),
    )


product_stock_page: PageQuery[ProductStockRow] = PageQuery(
    stock_by_product, (stocks.c.product_id,), _product_stock_row
)
"""A page of `stock_by_product`, by product id descending: one grouped statement."""


location_stock_page: PageQuery[LocationStockRow] = PageQuery(
    stock_by_location, (stocks.c.location_id, stocks.c.product_id), _location_stock_row
)
"""A page of `stock_by_location`, by location then product id descending: one grouped
statement."""


@dataclass(frozen=True, slots=True)
class TransactionListRow:
    id: int
    category: str
    product_code: str | None
    quantity: decimal.Decimal
    location_from_code: str | None
    location_to_code: str | None
    description: str | None
    created_at: dt.datetime


def _transaction_list_row(row: ListRow) -> TransactionListRow:
    values = row._mapping
    return TransactionListRow(
        id=values["id"],
        category=values["category"],
        product_code=values["product_code"],
        quantity=decimal.Decimal(values["quantity"]),
        location_from_code=values["location_from_code"],
        location_to_code=values["location_to_code"],
        description=values["description"],
        created_at=values["created_at"],
    )


def transaction_list(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """The tenant's stock movements that pass `filters`: `status` is the movement's category,
    dates on when it was made, the search on the product's code and the description."""
    origin, destination = locations.alias("origin"), locations.alias("destination")
    source = (
        transactions.outerjoin(products, products.c.id == transactions.c.product_id)
        .outerjoin(origin, origin.c.id == transactions.c.location_from_id)
        .outerjoin(destination, destination.c.id == transactions.c.location_to_id)
    )
    return (
        select(
            transactions.c.id,
            transactions.c.category,
            products.c.code.label("product_code"),
            transactions.c.quantity,
            origin.c.code.label("location_from_code"),
            destination.c.code.label("location_to_code"),
            transactions.c.description,
            transactions.c.created_at,
        )
        .select_from(source)
        .where(
            transactions.c.tenant_id == tenant_id,
            *equal_to(transactions.c.category, filters.status),
            *equal_to(transactions.c.account_id, filters.account_id),
            *equal_to(transactions.c.warehouse_id, filters.warehouse_id),
            *within(transactions.c.created_at, filters.since, filters.until),
            *matching_text(filters.search, products.c.code, transactions.c.description),
        )
    )


transaction_page: PageQuery[TransactionListRow] = PageQuery(
    transaction_list, (transactions.c.id,), _transaction_list_row
)
"""A page of `transaction_list`, newest movement first: one statement."""


async def stock_of_product(
    session: AsyncSession, *, tenant_id: int, product_id: int, limit: int
) -> list[LocationStockRow]:
    """The first `limit` locations holding `product_id`, by location code: one statement."""
    statement = (
        stock_by_location(tenant_id=tenant_id, filters=ListFilter())
        .where(stocks.c.product_id == product_id)
        .order_by(locations.c.code)
        .limit(limit)
    )
    return [_location_stock_row(row) for row in await session.execute(statement)]


async def movable_stock_id(
    session: AsyncSession,
    *,
    tenant_id: int,
    location_id: int,
    product_id: int,
    quantity: decimal.Decimal,
) -> int | None:
    """The oldest (first in) stock record of the product in the location whose unallocated
    quantity covers `quantity`; None when none does."""
    statement = (
        select(stocks.c.id)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.location_id == location_id,
            stocks.c.product_id == product_id,
            stocks.c.quantity - stocks.c.allocated_quantity >= quantity,
        )
        .order_by(stocks.c.fifo_date, stocks.c.id)
        .limit(1)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def stock_totals_of_products(
    session: AsyncSession, *, tenant_id: int, product_ids: Collection[int]
) -> dict[int, ProductStockRow]:
    """Per product of `product_ids` that has stock in hand, its totals: one grouped statement."""
    statement = stock_by_product(tenant_id=tenant_id, filters=ListFilter()).where(
        stocks.c.product_id.in_(set(product_ids))
    )
    rows = (_product_stock_row(row) for row in await session.execute(statement))
    return {row.product_id: row for row in rows}
