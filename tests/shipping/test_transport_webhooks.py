"""Automations on dock bookings and loads: a booking created and changed, and a load and its
drop dispatched, reach a real local receiver with the records as responses show them; another
tenant's bookings never do."""

from __future__ import annotations

import json

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from tests.inbound.receiving import complete_task
from tests.outbound.test_fulfilment import PROCESS, new_order, order_tasks, stocked_warehouse
from tests.shipping.test_bookings import body as booking_body
from tests.shipping.test_bookings import book, dock
from tests.support import TEST_SECRET_BOX, ApiClientFactory, Caller, refused
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import drain
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import automation_body, webhook_action


async def watch(caller: Caller, resource_name: str, event: str, url: str) -> None:
    automation = automation_body(
        resource_name=resource_name,
        event=event,
        conditions_changes=[],
        actions_changes=[webhook_action(url, "POST")],
    )
    response = await caller.post("/api/automations", automation)
    assert response.status_code == 200, response.text


async def test_booking_and_load_events_reach_the_receiver(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller, where = await stocked_warehouse(private_clients)
    stranger = await private_clients.new()
    for resource_name, event in (
        ("booking", "created"),
        ("booking", "updated"),
        ("load", "dispatched"),
        ("load_drop", "dispatched"),
    ):
        await watch(caller, resource_name, event, receiver.url)
    location = await dock(caller)
    booking = await book(caller, where.stock.account_id, location["id"], "09:00", "10:00")
    arrived = await caller.patch(f"/api/bookings/{booking['id']}", booking_body(status="arrived"))
    assert arrived.status_code == 200, arrived.text
    stranger_account = await stranger.create_account()
    await book(stranger, stranger_account["id"], (await dock(stranger))["id"], "09:00", "10:00")

    order = await new_order(caller, where, 2, dispatch_strategy="manual")
    load = await caller.create("loads", warehouse_id=where.stock.warehouse_id, reference="L1")
    load_id = int(load["data"]["id"])
    drop = await caller.create("load_drops", load_id=load_id, goods_out_id=order["id"])
    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    [pick] = await order_tasks(caller, order["id"], "PICK")
    await complete_task(caller, pick["id"])
    dispatched = await caller.post(f"/api/loads/{load_id}/dispatch", None)
    assert dispatched.status_code == 200, dispatched.text

    await drain(make_worker(directory=AutomationDirectory(TEST_SECRET_BOX)))
    bodies = [json.loads(request.body) for request in receiver.received]
    assert sorted(
        (body["resource_name"], body["event"], body["data"]["id"], body["data"]["status"])
        for body in bodies
    ) == [
        ("booking", "created", booking["id"], "pending"),
        ("booking", "updated", booking["id"], "arrived"),
        ("load", "dispatched", load_id, "dispatched"),
        ("load_drop", "dispatched", int(drop["data"]["id"]), "dispatched"),
    ]
    [created] = [body for body in bodies if body["event"] == "created"]
    assert created["data"]["booking_reference"] == f"BK-{booking['id']:06d}"
    assert created["data"]["location_id"] == location["id"]


async def test_an_event_a_resource_does_not_have_is_refused(
    private_clients: ApiClientFactory, db: Database
) -> None:
    caller = await private_clients.new()
    for resource_name, event in (("booking", "dispatched"), ("load", "submitted")):
        automation = automation_body(
            resource_name=resource_name,
            event=event,
            conditions_changes=[],
            actions_changes=[webhook_action()],
        )
        errors = await refused(caller, db, "POST", "/api/automations", automation)
        assert [pointer for _symbol, pointer in errors] == ["/data/attributes/event"], errors
