"""The inventory Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.inventory.models import Stock, StockTransaction

stocks = table_of(Stock)
transactions = table_of(StockTransaction)
