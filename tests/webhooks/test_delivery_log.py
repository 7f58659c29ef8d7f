"""The delivery log: read through GraphQL, replayed one by one through REST, per tenant."""

from __future__ import annotations

import datetime as dt
from typing import Any

from clarus.core.db import Database
from clarus.webhooks.worker import WebhookWorker
from tests.catalog.factories import product
from tests.support import ApiClientFactory, Caller
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.fakes import FakeClock, FakeDirectory
from tests.webhooks.helpers import deliveries_of, drain
from tests.webhooks.receiver import Receiver, Reply

DELIVERIES = """
query($filter: WebhookDeliveryFilterType) {
  webhook_deliveries { all(filter: $filter) { total_count edges { node {
    id automation_id action_id event_id resource_name event record_id sequence url method
    status attempt_count last_status_code last_error delivered_at created_at
  } } } }
}"""
ATTEMPTS = """
query($filter: WebhookAttemptFilterType) {
  webhook_attempts { all(filter: $filter) { edges { node {
    id delivery_id status_code response_body error worker_id duration_ms started_at
  } } } }
}"""


async def nodes(caller: Caller, query: str, root: str, filter: dict[str, Any]) -> list[Any]:
    result = await caller.graphql(query, {"filter": filter})
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"][root]["all"]["edges"]]


async def test_graphql_lists_deliveries_and_attempts_with_filters(
    clients: ApiClientFactory,
    directory: FakeDirectory,
    receiver: Receiver,
    clock: FakeClock,
    worker: WebhookWorker,
) -> None:
    caller, stranger = await clients.new(), await clients.new()
    directory.add(stranger.tenant_id, "product", "created", receiver.url)
    await product(stranger)
    await drain(worker)
    first = directory.add(caller.tenant_id, "product", "created", receiver.url)
    second = directory.add(caller.tenant_id, "stock_unit_type", "created", receiver.url)
    made = await product(caller)
    # One of the caller's two deliveries (sent at once, in either order) gets the 500.
    receiver.script(Reply(500, body=b"x" * 5000))
    await worker.run_once()

    everything = await nodes(caller, DELIVERIES, "webhook_deliveries", {})
    failing = await nodes(caller, DELIVERIES, "webhook_deliveries", {"status": {"eq": "PENDING"}})
    of_product = await nodes(
        caller,
        DELIVERIES,
        "webhook_deliveries",
        {"resource_name": {"eq": "product"}, "record_id": {"eq": str(made["id"])}},
    )
    of_second = await nodes(
        caller, DELIVERIES, "webhook_deliveries", {"automation_id": {"eq": second.automation_id}}
    )
    future = (clock.now() + dt.timedelta(hours=1)).isoformat()
    none_yet = await nodes(
        caller, DELIVERIES, "webhook_deliveries", {"created_at": {"from": future}}
    )

    assert len(everything) == 2
    assert [node["resource_name"] for node in everything] == ["stock_unit_type", "product"]
    assert {node["status"] for node in everything} == {"pending", "succeeded"}
    assert [node["automation_id"] for node in of_product] == [str(first.automation_id)]
    assert of_product[0]["url"] == receiver.url
    assert of_product[0]["sequence"] == 1
    assert [node["automation_id"] for node in of_second] == [str(second.automation_id)]
    assert [node["status"] for node in failing] == ["pending"]
    assert none_yet == []
    [pending] = failing
    [attempt] = await nodes(
        caller, ATTEMPTS, "webhook_attempts", {"delivery_id": {"eq": pending["id"]}}
    )
    assert attempt["status_code"] == 500
    assert attempt["response_body"] == "x" * 2048
    assert attempt["worker_id"] == "worker-1"
    by_automation = await nodes(
        caller,
        ATTEMPTS,
        "webhook_attempts",
        {"automation_id": {"eq": str(pending["automation_id"])}},
    )
    assert by_automation == [attempt]
    assert len(await nodes(stranger, DELIVERIES, "webhook_deliveries", {})) == 1
    assert (
        await nodes(stranger, ATTEMPTS, "webhook_attempts", {"delivery_id": {"eq": pending["id"]}})
        == []
    )


async def test_graphql_log_needs_the_admin_scope(clients: ApiClientFactory) -> None:
    caller = await clients.new(scopes=("read",))
    result = await caller.graphql(DELIVERIES, {"filter": {}})
    assert result["errors"][0]["message"] == (
        "The webhook delivery log needs a token with the admin scope."
    )


async def test_retry_replays_a_delivery_and_is_refused_while_it_is_being_sent(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller, stranger = await clients.new(), await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    await product(caller)
    worker = make_worker()
    await worker.fan_out()
    claim = await worker.claim()
    [delivery] = await deliveries_of(db, caller.tenant_id)
    path = f"/api/webhook_deliveries/{delivery['id']}/retry"

    busy = await caller.post(path, {})
    assert busy.status_code == 422
    assert [e["code"] for e in busy.json()["errors"]] == [1160]
    assert await worker.deliver(claim.claimed) == {"succeeded": 1}

    assert (await stranger.post(path, {})).status_code == 404
    replayed = await caller.post(path, {})
    assert replayed.status_code == 200, replayed.text
    data = replayed.json()["data"]
    assert (data["id"], data["type"]) == (str(delivery["id"]), "webhook_deliveries")
    assert (data["attributes"]["status"], data["attributes"]["attempt_count"]) == ("pending", 0)
    assert (await worker.run_once()).outcomes == {"succeeded": 1}
    assert len(receiver.received) == 2
    assert receiver.received[0].body == receiver.received[1].body
    assert receiver.received[0].headers["webhook-id"] == receiver.received[1].headers["webhook-id"]


async def test_the_log_actions_need_the_admin_scope(clients: ApiClientFactory) -> None:
    caller = await clients.new(scopes=("read", "write"))
    response = await caller.post("/api/webhook_deliveries/1/retry", {})
    assert response.status_code == 403
