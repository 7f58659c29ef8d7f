"""Completing picks: the picked stock moves, still allocated to its order line, from where it
was stored to the order's goods out bay (the location named, else the order's `location_id`,
else the warehouse's GOBAY location); once an order has no pick left it is dispatched.

Any number of picks complete together in a fixed number of set-based statements per order: one
guarded update takes the stock, one puts it in the bay, one completes the tasks. A pick can
never take more than is allocated, and a concurrent cancel or second completion is refused,
not doubled.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import add_per_record, required
from clarus.inventory.ledger import (
    Entry,
    Put,
    StockRecord,
    Take,
    emit_stock_events,
    put_many,
    take_allocated_many,
)
from clarus.inventory.places import bay_of, ensure_destination
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks
from clarus.outbound.allocation import adjust_allocations
from clarus.outbound.dispatch import after_picking
from clarus.outbound.processes import locked_orders
from clarus.outbound.rows import GoodsOutRow
from clarus.outbound.tables import goods_out_lines
from clarus.tasks.handlers import Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.service import complete_tasks
from clarus.tasks.statuses import OPEN, TaskType
from clarus.tasks.tables import tasks

GOODS_OUT_BAY = "GOBAY"
ZERO = decimal.Decimal(0)


@dataclass(frozen=True, slots=True)
class PickTask:
    """The columns every PICK task has set: its order line and the stock allocated to it."""

    id: int
    goods_out_id: int
    goods_out_line_id: int
    stock_id: int
    start_quantity: decimal.Decimal

    @classmethod
    def of(cls, task: TaskRow) -> PickTask:
        return cls(
            id=task["id"],
            goods_out_id=required(task["goods_out_id"], "goods_out_id"),
            goods_out_line_id=required(task["goods_out_line_id"], "goods_out_line_id"),
            stock_id=required(task["stock_id"], "stock_id"),
            start_quantity=required(task["start_quantity"], "start_quantity"),
        )


@dataclass(frozen=True, slots=True)
class PlannedPick:
    task: PickTask
    quantity: decimal.Decimal
    """What is picked; the rest of the task's allocation is let go (a short pick)."""
    bay_id: int

    @property
    def rest(self) -> decimal.Decimal:
        return self.task.start_quantity - self.quantity


async def complete_pick(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str = "",
) -> TaskRow:
    """`complete_picks` of one."""
    [completed] = await complete_picks(
        session, tenant_id=tenant_id, user_id=user_id, picks=[(task, completion)], path=path
    )
    return completed


async def complete_picks(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    picks: Sequence[tuple[TaskRow, Completion]],
    path: str = "",
) -> list[TaskRow]:
    """Complete open PICK tasks (of one order or several, locked in id order first), each as
    the picker reports: how much (default: all the task asks) and where it went; every order
    left with no pick is dispatched by its strategy. The tasks as completed, in order."""
    tasks = [(PickTask.of(task), pick) for task, pick in picks]
    order_ids = sorted({task.goods_out_id for task, _pick in tasks})
    orders = {
        order["id"]: order
        for order in await locked_orders(session, tenant_id=tenant_id, goods_out_ids=order_ids)
    }
    bays = _Bays(session, tenant_id, path)
    plans = [
        PlannedPick(
            task,
            _picked_quantity(task, pick, path),
            await bays.of(orders[task.goods_out_id], pick),
        )
        for task, pick in tasks
    ]
    completed = await complete_tasks(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        values={
            plan.task.id: {"confirmed_quantity": plan.quantity, "location_to_id": plan.bay_id}
            for plan in plans
        },
    )
    for order_id in order_ids:
        of_order = [plan for plan in plans if plan.task.goods_out_id == order_id]
        await _pick_for_order(session, tenant_id, user_id, order_id, of_order)
    for order_id in await _picked_in_full(session, order_ids):
        await after_picking(session, tenant_id=tenant_id, user_id=user_id, order=orders[order_id])
    return completed


def _picked_quantity(task: PickTask, pick: Completion, path: str) -> decimal.Decimal:
    asked = task.start_quantity
    quantity = asked if pick.confirmed_quantity is None else pick.confirmed_quantity
    if quantity < 0 or quantity > asked:
        raise ClarusError.of(
            ErrorKind.NOT_ENOUGH_STOCKS_FOR_PICKING,
            f"task {task.id} has {asked} to pick; {quantity} cannot be picked.",
            path=f"{path}/confirmed_quantity",
            start_quantity=float(asked),
        )
    return quantity


class _Bays:
    """Where picked stock goes, each answer looked up once per call."""

    def __init__(self, session: AsyncSession, tenant_id: int, path: str) -> None:
        self._session = session
        self._tenant_id = tenant_id
        self._path = path
        self._known: dict[tuple[int, int | None], int] = {}

    async def of(self, order: GoodsOutRow, pick: Completion) -> int:
        key = (order["id"], pick.location_to_id)
        if key not in self._known:
            self._known[key] = await self._look_up(order, pick)
        return self._known[key]

    async def _look_up(self, order: GoodsOutRow, pick: Completion) -> int:
        """The location named, the order's own, or the warehouse's GOBAY."""
        if pick.location_to_id is not None:
            await ensure_destination(
                self._session,
                tenant_id=self._tenant_id,
                warehouse_id=required(order["warehouse_id"], "warehouse_id"),
                location_id=pick.location_to_id,
                storage_unit_id=None,
                path=self._path,
            )
            return pick.location_to_id
        if order["location_id"] is not None:
            return order["location_id"]
        bay = await bay_of(
            self._session,
            tenant_id=self._tenant_id,
            warehouse_id=required(order["warehouse_id"], "warehouse_id"),
            type_code=GOODS_OUT_BAY,
        )
        if bay is None:
            raise ClarusError.of(
                ErrorKind.NO_DISPATCH_LOCATION,
                path=f"{self._path}/location_to_id",
                warehouse_id=required(order["warehouse_id"], "warehouse_id"),
            )
        return bay


async def _pick_for_order(
    session: AsyncSession,
    tenant_id: int,
    user_id: int,
    order_id: int,
    plans: Sequence[PlannedPick],
) -> None:
    """The order's picked stock moves to its bays; what short picks leave is let go."""
    moving = [plan for plan in plans if plan.quantity > 0]
    arrivals: list[StockRecord] = []
    if moving:
        entry = Entry(Movement.PICK, user_id, goods_out_id=order_id)
        sources = await take_allocated_many(
            session,
            tenant_id=tenant_id,
            takes=[Take(plan.task.stock_id, plan.quantity, plan.bay_id) for plan in moving],
            entry=entry,
        )
        arrivals = await put_many(
            session,
            tenant_id=tenant_id,
            puts=[
                Put(
                    replace(source.identity, location_id=plan.bay_id),
                    plan.quantity,
                    source.fifo_date,
                    source.location_id,
                )
                for source, plan in zip(sources, moving, strict=True)
            ],
            entry=entry,
            allocated=True,
        )
        await emit_stock_events(
            session,
            tenant_id=tenant_id,
            event="picked",
            records=[record for pair in zip(sources, arrivals, strict=True) for record in pair],
        )
    await _shift_allocations(session, tenant_id, order_id, plans, moving, arrivals)
    await _count_on_lines_and_stock(session, plans)


async def _shift_allocations(
    session: AsyncSession,
    tenant_id: int,
    order_id: int,
    plans: Sequence[PlannedPick],
    moving: Sequence[PlannedPick],
    arrivals: Sequence[StockRecord],
) -> None:
    """Each task's allocation leaves its stock record whole; what was picked is allocated
    again to the record it arrived in."""
    changes: dict[tuple[int, int], decimal.Decimal] = {}
    for plan in plans:
        key = (plan.task.goods_out_line_id, plan.task.stock_id)
        changes[key] = changes.get(key, ZERO) - plan.task.start_quantity
    for plan, arrived in zip(moving, arrivals, strict=True):
        key = (plan.task.goods_out_line_id, arrived.id)
        changes[key] = changes.get(key, ZERO) + plan.quantity
    await adjust_allocations(session, tenant_id=tenant_id, order_id=order_id, changes=changes)


async def _count_on_lines_and_stock(session: AsyncSession, plans: Sequence[PlannedPick]) -> None:
    """Lines count what was picked and let go of what short picks did not take; so do the
    stock records the short picks were from."""
    lines: dict[int, dict[str, decimal.Decimal]] = {}
    released: dict[int, dict[str, decimal.Decimal]] = {}
    for plan in plans:
        line = lines.setdefault(
            plan.task.goods_out_line_id, {"pick_quantity": ZERO, "allocated_quantity": ZERO}
        )
        line["pick_quantity"] += plan.quantity
        line["allocated_quantity"] -= plan.rest
        if plan.rest > 0:
            stock = released.setdefault(plan.task.stock_id, {"allocated_quantity": ZERO})
            stock["allocated_quantity"] -= plan.rest
    await add_per_record(session, goods_out_lines, lines)
    await add_per_record(session, stocks, released)


async def _picked_in_full(session: AsyncSession, order_ids: Sequence[int]) -> list[int]:
    """Of these orders, those with no PICK task left open, in id order."""
    statement = (
        select(tasks.c.goods_out_id, func.count())
        .where(
            tasks.c.goods_out_id.in_(order_ids),
            tasks.c.task_type_code == TaskType.PICK,
            tasks.c.status.in_(sorted(OPEN)),
        )
        .group_by(tasks.c.goods_out_id)
    )
    still_open = {order_id for order_id, _count in (await session.execute(statement)).all()}
    return [order_id for order_id in order_ids if order_id not in still_open]
