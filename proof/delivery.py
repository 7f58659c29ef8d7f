"""Every event delivered at least once: wait for the workers to drain the outbox, then compare
the events one can subscribe to with what the receiver wrote down."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import Database
from clarus.core.tables import events
from clarus.webhooks.catalogue import EVENTS_BY_RESOURCE
from clarus.webhooks.statuses import UNFINISHED, DeliveryStatus
from clarus.webhooks.tables import webhook_deliveries
from proof.receiver import received
from proof.stack import SUBSCRIBED, Tenant
from proof.verdict import Verdict

DRAIN_POLL_SECONDS = 0.5


async def drain(db: Database, tenant_ids: Sequence[int], within: float) -> float:
    """Wait until every event is fanned out and no delivery is unfinished; the seconds taken."""
    started = time.monotonic()
    while True:
        async with db.read_session() as session:
            waiting_events = await session.scalar(
                select(func.count()).where(
                    events.c.tenant_id.in_(tenant_ids), events.c.fanned_out_at.is_(None)
                )
            )
            unfinished = await session.scalar(
                select(func.count()).where(
                    webhook_deliveries.c.tenant_id.in_(tenant_ids),
                    webhook_deliveries.c.status.in_(UNFINISHED),
                )
            )
        if not waiting_events and not unfinished:
            return time.monotonic() - started
        if time.monotonic() - started > within:
            raise TimeoutError(f"{waiting_events} events, {unfinished} deliveries left")
        await asyncio.sleep(DRAIN_POLL_SECONDS)


async def check_events(
    verdict: Verdict, session: AsyncSession, tenants: Sequence[Tenant], out_path: Path
) -> None:
    by_id = {tenant.tenant_id: tenant.subdomain for tenant in tenants}
    rows = await session.execute(
        select(events.c.id, events.c.tenant_id, events.c.resource_name, events.c.event).where(
            events.c.tenant_id.in_(by_id), events.c.resource_name.in_(SUBSCRIBED)
        )
    )
    expected = {
        event_id: by_id[tenant_id]
        for event_id, tenant_id, resource, event in rows
        if event in EVENTS_BY_RESOURCE[resource]
    }
    arrivals = Counter(received(out_path))
    missing = [
        event_id for event_id, subdomain in expected.items() if arrivals[(event_id, subdomain)] == 0
    ]
    problems = [f"event {event_id} never arrived" for event_id in missing]
    if missing:
        described = await session.execute(
            select(events.c.id, events.c.resource_name, events.c.event).where(
                events.c.id.in_(missing[:5])
            )
        )
        problems.insert(0, f"missing {[tuple(row) for row in described]}")
    statuses: dict[str, int] = dict(
        (
            await session.execute(
                select(webhook_deliveries.c.status, func.count())
                .where(webhook_deliveries.c.tenant_id.in_(by_id))
                .group_by(webhook_deliveries.c.status)
            )
        ).all()
    )
    if set(statuses) - {DeliveryStatus.SUCCEEDED} or statuses.get(DeliveryStatus.SUCCEEDED) != len(
        expected
    ):
        problems.append(f"deliveries {statuses} for {len(expected)} events")
    verdict.events = len(expected)
    verdict.received = sum(1 for key in arrivals if key[0] in expected)
    verdict.duplicates = sum(count - 1 for count in arrivals.values())
    verdict.add("every event delivered at least once", problems)
