"""Tasks as the domains that create and complete them read them: typed records built from the
row at the read (`shape=task_row`), so a completer learns a task's columns from its type."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping


class TaskRow(TypedDict):
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
    integer1: int | None
    integer2: int | None
    integer3: int | None
    integer4: int | None
    integer5: int | None
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None
    datetime3: dt.datetime | None
    datetime4: dt.datetime | None
    datetime5: dt.datetime | None
    boolean1: bool | None
    boolean2: bool | None
    boolean3: bool | None
    boolean4: bool | None
    boolean5: bool | None
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def task_row(row: RowMapping) -> TaskRow:
    return TaskRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        task_type_code=row["task_type_code"],
        subtype=row["subtype"],
        status=row["status"],
        priority=row["priority"],
        notes=row["notes"],
        account_id=row["account_id"],
        warehouse_id=row["warehouse_id"],
        product_id=row["product_id"],
        location_from_id=row["location_from_id"],
        location_to_id=row["location_to_id"],
        storage_unit_from_id=row["storage_unit_from_id"],
        storage_unit_to_id=row["storage_unit_to_id"],
        stock_id=row["stock_id"],
        start_quantity=row["start_quantity"],
        confirmed_quantity=row["confirmed_quantity"],
        stock_description=row["stock_description"],
        serial_numbers=row["serial_numbers"],
        drop_sequence=row["drop_sequence"],
        parent_task_id=row["parent_task_id"],
        user_id=row["user_id"],
        user_created_by_id=row["user_created_by_id"],
        user_completed_by_id=row["user_completed_by_id"],
        last_accessed_by_user_id=row["last_accessed_by_user_id"],
        assigned_at=row["assigned_at"],
        start_at=row["start_at"],
        end_at=row["end_at"],
        completed_at=row["completed_at"],
        last_accessed_at=row["last_accessed_at"],
        goods_in_receipt_id=row["goods_in_receipt_id"],
        goods_in_receipt_line_id=row["goods_in_receipt_line_id"],
        goods_out_id=row["goods_out_id"],
        goods_out_line_id=row["goods_out_line_id"],
        load_id=row["load_id"],
        load_drop_id=row["load_drop_id"],
        integer1=row["integer1"],
        integer2=row["integer2"],
        integer3=row["integer3"],
        integer4=row["integer4"],
        integer5=row["integer5"],
        datetime1=row["datetime1"],
        datetime2=row["datetime2"],
        datetime3=row["datetime3"],
        datetime4=row["datetime4"],
        datetime5=row["datetime5"],
        boolean1=row["boolean1"],
        boolean2=row["boolean2"],
        boolean3=row["boolean3"],
        boolean4=row["boolean4"],
        boolean5=row["boolean5"],
        string1=row["string1"],
        string2=row["string2"],
        string3=row["string3"],
        string4=row["string4"],
        string5=row["string5"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
