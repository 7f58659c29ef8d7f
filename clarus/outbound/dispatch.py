"""Dispatch: what was picked for an order leaves the warehouse, at once (dispatch strategy
other than `manual` or `load`), as its DISP tasks are completed, or with its load (shipping's
load dispatch), and the order is COMPLETED. Packages above outbound that follow orders out
(shipping's crossdocks) register in `ORDER_DISPATCHED`."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import ColumnElement, RowMapping, and_, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import (
    add_per_record,
    fetch_record,
    required,
)
from clarus.inventory.ledger import Entry, Take, emit_stock_events, take_allocated_many
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks
from clarus.outbound.pick_list_progress import settle_pick_list
from clarus.outbound.processes import with_status
from clarus.outbound.rows import GoodsOutRow, goods_out_row
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import allocations, goods_out_lines, goods_outs
from clarus.tasks.handlers import Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.service import (
    NewTask,
    cancel_open_tasks,
    complete_task,
    complete_tasks,
    insert_tasks,
    open_task_count,
)
from clarus.tasks.statuses import LOAD_SUBTYPE, OPEN, STANDARD_SUBTYPE, TaskType
from clarus.tasks.tables import tasks

LOAD_STRATEGY = "load"
WAITING_STRATEGIES = frozenset({"manual", LOAD_STRATEGY})
"""Dispatch strategies whose picked orders wait: for their DISP tasks, or for their load."""


class DispatchFollower(Protocol):
    async def __call__(self, session: AsyncSession, *, tenant_id: int, order: GoodsOutRow) -> None:
        """Note that `order` (as it was before) has just been dispatched and completed."""
        ...


ORDER_DISPATCHED: list[DispatchFollower] = []


async def after_picking(
    session: AsyncSession, *, tenant_id: int, user_id: int, order: GoodsOutRow
) -> None:
    """Every pick of the order done: `manual` dispatch leaves DISP tasks (one per picked stock
    record) to complete; `load` leaves them for the load's dispatch (subtype LOAD) and one LOAD
    task per storage unit the picked stock is on; any other strategy dispatches at once."""
    await settle_pick_list(
        session, tenant_id=tenant_id, pick_list_id=order["goods_out_pick_list_id"]
    )
    strategy = order["dispatch_strategy"]
    if strategy not in WAITING_STRATEGIES:
        await dispatch(session, tenant_id=tenant_id, user_id=user_id, order=order)
        return
    statement = (
        select(allocations, stocks.c.location_id, stocks.c.product_id, stocks.c.storage_unit_id)
        .join(stocks, stocks.c.id == allocations.c.stock_id)
        .where(allocations.c.goods_out_id == order["id"])
        .order_by(allocations.c.id)
    )
    rows = (await session.execute(statement)).mappings().all()
    subtype = LOAD_SUBTYPE if strategy == LOAD_STRATEGY else STANDARD_SUBTYPE
    await insert_tasks(
        session,
        tenant_id=tenant_id,
        rows=[
            {
                "task_type_code": TaskType.DISPATCH,
                "subtype": subtype,
                "account_id": order["account_id"],
                "warehouse_id": required(order["warehouse_id"], "warehouse_id"),
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
    if strategy == LOAD_STRATEGY:
        await insert_tasks(session, tenant_id=tenant_id, rows=_load_tasks(order, rows))


def _load_tasks(order: GoodsOutRow, rows: Sequence[RowMapping]) -> list[NewTask]:
    """One LOAD task per storage unit (and place) the order's picked stock is on; its loose
    picked stock (on no storage unit) in a place is one more."""
    units: dict[tuple[int, int | None], decimal.Decimal] = {}
    for row in rows:
        key = (row["location_id"], row["storage_unit_id"])
        units[key] = units.get(key, decimal.Decimal(0)) + row["quantity"]
    return [
        {
            "task_type_code": TaskType.LOAD,
            "account_id": order["account_id"],
            "warehouse_id": required(order["warehouse_id"], "warehouse_id"),
            "location_from_id": location_id,
            "storage_unit_from_id": storage_unit_id,
            "start_quantity": quantity,
            "goods_out_id": order["id"],
        }
        for (location_id, storage_unit_id), quantity in units.items()
    ]


async def complete_dispatch_task(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion | None = None,
    path: str = "",
) -> TaskRow:
    """Dispatch the task's share of the order; the last one completes the order. It takes no
    completion attributes (`completion` and `path` are there as every task completer is
    called): the task dispatches what was picked. A DISP task of subtype LOAD waits for its
    load's dispatch."""
    if task["subtype"] == LOAD_SUBTYPE:
        raise ClarusError.of(
            ErrorKind.TASK_NOT_COMPLETABLE_HERE,
            f"DISP task {task['id']} is dispatched with its order's load, not through this"
            " endpoint.",
            path=f"{path}/status",
            task_type_code=TaskType.DISPATCH.value,
        )
    order = await fetch_record(
        session,
        goods_outs,
        tenant_id=tenant_id,
        record_id=required(task["goods_out_id"], "goods_out_id"),
        resource="goods_out",
        lock=True,
        shape=goods_out_row,
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


async def dispatch_waiting(
    session: AsyncSession, *, tenant_id: int, user_id: int, order: GoodsOutRow
) -> None:
    """Everything picked for the (locked) order leaves at once and its waiting DISP tasks are
    completed together, in a fixed number of statements: a load's dispatch."""
    statement = select(tasks.c.id, tasks.c.start_quantity).where(
        tasks.c.goods_out_id == order["id"],
        tasks.c.task_type_code == TaskType.DISPATCH,
        tasks.c.status.in_(sorted(OPEN)),
    )
    waiting = (await session.execute(statement)).all()
    await _dispatch_allocations(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        order=order,
        where=allocations.c.goods_out_id == order["id"],
    )
    await complete_tasks(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        values={task_id: {"confirmed_quantity": quantity} for task_id, quantity in waiting},
    )
    await _complete_order(session, tenant_id=tenant_id, order=order)


async def dispatch(
    session: AsyncSession, *, tenant_id: int, user_id: int, order: GoodsOutRow
) -> None:
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
    order: GoodsOutRow,
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


async def _complete_order(session: AsyncSession, *, tenant_id: int, order: GoodsOutRow) -> None:
    """The order COMPLETED; a load task of it not loaded by now never will be."""
    await cancel_open_tasks(
        session,
        tenant_id=tenant_id,
        where=and_(tasks.c.goods_out_id == order["id"], tasks.c.task_type_code == TaskType.LOAD),
    )
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
