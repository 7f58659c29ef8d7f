"""Completing a receive (RCV) task: the stock that arrived is put into the receiving location,
the line's received quantity grows by it, and a put-away (PWAY) task follows, or the stock goes
straight into its final location. Stock a crossdock order waits for goes to it at once
(`inbound.routing`): only the rest is put away. More or less than expected is recorded as it
is, never refused: the line's `received_quantity` then differs from its `expected_quantity`."""

from __future__ import annotations

import decimal

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.records import required
from clarus.inbound.destinations import receiving_location
from clarus.inbound.receiving import finish_if_done, locked_receipt_task
from clarus.inbound.routing import ReceivedStock, route_received
from clarus.inbound.rows import GoodsInReceiptLineRow, goods_in_receipt_line_row
from clarus.inbound.tables import goods_in_receipt_lines
from clarus.inventory.ledger import Entry, StockIdentity, emit_stock_events, put
from clarus.inventory.places import ensure_destination
from clarus.inventory.statuses import Movement, StockStatus
from clarus.stockcontrol.putaway_choice import suggested_location
from clarus.tasks.handlers import Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.service import complete_task, fetch_task, insert_tasks
from clarus.tasks.statuses import TaskType


async def receive_task(session: AsyncSession, *, tenant_id: int, task_id: int) -> TaskRow:
    """The receive task (404 when the tenant has none with this id: a PWAY task is none)."""
    return await fetch_task(
        session, tenant_id=tenant_id, task_id=task_id, task_type=TaskType.RECEIVE
    )


async def receive(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str = "",
    base_storage_unit_type_id: int | None = None,
    to_putaway_location: bool = False,
) -> TaskRow:
    """Complete the receive task as `completion` says (how much arrived, where, on what, with
    which serials); the task as completed. `path`: where the attributes are in the input;
    `to_putaway_location`: straight into the final location, no put-away task following."""
    receipt_row, task = await locked_receipt_task(
        session, tenant_id=tenant_id, user_id=user_id, task=task
    )
    location_id = completion.location_to_id or await receiving_location(
        session, tenant_id=tenant_id, task=task, path=path
    )
    await ensure_destination(
        session,
        tenant_id=tenant_id,
        warehouse_id=task["warehouse_id"],
        location_id=location_id,
        storage_unit_id=completion.storage_unit_to_id,
        storage_unit_type_id=base_storage_unit_type_id,
        path=path,
    )
    quantity = completion.confirmed_quantity
    if quantity is None:
        quantity = required(task["start_quantity"], "start_quantity")
    completed = await complete_task(
        session,
        tenant_id=tenant_id,
        task_id=task["id"],
        user_id=user_id,
        values={
            "confirmed_quantity": quantity,
            "location_to_id": location_id,
            "storage_unit_to_id": completion.storage_unit_to_id,
            "serial_numbers": completion.serial_numbers,
        },
    )
    line = await _count_received(
        session,
        required(completed["goods_in_receipt_line_id"], "goods_in_receipt_line_id"),
        quantity,
    )
    if quantity > 0:
        await _stock_received(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            task=completed,
            line=line,
            to_putaway_location=to_putaway_location,
        )
    await finish_if_done(session, tenant_id=tenant_id, receipt=receipt_row)
    return completed


async def _count_received(
    session: AsyncSession, line_id: int, quantity: decimal.Decimal
) -> GoodsInReceiptLineRow:
    lines = goods_in_receipt_lines
    statement = (
        update(lines)
        .where(lines.c.id == line_id)
        .values(received_quantity=lines.c.received_quantity + quantity, updated_at=utcnow())
        .returning(*lines.c)
    )
    return goods_in_receipt_line_row((await session.execute(statement)).mappings().one())


async def _stock_received(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    line: GoodsInReceiptLineRow,
    to_putaway_location: bool,
) -> None:
    """The stock in the task's location (event `stock` `received`), and its put-away task
    for what no route took (`inbound.routing`), unless it is already where it belongs; the
    put-away task's `location_to_id` is where the account's put-away rules send it
    (`stockcontrol.putaway_choice`), or null."""
    received = required(task["confirmed_quantity"], "confirmed_quantity")
    stock = await put(
        session,
        tenant_id=tenant_id,
        identity=StockIdentity(
            product_id=required(task["product_id"], "product_id"),
            account_id=task["account_id"],
            warehouse_id=task["warehouse_id"],
            location_id=required(task["location_to_id"], "location_to_id"),
            storage_unit_id=task["storage_unit_to_id"],
            status=StockStatus.AVAILABLE,
            string1=line["string1"],
            datetime1=line["datetime1"],
            datetime2=line["datetime2"],
        ),
        quantity=received,
        fifo_date=None,
        entry=Entry(Movement.RECEIPT, user_id, goods_in_receipt_id=task["goods_in_receipt_id"]),
    )
    await emit_stock_events(session, tenant_id=tenant_id, event="received", records=[stock])
    routed = await route_received(
        session,
        received=ReceivedStock(
            tenant_id=tenant_id,
            user_id=user_id,
            stock_id=stock.id,
            quantity=received,
            account_id=task["account_id"],
            warehouse_id=task["warehouse_id"],
            product_id=stock.product_id,
            goods_in_receipt_id=required(task["goods_in_receipt_id"], "goods_in_receipt_id"),
            goods_in_receipt_line_id=required(
                task["goods_in_receipt_line_id"], "goods_in_receipt_line_id"
            ),
        ),
    )
    left = received - routed
    if to_putaway_location or left <= 0:
        return
    suggested = await suggested_location(
        session,
        tenant_id=tenant_id,
        account_id=task["account_id"],
        warehouse_id=task["warehouse_id"],
        product_id=required(task["product_id"], "product_id"),
        from_location_id=task["location_to_id"],
    )
    await insert_tasks(
        session,
        tenant_id=tenant_id,
        rows=[
            {
                "task_type_code": TaskType.PUTAWAY,
                "account_id": task["account_id"],
                "warehouse_id": task["warehouse_id"],
                "product_id": task["product_id"],
                "location_from_id": task["location_to_id"],
                "location_to_id": suggested,
                "storage_unit_from_id": task["storage_unit_to_id"],
                "stock_id": stock.id,
                "start_quantity": left,
                "parent_task_id": task["id"],
                "goods_in_receipt_id": task["goods_in_receipt_id"],
                "goods_in_receipt_line_id": task["goods_in_receipt_line_id"],
                "user_created_by_id": user_id,
            }
        ],
    )
