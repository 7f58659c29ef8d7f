"""Warehouse work on orders: allocating stock to them (ours) and shipping part-allocated orders
short."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypedDict

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import emit_change
from clarus.core.db import utcnow
from clarus.core.documents import lines_by_parent
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import RowDict, records_named
from clarus.masterdata.reasons import ensure_reason_fits
from clarus.masterdata.tables import accounts
from clarus.outbound.allocation import allocate_lines
from clarus.outbound.rows import GoodsOutRow, goods_out_line_row, goods_out_row
from clarus.outbound.schemas import ShortOrderLinesRequest
from clarus.outbound.service import GOODS_OUT_LINES, GOODS_OUTS, shown_goods_out
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_out_lines, goods_outs

SHORT = "short"
"""A line's `short_status` once the rest of its quantity was let go."""
ALLOCATABLE = frozenset({GoodsOutStatus.PENDING, GoodsOutStatus.PART_ALLOCATED})
MAX_ORDERS = 1000


async def allocate_goods_outs(
    session: AsyncSession, *, tenant_id: int, goods_out_ids: Sequence[int]
) -> list[RowDict]:
    """Allocate each order named (PENDING, or PART_ALLOCATED to try for the rest), in id
    order; the orders as allocation left them. All or nothing: an id that is not an order of
    the tenant (37), or an order in another status (59 when already ALLOCATED), refuses the
    lot."""
    orders = await locked_orders(session, tenant_id=tenant_id, goods_out_ids=goods_out_ids)
    refused = [
        _not_allocatable(index, order)
        for index, order in enumerate(orders)
        if GoodsOutStatus(order["goods_out_status_id"]) not in ALLOCATABLE
    ]
    if refused:
        raise ClarusError(*refused)
    lines = await lines_by_parent(
        session,
        GOODS_OUT_LINES,
        tenant_id=tenant_id,
        parent_ids=[o["id"] for o in orders],
        shape=goods_out_line_row,
    )
    allocated = []
    for order in orders:
        status = await allocate_lines(
            session, tenant_id=tenant_id, order=order, lines=lines.get(order["id"], [])
        )
        allocated.append(await with_status(session, order, status, tenant_id=tenant_id))
    return allocated


async def short_order_lines(
    session: AsyncSession, *, tenant_id: int, request: ShortOrderLinesRequest
) -> list[RowDict]:
    """Finish PART_ALLOCATED orders with what they have: every line's unallocated rest is
    marked short (`short_status`), and the order is ALLOCATED, ready to pick. Its account must
    allow it (`is_short_pickable`). All or nothing."""
    orders = await locked_orders(session, tenant_id=tenant_id, goods_out_ids=request.ids)
    await ensure_reason_fits(session, tenant_id, request.reason_code_id, "short_order_lines")
    short_pickable = await _short_pickable_accounts(session, orders)
    problems = [problem for order in orders for problem in _not_shortable(order, short_pickable)]
    if problems:
        raise ClarusError(*problems)
    order_ids = [order["id"] for order in orders]
    now = utcnow()
    await session.execute(
        update(goods_out_lines)
        .where(
            goods_out_lines.c.goods_out_id.in_(order_ids),
            goods_out_lines.c.allocated_quantity < goods_out_lines.c.order_quantity,
            goods_out_lines.c.short_status.is_(None),
        )
        .values(short_status=SHORT, updated_at=now)
    )
    reason = OrderChanges(
        short_order_lines_description=request.description,
        short_order_lines_reason_code_id=request.reason_code_id,
    )
    return [
        await with_status(
            session, order, GoodsOutStatus.ALLOCATED, tenant_id=tenant_id, changes=reason
        )
        for order in orders
    ]


async def _short_pickable_accounts(
    session: AsyncSession, orders: Sequence[GoodsOutRow]
) -> set[int]:
    statement = select(accounts.c.id).where(
        accounts.c.id.in_({order["account_id"] for order in orders}),
        accounts.c.is_short_pickable.is_(True),
    )
    return set((await session.execute(statement)).scalars())


def _not_shortable(order: GoodsOutRow, short_pickable: set[int]) -> list[Problem]:
    status = GoodsOutStatus(order["goods_out_status_id"])
    context = {"id": order["id"], "status": status.code}
    problems = []
    if status is not GoodsOutStatus.PART_ALLOCATED:
        problems.append(
            Problem(
                ErrorKind.STATUS_FORBIDS_CHANGE,
                f"goods out {order['id']} is {status.code}; only PART_ALLOCATED orders ship short.",
                "/ids",
                context,
            )
        )
    if order["account_id"] not in short_pickable:
        problems.append(Problem(ErrorKind.ACCOUNT_NOT_SHORT_PICKABLE, None, "/ids", context))
    return problems


async def locked_orders(
    session: AsyncSession, *, tenant_id: int, goods_out_ids: Sequence[int]
) -> list[GoodsOutRow]:
    return await records_named(
        session,
        goods_outs,
        tenant_id=tenant_id,
        ids=goods_out_ids,
        resource="goods out",
        lock=True,
        shape=goods_out_row,
    )


def _not_allocatable(index: int, order: GoodsOutRow) -> Problem:
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


class OrderChanges(TypedDict, total=False):
    """What a change of an order's status may set with it."""

    short_order_lines_description: str | None
    short_order_lines_reason_code_id: int | None
    goods_out_pick_list_id: int
    actual_date_of_dispatch: dt.datetime


async def with_status(
    session: AsyncSession,
    order: GoodsOutRow,
    status: GoodsOutStatus,
    *,
    tenant_id: int,
    changes: OrderChanges | None = None,
    event: str = "updated",
) -> RowDict:
    """The order with its new status and `changes`, and its `event` if anything changed."""
    changed = dict(changes or {})
    if status == order["goods_out_status_id"] and not changed:
        row = order
    else:
        statement = (
            update(goods_outs)
            .where(goods_outs.c.id == order["id"])
            .values(goods_out_status_id=status, updated_at=utcnow(), **changed)
            .returning(*goods_outs.c)
        )
        row = goods_out_row((await session.execute(statement)).mappings().one())
    record = await shown_goods_out(session, row, tenant_id=tenant_id)
    if row is not order:
        await emit_change(session, GOODS_OUTS, tenant_id=tenant_id, event=event, record=record)
    return record
