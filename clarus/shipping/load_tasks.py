"""Load tasks: putting an order's picked storage units on a load's trailer.

Picking an order of dispatch strategy `load` leaves one LOAD task per storage unit its picked
stock is on (outbound's `after_picking`). A task is assigned to a load and drop
(`assign_storage_unit`), loaded (`load_storage_unit`: the task COMPLETED, the load's and drop's
counts up, the stock moved to the loading location with a `LOAD` ledger row) and, before the
load is dispatched, unloaded again (`unload_storage_unit`: the reverse, the task AVAILABLE).

What is refused, and nothing changed: a task that is not an open (or, to unload, a loaded)
LOAD task of the tenant (404 for another tenant's or another type's); a load or drop of another
tenant (as missing), of another warehouse, or a drop of another load; a load that is not
pending or open; a drop naming another order, or, when the warehouse validates loading by
delivery address, another address; a unit past the trailer type's `storage_unit_capacity`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import fetch_record, required, update_returning
from clarus.core.references import Reference, ensure_references_exist
from clarus.inventory.statuses import Movement
from clarus.masterdata.queries import loading_validation
from clarus.outbound.tables import goods_outs
from clarus.shipping.load_statuses import DROPS_ALLOWED, LoadDropStatus, LoadStatus
from clarus.shipping.load_stock import UnitMove, loading_location, move_unit
from clarus.shipping.loads import LOAD_DROPS, LOADS, ensure_not_dispatched, locked_load
from clarus.shipping.rows import LoadDropRow, LoadRow, load_drop_row
from clarus.shipping.schemas import LoadTaskTarget
from clarus.shipping.tables import load_drops, loads, trailer_types, trailers
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.service import (
    TASK_RESOURCE,
    complete_task,
    emit_task_event,
    ensure_open,
    fetch_task,
)
from clarus.tasks.statuses import TaskStatus, TaskType
from clarus.tasks.tables import tasks

LOAD_TASK_EVENTS = "load_task"


@dataclass(frozen=True, slots=True)
class Target:
    load: LoadRow
    drop: LoadDropRow | None


async def load_task_of(session: AsyncSession, *, tenant_id: int, task_id: int) -> TaskRow:
    """The LOAD task, locked (404 when the tenant has no LOAD task with this id)."""
    return await fetch_task(
        session, tenant_id=tenant_id, task_id=task_id, task_type=TaskType.LOAD, lock=True
    )


async def assign_storage_unit(
    session: AsyncSession, *, tenant_id: int, user_id: int, task_id: int, target: LoadTaskTarget
) -> TaskRow:
    """The open task's unit is meant for this load (and drop); nothing moves yet."""
    task = await load_task_of(session, tenant_id=tenant_id, task_id=task_id)
    ensure_open(task, user_id=user_id)
    if target.load_id is None and target.load_drop_id is None:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD, "Name a load_id, a load_drop_id or both.", path="/load_id"
        )
    found = await _target(session, tenant_id=tenant_id, task=task, sent=target)
    assigned = await update_returning(
        session,
        tasks,
        tenant_id=tenant_id,
        record_id=task_id,
        values={
            "load_id": found.load["id"],
            "load_drop_id": None if found.drop is None else found.drop["id"],
        },
        resource=TASK_RESOURCE,
        shape=task_row,
    )
    await emit_task_event(
        session,
        tenant_id=tenant_id,
        resource_name=LOAD_TASK_EVENTS,
        event="assigned",
        task=assigned,
    )
    return assigned


async def load_storage_unit(
    session: AsyncSession, *, tenant_id: int, user_id: int, task_id: int, target: LoadTaskTarget
) -> TaskRow:
    """The unit goes on the load: refused past the trailer's capacity."""
    task = await load_task_of(session, tenant_id=tenant_id, task_id=task_id)
    ensure_open(task, user_id=user_id)
    found = await _target(session, tenant_id=tenant_id, task=task, sent=target)
    drop = found.drop or await _drop_of_order(session, load=found.load, task=task)
    await _ensure_room(session, load=found.load)
    bay_id = await loading_location(session, tenant_id=tenant_id, warehouse_id=task["warehouse_id"])
    move = UnitMove(
        task, required(task["location_from_id"], "location_from_id"), bay_id, Movement.LOAD
    )
    await move_unit(session, tenant_id=tenant_id, user_id=user_id, move=move)
    loaded = await complete_task(
        session,
        tenant_id=tenant_id,
        task_id=task_id,
        user_id=user_id,
        values={
            "confirmed_quantity": task["start_quantity"],
            "location_to_id": bay_id,
            "storage_unit_to_id": task["storage_unit_from_id"],
            "load_id": found.load["id"],
            "load_drop_id": drop["id"],
        },
    )
    await _count(session, tenant_id=tenant_id, load=found.load, drop_id=drop["id"], change=1)
    await emit_task_event(
        session, tenant_id=tenant_id, resource_name=LOAD_TASK_EVENTS, event="loaded", task=loaded
    )
    return loaded


async def unload_storage_unit(
    session: AsyncSession, *, tenant_id: int, user_id: int, task_id: int
) -> TaskRow:
    """The loaded unit comes back off its (undispatched) load to where it was picked to; the
    task is AVAILABLE again, still assigned to the load and drop."""
    task = await load_task_of(session, tenant_id=tenant_id, task_id=task_id)
    if task["status"] != TaskStatus.COMPLETED or task["load_id"] is None:
        raise ClarusError.of(
            ErrorKind.LOAD_TASK_NOT_LOADED,
            f"Load task {task_id} is {task['status']}; it has nothing loaded.",
            status=task["status"],
        )
    load = await locked_load(session, tenant_id=tenant_id, load_id=task["load_id"])
    ensure_not_dispatched(load)
    move = UnitMove(
        task,
        required(task["location_to_id"], "location_to_id"),
        required(task["location_from_id"], "location_from_id"),
        Movement.UNLOAD,
    )
    await move_unit(session, tenant_id=tenant_id, user_id=user_id, move=move)
    unloaded = await update_returning(
        session,
        tasks,
        tenant_id=tenant_id,
        record_id=task_id,
        values={
            "status": TaskStatus.AVAILABLE,
            "confirmed_quantity": None,
            "location_to_id": None,
            "storage_unit_to_id": None,
            "completed_at": None,
            "user_completed_by_id": None,
        },
        resource=TASK_RESOURCE,
        shape=task_row,
    )
    await _count(session, tenant_id=tenant_id, load=load, drop_id=task["load_drop_id"], change=-1)
    await emit_task_event(
        session,
        tenant_id=tenant_id,
        resource_name=LOAD_TASK_EVENTS,
        event="unloaded",
        task=unloaded,
    )
    return unloaded


async def _target(
    session: AsyncSession, *, tenant_id: int, task: TaskRow, sent: LoadTaskTarget
) -> Target:
    """The load and drop sent, else the drop's load, else the task's; checked and locked."""
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(loads, sent.load_id, "/load_id"),
            Reference(load_drops, sent.load_drop_id, "/load_drop_id"),
        ],
    )
    drop_id = sent.load_drop_id
    if drop_id is None and sent.load_id in (None, task["load_id"]):
        drop_id = task["load_drop_id"]
    drop = None if drop_id is None else await _drop(session, tenant_id, drop_id)
    load_id = sent.load_id or (drop["load_id"] if drop else None) or task["load_id"]
    if load_id is None:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD,
            f"Load task {task['id']} has no load: name a load_id or load_drop_id.",
            path="/load_id",
        )
    load = await locked_load(session, tenant_id=tenant_id, load_id=load_id)
    if drop is not None and drop["load_id"] != load["id"]:
        raise _invalid(
            f"Load drop {drop['id']} is not a drop of load {load['id']}.", "/load_drop_id"
        )
    _ensure_loadable(load, task)
    if drop is not None:
        await _ensure_drop_fits(session, load=load, drop=drop, task=task)
    return Target(load, drop)


async def _drop(session: AsyncSession, tenant_id: int, drop_id: int) -> LoadDropRow:
    return await fetch_record(
        session,
        load_drops,
        tenant_id=tenant_id,
        record_id=drop_id,
        resource="load_drop",
        shape=load_drop_row,
    )


def _ensure_loadable(load: LoadRow, task: TaskRow) -> None:
    ensure_not_dispatched(load)
    if load["status"] not in DROPS_ALLOWED:
        raise ClarusError.of(
            ErrorKind.LOAD_NOT_OPEN,
            f"Load {load['id']} is {load['status']}; units are loaded onto pending or open loads.",
            path="/load_id",
        )
    if load["warehouse_id"] != task["warehouse_id"]:
        raise _invalid(
            f"Load {load['id']} is of warehouse {load['warehouse_id']}, the task of"
            f" {task['warehouse_id']}.",
            "/load_id",
        )


async def _ensure_drop_fits(
    session: AsyncSession, *, load: LoadRow, drop: LoadDropRow, task: TaskRow
) -> None:
    """A drop naming an order takes only that order's units; when the warehouse validates
    loading by delivery address, the drop's address must be the order's."""
    if drop["status"] != LoadDropStatus.PENDING:
        raise _invalid(f"Load drop {drop['id']} is {drop['status']}.", "/load_drop_id")
    if drop["goods_out_id"] is not None and drop["goods_out_id"] != task["goods_out_id"]:
        raise _invalid(
            f"Load drop {drop['id']} is for order {drop['goods_out_id']}; the storage unit is"
            f" order {task['goods_out_id']}'s.",
            "/load_drop_id",
        )
    setting = await loading_validation(session, warehouse_id=load["warehouse_id"])
    if setting != "delivery_address":
        return
    statement = select(goods_outs.c.address_id, goods_outs.c.original_delivery_address_id).where(
        goods_outs.c.id == task["goods_out_id"]
    )
    addresses = set((await session.execute(statement)).one())
    if drop["delivery_address_id"] not in addresses - {None}:
        raise _invalid(
            f"Load drop {drop['id']} delivers to address {drop['delivery_address_id']}, not to"
            f" order {task['goods_out_id']}'s.",
            "/load_drop_id",
        )


async def _drop_of_order(session: AsyncSession, *, load: LoadRow, task: TaskRow) -> LoadDropRow:
    """The load's first drop for the task's order, when no drop was named or assigned."""
    statement = (
        select(load_drops)
        .where(
            load_drops.c.load_id == load["id"], load_drops.c.goods_out_id == task["goods_out_id"]
        )
        .order_by(load_drops.c.sequence)
        .limit(1)
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD,
            f"Load {load['id']} has no drop for order {task['goods_out_id']}: name a load_drop_id.",
            path="/load_drop_id",
        )
    drop = load_drop_row(row)
    await _ensure_drop_fits(session, load=load, drop=drop, task=task)
    return drop


async def _ensure_room(session: AsyncSession, *, load: LoadRow) -> None:
    """One more unit fits the load's trailer (its type's capacity; none: no limit)."""
    if load["trailer_id"] is None:
        return
    statement = (
        select(trailer_types.c.storage_unit_capacity)
        .join(trailers, trailers.c.trailer_type_id == trailer_types.c.id)
        .where(trailers.c.id == load["trailer_id"])
    )
    capacity = (await session.execute(statement)).scalar_one()
    loaded = load["number_of_storage_units_loaded"]
    if capacity is not None and loaded + 1 > capacity:
        raise ClarusError.of(
            ErrorKind.TRAILER_FULL,
            f"Load {load['id']}'s trailer {load['trailer_id']} takes {capacity} storage units;"
            f" {loaded} are loaded.",
            load_id=load["id"],
            storage_unit_capacity=capacity,
        )


async def _count(
    session: AsyncSession, *, tenant_id: int, load: LoadRow, drop_id: int | None, change: int
) -> None:
    """The load's and drop's loaded counts move by `change`; a load loading is open."""
    if drop_id is not None:
        await crud.change_records(
            session,
            LOAD_DROPS,
            tenant_id=tenant_id,
            where=load_drops.c.id == drop_id,
            values={
                "number_of_storage_units_loaded": load_drops.c.number_of_storage_units_loaded
                + change
            },
        )
    await crud.change_records(
        session,
        LOADS,
        tenant_id=tenant_id,
        where=loads.c.id == load["id"],
        values={
            "number_of_storage_units_loaded": loads.c.number_of_storage_units_loaded + change,
            "status": LoadStatus.OPEN,
        },
    )


def _invalid(message: str, path: str) -> ClarusError:
    return ClarusError.of(ErrorKind.LOAD_VALIDATION_FAILED, message, path=path)
