"""Replenishment: REPLEN tasks that bring reserve stock to a pick face, up to its maximum.

Two triggers make them: `trigger_replenishment` (`POST
/api/goods_out_processes/trigger_replenishment`) for one pick face, product and account, and
allocation, which calls `replenish_pick_faces` with the stock records it reserved, so that a
continuously replenished face it takes below its minimum is topped up at once. Both lock the
pickface products concerned (in id order) before they read the faces' levels, and a level counts
what open REPLEN tasks bring: however many triggers run at once, one face never gets more
replenishment than fills it. Services never commit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import pickface_products, products
from clarus.core.events import emit_many
from clarus.core.fields import RecordId
from clarus.core.locks import lock_rows
from clarus.core.references import Reference, ensure_references_exist
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import accounts, locations
from clarus.stockcontrol.errors import (
    no_reserve_stock,
    not_a_pickface_of_product,
    pickface_without_maximum,
)
from clarus.stockcontrol.replenishment_levels import (
    Face,
    face_levels,
    lock_continuous_faces,
    named_face,
    open_replenishments,
    planned_tasks,
    reserve_stock,
    touched_faces,
)
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.service import NewTask, insert_tasks, shown_task
from clarus.tasks.tables import tasks

REPLENISHMENT_EVENTS = "replenishment_task"


class TriggerReplenishmentRequest(InputModel):
    """Request body for triggering pickface replenishment (a bare body, as the contract's
    `TriggerReplenishmentRequest`)."""

    account_id: RecordId
    location_id: RecordId
    product_id: RecordId


async def trigger_replenishment(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int | None,
    request: TriggerReplenishmentRequest,
) -> list[TaskRow]:
    """Top the pick face up to its maximum for the account, from the oldest reserve stock;
    the open REPLEN tasks bringing stock to it afterwards (made now or before), in id order.

    A face already full, or full with what is on its way, gets nothing more. Refused: ids the
    tenant does not have (422 each), a location that is not a pick face of the product (1221), a
    pick face without `trigger_max` (1222), and a face below its maximum with nothing on its way
    and no reserve stock to fill it (1220)."""
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(accounts, request.account_id, "/account_id"),
            Reference(locations, request.location_id, "/location_id"),
            Reference(products, request.product_id, "/product_id"),
        ],
    )
    assignment_id = await _assignment(session, tenant_id=tenant_id, request=request)
    await lock_rows(session, pickface_products, tenant_id=tenant_id, record_ids=[assignment_id])
    [face] = await face_levels(
        session,
        tenant_id=tenant_id,
        touched=named_face(assignment_id, request.account_id),
        pickface_product_ids=[assignment_id],
    )
    if face.trigger_max is None:
        raise pickface_without_maximum(assignment_id)
    await _replenish(session, tenant_id=tenant_id, user_id=user_id, faces=[face])
    task_ids = await open_replenishments(session, tenant_id=tenant_id, face=face)
    if not task_ids and face.shortfall > 0:
        raise no_reserve_stock(
            level=face.level, trigger_max=face.trigger_max, warehouse_id=face.warehouse_id
        )
    return await _tasks(session, task_ids)


async def replenish_pick_faces(
    session: AsyncSession,
    *,
    tenant_id: int,
    stock_ids: Collection[int],
    user_id: int | None = None,
) -> list[TaskRow]:
    """Replenish every continuous pick face these stock records lie in that is below its
    minimum now (for the records' accounts); the tasks made. One locking read finds the faces
    (none: done), one more reads their levels; only faces to fill read reserve stock, one
    statement per account and warehouse."""
    if not stock_ids:
        return []
    locked = await lock_continuous_faces(session, tenant_id=tenant_id, stock_ids=stock_ids)
    if not locked:
        return []
    faces = await face_levels(
        session,
        tenant_id=tenant_id,
        touched=touched_faces(stock_ids),
        pickface_product_ids=locked,
    )
    below = [face for face in faces if face.is_below_minimum]
    return await _replenish(session, tenant_id=tenant_id, user_id=user_id, faces=below)


async def _assignment(
    session: AsyncSession, *, tenant_id: int, request: TriggerReplenishmentRequest
) -> int:
    """The pickface product assigning the product to the location, which must still be a pick
    face."""
    statement = (
        select(pickface_products.c.id)
        .join(locations, locations.c.id == pickface_products.c.location_id)
        .where(
            pickface_products.c.tenant_id == tenant_id,
            pickface_products.c.location_id == request.location_id,
            pickface_products.c.product_id == request.product_id,
            locations.c.is_pickface.is_(True),
        )
    )
    found = (await session.execute(statement)).scalar_one_or_none()
    if found is None:
        raise not_a_pickface_of_product(request.location_id, request.product_id)
    return int(found)


async def _replenish(
    session: AsyncSession, *, tenant_id: int, user_id: int | None, faces: Sequence[Face]
) -> list[TaskRow]:
    """REPLEN tasks covering the faces' shortfalls from reserve stock (each account's faces in
    a warehouse read it once), with their `created` events."""
    wanting = sorted(
        (face for face in faces if face.shortfall > 0),
        key=lambda face: (face.account_id, face.warehouse_id, face.pickface_product_id),
    )
    rows: list[NewTask] = []
    for (account_id, warehouse_id), group in groupby(
        wanting, key=lambda face: (face.account_id, face.warehouse_id)
    ):
        of_group = list(group)
        reserve = await reserve_stock(
            session,
            tenant_id=tenant_id,
            account_id=account_id,
            warehouse_id=warehouse_id,
            pick_rule=of_group[0].pick_rule,
            product_ids={face.product_id for face in of_group},
        )
        rows += planned_tasks(of_group, reserve, user_id=user_id)
    created = await insert_tasks(session, tenant_id=tenant_id, rows=rows)
    await emit_many(
        session,
        tenant_id=tenant_id,
        resource_name=REPLENISHMENT_EVENTS,
        event="created",
        records=[shown_task(task) for task in created],
    )
    return created


async def _tasks(session: AsyncSession, task_ids: Sequence[int]) -> list[TaskRow]:
    if not task_ids:
        return []
    statement = select(tasks).where(tasks.c.id.in_(task_ids)).order_by(tasks.c.id)
    return [task_row(row) for row in (await session.execute(statement)).mappings()]
