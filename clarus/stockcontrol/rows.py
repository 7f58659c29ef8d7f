"""Stock checks and their records as stock control's steps and its answers read them: typed
records built from the row at the read (`shape=stock_check_row`)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping


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


def stock_check_row(row: RowMapping) -> StockCheckRow:
    return StockCheckRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        location_id=row["location_id"],
        warehouse_id=row["warehouse_id"],
        account_id=row["account_id"],
        task_id=row["task_id"],
        status=row["status"],
        expected_completion_date=row["expected_completion_date"],
        completed_at=row["completed_at"],
        resolved_at=row["resolved_at"],
        user_created_by_id=row["user_created_by_id"],
        user_completed_by_id=row["user_completed_by_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


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


def stock_check_record_row(row: RowMapping) -> StockCheckRecordRow:
    return StockCheckRecordRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        stock_check_id=row["stock_check_id"],
        product_id=row["product_id"],
        batch=row["batch"],
        sell_by_date=row["sell_by_date"],
        best_before_date=row["best_before_date"],
        status=row["status"],
        attempt_count=row["attempt_count"],
        physical_count=row["physical_count"],
        system_count=row["system_count"],
        variance=row["variance"],
        reason_code_id=row["reason_code_id"],
        resolved_at=row["resolved_at"],
        user_resolved_by_id=row["user_resolved_by_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
