"""Replaying deliveries by hand: one (`retry`), or an automation's failures since a moment
(`recover`). Both queue the delivery as new: pending now, its schedule started over."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record, rows_changed
from clarus.webhooks.queries import RESOURCE
from clarus.webhooks.statuses import DeliveryStateChange, DeliveryStatus
from clarus.webhooks.tables import automations, webhook_deliveries


def _requeued(now: dt.datetime) -> DeliveryStateChange:
    return DeliveryStateChange(
        status=DeliveryStatus.PENDING.value,
        attempt_count=0,
        next_attempt_at=now,
        lease_expires_at=None,
        leased_by=None,
        updated_at=now,
    )


async def retry(
    *, session: AsyncSession, tenant_id: int, delivery_id: int, now: dt.datetime
) -> RowDict:
    """Queue one delivery again, whatever became of it, unless a worker is sending it now."""
    delivery = await fetch_record(
        session,
        webhook_deliveries,
        tenant_id=tenant_id,
        record_id=delivery_id,
        resource="webhook_delivery",
        lock=True,
    )
    if delivery["status"] == DeliveryStatus.DELIVERING.value:
        raise ClarusError.of(ErrorKind.WEBHOOK_DELIVERY_IN_PROGRESS, id=delivery_id)
    statement = (
        update(webhook_deliveries)
        .where(webhook_deliveries.c.id == delivery_id)
        .values(**_requeued(now))
        .returning(*webhook_deliveries.c)
    )
    return dict((await session.execute(statement)).mappings().one())


async def recover(
    *,
    session: AsyncSession,
    tenant_id: int,
    automation_id: int,
    since: dt.datetime,
    now: dt.datetime,
) -> int:
    """Queue again every failed delivery of the automation made at or after `since`; how many.
    404 for an automation the tenant does not have."""
    await fetch_record(
        session,
        automations,
        tenant_id=tenant_id,
        record_id=automation_id,
        resource=RESOURCE,
    )
    return await rows_changed(
        session,
        update(webhook_deliveries)
        .where(
            webhook_deliveries.c.tenant_id == tenant_id,
            webhook_deliveries.c.automation_id == automation_id,
            webhook_deliveries.c.status == DeliveryStatus.FAILED.value,
            webhook_deliveries.c.created_at >= since,
        )
        .values(**_requeued(now)),
    )
