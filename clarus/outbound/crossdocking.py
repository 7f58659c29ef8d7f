"""Crossdocking: stock received on a receipt line goes straight to the crossdock orders whose
lines name that line (`goods_in_receipt_line_id`), reserved where it was received, with no
put-away between. The orders are then picked and dispatched like any allocated order. Inbound
offers the stock through `inbound.routing`; `registrations` puts this route there."""

from __future__ import annotations

import decimal
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.documents import lines_by_parent
from clarus.core.records import add_per_record
from clarus.inbound.routing import ReceivedStock
from clarus.outbound.allocation import (
    LineToAllocate,
    Reserved,
    adjust_allocations,
    reserve_up_to,
    status_after,
)
from clarus.outbound.processes import ALLOCATABLE, with_status
from clarus.outbound.rows import GoodsOutLineRow, GoodsOutRow, goods_out_line_row, goods_out_row
from clarus.outbound.service import GOODS_OUT_LINES
from clarus.outbound.tables import goods_out_lines, goods_outs

CROSSDOCK = "crossdock"
ZERO = decimal.Decimal(0)


async def allocate_received(session: AsyncSession, *, received: ReceivedStock) -> decimal.Decimal:
    """Reserve the received stock for the waiting crossdock orders (oldest order first, up to
    what each line still lacks); how much was reserved."""
    orders = await _waiting_orders(session, received)
    if not orders:
        return ZERO
    lines = await lines_by_parent(
        session,
        GOODS_OUT_LINES,
        tenant_id=received.tenant_id,
        parent_ids=[order["id"] for order in orders],
        shape=goods_out_line_row,
    )
    left = received.quantity
    for order in orders:
        if left > 0:
            left -= await _reserve_for_order(
                session, received=received, order=order, lines=lines.get(order["id"], []), left=left
            )
    return received.quantity - left


async def _reserve_for_order(
    session: AsyncSession,
    *,
    received: ReceivedStock,
    order: GoodsOutRow,
    lines: Sequence[GoodsOutLineRow],
    left: decimal.Decimal,
) -> decimal.Decimal:
    """Reserve up to `left` of the stock for the order's lines on the receipt line; the order
    takes the status that leaves it in. How much was reserved."""
    every_line = [LineToAllocate.of(line) for line in lines]
    reserved = Reserved()
    for line, record in zip(every_line, lines, strict=True):
        wanted = min(line.outstanding, left - sum(reserved.values(), ZERO))
        if not _waits_for(record, received) or wanted <= 0:
            continue
        got = await reserve_up_to(session, stock_id=received.stock_id, wanted=wanted)
        if got > 0:
            reserved.add((line.id, received.stock_id), got)
    await adjust_allocations(
        session, tenant_id=received.tenant_id, order_id=order["id"], changes=reserved
    )
    await add_per_record(
        session,
        goods_out_lines,
        {line_id: {"allocated_quantity": quantity} for (line_id, _), quantity in reserved.items()},
    )
    by_line = {line.id: reserved.of_line(line.id) for line in every_line}
    await with_status(
        session, order, status_after(every_line, by_line), tenant_id=received.tenant_id
    )
    return sum(reserved.values(), ZERO)


def _waits_for(line: GoodsOutLineRow, received: ReceivedStock) -> bool:
    wanted = (line["goods_in_receipt_line_id"], line["product_id"])
    return wanted == (received.goods_in_receipt_line_id, received.product_id)


async def _waiting_orders(session: AsyncSession, received: ReceivedStock) -> list[GoodsOutRow]:
    """The open crossdock orders of the stock's account and warehouse with a line for the
    receipt line and its product, locked. The stock record is locked already, and allocation
    locks an order before its stock: an order another request holds is passed over rather than
    waited for (so the two never wait on each other crosswise), and its share is put away."""
    naming_the_line = select(goods_out_lines.c.goods_out_id).where(
        goods_out_lines.c.tenant_id == received.tenant_id,
        goods_out_lines.c.goods_in_receipt_line_id == received.goods_in_receipt_line_id,
        goods_out_lines.c.product_id == received.product_id,
    )
    statement = (
        select(goods_outs)
        .where(
            goods_outs.c.tenant_id == received.tenant_id,
            goods_outs.c.id.in_(naming_the_line),
            goods_outs.c.goods_out_type == CROSSDOCK,
            goods_outs.c.account_id == received.account_id,
            goods_outs.c.warehouse_id == received.warehouse_id,
            goods_outs.c.goods_out_status_id.in_([int(status) for status in ALLOCATABLE]),
        )
        .order_by(goods_outs.c.id)
        .with_for_update(skip_locked=True)
    )
    return [goods_out_row(row) for row in (await session.execute(statement)).mappings()]
