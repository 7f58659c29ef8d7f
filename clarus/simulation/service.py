"""The sandbox simulator (ours): on a tenant that is not live, do in one request the warehouse
work a receipt or an order would get, through the same services the real operations use, so
an integrator sees every status change and webhook event without a warehouse.

A warehouse with no locations first gets default ones: a goods in bay (GIBAY), a storage
location, and a goods out bay (GOBAY).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record, id_of, insert_returning
from clarus.inbound.destinations import GOODS_IN_BAY
from clarus.inbound.putaway import put_away
from clarus.inbound.receive_tasks import receive
from clarus.inbound.receiving import receive_receipt
from clarus.inbound.rows import goods_in_receipt_row
from clarus.inbound.service import RECEIPTS, shown_receipt
from clarus.inbound.statuses import ReceiptStatus
from clarus.inbound.tables import goods_in_receipts
from clarus.inventory.places import first_location
from clarus.masterdata.tables import location_types, locations
from clarus.outbound.dispatch import complete_dispatch_task
from clarus.outbound.picking import GOODS_OUT_BAY, complete_picks
from clarus.outbound.processing import PROCESSABLE, process_picks
from clarus.outbound.rows import goods_out_row
from clarus.outbound.service import GOODS_OUTS, shown_goods_out
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_outs
from clarus.tasks.handlers import Completion
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.statuses import OPEN, TaskType
from clarus.tasks.tables import tasks
from clarus.tenancy.tables import tenants

STORAGE = "STORAGE"
DEFAULT_LOCATIONS = (
    (GOODS_IN_BAY, "SIM-GOODS-IN", "Goods in bay"),
    (STORAGE, "SIM-STORAGE", "Storage"),
    (GOODS_OUT_BAY, "SIM-GOODS-OUT", "Goods out bay"),
)


@dataclass(frozen=True, slots=True)
class Places:
    storage_id: int


async def receive_everything(
    session: AsyncSession, *, tenant_id: int, user_id: int, receipt_id: int
) -> RowDict:
    """Receive every line of the receipt as expected, straight into storage, and confirm any
    put-away still open: the receipt ends `completed`."""
    await ensure_sandbox(session, tenant_id)
    receipt = await fetch_record(
        session,
        goods_in_receipts,
        tenant_id=tenant_id,
        record_id=receipt_id,
        resource=RECEIPTS.event_name,
        shape=goods_in_receipt_row,
    )
    places = await warehouse_places(
        session, tenant_id=tenant_id, warehouse_id=receipt["warehouse_id"]
    )
    if receipt["status"] == ReceiptStatus.PENDING:
        await receive_receipt(session, tenant_id=tenant_id, user_id=user_id, receipt_id=receipt_id)
    for task in await _open_tasks(
        session, tasks.c.goods_in_receipt_id == receipt_id, TaskType.RECEIVE
    ):
        await receive(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            task=task,
            completion=Completion(location_to_id=places.storage_id),
            to_putaway_location=True,
        )
    for task in await _open_tasks(
        session, tasks.c.goods_in_receipt_id == receipt_id, TaskType.PUTAWAY
    ):
        await put_away(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            task=task,
            completion=Completion(location_to_id=places.storage_id),
        )
    row = await fetch_record(
        session,
        goods_in_receipts,
        tenant_id=tenant_id,
        record_id=receipt_id,
        resource=RECEIPTS.event_name,
        shape=goods_in_receipt_row,
    )
    return await shown_receipt(session, row, tenant_id=tenant_id)


async def fulfil(
    session: AsyncSession, *, tenant_id: int, user_id: int, goods_out_id: int
) -> RowDict:
    """Allocate, pick and dispatch the order (its manual dispatch tasks too): it ends
    COMPLETED, or refused as processing would refuse it (39 without the stock)."""
    await ensure_sandbox(session, tenant_id)
    order = await fetch_record(
        session,
        goods_outs,
        tenant_id=tenant_id,
        record_id=goods_out_id,
        resource=GOODS_OUTS.event_name,
        shape=goods_out_row,
    )
    if order["warehouse_id"] is not None:
        await warehouse_places(session, tenant_id=tenant_id, warehouse_id=order["warehouse_id"])
    if GoodsOutStatus(order["goods_out_status_id"]) in PROCESSABLE:
        await process_picks(
            session, tenant_id=tenant_id, goods_out_ids=[goods_out_id], consolidate=False
        )
    of_order = tasks.c.goods_out_id == goods_out_id
    picks = await _open_tasks(session, of_order, TaskType.PICK)
    if picks:
        await complete_picks(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            picks=[(task, Completion()) for task in picks],
        )
    for task in await _open_tasks(session, of_order, TaskType.DISPATCH):
        await complete_dispatch_task(session, tenant_id=tenant_id, user_id=user_id, task=task)
    row = await fetch_record(
        session,
        goods_outs,
        tenant_id=tenant_id,
        record_id=goods_out_id,
        resource=GOODS_OUTS.event_name,
        shape=goods_out_row,
    )
    return await shown_goods_out(session, row, tenant_id=tenant_id)


async def ensure_sandbox(session: AsyncSession, tenant_id: int) -> None:
    statement = select(tenants.c.is_live).where(tenants.c.id == tenant_id)
    if (await session.execute(statement)).scalar_one():
        raise ClarusError.of(ErrorKind.SANDBOX_ONLY)


async def warehouse_places(session: AsyncSession, *, tenant_id: int, warehouse_id: int) -> Places:
    """Where simulated stock is stored: the warehouse's first location that is no bay; a
    warehouse without locations gets the default ones first."""
    existing = select(locations.c.id).where(
        locations.c.tenant_id == tenant_id, locations.c.warehouse_id == warehouse_id
    )
    if (await session.execute(existing.limit(1))).first() is None:
        await _default_locations(session, tenant_id=tenant_id, warehouse_id=warehouse_id)
    storage_id = await first_location(
        session,
        tenant_id=tenant_id,
        warehouse_id=warehouse_id,
        type_code_test=lambda code: [code.not_in([GOODS_IN_BAY, GOODS_OUT_BAY])],
    )
    if storage_id is None:
        raise ClarusError.of(ErrorKind.NO_STORAGE_LOCATION, warehouse_id=warehouse_id)
    return Places(storage_id=storage_id)


async def _default_locations(session: AsyncSession, *, tenant_id: int, warehouse_id: int) -> None:
    for type_code, location_code, name in DEFAULT_LOCATIONS:
        type_id = await ensure_location_type(
            session, tenant_id=tenant_id, code=type_code, name=name
        )
        await insert_returning(
            session,
            locations,
            tenant_id=tenant_id,
            values={
                "warehouse_id": warehouse_id,
                "location_type_id": type_id,
                "code": location_code,
            },
        )


async def ensure_location_type(
    session: AsyncSession, *, tenant_id: int, code: str, name: str
) -> int:
    statement = select(location_types.c.id).where(
        location_types.c.tenant_id == tenant_id, location_types.c.code == code
    )
    found = (await session.execute(statement)).scalar_one_or_none()
    if found is not None:
        return int(found)
    created = await insert_returning(
        session,
        location_types,
        tenant_id=tenant_id,
        values={"code": code, "name": name},
    )
    return id_of(created)


async def _open_tasks(
    session: AsyncSession, where: ColumnElement[bool], task_type: TaskType
) -> list[TaskRow]:
    statement = (
        select(tasks)
        .where(where, tasks.c.task_type_code == task_type, tasks.c.status.in_(sorted(OPEN)))
        .order_by(tasks.c.id)
    )
    return [task_row(row) for row in (await session.execute(statement)).mappings()]
