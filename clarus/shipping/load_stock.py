"""What loading moves: a LOAD task's storage unit (or an order's loose picked stock) goes, with
its stock still on that storage unit and still allocated to its order, from where picking left
it to the warehouse's loading location (`LOADBAY`), and back when it is unloaded. Each record's
allocated quantity of the order leaves one stock record and arrives in another, a `LOAD` (or
`UNLOAD`) row in the ledger for each; the order's allocations and its waiting DISP tasks follow
the stock, so dispatching the load takes it from the loading location."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import RowMapping, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import per_record
from clarus.inventory.ledger import (
    Entry,
    Put,
    Take,
    emit_stock_events,
    put_many,
    take_allocated_many,
)
from clarus.inventory.places import bay_of
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks
from clarus.outbound.tables import allocations
from clarus.tasks.rows import TaskRow
from clarus.tasks.statuses import OPEN, TaskType
from clarus.tasks.tables import tasks

LOADING_LOCATION_TYPE = "LOADBAY"


async def loading_location(session: AsyncSession, *, tenant_id: int, warehouse_id: int) -> int:
    """The warehouse's loading location (its first active location of type LOADBAY)."""
    location_id = await bay_of(
        session, tenant_id=tenant_id, warehouse_id=warehouse_id, type_code=LOADING_LOCATION_TYPE
    )
    if location_id is None:
        raise ClarusError.of(
            ErrorKind.NO_LOADING_LOCATION,
            f"Warehouse {warehouse_id} has no active location of type {LOADING_LOCATION_TYPE}.",
            warehouse_id=warehouse_id,
        )
    return location_id


@dataclass(frozen=True, slots=True)
class UnitMove:
    """The unit of a LOAD task moving between two places, and why."""

    task: TaskRow
    location_from_id: int
    location_to_id: int
    movement: Movement


async def move_unit(session: AsyncSession, *, tenant_id: int, user_id: int, move: UnitMove) -> None:
    """Every allocation of the task's order whose stock is on the task's storage unit at
    `location_from_id` moves to `location_to_id`, in a fixed number of statements."""
    task = move.task
    statement = (
        select(allocations.c.id, allocations.c.goods_out_line_id, allocations.c.stock_id)
        .add_columns(allocations.c.quantity)
        .join(stocks, stocks.c.id == allocations.c.stock_id)
        .where(
            allocations.c.tenant_id == tenant_id,
            allocations.c.goods_out_id == task["goods_out_id"],
            stocks.c.location_id == move.location_from_id,
            stocks.c.storage_unit_id.is_(None)
            if task["storage_unit_from_id"] is None
            else stocks.c.storage_unit_id == task["storage_unit_from_id"],
        )
        .order_by(allocations.c.id)
    )
    rows = (await session.execute(statement)).mappings().all()
    if not rows:
        raise ClarusError.of(
            ErrorKind.LOAD_VALIDATION_FAILED,
            f"Load task {task['id']}: location {move.location_from_id} holds none of order"
            f" {task['goods_out_id']}'s picked stock on its storage unit any more.",
        )
    entry = Entry(move.movement, user_id, goods_out_id=task["goods_out_id"])
    sources = await take_allocated_many(
        session,
        tenant_id=tenant_id,
        takes=[Take(row["stock_id"], row["quantity"], move.location_to_id) for row in rows],
        entry=entry,
    )
    arrivals = await put_many(
        session,
        tenant_id=tenant_id,
        puts=[
            Put(
                replace(source.identity, location_id=move.location_to_id),
                row["quantity"],
                source.fifo_date,
                source.location_id,
            )
            for source, row in zip(sources, rows, strict=True)
        ],
        entry=entry,
        allocated=True,
    )
    moved = {
        (row["goods_out_line_id"], row["stock_id"]): arrival.id
        for row, arrival in zip(rows, arrivals, strict=True)
    }
    await _follow_stock(session, rows, moved, move)
    event = "loaded" if move.movement == Movement.LOAD else "unloaded"
    records = [record for pair in zip(sources, arrivals, strict=True) for record in pair]
    await emit_stock_events(session, tenant_id=tenant_id, event=event, records=records)


async def _follow_stock(
    session: AsyncSession,
    rows: Sequence[RowMapping],
    moved: dict[tuple[int, int], int],
    move: UnitMove,
) -> None:
    """The moved allocations, and the order's waiting DISP tasks for them, now name the stock
    records the quantities arrived in."""
    allocation_ids = {
        int(row["id"]): moved[(row["goods_out_line_id"], row["stock_id"])] for row in rows
    }
    await session.execute(
        update(allocations)
        .where(allocations.c.id.in_(sorted(allocation_ids)))
        .values(stock_id=per_record(allocations, allocation_ids, allocations.c.stock_id.type))
    )
    statement = select(tasks.c.id, tasks.c.goods_out_line_id, tasks.c.stock_id).where(
        tasks.c.goods_out_id == move.task["goods_out_id"],
        tasks.c.task_type_code == TaskType.DISPATCH,
        tasks.c.status.in_(sorted(OPEN)),
        tasks.c.stock_id.in_(sorted({stock_id for _line, stock_id in moved})),
    )
    waiting = {
        int(row["id"]): moved[key]
        for row in (await session.execute(statement)).mappings()
        if (key := (row["goods_out_line_id"], row["stock_id"])) in moved
    }
    if not waiting:
        return
    await session.execute(
        update(tasks)
        .where(tasks.c.id.in_(sorted(waiting)))
        .values(
            stock_id=per_record(tasks, waiting, tasks.c.stock_id.type),
            location_from_id=move.location_to_id,
        )
    )
