"""Connections to a receiver are kept alive and reused across sends and rounds; a receiver that
closes them (after each answer, or idle ones between rounds) still gets every webhook; results
written in batches keep each delivery's own outcome."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator

import pytest

from clarus.core.db import Database
from clarus.core.events import emit_many
from clarus.webhooks.policy import DEFAULT_DELAYS
from clarus.webhooks.worker import WebhookWorker
from tests.support import ApiClientFactory
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.fakes import FakeClock, FakeDirectory
from tests.webhooks.helpers import attempts_of, deliveries_of, drain
from tests.webhooks.receiver import Receiver, Reply


@pytest.fixture
def keep_alive_receiver() -> Iterator[Receiver]:
    server = Receiver(keep_alive=True)
    server.start()
    yield server
    server.drop_connections()
    server.stop()


async def _emit(db: Database, tenant_id: int, record_ids: range) -> None:
    async with db.write_session() as session:
        await emit_many(
            session,
            tenant_id=tenant_id,
            resource_name="product",
            event="updated",
            records=[{"id": record_id} for record_id in record_ids],
        )


async def test_sends_to_one_receiver_reuse_its_connections_across_rounds(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    keep_alive_receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "updated", keep_alive_receiver.url)
    worker = make_worker(concurrency=2)

    await _emit(db, caller.tenant_id, range(1, 21))
    first_rounds = await drain(worker)
    await _emit(db, caller.tenant_id, range(21, 31))
    second_rounds = await drain(worker)

    assert sum(step.outcomes["succeeded"] for step in first_rounds + second_rounds) == 30
    assert len(keep_alive_receiver.received) == 30
    assert 1 <= keep_alive_receiver.connections <= 2


async def test_a_receiver_closing_each_connection_gets_every_webhook(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    keep_alive_receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "updated", keep_alive_receiver.url)
    keep_alive_receiver.default = Reply(headers={"Connection": "close"})
    worker = make_worker(concurrency=2)
    await _emit(db, caller.tenant_id, range(1, 11))

    steps = await drain(worker)

    assert sum(step.outcomes["succeeded"] for step in steps) == 10
    assert keep_alive_receiver.connections == 10
    deliveries = await deliveries_of(db, caller.tenant_id)
    assert [delivery["status"] for delivery in deliveries] == ["succeeded"] * 10


async def test_a_receiver_dropping_idle_connections_between_rounds_gets_every_webhook(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    keep_alive_receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "updated", keep_alive_receiver.url)
    worker = make_worker(concurrency=1)
    await _emit(db, caller.tenant_id, range(1, 4))
    await drain(worker)
    assert keep_alive_receiver.connections == 1

    keep_alive_receiver.drop_connections()
    await asyncio.sleep(0.05)  # the FIN reaches the client's idle connection
    await _emit(db, caller.tenant_id, range(4, 7))
    steps = await drain(worker)

    assert sum(step.outcomes["succeeded"] for step in steps) == 3
    assert keep_alive_receiver.connections == 2
    deliveries = await deliveries_of(db, caller.tenant_id)
    assert [delivery["status"] for delivery in deliveries] == ["succeeded"] * 6


async def test_each_delivery_of_a_batch_keeps_its_own_outcome(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "updated", receiver.url)
    receiver.script(*[Reply(status=503, body=b"busy")] * 4)
    await _emit(db, caller.tenant_id, range(1, 11))

    first = await drain(worker)

    assert sum((step.outcomes for step in first), Counter()) == {"succeeded": 6, "pending": 4}
    deliveries = await deliveries_of(db, caller.tenant_id)
    waiting = [delivery for delivery in deliveries if delivery["status"] == "pending"]
    assert len(waiting) == 4
    for delivery in waiting:
        assert delivery["attempt_count"] == 1
        assert delivery["last_status_code"] == 503
        assert delivery["last_error"] == "The webhook answered 503."
        assert delivery["next_attempt_at"] == clock.now() + DEFAULT_DELAYS[0]
        assert delivery["delivered_at"] is None
        assert delivery["leased_by"] is None
        [attempt] = await attempts_of(db, delivery["id"])
        assert (attempt["status_code"], attempt["response_body"]) == (503, "busy")
    for delivery in deliveries:
        if delivery["status"] == "succeeded":
            assert delivery["delivered_at"] == clock.now()
            assert delivery["last_status_code"] == 200
            assert delivery["last_error"] is None

    clock.advance(DEFAULT_DELAYS[0] * 2)
    second = await drain(worker)

    assert sum((step.outcomes for step in second), Counter()) == {"succeeded": 4}
    deliveries = await deliveries_of(db, caller.tenant_id)
    assert [delivery["status"] for delivery in deliveries] == ["succeeded"] * 10
    assert sorted(delivery["attempt_count"] for delivery in deliveries) == [1] * 6 + [2] * 4
    sent = Counter(json.loads(request.body)["data"]["id"] for request in receiver.received)
    assert sorted(sent.values()) == [1] * 6 + [2] * 4


async def test_two_workers_racing_with_retries_deliver_each_event_once(
    database_url: str,
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    make_worker: WorkerFactory,
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent claiming (FOR UPDATE SKIP LOCKED) is PostgreSQL's")
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "updated", receiver.url)
    receiver.script(*[Reply(status=500)] * 25)
    await _emit(db, caller.tenant_id, range(1, 201))
    workers = [make_worker(batch_size=20), make_worker(batch_size=20)]

    for _ in range(3):
        await asyncio.gather(*(drain(worker) for worker in workers))
        clock.advance(dt.timedelta(hours=1))

    deliveries = await deliveries_of(db, caller.tenant_id)
    assert [delivery["status"] for delivery in deliveries] == ["succeeded"] * 200
    succeeded = Counter(request.headers["webhook-id"] for request in receiver.received[25:])
    assert len(receiver.received) == 225
    assert sorted(succeeded) == sorted(f"msg_{delivery['id']}" for delivery in deliveries)
    assert set(succeeded.values()) == {1}
    attempts = sum(delivery["attempt_count"] for delivery in deliveries)
    assert attempts == 225
