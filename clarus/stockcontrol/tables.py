"""Stock control's Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.stockcontrol.models import StockCheck, StockCheckAttempt, StockCheckRecord

stock_checks = table_of(StockCheck)
stock_check_records = table_of(StockCheckRecord)
stock_check_attempts = table_of(StockCheckAttempt)
