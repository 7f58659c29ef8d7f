"""Picking and dispatch: allocated orders onto pick lists as PICK tasks, completing picks, and
dispatching what was picked by the order's dispatch strategy.

Picked stock moves, still allocated to its order line, from where it was stored to the order's
goods out bay (its `location_id`, else the warehouse's GOBAY location); dispatch takes it out of
the warehouse. Every step is a guarded update with its ledger row, so a pick can never take more
than is allocated, and a concurrent cancel or second completion is refused, not doubled.
"""

from __future__ import annotations

import decimal
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import ATTRIBUTES_POINTER
from clarus.core.db import utcnow
from clarus.core.documents import lines_by_parent
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import Record, fetch_record, rows_changed
from clarus.inbound.destinations import bay_of, ensure_destination
from clarus.inventory.ledger import IDENTITY, Entry, emit_stock_events, put, stocks, take_allocated
from clarus.inventory.statuses import Movement
from clarus.outbound.allocation import allocate_lines
from clarus.outbound.pick_list_progress import emit_pick_list, settle_pick_list
from clarus.outbound.processes import locked_orders, with_status
from clarus.outbound.service import GOODS_OUT_LINES
from clarus.outbound.statuses import GoodsOutStatus, PickListStatus, PickProcessingStatus
from clarus.outbound.tables import (
    allocations,
    goods_out_lines,
    goods_out_pick_lists,
    goods_outs,
    pick_processing_requests,
)
from clarus.tasks.service import complete_task, insert_tasks, open_task_count, tasks
from clarus.tasks.statuses import TaskType

GOODS_OUT_BAY = "GOBAY"
PROCESSABLE = frozenset(
    {GoodsOutStatus.PENDING, GoodsOutStatus.PART_ALLOCATED, GoodsOutStatus.ALLOCATED}
)
ZERO = decimal.Decimal(0)


@dataclass(frozen=True, slots=True)
class PickListOptions:
    """What `process_and_consolidate_picks` may say of the list it makes."""

    reference: str | None = None
    expected_date_of_dispatch: Any = None
    goods_out_bay_id: int | None = None


async def process_picks(
    session: AsyncSession,
    *,
    tenant_id: int,
    goods_out_ids: Sequence[int],
    consolidate: bool,
    options: PickListOptions | None = None,
) -> list[str]:
    """Put the orders on pick lists (one each, or one for all when consolidating; crossdocks
    always alone), allocating the ones not yet allocated; every order must be allocated in
    full (39), not already processed (59), and of one pick type when consolidated (318). All
    or nothing. Returns one process reference per order, to follow in
    `pick_processing_requests`."""
    orders = await locked_orders(session, tenant_id=tenant_id, goods_out_ids=goods_out_ids)
    _ensure_processable(orders, consolidate=consolidate)
    await _allocate_in_full(session, tenant_id=tenant_id, orders=orders)
    references = []
    for group in _groups(orders, consolidate=consolidate):
        references += await _pick_list_for(
            session, tenant_id=tenant_id, orders=group, options=options or PickListOptions()
        )
    return references


def _ensure_processable(orders: Sequence[Record], *, consolidate: bool) -> None:
    problems = []
    for order in orders:
        status = GoodsOutStatus(order["goods_out_status_id"])
        if status in PROCESSABLE:
            continue
        kind = (
            ErrorKind.GOODS_OUT_ALREADY_ALLOCATED
            if status in {GoodsOutStatus.PICK, GoodsOutStatus.PART}
            else ErrorKind.STATUS_FORBIDS_CHANGE
        )
        problems.append(
            Problem(
                kind,
                f"goods out {order['id']} is {status.code}; it cannot be processed.",
                "/ids",
                {"id": order["id"], "status": status.code},
            )
        )
    if consolidate and len({order["pick_type"] for order in orders}) > 1:
        problems.append(
            Problem(
                ErrorKind.GOODS_OUTS_WITH_DIFFERENT_PICK_TYPES_CANNOT_BE_CONSOLIDATED,
                None,
                "/ids",
                {"pick_types": sorted({order["pick_type"] for order in orders})},
            )
        )
    if problems:
        raise ClarusError(*problems)


async def _allocate_in_full(
    session: AsyncSession, *, tenant_id: int, orders: Sequence[Record]
) -> None:
    waiting = [o for o in orders if o["goods_out_status_id"] != GoodsOutStatus.ALLOCATED]
    if not waiting:
        return
    lines = await lines_by_parent(
        session, GOODS_OUT_LINES, tenant_id=tenant_id, parent_ids=[o["id"] for o in waiting]
    )
    short = []
    for order in waiting:
        status = await allocate_lines(
            session, tenant_id=tenant_id, order=order, lines=lines.get(order["id"], [])
        )
        if status is not GoodsOutStatus.ALLOCATED:
            short.append(order["id"])
    if short:
        raise ClarusError.of(
            ErrorKind.NOT_ENOUGH_STOCKS_FOR_PICKING,
            f"goods outs {short} cannot be allocated in full.",
            pointer="/ids",
            ids=short,
        )


def _groups(orders: Sequence[Record], *, consolidate: bool) -> list[list[Record]]:
    if not consolidate:
        return [[order] for order in orders]
    crossdocks = [[o] for o in orders if o["goods_out_type"] == "crossdock"]
    others = [o for o in orders if o["goods_out_type"] != "crossdock"]
    return ([others] if others else []) + crossdocks


async def _pick_list_for(
    session: AsyncSession, *, tenant_id: int, orders: list[Record], options: PickListOptions
) -> list[str]:
    now = utcnow()
    accounts = {order["account_id"] for order in orders}
    pick_list = dict(
        (
            await session.execute(
                insert(goods_out_pick_lists)
                .values(
                    tenant_id=tenant_id,
                    reference=options.reference,
                    warehouse_id=orders[0]["warehouse_id"],
                    account_id=accounts.pop() if len(accounts) == 1 else None,
                    pick_type=orders[0]["pick_type"],
                    status=PickListStatus.PENDING,
                    pick_reference=orders[0]["pick_reference"],
                    load_reference=orders[0]["load_reference"],
                    expected_date_of_dispatch=options.expected_date_of_dispatch,
                    goods_out_bay_id=options.goods_out_bay_id,
                    created_at=now,
                    updated_at=now,
                )
                .returning(*goods_out_pick_lists.c)
            )
        )
        .mappings()
        .one()
    )
    picks = await _pick_tasks(session, tenant_id=tenant_id, orders=orders)
    references = []
    for order in orders:
        reference = secrets.token_hex(8)
        references.append(reference)
        await session.execute(
            insert(pick_processing_requests).values(
                tenant_id=tenant_id,
                process_reference=reference,
                goods_out_id=order["id"],
                status=PickProcessingStatus.COMPLETED,
                message=f"pick list {pick_list['id']}: {picks[order['id']]} pick tasks",
                created_at=now,
                updated_at=now,
            )
        )
        await with_status(
            session,
            order,
            GoodsOutStatus.PICK,
            tenant_id=tenant_id,
            changes={"goods_out_pick_list_id": pick_list["id"]},
            event="processed",
        )
    await emit_pick_list(session, tenant_id, pick_list, "created")
    return references


async def _pick_tasks(
    session: AsyncSession, *, tenant_id: int, orders: Sequence[Record]
) -> dict[int, int]:
    """One PICK task per allocation (a line's share of one stock record); how many per order."""
    by_id = {order["id"]: order for order in orders}
    statement = (
        select(allocations, stocks.c.location_id, stocks.c.product_id, stocks.c.storage_unit_id)
        .join(stocks, stocks.c.id == allocations.c.stock_id)
        .where(allocations.c.goods_out_id.in_(by_id))
        .order_by(allocations.c.goods_out_id, allocations.c.id)
    )
    rows = (await session.execute(statement)).mappings().all()
    await insert_tasks(
        session,
        tenant_id=tenant_id,
        rows=[
            {
                "task_type_code": TaskType.PICK,
                "subtype": by_id[row["goods_out_id"]]["pick_type"],
                "account_id": by_id[row["goods_out_id"]]["account_id"],
                "warehouse_id": by_id[row["goods_out_id"]]["warehouse_id"],
                "product_id": row["product_id"],
                "location_from_id": row["location_id"],
                "storage_unit_from_id": row["storage_unit_id"],
                "stock_id": row["stock_id"],
                "start_quantity": row["quantity"],
                "goods_out_id": row["goods_out_id"],
                "goods_out_line_id": row["goods_out_line_id"],
                "priority": by_id[row["goods_out_id"]]["priority"],
            }
            for row in rows
        ],
    )
    counts = dict.fromkeys(by_id, 0)
    for row in rows:
        counts[row["goods_out_id"]] += 1
    return counts


@dataclass(frozen=True, slots=True)
class Pick:
    """What a picker reports: how much (default: all the task asks), and where it went."""

    confirmed_quantity: decimal.Decimal | None = None
    location_to_id: int | None = None


async def complete_pick(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: Record,
    pick: Pick,
    pointer: str = ATTRIBUTES_POINTER,
) -> Record:
    """Move the picked stock to the goods out bay, still allocated to its line; a short pick
    lets the rest of its allocation go. When the order has no pick left, it is dispatched
    (dispatch strategy `manual`: DISP tasks are made instead)."""
    order = await fetch_record(
        session,
        goods_outs,
        tenant_id=tenant_id,
        record_id=task["goods_out_id"],
        resource="goods_out",
        lock=True,
    )
    quantity = _picked_quantity(task, pick, pointer)
    bay_id = await _goods_out_bay(
        session, tenant_id=tenant_id, order=order, pick=pick, pointer=pointer
    )
    entry = Entry(Movement.PICK, user_id, goods_out_id=order["id"])
    moved: list[Record] = []
    if quantity > 0:
        moved = await _move_allocated(
            session, tenant_id=tenant_id, task=task, quantity=quantity, bay_id=bay_id, entry=entry
        )
    rest = task["start_quantity"] - quantity
    if rest > 0:
        await _release(
            session, line_id=task["goods_out_line_id"], stock_id=task["stock_id"], quantity=rest
        )
    await session.execute(
        update(goods_out_lines)
        .where(goods_out_lines.c.id == task["goods_out_line_id"])
        .values(pick_quantity=goods_out_lines.c.pick_quantity + quantity, updated_at=utcnow())
    )
    completed = await complete_task(
        session,
        tenant_id=tenant_id,
        task=task,
        user_id=user_id,
        values={"confirmed_quantity": quantity, "location_to_id": bay_id},
    )
    if moved:
        await emit_stock_events(session, tenant_id=tenant_id, event="picked", records=moved)
    if await open_task_count(session, where=_tasks_of(order["id"], TaskType.PICK)) == 0:
        await _after_picking(session, tenant_id=tenant_id, user_id=user_id, order=order)
    return completed


def _picked_quantity(task: Record, pick: Pick, pointer: str) -> decimal.Decimal:
    asked: decimal.Decimal = task["start_quantity"]
    quantity = asked if pick.confirmed_quantity is None else pick.confirmed_quantity
    if quantity < 0 or quantity > asked:
        raise ClarusError.of(
            ErrorKind.NOT_ENOUGH_STOCKS_FOR_PICKING,
            f"task {task['id']} has {asked} to pick; {quantity} cannot be picked.",
            pointer=f"{pointer}/confirmed_quantity",
            start_quantity=float(asked),
        )
    return quantity


async def _goods_out_bay(
    session: AsyncSession, *, tenant_id: int, order: Record, pick: Pick, pointer: str
) -> int:
    """Where picked stock goes: the location named, the order's own, or the warehouse's GOBAY."""
    if pick.location_to_id is not None:
        await ensure_destination(
            session,
            tenant_id=tenant_id,
            warehouse_id=order["warehouse_id"],
            location_id=pick.location_to_id,
            storage_unit_id=None,
            pointer=pointer,
        )
        return pick.location_to_id
    if order["location_id"] is not None:
        return int(order["location_id"])
    bay = await bay_of(
        session, tenant_id=tenant_id, warehouse_id=order["warehouse_id"], type_code=GOODS_OUT_BAY
    )
    if bay is None:
        raise ClarusError.of(
            ErrorKind.NO_DISPATCH_LOCATION,
            pointer=f"{pointer}/location_to_id",
            warehouse_id=order["warehouse_id"],
        )
    return bay


async def _move_allocated(
    session: AsyncSession,
    *,
    tenant_id: int,
    task: Record,
    quantity: decimal.Decimal,
    bay_id: int,
    entry: Entry,
) -> list[Record]:
    """Take `quantity` of the task's allocated stock and put it in the bay, allocated to the
    same line; the allocation follows the stock."""
    source = await take_allocated(
        session,
        tenant_id=tenant_id,
        stock_id=task["stock_id"],
        quantity=quantity,
        entry=entry,
        location_to_id=bay_id,
    )
    arrived = await put(
        session,
        tenant_id=tenant_id,
        identity={**{name: source[name] for name in IDENTITY}, "location_id": bay_id},
        quantity=quantity,
        fifo_date=source["fifo_date"],
        entry=entry,
        location_from_id=source["location_id"],
        allocated=True,
    )
    await _shift_allocation(
        session,
        tenant_id=tenant_id,
        task=task,
        to_stock_id=arrived["id"],
        quantity=quantity,
    )
    return [source, arrived]


async def _shift_allocation(
    session: AsyncSession,
    *,
    tenant_id: int,
    task: Record,
    to_stock_id: int,
    quantity: decimal.Decimal,
) -> None:
    await _reduce_allocation(
        session, line_id=task["goods_out_line_id"], stock_id=task["stock_id"], quantity=quantity
    )
    same = and_(
        allocations.c.goods_out_line_id == task["goods_out_line_id"],
        allocations.c.stock_id == to_stock_id,
    )
    added = await rows_changed(
        session, update(allocations).where(same).values(quantity=allocations.c.quantity + quantity)
    )
    if added == 0:
        await session.execute(
            insert(allocations).values(
                tenant_id=tenant_id,
                goods_out_id=task["goods_out_id"],
                goods_out_line_id=task["goods_out_line_id"],
                stock_id=to_stock_id,
                quantity=quantity,
                created_at=utcnow(),
            )
        )


async def _reduce_allocation(
    session: AsyncSession, *, line_id: int, stock_id: int, quantity: decimal.Decimal
) -> None:
    same = and_(allocations.c.goods_out_line_id == line_id, allocations.c.stock_id == stock_id)
    await session.execute(delete(allocations).where(same, allocations.c.quantity <= quantity))
    await session.execute(
        update(allocations)
        .where(same, allocations.c.quantity > quantity)
        .values(quantity=allocations.c.quantity - quantity)
    )


async def _release(
    session: AsyncSession, *, line_id: int, stock_id: int, quantity: decimal.Decimal
) -> None:
    """A short pick: what was not picked is no longer allocated to the line."""
    await _reduce_allocation(session, line_id=line_id, stock_id=stock_id, quantity=quantity)
    now = utcnow()
    await session.execute(
        update(stocks)
        .where(stocks.c.id == stock_id)
        .values(allocated_quantity=stocks.c.allocated_quantity - quantity, updated_at=now)
    )
    await session.execute(
        update(goods_out_lines)
        .where(goods_out_lines.c.id == line_id)
        .values(allocated_quantity=goods_out_lines.c.allocated_quantity - quantity, updated_at=now)
    )


def _tasks_of(order_id: int, task_type: TaskType) -> Any:
    return and_(tasks.c.goods_out_id == order_id, tasks.c.task_type_code == task_type)


async def _after_picking(
    session: AsyncSession, *, tenant_id: int, user_id: int, order: Record
) -> None:
    """Every pick done: `manual` dispatch leaves DISP tasks to complete; any other strategy
    dispatches at once."""
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
        task=task,
        user_id=user_id,
        values={"confirmed_quantity": task["start_quantity"]},
    )
    if await open_task_count(session, where=_tasks_of(order["id"], TaskType.DISPATCH)) == 0:
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
    session: AsyncSession, *, tenant_id: int, user_id: int, order: Record, where: Any
) -> None:
    statement = (
        select(allocations)
        .where(allocations.c.tenant_id == tenant_id, where)
        .order_by(allocations.c.stock_id)
    )
    rows = (await session.execute(statement)).mappings().all()
    entry = Entry(Movement.DISPATCH, user_id, goods_out_id=order["id"])
    dispatched = []
    for row in rows:
        stock = await take_allocated(
            session,
            tenant_id=tenant_id,
            stock_id=row["stock_id"],
            quantity=row["quantity"],
            entry=entry,
        )
        await session.execute(
            update(goods_out_lines)
            .where(goods_out_lines.c.id == row["goods_out_line_id"])
            .values(
                dispatch_quantity=goods_out_lines.c.dispatch_quantity + row["quantity"],
                allocated_quantity=goods_out_lines.c.allocated_quantity - row["quantity"],
                updated_at=utcnow(),
            )
        )
        dispatched.append(stock)
    await session.execute(delete(allocations).where(allocations.c.tenant_id == tenant_id, where))
    if dispatched:
        await emit_stock_events(
            session, tenant_id=tenant_id, event="dispatched", records=dispatched
        )


async def _complete_order(session: AsyncSession, *, tenant_id: int, order: Record) -> None:
    now = utcnow()
    await with_status(
        session,
        order,
        GoodsOutStatus.COMPLETED,
        tenant_id=tenant_id,
        changes={"actual_date_of_dispatch": now},
        event="completed",
    )
    await settle_pick_list(
        session, tenant_id=tenant_id, pick_list_id=order["goods_out_pick_list_id"]
    )
