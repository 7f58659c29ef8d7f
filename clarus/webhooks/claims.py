"""Claiming due deliveries under a lease, and keeping the lease alive while sending.

A delivery is due when it is pending and its time has come, or when it is `delivering` under
a lease that expired (its worker died). It is held back while an earlier delivery of the same
record to the same action (lower `sequence`) is unfinished, so a receiver sees a record's events
in order even across retries. On PostgreSQL the claim locks with `FOR UPDATE SKIP LOCKED`, so
workers never wait for, nor take, one another's rows; the claim commits before anything is
sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from clarus.core.records import rows_changed
from clarus.core.tables import events
from clarus.webhooks.fanout import envelope_of, envelope_query
from clarus.webhooks.payloads import EventEnvelope
from clarus.webhooks.statuses import UNFINISHED, DeliveryStatus
from clarus.webhooks.tables import webhook_deliveries
from clarus.webhooks.targets import WebhookDirectory, WebhookTarget

GONE_TARGET = "The webhook action no longer exists or is disabled."


@dataclass(frozen=True)
class ClaimedDelivery:
    id: int
    tenant_id: int
    attempt_count: int
    envelope: EventEnvelope
    target: WebhookTarget


@dataclass(frozen=True)
class Claim:
    claimed: list[ClaimedDelivery]
    cancelled: int


def _due(now: dt.datetime) -> ColumnElement[bool]:
    earlier = aliased(webhook_deliveries)
    held_back = exists().where(
        earlier.c.tenant_id == webhook_deliveries.c.tenant_id,
        earlier.c.action_id == webhook_deliveries.c.action_id,
        earlier.c.resource_name == webhook_deliveries.c.resource_name,
        earlier.c.record_id == webhook_deliveries.c.record_id,
        earlier.c.sequence < webhook_deliveries.c.sequence,
        earlier.c.status.in_(UNFINISHED),
    )
    return and_(
        or_(
            and_(
                webhook_deliveries.c.status == DeliveryStatus.PENDING.value,
                webhook_deliveries.c.next_attempt_at <= now,
            ),
            and_(
                webhook_deliveries.c.status == DeliveryStatus.DELIVERING.value,
                webhook_deliveries.c.lease_expires_at <= now,
            ),
        ),
        ~held_back,
    )


async def claim(
    session: AsyncSession,
    *,
    directory: WebhookDirectory,
    worker_id: str,
    now: dt.datetime,
    lease: dt.timedelta,
    limit: int,
) -> Claim:
    """Lease up to `limit` due deliveries to `worker_id`, each with its action as it is now;
    those whose action is gone are cancelled instead."""
    statement = (
        envelope_query()
        .add_columns(
            webhook_deliveries.c.id.label("delivery_id"),
            webhook_deliveries.c.tenant_id.label("delivery_tenant_id"),
            webhook_deliveries.c.action_id,
            webhook_deliveries.c.attempt_count,
        )
        .join(webhook_deliveries, webhook_deliveries.c.event_id == events.c.id)
        .where(_due(now))
        .order_by(webhook_deliveries.c.next_attempt_at, webhook_deliveries.c.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=webhook_deliveries)
    claimed: list[ClaimedDelivery] = []
    gone: list[int] = []
    targets: dict[tuple[int, int], WebhookTarget | None] = {}
    for row in (await session.execute(statement)).all():
        action = (row.delivery_tenant_id, row.action_id)
        if action not in targets:
            targets[action] = await directory.target(
                session, tenant_id=row.delivery_tenant_id, action_id=row.action_id
            )
        target = targets[action]
        if target is None:
            gone.append(row.delivery_id)
            continue
        claimed.append(
            ClaimedDelivery(
                id=row.delivery_id,
                tenant_id=row.delivery_tenant_id,
                attempt_count=row.attempt_count,
                envelope=envelope_of(row),
                target=target,
            )
        )
    if claimed:
        await session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id.in_([delivery.id for delivery in claimed]))
            .values(
                status=DeliveryStatus.DELIVERING.value,
                lease_expires_at=now + lease,
                leased_by=worker_id,
                updated_at=now,
            )
        )
    if gone:
        await session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id.in_(gone))
            .values(
                status=DeliveryStatus.CANCELLED.value,
                last_error=GONE_TARGET,
                lease_expires_at=None,
                leased_by=None,
                updated_at=now,
            )
        )
    return Claim(claimed=claimed, cancelled=len(gone))


async def renew_leases(
    session: AsyncSession,
    *,
    delivery_ids: list[int],
    worker_id: str,
    now: dt.datetime,
    lease: dt.timedelta,
) -> int:
    """The heartbeat: extend the leases this worker still holds."""
    statement = (
        update(webhook_deliveries)
        .where(
            webhook_deliveries.c.id.in_(delivery_ids),
            webhook_deliveries.c.leased_by == worker_id,
            webhook_deliveries.c.status == DeliveryStatus.DELIVERING.value,
        )
        .values(lease_expires_at=now + lease)
    )
    return await rows_changed(session, statement)
