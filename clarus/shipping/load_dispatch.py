"""Dispatching a load (ours: the contract has no operation for it): every order on its drops,
and every order with storage units loaded onto it, leaves at once through outbound's dispatch,
which takes the picked stock out of the warehouse (`DISPATCH` in the ledger: loaded units from
the loading location) and completes the order. All of them, or none: an order that is not
picked and waiting for its dispatch tasks refuses the whole load, as does an order with load
tasks (dispatch strategy `load`) whose units are not all loaded onto this load."""

from __future__ import annotations

from sqlalchemy import or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core import crud
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.outbound.dispatch import dispatch_waiting
from clarus.outbound.rows import GoodsOutRow, goods_out_row
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_outs
from clarus.shipping.load_statuses import LoadDropStatus, LoadStatus
from clarus.shipping.loads import LOAD_DROPS, LOADS, ensure_not_dispatched, locked_load
from clarus.shipping.tables import load_drops, loads
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.statuses import OPEN, TaskStatus, TaskType
from clarus.tasks.tables import tasks


async def _orders_on(session: AsyncSession, *, tenant_id: int, load_id: int) -> list[int]:
    """The orders its drops name and those whose units are loaded onto it."""
    on_drops = select(load_drops.c.goods_out_id).where(
        load_drops.c.tenant_id == tenant_id,
        load_drops.c.load_id == load_id,
        load_drops.c.goods_out_id.is_not(None),
    )
    loaded = select(tasks.c.goods_out_id).where(
        tasks.c.tenant_id == tenant_id,
        tasks.c.load_id == load_id,
        tasks.c.task_type_code == TaskType.LOAD,
        tasks.c.status == TaskStatus.COMPLETED,
    )
    statement = union(on_drops, loaded)
    return sorted({int(order_id) for order_id in (await session.execute(statement)).scalars()})


async def _ensure_units_loaded(session: AsyncSession, *, load_id: int, order_id: int) -> None:
    """Every live LOAD task of the order is loaded onto this load."""
    statement = (
        select(tasks.c.id)
        .where(
            tasks.c.goods_out_id == order_id,
            tasks.c.task_type_code == TaskType.LOAD,
            tasks.c.status != TaskStatus.CANCELLED,
            or_(
                tasks.c.status != TaskStatus.COMPLETED,
                tasks.c.load_id.is_(None),
                tasks.c.load_id != load_id,
            ),
        )
        .order_by(tasks.c.id)
    )
    waiting = [int(task_id) for task_id in (await session.execute(statement)).scalars()]
    if waiting:
        raise ClarusError.of(
            ErrorKind.LOAD_UNITS_NOT_LOADED,
            f"Order {order_id} has storage units not loaded onto load {load_id}: load tasks"
            f" {waiting}.",
            goods_out_id=order_id,
            task_ids=waiting,
        )


async def _open_tasks(
    session: AsyncSession, *, order_id: int, task_type: TaskType
) -> list[TaskRow]:
    statement = (
        select(tasks)
        .where(
            tasks.c.goods_out_id == order_id,
            tasks.c.task_type_code == task_type,
            tasks.c.status.in_(sorted(OPEN)),
        )
        .order_by(tasks.c.id)
    )
    return [task_row(row) for row in (await session.execute(statement)).mappings()]


async def _ready_order(session: AsyncSession, *, tenant_id: int, order_id: int) -> GoodsOutRow:
    """The order, locked: picked (no pick left to do) with dispatch tasks waiting."""
    order = await fetch_record(
        session,
        goods_outs,
        tenant_id=tenant_id,
        record_id=order_id,
        resource="goods_out",
        lock=True,
        shape=goods_out_row,
    )
    picking = await _open_tasks(session, order_id=order_id, task_type=TaskType.PICK)
    waiting = await _open_tasks(session, order_id=order_id, task_type=TaskType.DISPATCH)
    if order["goods_out_status_id"] != GoodsOutStatus.PICK or picking or not waiting:
        status = GoodsOutStatus(order["goods_out_status_id"]).code
        raise ClarusError.of(
            ErrorKind.LOAD_ORDER_NOT_PICKED,
            f"Order {order_id} ({order['reference']}) is {status} with {len(picking)} picks"
            f" open and {len(waiting)} dispatch tasks waiting.",
            goods_out_id=order_id,
        )
    return order


async def dispatch_load(
    session: AsyncSession, *, tenant_id: int, user_id: int, load_id: int
) -> RowDict:
    load = await locked_load(session, tenant_id=tenant_id, load_id=load_id)
    ensure_not_dispatched(load)
    order_ids = await _orders_on(session, tenant_id=tenant_id, load_id=load_id)
    if not order_ids:
        raise ClarusError.of(ErrorKind.LOAD_EMPTY, f"Load {load_id} has no orders on its drops.")
    ready = []
    for order_id in order_ids:
        ready.append(await _ready_order(session, tenant_id=tenant_id, order_id=order_id))
        await _ensure_units_loaded(session, load_id=load_id, order_id=order_id)
    for order in ready:
        await dispatch_waiting(session, tenant_id=tenant_id, user_id=user_id, order=order)
    await crud.change_records(
        session,
        LOAD_DROPS,
        tenant_id=tenant_id,
        where=load_drops.c.load_id == load_id,
        values={"status": LoadDropStatus.DISPATCHED},
        event="dispatched",
    )
    [record] = await crud.change_records(
        session,
        LOADS,
        tenant_id=tenant_id,
        where=loads.c.id == load_id,
        values={"status": LoadStatus.DISPATCHED, "dispatched_at": utcnow()},
    )
    await crud.emit_change(session, LOADS, tenant_id=tenant_id, event="dispatched", record=record)
    return record
