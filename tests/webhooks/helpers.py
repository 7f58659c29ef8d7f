"""Driving a worker and reading what it wrote."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from clarus.core.db import Database, utcnow
from clarus.core.models import Event
from clarus.webhooks.tables import webhook_attempts, webhook_deliveries
from clarus.webhooks.worker import WebhookWorker, WorkerStep


async def drain(worker: WebhookWorker) -> list[WorkerStep]:
    """Rounds until one finds nothing to do; the rounds that did something."""
    steps = []
    while not (step := await worker.run_once()).is_idle:
        steps.append(step)
    return steps


async def deliveries_of(db: Database, tenant_id: int) -> list[dict[str, Any]]:
    async with db.read_session() as session:
        rows = await session.execute(
            select(webhook_deliveries)
            .where(webhook_deliveries.c.tenant_id == tenant_id)
            .order_by(webhook_deliveries.c.id)
        )
        return [dict(row) for row in rows.mappings()]


async def attempts_of(db: Database, delivery_id: int) -> list[dict[str, Any]]:
    async with db.read_session() as session:
        rows = await session.execute(
            select(webhook_attempts)
            .where(webhook_attempts.c.delivery_id == delivery_id)
            .order_by(webhook_attempts.c.id)
        )
        return [dict(row) for row in rows.mappings()]


async def logged_delivery(db: Database, tenant_id: int) -> int:
    """A delivery with one failed attempt in the tenant's log, written directly (the log has no
    create: deliveries come from the worker); the delivery's id."""
    now = utcnow()
    async with db.write_session() as session:
        event_id = (
            await session.execute(
                insert(Event.__table__)
                .values(
                    tenant_id=tenant_id,
                    resource_name="daily_schedule",
                    event="triggered",
                    record_id=0,
                    sequence=1,
                    payload={"automation_id": 1},
                    occurred_at=now,
                    fanned_out_at=now,
                )
                .returning(Event.__table__.c.id)
            )
        ).scalar_one()
        delivery_id = (
            await session.execute(
                insert(webhook_deliveries)
                .values(
                    tenant_id=tenant_id,
                    event_id=event_id,
                    automation_id=1,
                    action_id=1,
                    resource_name="daily_schedule",
                    event="triggered",
                    record_id=0,
                    sequence=1,
                    url="https://93.184.215.14/hooks",
                    method="POST",
                    status="pending",
                    attempt_count=1,
                    next_attempt_at=now,
                    created_at=now,
                    updated_at=now,
                )
                .returning(webhook_deliveries.c.id)
            )
        ).scalar_one()
        await session.execute(
            insert(webhook_attempts).values(
                tenant_id=tenant_id,
                delivery_id=delivery_id,
                started_at=now,
                duration_ms=3,
                status_code=500,
                worker_id="seed",
            )
        )
    return int(delivery_id)
