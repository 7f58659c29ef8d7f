"""Failed attempts are tried again on the policy's schedule (moved by the injected clock), and
a worker that dies mid-send is replaced once its lease runs out."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from standardwebhooks import Webhook

from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.webhooks import claims
from clarus.webhooks.policy import DEFAULT_DELAYS, RetryPolicy, parse_retry_after
from clarus.webhooks.worker import WebhookWorker
from tests.catalog.factories import body, product
from tests.support import ApiClientFactory
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.fakes import SECRET, FakeClock, FakeDirectory
from tests.webhooks.helpers import attempts_of, deliveries_of, drain
from tests.webhooks.receiver import Receiver, Reply

SECOND = dt.timedelta(seconds=1)


async def test_500_twice_then_200_is_delivered_on_the_third_attempt(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    receiver.script(Reply(500, body=b"oops"), Reply(502))
    start = clock.now()

    first = await worker.run_once()
    assert first.outcomes == {"pending": 1}
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["next_attempt_at"] == start + dt.timedelta(seconds=5)
    assert (await worker.run_once()).is_idle
    clock.advance(dt.timedelta(seconds=5) - SECOND)
    assert (await worker.run_once()).is_idle
    clock.advance(SECOND)
    assert (await worker.run_once()).outcomes == {"pending": 1}
    clock.advance(dt.timedelta(minutes=5))
    assert (await worker.run_once()).outcomes == {"succeeded": 1}

    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["status"] == "succeeded"
    assert delivery["attempt_count"] == 3
    assert delivery["delivered_at"] == start + dt.timedelta(minutes=5, seconds=5)
    attempts = await attempts_of(db, delivery["id"])
    assert [(a["status_code"], a["response_body"]) for a in attempts] == [
        (500, "oops"),
        (502, "ok"),
        (200, "ok"),
    ]
    assert [a["started_at"] - start for a in attempts] == [
        dt.timedelta(0),
        dt.timedelta(seconds=5),
        dt.timedelta(minutes=5, seconds=5),
    ]
    assert {a["worker_id"] for a in attempts} == {"worker-1"}
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    assert len(set(receiver.bodies())) == 1


async def test_while_the_receiver_is_down_it_is_retried_and_delivered_when_back(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    receiver.stop()

    assert (await worker.run_once()).outcomes == {"pending": 1}
    clock.advance(DEFAULT_DELAYS[0])
    assert (await worker.run_once()).outcomes == {"pending": 1}
    receiver.start()
    clock.advance(DEFAULT_DELAYS[1] - SECOND)
    assert (await worker.run_once()).is_idle
    clock.advance(SECOND)
    assert (await worker.run_once()).outcomes == {"succeeded": 1}

    [delivery] = await deliveries_of(db, caller.tenant_id)
    attempts = await attempts_of(db, delivery["id"])
    assert [a["status_code"] for a in attempts] == [None, None, 200]
    assert attempts[0]["error"].startswith("ConnectError")
    assert len(receiver.received) == 1


async def test_a_slow_answer_times_out_and_is_retried(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    make_worker: WorkerFactory,
    worker_settings: Settings,
) -> None:
    """The one test of the timeout: the others give answers ten seconds, so that a loaded
    machine's slow receiver is never mistaken for a timeout."""
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    receiver.script(Reply(200, delay_seconds=2.5))
    worker = make_worker(
        settings=worker_settings.model_copy(update={"webhook_timeout_seconds": 1.0})
    )

    assert (await worker.run_once()).outcomes == {"pending": 1}

    [delivery] = await deliveries_of(db, caller.tenant_id)
    [attempt] = await attempts_of(db, delivery["id"])
    assert attempt["status_code"] is None
    assert attempt["error"].startswith("ReadTimeout")
    assert 900 <= attempt["duration_ms"] < 2500


async def test_retry_after_replaces_the_scheduled_delay(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    receiver.script(Reply(429, headers={"Retry-After": "120"}))

    await worker.run_once()

    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["next_attempt_at"] == clock.now() + dt.timedelta(seconds=120)
    assert delivery["last_error"] == "The webhook answered 429."


@pytest.mark.parametrize(
    ("retry_after", "delay"),
    [
        ("9" * 30, dt.timedelta(hours=10)),
        ("9" * 5000, dt.timedelta(hours=10)),
        ("\u00b2", DEFAULT_DELAYS[0]),
        ("Fri, 31 Dec 2026 99999999999:00:00 GMT", DEFAULT_DELAYS[0]),
        ("Fri, 31 Dec 2026 23:59:59 +99999999999999999999", DEFAULT_DELAYS[0]),
    ],
    ids=[
        "beyond-a-timedelta",
        "beyond-int-parsing",
        "not-ascii-digits",
        "hour-beyond-a-datetime",
        "offset-beyond-a-datetime",
    ],
)
async def test_a_retry_after_no_delay_can_hold_waits_the_longest_or_is_ignored(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
    retry_after: str,
    delay: dt.timedelta,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    receiver.script(Reply(429, headers={"Retry-After": retry_after}))

    await worker.run_once()

    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert (delivery["status"], delivery["attempt_count"]) == ("pending", 1)
    assert delivery["next_attempt_at"] == clock.now() + delay


async def test_an_answer_with_nul_characters_is_logged_without_them(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    worker: WebhookWorker,
) -> None:
    """PostgreSQL refuses a NUL in text, so the logged answer keeps the rest of it."""
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    receiver.script(Reply(500, body=b"bad\x00news\xff"))

    assert (await worker.run_once()).outcomes == {"pending": 1}

    [delivery] = await deliveries_of(db, caller.tenant_id)
    [attempt] = await attempts_of(db, delivery["id"])
    assert (attempt["status_code"], attempt["response_body"]) == (500, "bad\ufffdnews\ufffd")


def test_retry_after_reads_seconds_and_dates_and_is_capped() -> None:
    now = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
    assert parse_retry_after("30", now=now) == dt.timedelta(seconds=30)
    assert parse_retry_after("Fri, 27 Nov 2026 12:10:00 GMT", now=now) == dt.timedelta(minutes=10)
    assert parse_retry_after("Fri, 27 Nov 2026 11:00:00 GMT", now=now) == dt.timedelta(0)
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after(None, now=now) is None
    policy = RetryPolicy(jitter=0)
    assert policy.next_delay(1, retry_after=dt.timedelta(days=3)) == dt.timedelta(hours=10)
    assert policy.next_delay(8, retry_after=dt.timedelta(seconds=1)) is None


def test_the_schedule_lasts_about_a_day_with_jitter_upwards() -> None:
    policy = RetryPolicy(jitter=0.1, random=lambda: 1.0)
    delays = [policy.next_delay(attempt) for attempt in range(1, 9)]
    assert delays[-1] is None
    assert delays[0] == dt.timedelta(seconds=5.5)
    total = sum((delay for delay in delays if delay is not None), dt.timedelta(0))
    assert dt.timedelta(hours=27) < total / 1.1 < dt.timedelta(hours=28)


async def test_a_worker_killed_mid_delivery_is_replaced_after_its_lease(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    killed, survivor = make_worker(), make_worker()
    await killed.fan_out()
    abandoned = await killed.claim()
    assert len(abandoned.claimed) == 1

    assert (await survivor.run_once()).is_idle
    clock.advance(dt.timedelta(seconds=59))
    assert (await survivor.run_once()).is_idle
    clock.advance(SECOND)
    assert (await survivor.run_once()).outcomes == {"succeeded": 1}
    assert len(receiver.received) == 1

    assert await killed.deliver(abandoned.claimed) == {"lease_lost": 1}
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["status"] == "succeeded"
    assert [a["worker_id"] for a in await attempts_of(db, delivery["id"])] == [
        "worker-2",
        "worker-1",
    ]
    assert len(receiver.received) == 2  # at least once: the late worker did send


async def test_a_records_events_arrive_in_order_across_retries(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    worker = make_worker(concurrency=1)  # the first action's delivery is sent first, and fails
    directory.add(caller.tenant_id, "product", "updated", receiver.url)
    directory.add(caller.tenant_id, "product", "updated", receiver.url + "?other")
    created = await product(caller)
    for description in ("First", "Second", "Third"):
        response = await caller.patch(
            f"/api/products/{created['id']}", body("products", description=description)
        )
        assert response.status_code == 200, response.text
    receiver.script(Reply(500))

    first = await worker.run_once()

    assert first.deliveries_made == 6
    assert first.claimed == 2  # one per action: each record's earliest only
    assert sorted(first.outcomes.elements()) == ["pending", "succeeded"]
    for _ in range(2):
        assert (await worker.run_once()).outcomes == {"succeeded": 1}  # the other action's
    assert (await worker.run_once()).is_idle
    clock.advance(DEFAULT_DELAYS[0])
    await drain(worker)

    def descriptions(path: str) -> list[str]:
        return [
            json.loads(r.body)["data"]["description"] for r in receiver.received if r.path == path
        ]

    assert descriptions("/hooks") == ["First", "First", "Second", "Third"]
    assert descriptions("/hooks?other") == ["First", "Second", "Third"]
    assert {d["status"] for d in await deliveries_of(db, caller.tenant_id)} == {"succeeded"}
    for request in receiver.received:
        Webhook(SECRET).verify(request.body, request.headers)


async def test_the_heartbeat_keeps_a_slow_delivery_from_being_taken_over(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    sending, other = make_worker(), make_worker()
    await sending.fan_out()
    [delivery] = (await sending.claim()).claimed
    clock.advance(dt.timedelta(seconds=50))

    async with db.write_session() as session:
        renewed = await claims.renew_leases(
            session,
            delivery_ids=[delivery.id],
            worker_id=sending.worker_id,
            now=clock.now(),
            lease=sending.lease,
        )
    clock.advance(dt.timedelta(seconds=50))

    assert renewed == 1
    assert (await other.run_once()).is_idle
    async with db.write_session() as session:
        stolen = await claims.renew_leases(
            session,
            delivery_ids=[delivery.id],
            worker_id=other.worker_id,
            now=clock.now(),
            lease=other.lease,
        )
    assert stolen == 0
    clock.advance(dt.timedelta(seconds=10))
    assert (await other.run_once()).outcomes == {"succeeded": 1}
