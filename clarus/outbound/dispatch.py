"""Dispatch: what was picked for an order leaves the warehouse, at once (dispatch strategy
other than `manual`) or as its DISP tasks are completed, and the order is COMPLETED. Packages
above outbound that follow orders out (shipping's crossdocks) register in `ORDER_DISPATCHED`."""

from __future__ import annotations

import decimal
from typing import Protocol

from sqlalchemy import ColumnElement, and_, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.records import Record, add_per_record, fetch_record
from clarus.inventory.ledger import Entry, Take, emit_stock_events, take_allocated_many
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks
from clarus.outbound.pick_list_progress import settle_pick_list
from clarus.outbound.processes import with_status
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import allocations, goods_out_lines, goods_outs
from clarus.tasks.service import complete_task, insert_tasks, open_task_count
from clarus.tasks.statuses import TaskType
from clarus.tasks.tables import tasks


class DispatchFollower(Protocol):
    async def __call__(self, session: AsyncSession, *, tenant_id: int, order: Record) -> None:
        """Note that `order` (as it was before) has just been dispatched and completed."""
        ...


ORDER_DISPATCHED: list[DispatchFollower] = []


async def after_picking(
    session: AsyncSession, *, tenant_id: int, user_id: int, order: Record
) -> None:
    """Every pick of the order done: `manual` dispatch leaves DISP tasks (one per picked stock
    record) to complete; any other strategy dispatches at once."""
    await settle_pick_list(
        session, tenant_id=tenant_id, pick_list_id=order["goods_out_pick_list_id"]
    )
    if order["dispatch_strategy"] != "manual":
        await dispatch(session, tenant_id=tenant_id, user_id=user_id, order=order)
        return
    statement = (
        select(allocations, stocks.c.location_id, stocks.c.product_id)
        .join(stocks, stocks.c.id == allocations.c.stock_id)
        .where(allocations.c.goods_out_id == order["id"])
        .order_by(allocations.c.id)
    )
    rows = (await session.execute(statement)).mappings().all()
    await insert_tasks(
        session,
        tenant_id=tenant_id,
        rows=[
            {
                "task_type_code": TaskType.DISPATCH,
                "account_id": order["account_id"],
                "warehouse_id": order["warehouse_id"],
                "product_id": row["product_id"],
                "location_from_id": row["location_id"],
                "stock_id": row["stock_id"],
                "start_quantity": row["quantity"],
                "goods_out_id": order["id"],
                "goods_out_line_id": row["goods_out_line_id"],
            }
            for row in rows
        ],
    )


async def complete_dispatch_task(
    session: AsyncSession, *, tenant_id: int, user_id: int, task: Record
) -> Record:
    """Dispatch the task's share of the order; the last one completes the order."""
    order = await fetch_record(
        session,
        goods_outs,
        tenant_id=tenant_id,
        record_id=task["goods_out_id"],
        resource="goods_out",
        lock=True,
    )
    await _dispatch_allocations(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        order=order,
        where=and_(
            allocations.c.goods_out_line_id == task["goods_out_line_id"],
            allocations.c.stock_id == task["stock_id"],
        ),
    )
    completed = await complete_task(
        session,
        tenant_id=tenant_id,
        task_id=task["id"],
        user_id=user_id,
        values={"confirmed_quantity": task["start_quantity"]},
    )
    of_order = and_(
        tasks.c.goods_out_id == order["id"], tasks.c.task_type_code == TaskType.DISPATCH
    )
    if await open_task_count(session, where=of_order) == 0:
        await _complete_order(session, tenant_id=tenant_id, order=order)
    return completed


async def dispatch(session: AsyncSession, *, tenant_id: int, user_id: int, order: Record) -> None:
    """Everything picked for the order leaves the warehouse; the order is COMPLETED."""
    await _dispatch_allocations(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        order=order,
        where=allocations.c.goods_out_id == order["id"],
    )
    await _complete_order(session, tenant_id=tenant_id, order=order)


async def _dispatch_allocations(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    order: Record,
    where: ColumnElement[bool],
) -> None:
    """The allocations `where` names leave: their stock taken out in one guarded update, the
    lines' dispatch quantities counted in one more, the allocations deleted."""
    statement = (
        select(allocations)
        .where(allocations.c.tenant_id == tenant_id, where)
        .order_by(allocations.c.stock_id)
    )
    rows = (await session.execute(statement)).mappings().all()
    if not rows:
        return
    dispatched = await take_allocated_many(
        session,
        tenant_id=tenant_id,
        takes=[Take(row["stock_id"], row["quantity"]) for row in rows],
        entry=Entry(Movement.DISPATCH, user_id, goods_out_id=order["id"]),
    )
    by_line: dict[int, decimal.Decimal] = {}
    for row in rows:
        line_id = row["goods_out_line_id"]
        by_line[line_id] = by_line.get(line_id, decimal.Decimal(0)) + row["quantity"]
    await add_per_record(
        session,
        goods_out_lines,
        {
            line_id: {"dispatch_quantity": quantity, "allocated_quantity": -quantity}
            for line_id, quantity in by_line.items()
        },
    )
    await session.execute(delete(allocations).where(allocations.c.tenant_id == tenant_id, where))
    await emit_stock_events(session, tenant_id=tenant_id, event="dispatched", records=dispatched)


async def _complete_order(session: AsyncSession, *, tenant_id: int, order: Record) -> None:
    await with_status(
        session,
        order,
        GoodsOutStatus.COMPLETED,
        tenant_id=tenant_id,
        changes={"actual_date_of_dispatch": utcnow()},
        event="completed",
    )
    await settle_pick_list(
        session, tenant_id=tenant_id, pick_list_id=order["goods_out_pick_list_id"]
    )
    for follower in ORDER_DISPATCHED:
        await follower(session, tenant_id=tenant_id, order=order)
