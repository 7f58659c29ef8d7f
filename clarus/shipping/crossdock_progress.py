"""A crossdock's status follows its goods: `received` once stock arrives on the goods in
receipt of the same account and reference, `completed` once every crossdock order waiting on
that receipt's lines has left (dispatched, or cancelled). A status never moves back, and a
status set by hand further on stays. Each move is a `crossdock` `updated` event."""

from __future__ import annotations

import decimal
from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import emit_change
from clarus.core.db import utcnow
from clarus.inbound.routing import ReceivedStock
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.masterdata.addresses import fetch_address, shown_address
from clarus.outbound.crossdocking import CROSSDOCK
from clarus.outbound.rows import GoodsOutRow
from clarus.outbound.statuses import FINISHED
from clarus.outbound.tables import goods_out_lines, goods_outs
from clarus.shipping.crossdocks import CROSSDOCKS
from clarus.shipping.statuses import CROSSDOCK_ORDER, CrossdockStatus
from clarus.shipping.tables import crossdocks

ZERO = decimal.Decimal(0)


async def note_crossdock_received(
    session: AsyncSession, *, received: ReceivedStock
) -> decimal.Decimal:
    """The crossdock of the receipt is `received`; the stock is left to other routes."""
    await _advance(
        session,
        tenant_id=received.tenant_id,
        receipt_ids=[received.goods_in_receipt_id],
        to=CrossdockStatus.RECEIVED,
    )
    return ZERO


async def note_crossdock_dispatched(
    session: AsyncSession, *, tenant_id: int, order: GoodsOutRow
) -> None:
    """A crossdock order left: the crossdocks of the receipts it was fed from are `completed`
    when no crossdock order fed from those receipts is still open."""
    if order["goods_out_type"] != CROSSDOCK:
        return
    statement = (
        select(goods_in_receipt_lines.c.goods_in_receipt_id)
        .join(
            goods_out_lines,
            goods_out_lines.c.goods_in_receipt_line_id == goods_in_receipt_lines.c.id,
        )
        .where(goods_out_lines.c.goods_out_id == order["id"])
        .where(~_open_crossdock_order_on(goods_in_receipt_lines.c.goods_in_receipt_id))
        .distinct()
    )
    receipt_ids = list((await session.execute(statement)).scalars())
    await _advance(
        session, tenant_id=tenant_id, receipt_ids=receipt_ids, to=CrossdockStatus.COMPLETED
    )


def _open_crossdock_order_on(receipt_id: ColumnElement[int]) -> ColumnElement[bool]:
    fed_lines = goods_in_receipt_lines.alias("fed_lines")
    return exists().where(
        fed_lines.c.goods_in_receipt_id == receipt_id,
        goods_out_lines.c.goods_in_receipt_line_id == fed_lines.c.id,
        goods_outs.c.id == goods_out_lines.c.goods_out_id,
        goods_outs.c.goods_out_type == CROSSDOCK,
        goods_outs.c.goods_out_status_id.not_in([int(status) for status in FINISHED]),
    )


async def _advance(
    session: AsyncSession, *, tenant_id: int, receipt_ids: Collection[int], to: CrossdockStatus
) -> None:
    """Move the receipts' crossdocks that are before `to` on to it, with their events."""
    if not receipt_ids:
        return
    before = [str(status) for status in CROSSDOCK_ORDER[: CROSSDOCK_ORDER.index(to)]]
    of_receipts = select(goods_in_receipts.c.id).where(
        goods_in_receipts.c.id.in_(receipt_ids),
        goods_in_receipts.c.account_id == crossdocks.c.account_id,
        goods_in_receipts.c.reference == crossdocks.c.reference,
    )
    statement = (
        update(crossdocks)
        .where(
            and_(
                crossdocks.c.tenant_id == tenant_id,
                crossdocks.c.status.in_(before),
                of_receipts.exists(),
            )
        )
        .values(status=str(to), updated_at=utcnow())
        .returning(*crossdocks.c)
    )
    for row in (await session.execute(statement)).mappings().all():
        address = await fetch_address(session, tenant_id, row["address_id"])
        record = {**row, "address": shown_address(address)}
        await emit_change(session, CROSSDOCKS, tenant_id=tenant_id, event="updated", record=record)
