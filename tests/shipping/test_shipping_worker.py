"""The shipping worker against a real local carrier: cancelling through the HTTP carrier (and
the carrier refusing to), the attempt log and address read through GraphQL, and the lease
heartbeat that keeps a slow carrier call from being taken over by a second worker."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
from collections import Counter
from typing import Any

from sqlalchemy import select
from standardwebhooks import Webhook

from clarus.core.db import Database
from clarus.shipping.http_carrier import HttpCarrier
from clarus.shipping.tables import shipment_submissions
from clarus.shipping.worker import ShippingWorker
from tests.shipping.factories import DELIVERY_ADDRESS, shipment_body, shipping, with_address
from tests.shipping.test_http_carrier import PDF, SECRET, accepted, bridged_shipment, state
from tests.support import ApiClientFactory, events_of
from tests.webhooks.fakes import FakeClock
from tests.webhooks.receiver import Receiver, Reply

ATTEMPTS = """query($f: ShipmentFilterType) { shipments { all(filter: $f) { edges { node {
  id carrier_attempts { action attempt outcome message finished_at }
  address { name address_1 postcode country_code }
} } } } }"""


async def shipment_nodes(caller: Any, **filter_: Any) -> list[Any]:
    result = await caller.graphql(ATTEMPTS, {"f": filter_})
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["shipments"]["all"]["edges"]]


def attempts(node: Any) -> list[tuple[str, int, str, str | None]]:
    return [
        (a["action"], a["attempt"], a["outcome"], a["message"]) for a in node["carrier_attempts"]
    ]


async def test_an_http_carrier_shipment_is_cancelled_with_the_carrier(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    shipping_worker: ShippingWorker,
) -> None:
    receiver.script(
        Reply(503),
        accepted("1Z1", "1Z2"),
        Reply(200, {"Content-Type": "application/json"}, b'{"voided": true}'),
    )
    ship, shipment_id = await bridged_shipment(private_clients, receiver)
    assert await shipping_worker.run_once() == Counter({"retry": 1})
    assert await shipping_worker.run_once() == Counter({"submitted": 1})
    cancelling = await ship.caller.post(f"/api/shipments/{shipment_id}/cancel", None)
    assert cancelling.status_code == 200, cancelling.text
    assert cancelling.json()["data"]["attributes"]["status"] == "cancelling"
    assert len(receiver.received) == 2

    assert await shipping_worker.run_once() == Counter({"cancelled": 1})
    request = receiver.received[-1]
    body = Webhook(SECRET).verify(request.body, request.headers)
    assert (body["action"], body["shipment_id"], body["tracking_number"]) == (
        "cancel",
        shipment_id,
        "1Z1",
    )
    assert (await state(ship, shipment_id))["status"] == "cancelled"
    label = await ship.caller.http.get(
        f"/api/shipments/{shipment_id}/label", headers=ship.caller.headers()
    )
    assert label.status_code == 404
    events = [
        e["event"]
        for e in await events_of(db, ship.caller.tenant_id)
        if e["resource_name"] == "shipment"
    ]
    assert events[-3:] == ["submitted", "updated", "cancelled"]

    [node] = await shipment_nodes(ship.caller, id={"eq": str(shipment_id)})
    assert attempts(node) == [
        ("submit", 1, "retry", "The carrier answered 503."),
        ("submit", 2, "submitted", None),
        ("cancel", 1, "cancelled", None),
    ]
    assert all(attempt["finished_at"].endswith("Z") for attempt in node["carrier_attempts"])
    assert node["address"] is None
    stranger = await private_clients.new()
    assert await shipment_nodes(stranger) == []


async def test_a_cancel_the_carrier_refuses_leaves_the_shipment_submitted_with_its_label(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    shipping_worker: ShippingWorker,
) -> None:
    receiver.script(
        accepted("1Z1", "1Z2"),
        Reply(409, body=json.dumps({"message": "Parcel already collected"}).encode()),
    )
    ship, shipment_id = await bridged_shipment(private_clients, receiver)
    assert await shipping_worker.run_once() == Counter({"submitted": 1})
    cancelling = await ship.caller.post(f"/api/shipments/{shipment_id}/cancel", None)
    assert cancelling.status_code == 200, cancelling.text
    assert await shipping_worker.run_once() == Counter({"failed": 1})

    assert len(receiver.received) == 2
    assert await state(ship, shipment_id) == {
        "status": "submitted",
        "tracking_number": "1Z1",
        "failure_message": "Parcel already collected",
        "label_filename": f"shipment-{shipment_id}-label.pdf",
        "packages": [{"tracking_number": "1Z1"}, {"tracking_number": "1Z2"}],
    }
    label = await ship.caller.http.get(
        f"/api/shipments/{shipment_id}/label", headers=ship.caller.headers()
    )
    assert (label.status_code, label.content) == (200, PDF)
    [node] = await shipment_nodes(ship.caller, id={"eq": str(shipment_id)})
    assert attempts(node) == [
        ("submit", 1, "submitted", None),
        ("cancel", 1, "failed", "Parcel already collected"),
    ]
    events = [
        e["event"]
        for e in await events_of(db, ship.caller.tenant_id)
        if e["resource_name"] == "shipment"
    ]
    assert events == ["created", "updated", "submitted", "updated", "updated"]
    assert await shipping_worker.run_once() == Counter()


async def test_graphql_shows_a_shipments_own_address(private_clients: ApiClientFactory) -> None:
    ship = await shipping(private_clients)
    ids = []
    for reference, address in (("OWN-ADDRESS", DELIVERY_ADDRESS), ("ORDERS-ADDRESS", None)):
        body = shipment_body(goods_out_id=ship.order_id, reference=reference)
        if address is not None:
            body = with_address(body, address)
        response = await ship.caller.post("/api/shipments", body)
        assert response.status_code == 200, response.text
        ids.append(str(response.json()["data"]["id"]))
    nodes = {node["id"]: node for node in await shipment_nodes(ship.caller)}
    assert nodes[ids[0]]["address"] == {
        "name": "Jane Smith",
        "address_1": "456 High Street",
        "postcode": "LS1 4EF",
        "country_code": "GB",
    }
    assert nodes[ids[0]]["carrier_attempts"] == []
    assert nodes[ids[1]]["address"] is None


async def lease_of(db: Database, shipment_id: int) -> dt.datetime | None:
    async with db.read_session() as session:
        statement = select(shipment_submissions.c.leased_until).where(
            shipment_submissions.c.shipment_id == shipment_id
        )
        leased_until: dt.datetime | None = (await session.execute(statement)).scalar_one()
        return leased_until


async def test_the_heartbeat_keeps_a_slow_carrier_call_from_being_made_twice(
    private_clients: ApiClientFactory, db: Database, receiver: Receiver, clock: FakeClock
) -> None:
    receiver.script(dataclasses.replace(accepted("1Z1", "1Z2"), delay_seconds=3.0))
    ship, shipment_id = await bridged_shipment(private_clients, receiver)
    clock.advance(dt.timedelta(minutes=1))
    lease = dt.timedelta(minutes=2)
    slow = ShippingWorker(
        db=db,
        clock=clock.now,
        lease=lease,
        heartbeat_seconds=0.05,
        http_carrier=HttpCarrier(timeout_seconds=10, allow_private=True),
    )
    other = ShippingWorker(
        db=db, clock=clock.now, http_carrier=HttpCarrier(timeout_seconds=10, allow_private=True)
    )
    try:
        working = asyncio.create_task(slow.run_once())
        assert await asyncio.to_thread(receiver.wait_for, 1, 10)
        first_lease = await lease_of(db, shipment_id)
        assert first_lease == clock.now() + lease
        clock.advance(dt.timedelta(seconds=100))
        for _ in range(200):
            if await lease_of(db, shipment_id) == clock.now() + lease:
                break
            await asyncio.sleep(0.025)
        assert await lease_of(db, shipment_id) == clock.now() + lease
        clock.advance(dt.timedelta(seconds=100))

        await other.run_once()
        assert await working == Counter({"submitted": 1})
    finally:
        await slow.aclose()
        await other.aclose()
    assert len(receiver.received) == 1, "the second worker called the carrier again"
    assert (await state(ship, shipment_id))["tracking_number"] == "1Z1"
    [node] = await shipment_nodes(ship.caller, id={"eq": str(shipment_id)})
    assert attempts(node) == [("submit", 1, "submitted", None)]
