"""What the handheld replenishment screen reads: the REPLEN task to work next, with the codes
an operator scans."""

from __future__ import annotations

import decimal
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.masterdata.tables import locations
from clarus.tasks.queries import open_tasks_to_work
from clarus.tasks.statuses import TaskType
from clarus.tasks.tables import tasks


@dataclass(frozen=True, slots=True)
class ReplenishmentToDo:
    """An open REPLEN task as the handheld shows it: what to take from the reserve location
    to the pick face."""

    task_id: int
    warehouse_id: int
    product_id: int
    product_code: str
    quantity: decimal.Decimal
    reserve_location_id: int
    reserve_location_code: str
    pick_face_id: int
    pick_face_code: str


async def next_replenishment(
    session: AsyncSession, *, tenant_id: int, user_id: int, task_id: int | None = None
) -> ReplenishmentToDo | None:
    """The oldest open REPLEN task of the tenant that no other user holds (or the task
    `task_id`, when it is one of them), in one statement."""
    reserve, pick_face = locations.alias("reserve"), locations.alias("pick_face")
    statement = (
        select(
            tasks.c.id,
            tasks.c.warehouse_id,
            tasks.c.product_id,
            products.c.code.label("product_code"),
            tasks.c.start_quantity,
            tasks.c.location_from_id,
            reserve.c.code.label("reserve_code"),
            tasks.c.location_to_id,
            pick_face.c.code.label("pick_face_code"),
        )
        .join(products, products.c.id == tasks.c.product_id)
        .join(reserve, reserve.c.id == tasks.c.location_from_id)
        .join(pick_face, pick_face.c.id == tasks.c.location_to_id)
        .where(
            open_tasks_to_work(
                tenant_id=tenant_id,
                task_type=TaskType.REPLENISH,
                task_id=task_id,
                user_id=user_id,
            )
        )
        .order_by(tasks.c.id)
        .limit(1)
    )
    row = (await session.execute(statement)).one_or_none()
    if row is None:
        return None
    return ReplenishmentToDo(
        row.id,
        row.warehouse_id,
        row.product_id,
        row.product_code or "",
        row.start_quantity,
        row.location_from_id,
        row.reserve_code,
        row.location_to_id,
        row.pick_face_code,
    )
