"""Warehouse work on orders: allocating stock to them (ours: `POST
/api/goods_out_processes/allocate`, also run by the simulator and picking)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import emit_change
from clarus.core.db import utcnow
from clarus.core.documents import lines_by_parent
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import Record
from clarus.masterdata.addresses import fetch_address, shown_address
from clarus.outbound.allocation import allocate_lines
from clarus.outbound.service import GOODS_OUT_LINES, GOODS_OUTS, shown_goods_out
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_outs

ALLOCATABLE = frozenset({GoodsOutStatus.PENDING, GoodsOutStatus.PART_ALLOCATED})
MAX_ORDERS = 1000


async def allocate_goods_outs(
    session: AsyncSession, *, tenant_id: int, goods_out_ids: Sequence[int]
) -> list[Record]:
    """Allocate each order named (PENDING, or PART_ALLOCATED to try for the rest), in id
    order; the orders as allocation left them. All or nothing: an id that is not an order of
    the tenant (37), or an order in another status (59 when already ALLOCATED), refuses the
    lot."""
    orders = await _locked_orders(session, tenant_id=tenant_id, goods_out_ids=goods_out_ids)
    refused = [
        _not_allocatable(index, order)
        for index, order in enumerate(orders)
        if GoodsOutStatus(order["goods_out_status_id"]) not in ALLOCATABLE
    ]
    if refused:
        raise ClarusError(*refused)
    lines = await lines_by_parent(
        session, GOODS_OUT_LINES, tenant_id=tenant_id, parent_ids=[o["id"] for o in orders]
    )
    allocated = []
    for order in orders:
        status = await allocate_lines(
            session, tenant_id=tenant_id, order=order, lines=lines.get(order["id"], [])
        )
        allocated.append(await _with_status(session, order, status, tenant_id=tenant_id))
    return allocated


async def _locked_orders(
    session: AsyncSession, *, tenant_id: int, goods_out_ids: Sequence[int]
) -> list[Record]:
    if not goods_out_ids:
        raise ClarusError.of(ErrorKind.EMPTY_IDS_PROVIDED, pointer="/ids")
    statement = (
        select(goods_outs)
        .where(goods_outs.c.tenant_id == tenant_id, goods_outs.c.id.in_(goods_out_ids))
        .order_by(goods_outs.c.id)
        .with_for_update()
    )
    orders = [dict(row) for row in (await session.execute(statement)).mappings()]
    missing = sorted(set(goods_out_ids) - {order["id"] for order in orders})
    if missing:
        raise ClarusError.of(
            ErrorKind.INVALID_IDS_PROVIDED,
            f"No goods out has the ids {missing}.",
            pointer="/ids",
            invalid_ids=missing,
        )
    return orders


def _not_allocatable(index: int, order: Record) -> Problem:
    status = GoodsOutStatus(order["goods_out_status_id"])
    kind = (
        ErrorKind.GOODS_OUT_ALREADY_ALLOCATED
        if status is GoodsOutStatus.ALLOCATED
        else ErrorKind.STATUS_FORBIDS_CHANGE
    )
    return Problem(
        kind,
        f"goods out {order['id']} is {status.code}; only PENDING or PART_ALLOCATED orders are"
        " allocated.",
        "/ids",
        {"id": order["id"], "status": status.code},
    )


async def _with_status(
    session: AsyncSession, order: Record, status: GoodsOutStatus, *, tenant_id: int
) -> Record:
    """The order with its new status (and its event, if the status changed)."""
    if status == order["goods_out_status_id"]:
        row = order
    else:
        statement = (
            update(goods_outs)
            .where(goods_outs.c.id == order["id"])
            .values(goods_out_status_id=status, updated_at=utcnow())
            .returning(*goods_outs.c)
        )
        row = dict((await session.execute(statement)).mappings().one())
    address = await fetch_address(session, tenant_id, row["address_id"])
    record = await shown_goods_out(session, row, shown_address(address), tenant_id=tenant_id)
    if status != order["goods_out_status_id"]:
        await emit_change(session, GOODS_OUTS, tenant_id=tenant_id, event="updated", record=record)
    return record
