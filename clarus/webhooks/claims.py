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
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from clarus.core.db import UTCDateTime
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


_NOW = bindparam("now", type_=UTCDateTime())
_LEASE_ENDS = bindparam("lease_expires_at", type_=UTCDateTime())


def _due() -> ColumnElement[bool]:
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
                webhook_deliveries.c.next_attempt_at <= _NOW,
            ),
            and_(
                webhook_deliveries.c.status == DeliveryStatus.DELIVERING.value,
                webhook_deliveries.c.lease_expires_at <= _NOW,
            ),
        ),
        ~held_back,
    )


_CLAIMED_COLUMNS = (
    webhook_deliveries.c.id.label("delivery_id"),
    webhook_deliveries.c.tenant_id.label("delivery_tenant_id"),
    webhook_deliveries.c.action_id,
    webhook_deliveries.c.attempt_count,
)
_DUE = (
    envelope_query()
    .add_columns(*_CLAIMED_COLUMNS)
    .join(webhook_deliveries, webhook_deliveries.c.event_id == events.c.id)
    .where(_due())
    .order_by(webhook_deliveries.c.next_attempt_at, webhook_deliveries.c.id)
    .limit(bindparam("limit"))
)
"""The due deliveries with their events (SQLite, which has one writer: they are then leased
by `_LEASE`)."""

_LEASE = (
    update(webhook_deliveries)
    .where(webhook_deliveries.c.id.in_(bindparam("delivery_ids", expanding=True)))
    .values(
        status=DeliveryStatus.DELIVERING.value,
        lease_expires_at=_LEASE_ENDS,
        leased_by=bindparam("worker_id"),
        updated_at=_NOW,
    )
)


def _claim_and_read() -> Select[Any]:
    """One statement (PostgreSQL): lock up to `limit` due deliveries, skipping those another
    worker holds locked, lease them, and read them back with their events. The lease is taken
    before the action is looked up; a delivery whose action is gone is then cancelled in the
    same transaction."""
    due = (
        select(webhook_deliveries.c.id)
        .where(_due())
        .order_by(webhook_deliveries.c.next_attempt_at, webhook_deliveries.c.id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True)
        .cte("due")
    )
    leased = (
        update(webhook_deliveries)
        .where(webhook_deliveries.c.id == due.c.id)
        .values(
            status=DeliveryStatus.DELIVERING.value,
            lease_expires_at=_LEASE_ENDS,
            leased_by=bindparam("worker_id"),
            updated_at=_NOW,
        )
        .returning(
            webhook_deliveries.c.id,
            webhook_deliveries.c.tenant_id,
            webhook_deliveries.c.action_id,
            webhook_deliveries.c.attempt_count,
            webhook_deliveries.c.event_id,
            webhook_deliveries.c.next_attempt_at,
        )
        .cte("leased")
    )
    return (
        envelope_query()
        .add_columns(
            leased.c.id.label("delivery_id"),
            leased.c.tenant_id.label("delivery_tenant_id"),
            leased.c.action_id,
            leased.c.attempt_count,
        )
        .join(leased, leased.c.event_id == events.c.id)
        .order_by(leased.c.next_attempt_at, leased.c.id)
    )


_CLAIM_AND_READ = _claim_and_read()

_CANCEL = (
    update(webhook_deliveries)
    .where(webhook_deliveries.c.id.in_(bindparam("delivery_ids", expanding=True)))
    .values(
        status=DeliveryStatus.CANCELLED.value,
        last_error=GONE_TARGET,
        lease_expires_at=None,
        leased_by=None,
        updated_at=_NOW,
    )
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
    lease_values = {"now": now, "lease_expires_at": now + lease, "worker_id": worker_id}
    on_postgresql = session.get_bind().dialect.name == "postgresql"
    if on_postgresql:
        rows = (await session.execute(_CLAIM_AND_READ, {**lease_values, "limit": limit})).all()
    else:
        rows = (await session.execute(_DUE, {"now": now, "limit": limit})).all()
    claimed: list[ClaimedDelivery] = []
    gone: list[int] = []
    targets: dict[tuple[int, int], WebhookTarget | None] = {}
    for row in rows:
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
    if claimed and not on_postgresql:
        await session.execute(
            _LEASE, {**lease_values, "delivery_ids": [delivery.id for delivery in claimed]}
        )
    if gone:
        await session.execute(_CANCEL, {"now": now, "delivery_ids": gone})
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
