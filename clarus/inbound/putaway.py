"""Completing a put-away (PWAY) task: the received stock moves from the receiving location to
where it is stored (event `putaway_task` `completed`), and the receipt is `completed` once no
task of it is open. Putting away less than the task's quantity leaves a new put-away task for
the rest."""

from __future__ import annotations

import decimal
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import Record
from clarus.inbound.receiving import finish_if_done, locked_receipt_task
from clarus.inventory.ledger import Entry, emit_stock_events, put, take
from clarus.inventory.places import ensure_destination
from clarus.inventory.statuses import Movement
from clarus.tasks.service import (
    NewTask,
    complete_task,
    confirmed_quantity,
    emit_task_event,
    insert_tasks,
)
from clarus.tasks.statuses import TaskType

PUTAWAY_EVENTS = "putaway_task"


@dataclass(frozen=True, slots=True)
class Putaway:
    confirmed_quantity: decimal.Decimal | None
    location_to_id: int | None
    storage_unit_to_id: int | None


async def put_away(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task_id: int,
    putaway: Putaway,
    path: str = "",
) -> Record:
    """Complete the put-away task; the task as completed. `path`: where the attributes are
    in the input."""
    receipt, task = await locked_receipt_task(
        session, tenant_id=tenant_id, user_id=user_id, task_id=task_id, task_type=TaskType.PUTAWAY
    )
    location_id = _required_location(putaway, task, path)
    await ensure_destination(
        session,
        tenant_id=tenant_id,
        warehouse_id=task["warehouse_id"],
        location_id=location_id,
        storage_unit_id=putaway.storage_unit_to_id,
        path=path,
    )
    quantity = confirmed_quantity(
        task,
        putaway.confirmed_quantity,
        path=path,
        described=f"A put-away of task {task['id']} moves",
    )
    await _move_stock(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        task=task,
        putaway=putaway,
        location_id=location_id,
        quantity=quantity,
        path=path,
    )
    completed = await complete_task(
        session,
        tenant_id=tenant_id,
        task_id=task["id"],
        user_id=user_id,
        values={
            "confirmed_quantity": quantity,
            "location_to_id": location_id,
            "storage_unit_to_id": putaway.storage_unit_to_id,
        },
    )
    remainder = task["start_quantity"] - quantity
    if remainder > 0:
        await insert_tasks(
            session,
            tenant_id=tenant_id,
            rows=[_remainder(task, remainder, user_id)],
        )
    await emit_task_event(
        session,
        tenant_id=tenant_id,
        resource_name=PUTAWAY_EVENTS,
        event="completed",
        task=completed,
    )
    await finish_if_done(session, tenant_id=tenant_id, receipt=receipt)
    return completed


def _remainder(task: Record, quantity: decimal.Decimal, user_id: int) -> NewTask:
    """The put-away task of what a part put-away left: the same stock from the same place,
    offered the same destination."""
    return NewTask(
        task_type_code=TaskType(task["task_type_code"]),
        account_id=task["account_id"],
        warehouse_id=task["warehouse_id"],
        product_id=task["product_id"],
        location_from_id=task["location_from_id"],
        location_to_id=task["location_to_id"],
        storage_unit_from_id=task["storage_unit_from_id"],
        stock_id=task["stock_id"],
        parent_task_id=task["parent_task_id"],
        goods_in_receipt_id=task["goods_in_receipt_id"],
        goods_in_receipt_line_id=task["goods_in_receipt_line_id"],
        start_quantity=quantity,
        user_created_by_id=user_id,
    )


def _required_location(putaway: Putaway, task: Record, path: str) -> int:
    """The location sent, else the one the task suggests (its put-away rules' choice)."""
    location_id: int | None = putaway.location_to_id or task["location_to_id"]
    if location_id is None:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD,
            "A put-away needs the location the stock goes to.",
            path=f"{path}/location_to_id",
        )
    return location_id


async def _move_stock(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: Record,
    putaway: Putaway,
    location_id: int,
    quantity: decimal.Decimal,
    path: str,
) -> None:
    entry = Entry(Movement.PUTAWAY, user_id, goods_in_receipt_id=task["goods_in_receipt_id"])
    taken = await take(
        session,
        tenant_id=tenant_id,
        stock_id=task["stock_id"],
        quantity=quantity,
        entry=entry,
        location_to_id=location_id,
        path=f"{path}/confirmed_quantity",
    )
    storage_unit_id = putaway.storage_unit_to_id
    identity = replace(
        taken.identity,
        location_id=location_id,
        storage_unit_id=taken.storage_unit_id if storage_unit_id is None else storage_unit_id,
    )
    arrived = await put(
        session,
        tenant_id=tenant_id,
        identity=identity,
        quantity=quantity,
        fifo_date=taken.fifo_date,
        entry=entry,
        location_from_id=taken.location_id,
    )
    await emit_stock_events(session, tenant_id=tenant_id, event="moved", records=[taken, arrived])
