"""Reads of goods in receipts that more than one transport needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.inbound.statuses import ReceiptStatus
from clarus.inbound.tables import goods_in_receipts

AWAITED = (ReceiptStatus.PENDING, ReceiptStatus.RECEIVING, ReceiptStatus.RECEIVED)
"""Receipts whose goods are expected, or have arrived and are being received: not drafts, not
completed or cancelled."""


@dataclass(frozen=True, slots=True)
class ReceiptDue:
    id: int
    reference: str | None
    status: ReceiptStatus
    expected_date_of_arrival: dt.datetime


@dataclass(frozen=True, slots=True)
class ReceiptsDue:
    receipts: list[ReceiptDue]
    """The first `limit`, by expected arrival."""
    total: int


async def receipts_due(
    session: AsyncSession, *, tenant_id: int, day_start: dt.datetime, limit: int
) -> ReceiptsDue:
    """The awaited receipts expected to arrive in the day from `day_start`: the first `limit`
    and how many in all, in one statement (a window count)."""
    expected = goods_in_receipts.c.expected_date_of_arrival
    statement = (
        select(
            goods_in_receipts.c.id,
            goods_in_receipts.c.reference,
            goods_in_receipts.c.status,
            expected,
            func.count().over().label("total"),
        )
        .where(
            goods_in_receipts.c.tenant_id == tenant_id,
            goods_in_receipts.c.status.in_([status.value for status in AWAITED]),
            expected >= day_start,
            expected < day_start + dt.timedelta(days=1),
        )
        .order_by(expected, goods_in_receipts.c.id)
        .limit(limit)
    )
    rows = (await session.execute(statement)).all()
    return ReceiptsDue(
        [ReceiptDue(row.id, row.reference, ReceiptStatus(row.status), row[3]) for row in rows],
        rows[0].total if rows else 0,
    )
