"""Reads over stock that are more than a lookup: the balances per product, account and
warehouse, aggregated in SQL. They join stock to the lines of open goods outs, so they belong to
outbound, which sits above inventory."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeAlias

from sqlalchemy import (
    ColumnElement,
    Subquery,
    case,
    cast,
    func,
    literal_column,
    null,
    select,
    type_coerce,
)
from sqlalchemy.sql.selectable import Select

from clarus.core.db import DecimalType, UTCDateTime
from clarus.inventory.statuses import Movement, StockStatus
from clarus.inventory.tables import stocks, transactions
from clarus.outbound.statuses import FINISHED
from clarus.outbound.tables import goods_out_lines, goods_outs

BALANCE_KEY = ("product_id", "account_id", "warehouse_id")
"""What a balance is of: one row per product, account and warehouse."""
BALANCE_MEASURES = ("available", "allocated", "held", "ordered", "picked", "received")
_PRESENT = "present"
_NONE: ColumnElement[Decimal] = cast(null(), DecimalType)
"""Typed: PostgreSQL reads an untyped NULL in every arm of a union as text."""

BalanceKey: TypeAlias = tuple[ColumnElement[int], ColumnElement[int], ColumnElement[int]]
"""The columns of a source that are its `BALANCE_KEY`."""
Changed: TypeAlias = tuple[ColumnElement[dt.datetime], ColumnElement[dt.datetime]]
"""When a source's row was created and last updated."""
BalanceRows: TypeAlias = Select[
    int,
    int,
    int,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    int,
    dt.datetime,
    dt.datetime,
]
"""A source's rows: `BALANCE_KEY`, `BALANCE_MEASURES`, whether the row makes the balance exist on
its own, `created_at` and `updated_at`."""


def stock_balances(tenant_id: int) -> Subquery:
    """A row per product, account and warehouse with stock above 0 or lines of orders still
        open (not completed or cancelled, with a warehouse), with its `BALANCE_MEASURES`:

        - available: quantity less allocated, of available stock;
        - allocated: reserved for orders;
        - held: quantity of held stock;
        - ordered: order quantity not yet dispatched, of open orders;
        - picked: picked but not yet dispatched, of open orders;
        - received: the sum of the receipt transactions (received at any time);

    and `created_at` and `updated_at`, the earliest creation and the latest change among the rows
    it sums (stock records, open order lines, receipt transactions).

        One statement: each source gives rows of (key, measures), united and summed per key."""
    parts = (
        _stock_rows(tenant_id)
        .union_all(_open_order_rows(tenant_id), _receipt_rows(tenant_id))
        .subquery("balance_parts")
    )
    key = [parts.c[name] for name in BALANCE_KEY]
    totals = [
        type_coerce(func.coalesce(func.sum(parts.c[name]), 0), DecimalType).label(name)
        for name in BALANCE_MEASURES
    ]
    created_at = type_coerce(func.min(parts.c.created_at), UTCDateTime).label("created_at")
    updated_at = type_coerce(func.max(parts.c.updated_at), UTCDateTime).label("updated_at")
    return (
        select(*key, *totals, created_at, updated_at)
        .group_by(*key)
        .having(func.max(parts.c[_PRESENT]) == 1)
        .subquery("stock_balances")
    )


def _rows(
    key: BalanceKey,
    present: bool,
    changed: Changed,
    **measures: ColumnElement[Decimal],
) -> BalanceRows:
    """A source's rows: its key, its `measures` (null for the others), whether a row makes
    the balance exist on its own, and when it was `changed` (created and updated)."""
    values = [measures.get(name, _NONE).label(name) for name in BALANCE_MEASURES]
    flag: ColumnElement[int] = literal_column("1" if present else "0").label(_PRESENT)
    return select(
        *[column.label(name) for column, name in zip(key, BALANCE_KEY, strict=True)],
        *values,
        flag,
        changed[0].label("created_at"),
        changed[1].label("updated_at"),
    )


def _stock_rows(tenant_id: int) -> BalanceRows:
    is_available = stocks.c.status == StockStatus.AVAILABLE
    return _rows(
        (stocks.c.product_id, stocks.c.account_id, stocks.c.warehouse_id),
        present=True,
        changed=(stocks.c.created_at, stocks.c.updated_at),
        available=case((is_available, stocks.c.quantity - stocks.c.allocated_quantity), else_=0),
        allocated=stocks.c.allocated_quantity,
        held=case((stocks.c.status == StockStatus.HELD, stocks.c.quantity), else_=0),
    ).where(stocks.c.tenant_id == tenant_id, stocks.c.quantity > 0)


def _open_order_rows(tenant_id: int) -> BalanceRows:
    lines = goods_out_lines
    return (
        _rows(
            (lines.c.product_id, goods_outs.c.account_id, goods_outs.c.warehouse_id),
            present=True,
            changed=(lines.c.created_at, lines.c.updated_at),
            ordered=lines.c.order_quantity - lines.c.dispatch_quantity,
            picked=lines.c.pick_quantity - lines.c.dispatch_quantity,
        )
        .join_from(lines, goods_outs, lines.c.goods_out_id == goods_outs.c.id)
        .where(
            lines.c.tenant_id == tenant_id,
            goods_outs.c.tenant_id == tenant_id,
            goods_outs.c.goods_out_status_id.not_in([status.value for status in FINISHED]),
            goods_outs.c.warehouse_id.is_not(None),
        )
    )


def _receipt_rows(tenant_id: int) -> BalanceRows:
    return _rows(
        (transactions.c.product_id, transactions.c.account_id, transactions.c.warehouse_id),
        present=False,
        changed=(transactions.c.created_at, transactions.c.created_at),
        received=transactions.c.quantity,
    ).where(transactions.c.tenant_id == tenant_id, transactions.c.category == Movement.RECEIPT)
