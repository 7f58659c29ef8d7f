"""Tasks as the domains that create and complete them read them: typed records built from the
row at the read (`shape=task_row`), so a completer learns a task's columns from its type."""

from __future__ import annotations

import datetime as dt
import decimal

from clarus.core.rows import CustomFields, row_shape
from clarus.tasks.tables import tasks


class TaskRow(CustomFields):
    """A row of `tasks`."""

    id: int
    tenant_id: int
    task_type_code: str
    subtype: str
    status: str
    priority: int | None
    notes: str | None
    account_id: int
    warehouse_id: int
    product_id: int | None
    location_from_id: int | None
    location_to_id: int | None
    storage_unit_from_id: int | None
    storage_unit_to_id: int | None
    stock_id: int | None
    start_quantity: decimal.Decimal | None
    confirmed_quantity: decimal.Decimal | None
    stock_description: str | None
    serial_numbers: list[str] | None
    drop_sequence: int | None
    parent_task_id: int | None
    user_id: int | None
    user_created_by_id: int | None
    user_completed_by_id: int | None
    last_accessed_by_user_id: int | None
    assigned_at: dt.datetime | None
    start_at: dt.datetime | None
    end_at: dt.datetime | None
    completed_at: dt.datetime | None
    last_accessed_at: dt.datetime | None
    goods_in_receipt_id: int | None
    goods_in_receipt_line_id: int | None
    goods_out_id: int | None
    goods_out_line_id: int | None
    load_id: int | None
    load_drop_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


task_row = row_shape(TaskRow, tasks)
