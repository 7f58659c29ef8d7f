"""Driving a worker and reading what it wrote."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from clarus.core.db import Database
from clarus.webhooks.fanout import deliveries
from clarus.webhooks.results import attempts
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
            select(deliveries).where(deliveries.c.tenant_id == tenant_id).order_by(deliveries.c.id)
        )
        return [dict(row) for row in rows.mappings()]


async def attempts_of(db: Database, delivery_id: int) -> list[dict[str, Any]]:
    async with db.read_session() as session:
        rows = await session.execute(
            select(attempts).where(attempts.c.delivery_id == delivery_id).order_by(attempts.c.id)
        )
        return [dict(row) for row in rows.mappings()]
