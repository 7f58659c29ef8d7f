"""Completing a REPLEN task (`PATCH /api/tasks/{id}` with `status: completed`, or
`complete_collection`): the confirmed quantity of the task's reserve stock moves to its pick
face through the ledger (a MOVE, described as the replenishment), with the stock's `moved`
events and the task's `replenishment_task` `completed` event.

The task is locked first, so two completions cannot both move its stock. What a task brings is
its `start_quantity` unless `confirmed_quantity` says less (the reserve may hold less than when
the task was made); a task confirmed short leaves the face lower, and the next trigger counts it.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import required
from clarus.inventory.ledger import Entry, emit_stock_events, put, take
from clarus.inventory.statuses import Movement
from clarus.stockcontrol.replenishment import REPLENISHMENT_EVENTS
from clarus.tasks.handlers import Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.service import (
    complete_task,
    confirmed_quantity,
    emit_task_event,
    ensure_open,
    fetch_task,
)


async def complete_replenishment(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str = "",
) -> TaskRow:
    """Complete the open REPLEN task as the operator reports: how much arrived (default: all
    the task brings), and where (default, and the only place allowed: the task's pick face);
    the task as completed. `path`: where the completion attributes are in the input."""
    task = await fetch_task(session, tenant_id=tenant_id, task_id=task["id"], lock=True)
    ensure_open(task, user_id=user_id)
    pick_face = _pick_face(task, completion, path)
    quantity = confirmed_quantity(
        task,
        completion.confirmed_quantity,
        path=path,
        described=f"replenishment task {task['id']} brings",
    )
    entry = Entry(Movement.MOVE, user_id, description=f"replenishment task {task['id']}")
    taken = await take(
        session,
        tenant_id=tenant_id,
        stock_id=required(task["stock_id"], "stock_id"),
        quantity=quantity,
        entry=entry,
        location_to_id=pick_face,
        path=f"{path}/confirmed_quantity",
    )
    arrived = await put(
        session,
        tenant_id=tenant_id,
        identity=replace(taken.identity, location_id=pick_face),
        quantity=quantity,
        fifo_date=taken.fifo_date,
        entry=entry,
        location_from_id=taken.location_id,
    )
    await emit_stock_events(session, tenant_id=tenant_id, event="moved", records=[taken, arrived])
    completed = await complete_task(
        session,
        tenant_id=tenant_id,
        task_id=task["id"],
        user_id=user_id,
        values={"confirmed_quantity": quantity, "location_to_id": pick_face},
    )
    await emit_task_event(
        session,
        tenant_id=tenant_id,
        resource_name=REPLENISHMENT_EVENTS,
        event="completed",
        task=completed,
    )
    return completed


def _pick_face(task: TaskRow, completion: Completion, path: str) -> int:
    pick_face = required(task["location_to_id"], "location_to_id")
    if completion.location_to_id not in (None, pick_face):
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"replenishment task {task['id']} fills pick face {pick_face}; stock for another"
            " location is moved, not replenished.",
            path=f"{path}/location_to_id",
            location_to_id=pick_face,
        )
    return pick_face
