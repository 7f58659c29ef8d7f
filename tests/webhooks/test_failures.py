"""Giving up: the schedule running out, `410 Gone`, five days of failures, targets that are
not public addresses or not valid URLs, and an unexpected error while sending."""

from __future__ import annotations

import datetime as dt
import json
import socket

import pytest

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.payloads import SignedRequest
from clarus.webhooks.policy import DEFAULT_DELAYS
from clarus.webhooks.sender import AttemptOutcome, WebhookSender
from clarus.webhooks.worker import WebhookWorker
from tests.catalog.factories import body, product
from tests.support import TEST_SECRET_BOX, ApiClientFactory
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.fakes import FakeClock, FakeDirectory
from tests.webhooks.helpers import attempts_of, deliveries_of
from tests.webhooks.receiver import Receiver, Reply
from tests.webhooks.support import automation_body, resolving, webhook_action
from tests.webhooks.test_automations import created


async def fail_until_given_up(worker: WebhookWorker, clock: FakeClock) -> None:
    assert (await worker.run_once()).outcomes == {"pending": 1}
    for delay in DEFAULT_DELAYS[:-1]:
        clock.advance(delay)
        assert (await worker.run_once()).outcomes == {"pending": 1}
    clock.advance(DEFAULT_DELAYS[-1])
    assert (await worker.run_once()).outcomes == {"failed": 1}


async def test_after_the_schedule_it_fails_and_recover_queues_it_again(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    target = directory.add(
        caller.tenant_id,
        "product",
        "created",
        receiver.url,
        automation_id=int((await created(caller))["id"]),
    )
    since = clock.now()
    await product(caller)
    receiver.default = Reply(503)

    await fail_until_given_up(worker, clock)

    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert (delivery["status"], delivery["attempt_count"]) == ("failed", 8)
    assert delivery["last_error"] == "The webhook answered 503."
    assert len(await attempts_of(db, delivery["id"])) == 8
    clock.advance(dt.timedelta(days=1))
    assert (await worker.run_once()).is_idle
    assert directory.disabled == {}

    receiver.default = Reply(200)
    path = f"/api/automations/{target.automation_id}/recover"
    later = {"data": {"attributes": {"since": (since + dt.timedelta(hours=1)).isoformat()}}}
    response = await caller.post(path, later)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"] == {"requeued": 0}
    response = await caller.post(path, {"data": {"attributes": {"since": since.isoformat()}}})
    assert response.json() == {
        "data": {
            "id": target.automation_id,
            "type": "automations",
            "attributes": {"requeued": 1},
        }
    }

    assert (await worker.run_once()).outcomes == {"succeeded": 1}
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert (delivery["status"], delivery["attempt_count"]) == ("succeeded", 1)
    assert len(await attempts_of(db, delivery["id"])) == 9


async def test_recover_needs_a_timezone_and_an_automation_of_the_callers_tenant(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller, stranger = await clients.new(), await clients.new()
    target = directory.add(
        caller.tenant_id,
        "product",
        "created",
        receiver.url,
        automation_id=int((await created(caller))["id"]),
    )
    since = clock.now()
    await product(caller)
    receiver.default = Reply(500)
    await fail_until_given_up(worker, clock)
    path = f"/api/automations/{target.automation_id}/recover"

    naive = await caller.post(path, {"data": {"attributes": {"since": "2026-01-01T00:00:00"}}})
    other = await stranger.post(path, {"data": {"attributes": {"since": since.isoformat()}}})

    assert naive.status_code == 422
    [error] = naive.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "timezone_required",
        "/data/attributes/since",
    )
    assert other.status_code == 404
    missing = await caller.post(
        "/api/automations/999999/recover", {"data": {"attributes": {"since": since.isoformat()}}}
    )
    assert missing.status_code == 404
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["status"] == "failed"


async def test_410_disables_the_automation_and_cancels_its_pending_deliveries(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    target = directory.add(caller.tenant_id, "product", "created", receiver.url)
    kept = directory.add(caller.tenant_id, "product", "created", receiver.url + "?kept")
    await product(caller)
    await product(caller)
    worker = make_worker(concurrency=1)
    receiver.script(Reply(500), Reply(200), Reply(410))  # claimed in delivery id order

    step = await worker.run_once()

    assert step.claimed == 4
    assert directory.disabled == {target.automation_id: "The webhook answered 410 Gone."}
    made = await deliveries_of(db, caller.tenant_id)
    gone = [d for d in made if d["action_id"] != kept.action_id]
    assert [(d["status"], d["last_status_code"]) for d in gone] == [
        ("cancelled", 500),
        ("failed", 410),
    ]
    assert gone[0]["last_error"] == "The webhook answered 410 Gone."
    others = [d for d in made if d not in gone]
    assert [d["status"] for d in others] == ["succeeded", "succeeded"]


async def test_an_automation_failing_for_five_days_is_disabled(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    target = directory.add(caller.tenant_id, "product", "created", receiver.url)
    receiver.default = Reply(500)
    await product(caller)
    await fail_until_given_up(worker, clock)
    clock.advance(dt.timedelta(days=5) - sum(DEFAULT_DELAYS, dt.timedelta(0)))
    await product(caller)
    await product(caller)

    step = await worker.run_once()

    assert step.outcomes == {"cancelled": 2}
    assert directory.disabled == {
        target.automation_id: "The webhook has failed for 5 days without one success."
    }
    statuses = [d["status"] for d in await deliveries_of(db, caller.tenant_id)]
    assert statuses == ["failed", "cancelled", "cancelled"]


async def test_a_success_resets_the_five_days(
    clients: ApiClientFactory,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    receiver.default = Reply(500)
    await product(caller)
    await fail_until_given_up(worker, clock)
    receiver.script(Reply(200))
    await product(caller)
    assert (await worker.run_once()).outcomes == {"succeeded": 1}
    clock.advance(dt.timedelta(days=5))
    await product(caller)

    assert (await worker.run_once()).outcomes == {"pending": 1}
    assert directory.disabled == {}


async def test_a_target_resolving_to_a_private_address_is_not_connected_to(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    make_worker: WorkerFactory,
    database_url: str,
) -> None:
    from tests.conftest import make_settings

    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", f"https://127.0.0.1:{receiver.port}/x")
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    worker = make_worker(settings=make_settings(database_url))

    assert (await worker.run_once()).outcomes == {"failed": 2}

    assert receiver.received == []
    [private, plain_http] = await deliveries_of(db, caller.tenant_id)
    assert private["last_error"] == ("webhook_url host '127.0.0.1' is not a public address.")
    assert plain_http["last_error"] == "webhook_url must use https."
    [attempt] = await attempts_of(db, private["id"])
    assert (attempt["status_code"], attempt["error"]) == (None, private["last_error"])


async def test_a_malformed_url_fails_at_once(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", "http://127.0.0.1:99999/x")
    await product(caller)

    assert (await worker.run_once()).outcomes == {"failed": 1}
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["last_error"] == "webhook_url is not a valid URL (Port out of range 0-65535)."


async def test_a_name_public_when_made_and_private_when_sent_is_not_connected_to(
    clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    make_worker: WorkerFactory,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the name passes the check at creation, then answers with the receiver's
    loopback address; the worker (private targets not allowed) checks again and never
    connects."""
    from tests.conftest import make_settings

    name = "rebinding.clarus.test"
    monkeypatch.setattr(socket, "getaddrinfo", resolving({name: "93.184.215.14"}))
    caller = await clients.new()
    url = f"https://{name}:{receiver.port}/hook"
    body = automation_body(
        resource_name="daily_schedule",
        event="triggered",
        conditions_changes=[],
        actions_changes=[webhook_action(url)],
    )
    response = await caller.post("/api/automations", body)
    assert response.status_code == 200, response.text
    automation_id = response.json()["data"]["id"]
    ran = await caller.post(f"/api/automations/{automation_id}/run", {})
    assert ran.status_code == 200, ran.text
    monkeypatch.setattr(socket, "getaddrinfo", resolving({name: "127.0.0.1"}))
    worker = make_worker(
        directory=AutomationDirectory(TEST_SECRET_BOX), settings=make_settings(database_url)
    )

    assert (await worker.run_once()).outcomes == {"failed": 1}

    assert receiver.received == []
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["last_error"] == f"webhook_url host {name!r} is not a public address."


EMBEDDED_PRIVATE = [
    "[::127.0.0.1]",
    "[64:ff9b::7f00:1]",
    "[2002:7f00:1::]",
    "[::ffff:0:7f00:1]",
    "[fec0::1]",
]


async def test_an_ipv4_address_inside_an_ipv6_one_is_judged_at_send_time(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    make_worker: WorkerFactory,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loopback inside IPv4-compatible, NAT64, 6to4 and IPv4-translated forms, site-local, and
    a name that rebinds to one of them: each fails at once, never tried (private targets not
    allowed)."""
    from tests.conftest import make_settings

    name = "embedded.clarus.test"
    monkeypatch.setattr(socket, "getaddrinfo", resolving({name: "::127.0.0.1"}))
    caller = await clients.new()
    for host in [*EMBEDDED_PRIVATE, name]:
        directory.add(caller.tenant_id, "product", "created", f"https://{host}:{receiver.port}/x")
    await product(caller)
    worker = make_worker(settings=make_settings(database_url))

    assert (await worker.run_once()).outcomes == {"failed": 6}

    assert receiver.received == []
    errors = [d["last_error"] for d in await deliveries_of(db, caller.tenant_id)]
    hosts = [host.strip("[]") for host in EMBEDDED_PRIVATE]
    assert errors == [f"webhook_url host {host!r} is not a public address." for host in hosts] + [
        f"webhook_url host {name!r} is not a public address."
    ]


async def test_a_url_with_a_line_break_fails_at_once_and_the_records_next_event_follows(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    worker: WebhookWorker,
) -> None:
    """A URL stored before line breaks were refused: its delivery is a failed attempt, not one
    left `delivering`, so the record's later event to the same action is not held behind it."""
    caller = await clients.new()
    target = directory.add(
        caller.tenant_id, "product", "updated", receiver.url + "\r\nX-Injected: 1"
    )
    created = await product(caller)
    for description in ("First", "Second"):
        response = await caller.patch(
            f"/api/products/{created['id']}", body("products", description=description)
        )
        assert response.status_code == 200, response.text

    assert (await worker.run_once()).outcomes == {"failed": 1}
    directory.change(target.action_id, url=receiver.url)
    assert (await worker.run_once()).outcomes == {"succeeded": 1}

    first, second = await deliveries_of(db, caller.tenant_id)
    assert (first["status"], first["last_error"]) == (
        "failed",
        "webhook_url must not contain spaces or control characters.",
    )
    [attempt] = await attempts_of(db, first["id"])
    assert (attempt["status_code"], attempt["error"]) == (None, first["last_error"])
    assert second["status"] == "succeeded"
    assert [json.loads(r.body)["data"]["description"] for r in receiver.received] == ["Second"]


class BrokenSender(WebhookSender):
    async def send(self, request: SignedRequest) -> AttemptOutcome:
        raise RuntimeError("the sender broke")


async def test_an_unexpected_error_while_sending_is_a_failed_attempt(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    """Given up at once (it would most likely happen again), never left `delivering`."""
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    worker = make_worker(sender=BrokenSender(timeout_seconds=1.0, allow_private=True))

    assert (await worker.run_once()).outcomes == {"failed": 1}
    assert (await worker.run_once()).is_idle

    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert (delivery["status"], delivery["last_error"], delivery["leased_by"]) == (
        "failed",
        "RuntimeError: the sender broke",
        None,
    )
    [attempt] = await attempts_of(db, delivery["id"])
    assert attempt["error"] == "RuntimeError: the sender broke"
