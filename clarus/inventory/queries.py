"""Reads of stock records."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from clarus.inventory.tables import stocks

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
