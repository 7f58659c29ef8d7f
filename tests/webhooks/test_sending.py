"""Events written by API requests reach each matching webhook once, signed, with the documented
body and headers."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.worker import WebhookWorker
from tests.catalog.factories import body, product
from tests.shipping.test_bookings import body as booking_body
from tests.shipping.test_bookings import book, dock
from tests.shipping.test_transport_webhooks import watch
from tests.support import TEST_SECRET_BOX, ApiClientFactory, events_of
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.fakes import NEW_SECRET, SECRET, FakeDirectory
from tests.webhooks.helpers import deliveries_of, drain
from tests.webhooks.receiver import Receiver


async def test_each_matching_webhook_gets_one_signed_post(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    first = directory.add(caller.tenant_id, "product", "created", receiver.url, integration_id=7)
    second = directory.add(caller.tenant_id, "product", "created", receiver.url + "?to=second")
    directory.add(caller.tenant_id, "product", "updated", receiver.url)
    created = await product(caller)

    steps = await drain(worker)

    [event] = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "product"]
    assert sum(step.events for step in steps) == 2  # the stock unit type's and the product's
    assert sum(step.outcomes["succeeded"] for step in steps) == 2
    assert sorted(request.path for request in receiver.received) == ["/hooks", "/hooks?to=second"]
    expected_body = {
        "id": f"evt_{event['id']}",
        "resource_name": "product",
        "event": "created",
        "occurred_at": event["occurred_at"].isoformat().replace("+00:00", "Z"),
        "subdomain": caller.subdomain,
        "sequence": 1,
        "data": {"id": int(created["id"]), **created["attributes"]},
    }
    assert event["payload"]["id"] == int(created["id"])
    [to_first] = [r for r in receiver.received if r.path == "/hooks"]
    [to_second] = [r for r in receiver.received if r.path != "/hooks"]
    assert to_first.method == "POST"
    assert json.loads(to_first.body) == expected_body
    assert to_first.body == to_second.body
    [first_delivery, second_delivery] = await deliveries_of(db, caller.tenant_id)
    headers = to_first.headers
    assert headers["X-ClarusWMS-Domain"] == "127.0.0.1:8000"
    assert headers["X-ClarusWMS-API-Domain"] == "127.0.0.1:8000"
    assert headers["X-ClarusWMS-Subdomain"] == caller.subdomain
    assert headers["X-ClarusWMS-Automation-ID"] == str(first.automation_id)
    assert headers["X-ClarusWMS-Integration-ID"] == "7"
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"].startswith("Clarus-Webhooks/")
    assert headers["Host"] == urlsplit(receiver.url).netloc
    assert headers["webhook-id"] == f"msg_{first_delivery['id']}"
    assert to_second.headers["webhook-id"] == f"msg_{second_delivery['id']}"
    assert to_second.headers["X-ClarusWMS-Automation-ID"] == str(second.automation_id)
    assert "X-ClarusWMS-Integration-ID" not in to_second.headers
    assert Webhook(SECRET).verify(to_first.body, headers) == expected_body
    assert [d["status"] for d in (first_delivery, second_delivery)] == ["succeeded"] * 2
    assert first_delivery["attempt_count"] == 1
    assert first_delivery["last_status_code"] == 200


async def test_a_record_event_carries_the_record_as_the_api_answered_it(
    private_clients: ApiClientFactory, receiver: Receiver, make_worker: WorkerFactory
) -> None:
    """The generic created and updated events of a record (a dock booking), to automations
    made through the API: `data` is the record of the REST answer with its id, nothing of ours
    (`tenant_id`) besides."""
    caller = await private_clients.new()
    for event in ("created", "updated"):
        await watch(caller, "booking", event, receiver.url)
    account = await caller.create_account()
    made = await book(caller, account["id"], (await dock(caller))["id"], "09:00", "10:00")
    changed = await caller.patch(f"/api/bookings/{made['id']}", booking_body(status="arrived"))
    assert changed.status_code == 200, changed.text

    await drain(make_worker(directory=AutomationDirectory(TEST_SECRET_BOX)))

    sent = [json.loads(request.body) for request in receiver.received]
    assert sorted((hook["resource_name"], hook["event"]) for hook in sent) == [
        ("booking", "created"),
        ("booking", "updated"),
    ]
    record_id = int(made["id"])
    assert {hook["event"]: hook["data"] for hook in sent} == {
        "created": {"id": record_id, **made["attributes"]},
        "updated": {"id": record_id, **changed.json()["data"]["attributes"]},
    }
    assert all("tenant_id" not in hook["data"] for hook in sent)


async def test_during_a_rotation_either_secret_verifies(
    clients: ApiClientFactory, directory: FakeDirectory, receiver: Receiver, worker: WebhookWorker
) -> None:
    caller = await clients.new()
    directory.add(
        caller.tenant_id, "product", "created", receiver.url, secrets=(NEW_SECRET, SECRET)
    )
    await product(caller)

    await drain(worker)

    [request] = receiver.received
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(NEW_SECRET).verify(request.body, request.headers)
    Webhook(SECRET).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 32).verify(request.body, request.headers)


async def test_a_get_webhook_carries_the_event_in_a_signed_query(
    clients: ApiClientFactory, directory: FakeDirectory, receiver: Receiver, worker: WebhookWorker
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url, method="GET")
    created = await product(caller)

    await drain(worker)

    [request] = receiver.received
    assert request.method == "GET"
    assert request.body == b""
    query = urlsplit(request.path).query
    fields = {name: values[0] for name, values in parse_qs(query).items()}
    assert fields["resource_name"] == "product"
    assert fields["event"] == "created"
    assert fields["record_id"] == str(created["id"])
    assert fields["sequence"] == "1"
    assert fields["id"].startswith("evt_")
    assert "Content-Type" not in request.headers
    Webhook(SECRET).verify(query, request.headers, json_parse=False)


async def test_a_refused_request_sends_nothing(
    clients: ApiClientFactory, directory: FakeDirectory, receiver: Receiver, worker: WebhookWorker
) -> None:
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    response = await caller.post("/api/products", body("products", code="X"))
    assert response.status_code == 422

    assert await drain(worker) == []
    assert receiver.received == []


async def test_a_webhook_whose_action_is_gone_is_cancelled_not_sent(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await clients.new()
    target = directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    worker = make_worker()
    await worker.fan_out()
    directory.remove(target.action_id)

    claim = await worker.claim()

    assert (claim.claimed, claim.cancelled) == ([], 1)
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert delivery["status"] == "cancelled"
    assert delivery["last_error"] == "The webhook action no longer exists or is disabled."
    assert receiver.received == []


async def test_the_url_and_secrets_are_read_at_send_time(
    clients: ApiClientFactory, directory: FakeDirectory, receiver: Receiver, worker: WebhookWorker
) -> None:
    caller = await clients.new()
    target = directory.add(caller.tenant_id, "product", "created", "http://127.0.0.1:9/old")
    await product(caller)
    await worker.fan_out()
    directory.change(target.action_id, url=receiver.url, secrets=(NEW_SECRET,))

    await drain(worker)

    [request] = receiver.received
    Webhook(NEW_SECRET).verify(request.body, request.headers)
