"""Completing a receive (RCV) task: the stock that arrived is put into the receiving location,
the line's received quantity grows by it, and a put-away (PWAY) task follows, or the stock goes
straight into its final location. Stock a crossdock order waits for goes to it at once
(`inbound.routing`): only the rest is put away. More or less than expected is recorded as it
is, never refused: the line's `received_quantity` then differs from its `expected_quantity`."""

from __future__ import annotations

import decimal
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.records import Record
from clarus.inbound.destinations import receiving_location
from clarus.inbound.receiving import finish_if_done, locked_receipt_task
from clarus.inbound.routing import ReceivedStock, route_received
from clarus.inbound.tables import goods_in_receipt_lines
from clarus.inventory.ledger import Entry, StockIdentity, emit_stock_events, put
from clarus.inventory.places import ensure_destination
from clarus.inventory.statuses import Movement, StockStatus
from clarus.stockcontrol.putaway_choice import suggested_location
from clarus.tasks.service import complete_task, insert_tasks
from clarus.tasks.statuses import TaskType


@dataclass(frozen=True, slots=True)
class Receipt:
    """What arrived for a receive task: how much, where, on what, with which serials."""

    confirmed_quantity: decimal.Decimal | None
    location_to_id: int | None
    storage_unit_to_id: int | None
    serial_numbers: list[str] | None = None
    base_storage_unit_type_id: int | None = None
    to_putaway_location: bool = False
    """Straight into the final location: no put-away task follows."""


async def receive(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task_id: int,
    receipt: Receipt,
    path: str = "",
) -> Record:
    """Complete the receive task; the task as completed. `path`: where the attributes are
    in the input."""
    receipt_row, task = await locked_receipt_task(
        session, tenant_id=tenant_id, user_id=user_id, task_id=task_id, task_type=TaskType.RECEIVE
    )
    location_id = receipt.location_to_id or await receiving_location(
        session, tenant_id=tenant_id, task=task, path=path
    )
    await ensure_destination(
        session,
        tenant_id=tenant_id,
        warehouse_id=task["warehouse_id"],
        location_id=location_id,
        storage_unit_id=receipt.storage_unit_to_id,
        storage_unit_type_id=receipt.base_storage_unit_type_id,
        path=path,
    )
    quantity = (
        task["start_quantity"] if receipt.confirmed_quantity is None else receipt.confirmed_quantity
    )
    completed = await complete_task(
        session,
        tenant_id=tenant_id,
        task_id=task["id"],
        user_id=user_id,
        values={
            "confirmed_quantity": quantity,
            "location_to_id": location_id,
            "storage_unit_to_id": receipt.storage_unit_to_id,
            "serial_numbers": receipt.serial_numbers,
        },
    )
    line = await _count_received(session, completed["goods_in_receipt_line_id"], quantity)
    if quantity > 0:
        await _stock_received(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            task=completed,
            line=line,
            to_putaway_location=receipt.to_putaway_location,
        )
    await finish_if_done(session, tenant_id=tenant_id, receipt=receipt_row)
    return completed


async def _count_received(session: AsyncSession, line_id: int, quantity: decimal.Decimal) -> Record:
    lines = goods_in_receipt_lines
    statement = (
        update(lines)
        .where(lines.c.id == line_id)
        .values(received_quantity=lines.c.received_quantity + quantity, updated_at=utcnow())
        .returning(*lines.c)
    )
    return dict((await session.execute(statement)).mappings().one())


async def _stock_received(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: Record,
    line: Record,
    to_putaway_location: bool,
) -> None:
    """The stock in the task's location (event `stock` `received`), and its put-away task
    for what no route took (`inbound.routing`), unless it is already where it belongs; the
    put-away task's `location_to_id` is where the account's put-away rules send it
    (`stockcontrol.putaway_choice`), or null."""
    stock = await put(
        session,
        tenant_id=tenant_id,
        identity=StockIdentity(
            product_id=task["product_id"],
            account_id=task["account_id"],
            warehouse_id=task["warehouse_id"],
            location_id=task["location_to_id"],
            storage_unit_id=task["storage_unit_to_id"],
            status=StockStatus.AVAILABLE,
            string1=line["string1"],
            datetime1=line["datetime1"],
            datetime2=line["datetime2"],
        ),
        quantity=task["confirmed_quantity"],
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
            quantity=task["confirmed_quantity"],
            account_id=task["account_id"],
            warehouse_id=task["warehouse_id"],
            product_id=task["product_id"],
            goods_in_receipt_id=task["goods_in_receipt_id"],
            goods_in_receipt_line_id=task["goods_in_receipt_line_id"],
        ),
    )
    left = task["confirmed_quantity"] - routed
    if to_putaway_location or left <= 0:
        return
    suggested = await suggested_location(
        session,
        tenant_id=tenant_id,
        account_id=task["account_id"],
        warehouse_id=task["warehouse_id"],
        product_id=task["product_id"],
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
