"""Receipt task confirmations: what a completed receive task confirms, as a JSON document an
upstream system can file (the contract's "configured export format"; JSON is ours)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.errors import ClarusError, ErrorKind
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.masterdata.tables import accounts, locations
from clarus.tasks.service import fetch_task
from clarus.tasks.statuses import TaskStatus, TaskType
from clarus.tasks.tables import tasks


class ReceiptTaskConfirmation(TypedDict):
    """The confirmation document, quantities as plain numbers."""

    task_id: int
    status: str
    product_code: str
    confirmed_quantity: float | None
    expected_quantity: float
    location_code: str | None
    completed_at: dt.datetime | None
    goods_in_receipt_id: int
    receipt_reference: str | None
    external_system_reference1: str | None
    goods_in_receipt_line_id: int
    alt_line_number: str | None
    batch: str | None
    account_code: str


async def receipt_task_confirmation(
    session: AsyncSession, *, tenant_id: int, task_id: int
) -> ReceiptTaskConfirmation:
    """The confirmation of a completed RCV task (404 for no such task of the tenant; 422 for a
    task of another type or not completed)."""
    task = await fetch_task(session, tenant_id=tenant_id, task_id=task_id)
    if task["task_type_code"] != TaskType.RECEIVE or task["status"] != TaskStatus.COMPLETED:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"task {task_id} is a {task['status']} {task['task_type_code']} task; only a"
            " completed receive (RCV) task has a confirmation.",
            task_type_code=task["task_type_code"],
            status=task["status"],
        )
    statement = (
        select(
            tasks.c.id.label("task_id"),
            tasks.c.status,
            products.c.code.label("product_code"),
            tasks.c.confirmed_quantity,
            goods_in_receipt_lines.c.expected_quantity,
            locations.c.code.label("location_code"),
            tasks.c.completed_at,
            goods_in_receipts.c.id.label("goods_in_receipt_id"),
            goods_in_receipts.c.reference.label("receipt_reference"),
            goods_in_receipts.c.external_system_reference1,
            goods_in_receipt_lines.c.id.label("goods_in_receipt_line_id"),
            goods_in_receipt_lines.c.alt_line_number,
            goods_in_receipt_lines.c.string1.label("batch"),
            accounts.c.code.label("account_code"),
        )
        .select_from(tasks)
        .join(products, products.c.id == tasks.c.product_id)
        .join(goods_in_receipts, goods_in_receipts.c.id == tasks.c.goods_in_receipt_id)
        .join(
            goods_in_receipt_lines, goods_in_receipt_lines.c.id == tasks.c.goods_in_receipt_line_id
        )
        .join(accounts, accounts.c.id == tasks.c.account_id)
        .outerjoin(locations, locations.c.id == tasks.c.location_to_id)
        .where(tasks.c.id == task_id)
    )
    row = (await session.execute(statement)).mappings().one()
    confirmed = row["confirmed_quantity"]
    return ReceiptTaskConfirmation(
        task_id=row["task_id"],
        status=row["status"],
        product_code=row["product_code"],
        confirmed_quantity=None if confirmed is None else float(confirmed),
        expected_quantity=float(row["expected_quantity"]),
        location_code=row["location_code"],
        completed_at=row["completed_at"],
        goods_in_receipt_id=row["goods_in_receipt_id"],
        receipt_reference=row["receipt_reference"],
        external_system_reference1=row["external_system_reference1"],
        goods_in_receipt_line_id=row["goods_in_receipt_line_id"],
        alt_line_number=row["alt_line_number"],
        batch=row["batch"],
        account_code=row["account_code"],
    )
