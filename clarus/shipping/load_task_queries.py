"""What the handheld load screen reads: the LOAD task to work next, with the codes an operator
scans, and the load a scan names."""

from __future__ import annotations

import decimal
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import storage_units
from clarus.masterdata.tables import locations
from clarus.outbound.tables import goods_outs
from clarus.shipping.load_statuses import DROPS_ALLOWED
from clarus.shipping.tables import loads, trailers
from clarus.tasks.queries import open_tasks_to_work
from clarus.tasks.statuses import TaskType
from clarus.tasks.tables import tasks


@dataclass(frozen=True, slots=True)
class LoadToDo:
    """An open LOAD task as the handheld shows it: the order's storage unit (None for its loose
    picked stock) where picking left it, and the load it is assigned to, if any."""

    task_id: int
    warehouse_id: int
    order_reference: str | None
    quantity: decimal.Decimal
    location_id: int
    location_code: str
    storage_unit_id: int | None
    storage_unit_code: str | None
    load_id: int | None
    load_reference: str | None
    trailer_code: str | None


async def next_load(
    session: AsyncSession, *, tenant_id: int, user_id: int, task_id: int | None = None
) -> LoadToDo | None:
    """The oldest open LOAD task of the tenant that no other user holds (or the task `task_id`,
    when it is one of them), in one statement."""
    statement = (
        select(
            tasks.c.id,
            tasks.c.warehouse_id,
            goods_outs.c.reference.label("order_reference"),
            tasks.c.start_quantity,
            tasks.c.location_from_id,
            locations.c.code.label("location_code"),
            tasks.c.storage_unit_from_id,
            storage_units.c.reference.label("unit_reference"),
            storage_units.c.barcode.label("unit_barcode"),
            tasks.c.load_id,
            loads.c.reference.label("load_reference"),
            trailers.c.code.label("trailer_code"),
        )
        .join(goods_outs, goods_outs.c.id == tasks.c.goods_out_id)
        .join(locations, locations.c.id == tasks.c.location_from_id)
        .outerjoin(storage_units, storage_units.c.id == tasks.c.storage_unit_from_id)
        .outerjoin(loads, loads.c.id == tasks.c.load_id)
        .outerjoin(trailers, trailers.c.id == loads.c.trailer_id)
        .where(
            open_tasks_to_work(
                tenant_id=tenant_id, task_type=TaskType.LOAD, task_id=task_id, user_id=user_id
            )
        )
        .order_by(tasks.c.id)
        .limit(1)
    )
    row = (await session.execute(statement)).one_or_none()
    if row is None:
        return None
    return LoadToDo(
        row.id,
        row.warehouse_id,
        row.order_reference,
        row.start_quantity,
        row.location_from_id,
        row.location_code,
        row.storage_unit_from_id,
        row.unit_reference or row.unit_barcode,
        row.load_id,
        row.load_reference,
        row.trailer_code,
    )


async def load_id_scanned(
    session: AsyncSession, *, tenant_id: int, warehouse_id: int, scan: str
) -> int | None:
    """The warehouse's load whose reference is `scan`, else its oldest pending or open load on
    the trailer whose code is `scan`; None when neither."""
    by_reference = select(loads.c.id).where(
        loads.c.tenant_id == tenant_id,
        loads.c.warehouse_id == warehouse_id,
        loads.c.reference == scan,
    )
    found = (await session.execute(by_reference)).scalar_one_or_none()
    if found is not None:
        return int(found)
    by_trailer = (
        select(loads.c.id)
        .join(trailers, trailers.c.id == loads.c.trailer_id)
        .where(
            loads.c.tenant_id == tenant_id,
            loads.c.warehouse_id == warehouse_id,
            loads.c.status.in_(sorted(DROPS_ALLOWED)),
            trailers.c.code == scan,
        )
        .order_by(loads.c.id)
        .limit(1)
    )
    return (await session.execute(by_trailer)).scalar_one_or_none()
