"""Stock checks and their records as stock control's steps and its answers read them: typed
records built from the row at the read (`shape=stock_check_row`)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TypedDict

from clarus.core.rows import row_shape
from clarus.stockcontrol.tables import stock_check_records, stock_checks


class StockCheckRow(TypedDict):
    """A row of `stock_checks`."""

    id: int
    tenant_id: int
    location_id: int
    warehouse_id: int
    account_id: int
    task_id: int
    status: str
    expected_completion_date: dt.datetime
    completed_at: dt.datetime | None
    resolved_at: dt.datetime | None
    user_created_by_id: int | None
    user_completed_by_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


stock_check_row = row_shape(StockCheckRow, stock_checks)


class StockCheckRecordRow(TypedDict):
    """A row of `stock_check_records`."""

    id: int
    tenant_id: int
    stock_check_id: int
    product_id: int
    batch: str | None
    sell_by_date: dt.date | None
    best_before_date: dt.date | None
    status: str
    attempt_count: int
    physical_count: decimal.Decimal | None
    system_count: decimal.Decimal | None
    variance: decimal.Decimal | None
    reason_code_id: int | None
    resolved_at: dt.datetime | None
    user_resolved_by_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


stock_check_record_row = row_shape(StockCheckRecordRow, stock_check_records)
