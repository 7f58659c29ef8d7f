"""Fan-out: each outbox event becomes one pending delivery per webhook action it reaches.

Events are fanned out in id order, by one worker at a time (on PostgreSQL a transaction-level
advisory lock; SQLite has one writer anyway): a record's later event never gets its deliveries
before an earlier one, which the per-record order of sending relies on. Events of a rolled-back
request were never written, so they are never sent. An automation whose conditions could not be
judged for an event gets its delivery written as failed, with the reason, so the event is done
with (never fanned out again) and the tenant sees why nothing was sent."""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias, TypedDict

from sqlalchemy import Row, Select, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.json_types import JSONObject
from clarus.core.tables import events
from clarus.tenancy.tables import tenants
from clarus.webhooks.payloads import EventEnvelope
from clarus.webhooks.statuses import DeliveryStatus
from clarus.webhooks.tables import webhook_deliveries
from clarus.webhooks.targets import WebhookDirectory

FAN_OUT_LOCK = 0x434C4152_5746414E
"""The advisory lock key that lets one PostgreSQL transaction fan out at a time."""


EnvelopeColumns: TypeAlias = tuple[int, int, str, str, int, int, dt.datetime, JSONObject, str]
"""The event's id, tenant_id, resource_name, event, record_id, sequence, occurred_at and payload,
and its tenant's subdomain."""


def envelope_query() -> Select[*EnvelopeColumns]:
    return select(
        events.c.id,
        events.c.tenant_id,
        events.c.resource_name,
        events.c.event,
        events.c.record_id,
        events.c.sequence,
        events.c.occurred_at,
        events.c.payload,
        tenants.c.subdomain,
    ).join(tenants, tenants.c.id == events.c.tenant_id)


def envelope_of(row: Row[*EnvelopeColumns]) -> EventEnvelope:
    return EventEnvelope(
        event_id=row.id,
        resource_name=row.resource_name,
        event=row.event,
        record_id=row.record_id,
        sequence=row.sequence,
        occurred_at=row.occurred_at,
        subdomain=row.subdomain,
        data=row.payload,
    )


async def _holds_fan_out_lock(session: AsyncSession) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True
    locked = await session.execute(select(func.pg_try_advisory_xact_lock(FAN_OUT_LOCK)))
    return bool(locked.scalar_one())


class NewDelivery(TypedDict):
    """A delivery of an event to one action, as fan-out makes it."""

    tenant_id: int
    event_id: int
    automation_id: int
    action_id: int
    resource_name: str
    event: str
    record_id: int
    sequence: int
    url: str
    method: str
    status: str
    last_error: str | None
    attempt_count: int
    next_attempt_at: dt.datetime
    created_at: dt.datetime
    updated_at: dt.datetime


async def fan_out(
    session: AsyncSession, *, directory: WebhookDirectory, now: dt.datetime, limit: int
) -> tuple[int, int]:
    """Fan out up to `limit` waiting events; (events fanned out, deliveries made)."""
    if not await _holds_fan_out_lock(session):
        return 0, 0
    statement = (
        envelope_query().where(events.c.fanned_out_at.is_(None)).order_by(events.c.id).limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=events)
    rows = (await session.execute(statement)).all()
    if not rows:
        return 0, 0
    new_deliveries: list[NewDelivery] = []
    for row in rows:
        envelope = envelope_of(row)
        targets = await directory.targets_for(
            session,
            tenant_id=row.tenant_id,
            resource_name=row.resource_name,
            event=row.event,
            payload=envelope.body(),
        )
        new_deliveries.extend(
            NewDelivery(
                tenant_id=row.tenant_id,
                event_id=row.id,
                automation_id=target.automation_id,
                action_id=target.action_id,
                resource_name=row.resource_name,
                event=row.event,
                record_id=row.record_id,
                sequence=row.sequence,
                url=target.url,
                method=target.method,
                status=(
                    DeliveryStatus.PENDING.value
                    if target.condition_error is None
                    else DeliveryStatus.FAILED.value
                ),
                last_error=target.condition_error,
                attempt_count=0,
                next_attempt_at=now,
                created_at=now,
                updated_at=now,
            )
            for target in targets
        )
    if new_deliveries:
        await session.execute(insert(webhook_deliveries), new_deliveries)
    await session.execute(
        update(events).where(events.c.id.in_([row.id for row in rows])).values(fanned_out_at=now)
    )
    return len(rows), len(new_deliveries)
