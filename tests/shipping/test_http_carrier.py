"""The HTTP carrier against a real local receiver: success, a refusal, and a timeout retried
until it succeeds. No carrier call is made inside a request: the receiver hears nothing until
the shipping worker runs."""

from __future__ import annotations

import base64
import json
from collections import Counter
from typing import Any

from sqlalchemy import select
from standardwebhooks import Webhook

from clarus.core.db import Database
from clarus.shipping.labels import LabelPage, PageLayout, ShippingLabel, render_shipping_label
from clarus.shipping.tables import shipment_carrier_attempts
from clarus.shipping.worker import ShippingWorker
from clarus.webhooks.directory import AutomationDirectory
from tests.shipping.factories import Shipping, shipment_body, shipping, two_boxes
from tests.support import TEST_SECRET_BOX, ApiClientFactory, events_of
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import drain
from tests.webhooks.receiver import Receiver, Reply
from tests.webhooks.support import automation_body, webhook_action

SECRET = "whsec_" + base64.b64encode(b"carrier-bridge-secret-0123456789").decode()
STATE = """query($f: ShipmentFilterType) { shipments { all(filter: $f) { edges { node {
  status tracking_number failure_message label_filename packages { tracking_number }
} } } } }"""
PDF = render_shipping_label(
    ShippingLabel(
        shipment_reference="BRIDGE",
        carrier_name="Bridge",
        service_name=None,
        ship_to=("Bridge label",),
        ship_from=(),
        pages=(LabelPage("1Z1", None),),
        layout=PageLayout.of(None),
    )
)


def accepted(*numbers: str) -> Reply:
    body = {
        "tracking_number": numbers[0],
        "tracking_numbers": list(numbers),
        "label_pdf_base64": base64.b64encode(PDF).decode(),
        "service": "express",
    }
    return Reply(200, {"Content-Type": "application/json"}, json.dumps(body).encode())


async def bridged_shipment(clients: ApiClientFactory, receiver: Receiver) -> tuple[Shipping, int]:
    ship = await shipping(clients)
    carrier = await ship.caller.create(
        "carriers",
        code="BRIDGE",
        name="Bridge",
        carrier_type="http",
        carrier_authentication={"url": receiver.url, "secret": SECRET},
    )
    response = await ship.caller.post(
        "/api/shipments",
        shipment_body(
            goods_out_id=ship.order_id,
            carrier_id=int(carrier["data"]["id"]),
            packages_changes=two_boxes(ship.box_type_id),
        ),
    )
    assert response.status_code == 200, response.text
    shipment_id = int(response.json()["data"]["id"])
    submitted = await ship.caller.post(f"/api/shipments/{shipment_id}/submit", None)
    assert submitted.status_code == 200, submitted.text
    assert receiver.received == []
    return ship, shipment_id


async def state(ship: Shipping, shipment_id: int) -> Any:
    result = await ship.caller.graphql(STATE, {"f": {"id": {"eq": str(shipment_id)}}})
    [edge] = result["data"]["shipments"]["all"]["edges"]
    return edge["node"]


async def test_the_carrier_answers_with_tracking_numbers_and_a_label(
    private_clients: ApiClientFactory, receiver: Receiver, shipping_worker: ShippingWorker
) -> None:
    receiver.script(accepted("1Z1", "1Z2"))
    ship, shipment_id = await bridged_shipment(private_clients, receiver)
    assert await shipping_worker.run_once() == Counter({"submitted": 1})

    [request] = receiver.received
    body = Webhook(SECRET).verify(request.body, request.headers)
    assert body["action"] == "submit"
    assert body["shipment_id"] == shipment_id
    assert [package["weight_kg"] for package in body["packages"]] == ["2.5", "1.25"]
    assert body["ship_to"] == []
    assert await state(ship, shipment_id) == {
        "status": "submitted",
        "tracking_number": "1Z1",
        "failure_message": None,
        "label_filename": f"shipment-{shipment_id}-label.pdf",
        "packages": [{"tracking_number": "1Z1"}, {"tracking_number": "1Z2"}],
    }
    label = await ship.caller.http.get(
        f"/api/shipments/{shipment_id}/label", headers=ship.caller.headers()
    )
    assert label.content == PDF


async def test_a_refusal_fails_the_shipment_with_the_carriers_message(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    shipping_worker: ShippingWorker,
    make_worker: WorkerFactory,
) -> None:
    """An automation on `shipment` `failed` hears of it (posted to the same receiver, after the
    carrier's answer)."""
    receiver.script(
        Reply(422, body=json.dumps({"message": "Postcode LS1 4EF not served"}).encode())
    )
    ship, shipment_id = await bridged_shipment(private_clients, receiver)
    watch = automation_body(
        resource_name="shipment",
        event="failed",
        conditions_changes=[],
        actions_changes=[webhook_action(receiver.url, "POST")],
    )
    assert (await ship.caller.post("/api/automations", watch)).status_code == 200
    assert await shipping_worker.run_once() == Counter({"failed": 1})
    await drain(make_worker(directory=AutomationDirectory(TEST_SECRET_BOX)))
    [_carrier_call, announced] = receiver.received
    body = json.loads(announced.body)
    assert (body["resource_name"], body["event"]) == ("shipment", "failed")
    assert (body["data"]["id"], body["data"]["status"]) == (shipment_id, "failed")
    assert body["data"]["failure_message"] == "Postcode LS1 4EF not served"
    assert await state(ship, shipment_id) == {
        "status": "failed",
        "tracking_number": None,
        "failure_message": "Postcode LS1 4EF not served",
        "label_filename": None,
        "packages": [{"tracking_number": None}, {"tracking_number": None}],
    }
    events = [
        e["event"]
        for e in await events_of(db, ship.caller.tenant_id)
        if e["resource_name"] == "shipment"
    ]
    assert events == ["created", "updated", "failed"]

    receiver.script(accepted("1Z9", "1Z10"))
    assert (await ship.caller.post(f"/api/shipments/{shipment_id}/submit", None)).status_code == 200
    assert await shipping_worker.run_once() == Counter({"submitted": 1})
    assert (await state(ship, shipment_id))["failure_message"] is None


async def test_a_timeout_is_retried_until_the_carrier_answers(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    shipping_worker: ShippingWorker,
) -> None:
    receiver.script(Reply(delay_seconds=1.5), Reply(503), accepted("1Z5", "1Z6"))
    ship, shipment_id = await bridged_shipment(private_clients, receiver)
    assert await shipping_worker.run_once() == Counter({"retry": 1})
    assert (await state(ship, shipment_id))["status"] == "submitting"
    assert await shipping_worker.run_once() == Counter({"retry": 1})
    assert await shipping_worker.run_once() == Counter({"submitted": 1})
    assert len(receiver.received) == 3
    assert (await state(ship, shipment_id))["tracking_number"] == "1Z5"
    async with db.read_session() as session:
        statement = (
            select(
                shipment_carrier_attempts.c.attempt,
                shipment_carrier_attempts.c.outcome,
                shipment_carrier_attempts.c.message,
            )
            .where(shipment_carrier_attempts.c.tenant_id == ship.caller.tenant_id)
            .order_by(shipment_carrier_attempts.c.id)
        )
        attempts = [tuple(row) for row in await session.execute(statement)]
    assert [(attempt, outcome) for attempt, outcome, _ in attempts] == [
        (1, "retry"),
        (2, "retry"),
        (3, "submitted"),
    ]
    assert str(attempts[0][2]).startswith("ReadTimeout")
    assert attempts[1][2] == "The carrier answered 503."
