"""Webhook fixtures: a real receiver, a fake directory, a hand-moved clock, and workers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from clarus.api.application import create_app
from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.webhooks import fanout
from clarus.webhooks.policy import RetryPolicy
from clarus.webhooks.statuses import UNFINISHED, DeliveryStatus
from clarus.webhooks.tables import webhook_deliveries
from clarus.webhooks.worker import WebhookWorker
from tests.conftest import make_settings
from tests.support import ApiClientFactory
from tests.webhooks.fakes import FakeClock, FakeDirectory
from tests.webhooks.receiver import Receiver

WorkerFactory = Callable[..., WebhookWorker]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory()


@pytest.fixture
def clock(app: Any) -> Iterator[FakeClock]:
    """The workers' clock, and the app's (the delivery log's actions queue by it)."""
    fake = FakeClock()
    real = app.state.clock
    app.state.clock = fake
    yield fake
    app.state.clock = real


@pytest.fixture
def worker_settings(database_url: str) -> Settings:
    return make_settings(
        database_url, webhook_allow_private_targets=True, webhook_timeout_seconds=10.0
    )


@pytest.fixture(autouse=True)
async def quiet_outbox(db: Database) -> AsyncIterator[None]:
    """Every test starts with the outbox fanned out (other tests' events reach no target)
    and ends with no delivery left to send, so workers see only the test's own."""
    nobody = FakeDirectory()
    while True:
        async with db.write_session() as session:
            events, _ = await fanout.fan_out(
                session, directory=nobody, now=FakeClock().now(), limit=1000
            )
        if events == 0:
            break
    yield
    async with db.write_session() as session:
        await session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.status.in_(UNFINISHED))
            .values(status=DeliveryStatus.CANCELLED.value)
        )


@pytest.fixture
async def make_worker(
    db: Database, directory: FakeDirectory, clock: FakeClock, worker_settings: Settings
) -> AsyncIterator[WorkerFactory]:
    workers: list[WebhookWorker] = []

    def make(**options: Any) -> WebhookWorker:
        values: dict[str, Any] = {
            "db": db,
            "directory": directory,
            "settings": worker_settings,
            "clock": clock,
            "policy": RetryPolicy(jitter=0),
            "worker_id": f"worker-{len(workers) + 1}",
        }
        values.update(options)
        worker = WebhookWorker(**values)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        await worker.aclose()


@pytest.fixture
def worker(make_worker: WorkerFactory) -> WebhookWorker:
    return make_worker()


@pytest.fixture
async def private_clients(database_url: str, db: Database) -> AsyncIterator[ApiClientFactory]:
    """Callers of an app that lets webhooks go to private addresses (local development)."""
    app = create_app(make_settings(database_url, webhook_allow_private_targets=True))
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as http:
            yield ApiClientFactory(http, app.state.db)
    finally:
        await app.state.db.dispose()
