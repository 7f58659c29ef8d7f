"""Reads of stock records."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from clarus.inventory.tables import stocks

STOCK_IN_HAND: ColumnElement[bool] = stocks.c.quantity > 0
"""Records that hold stock: one whose quantity reached 0 is history (its transactions remain)."""
