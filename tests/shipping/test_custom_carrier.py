"""Shipping with the custom carrier, through HTTP: an order picked and packed into two
packages, submitted, labelled, announced to an automation, cancelled."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

from pypdf import PdfReader

from clarus.core.db import Database
from clarus.shipping.worker import ShippingWorker
from clarus.webhooks.directory import AutomationDirectory
from tests.shipping.factories import (
    DELIVERY_ADDRESS,
    Shipping,
    shipment_body,
    shipping,
    two_boxes,
    with_address,
)
from tests.support import TEST_SECRET_BOX, ApiClientFactory, refused
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import drain
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import automation_body, webhook_action

SHIPMENT = """query($f: ShipmentFilterType) { shipments { all(filter: $f) { edges { node {
  status tracking_number label_filename failure_message packages { tracking_number }
} } } } }"""


async def new_shipment(ship: Shipping, **attributes: Any) -> int:
    body = shipment_body(
        goods_out_id=ship.order_id,
        carrier_service_id=ship.service_id,
        packages_changes=two_boxes(ship.box_type_id),
        **attributes,
    )
    response = await ship.caller.post("/api/shipments", with_address(body, DELIVERY_ADDRESS))
    assert response.status_code == 200, response.text
    return int(response.json()["data"]["id"])


async def shipment_state(ship: Shipping, shipment_id: int) -> Any:
    result = await ship.caller.graphql(SHIPMENT, {"f": {"id": {"eq": str(shipment_id)}}})
    assert "errors" not in result, result
    [edge] = result["data"]["shipments"]["all"]["edges"]
    return edge["node"]


async def label_of(ship: Shipping, shipment_id: int) -> Any:
    return await ship.caller.http.get(
        f"/api/shipments/{shipment_id}/label", headers=ship.caller.headers()
    )


async def test_an_order_shipped_with_the_custom_carrier(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    make_worker: WorkerFactory,
    shipping_worker: ShippingWorker,
) -> None:
    ship = await shipping(private_clients)
    caller = ship.caller
    watch = automation_body(
        resource_name="shipment",
        event="submitted",
        conditions_changes=[],
        actions_changes=[webhook_action(receiver.url, "POST")],
    )
    assert (await caller.post("/api/automations", watch)).status_code == 200
    shipment_id = await new_shipment(ship)

    submitted = await caller.post(f"/api/shipments/{shipment_id}/submit", None)
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["data"]["attributes"]["status"] == "submitting"
    assert (await label_of(ship, shipment_id)).status_code == 404

    assert await shipping_worker.run_once() == Counter({"submitted": 1})
    assert await shipment_state(ship, shipment_id) == {
        "status": "submitted",
        "tracking_number": "OWN0000000001",
        "label_filename": f"shipment-{shipment_id}-label.pdf",
        "failure_message": None,
        "packages": [{"tracking_number": "OWN0000000001"}, {"tracking_number": "OWN0000000002"}],
    }
    label = await label_of(ship, shipment_id)
    assert label.status_code == 200
    assert label.headers["content-type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(label.content)).pages]
    assert len(pages) == 2
    for page, number, weight in zip(
        pages, ["OWN0000000001", "OWN0000000002"], ["2.5", "1.25"], strict=True
    ):
        for text in (
            number,
            "Jane Smith",
            "456 High Street",
            "LS1 4EF",
            "Own fleet - Next day",
            f"Weight {weight} kg",
        ):
            assert text in page, (text, page)

    await drain(make_worker(directory=AutomationDirectory(TEST_SECRET_BOX)))
    [request] = receiver.received
    body = json.loads(request.body)
    assert (body["resource_name"], body["event"]) == ("shipment", "submitted")
    assert body["data"]["id"] == shipment_id
    assert body["data"]["tracking_number"] == "OWN0000000001"
    assert [p["tracking_number"] for p in body["data"]["packages"]] == [
        "OWN0000000001",
        "OWN0000000002",
    ]

    assert await refused(caller, db, "DELETE", f"/api/shipments/{shipment_id}") == [
        ("shipment_status_forbids", None)
    ]
    cancelling = await caller.post(f"/api/shipments/{shipment_id}/cancel", None)
    assert cancelling.status_code == 200, cancelling.text
    assert cancelling.json()["data"]["attributes"]["status"] == "cancelling"
    assert await shipping_worker.run_once() == Counter({"cancelled": 1})
    assert (await shipment_state(ship, shipment_id))["status"] == "cancelled"
    assert (await label_of(ship, shipment_id)).status_code == 404

    again = await new_shipment(ship)
    assert (await caller.post(f"/api/shipments/{again}/submit", None)).status_code == 200
    assert await shipping_worker.run_once() == Counter({"submitted": 1})
    assert (await shipment_state(ship, again))["packages"] == [
        {"tracking_number": "OWN0000000003"},
        {"tracking_number": "OWN0000000004"},
    ]


async def test_a_pattern_and_print_params_shape_the_tracking_numbers_and_label(
    clients: ApiClientFactory, shipping_worker: ShippingWorker
) -> None:
    ship = await shipping(
        clients,
        tracking_number_pattern="CX-{sequence:06d}-UK",
        print_params={"orientation": "landscape", "page_width": 100.0, "page_height": 150.0},
    )
    shipment_id = await new_shipment(ship)
    assert (await ship.caller.post(f"/api/shipments/{shipment_id}/submit", None)).status_code == 200
    await shipping_worker.run_once()
    state = await shipment_state(ship, shipment_id)
    assert state["tracking_number"] == "CX-000001-UK"
    reader = PdfReader(io.BytesIO((await label_of(ship, shipment_id)).content))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)


async def test_submit_refusals_change_nothing(clients: ApiClientFactory, db: Database) -> None:
    ship = await shipping(clients)
    caller = ship.caller
    empty = await caller.post(
        "/api/shipments", shipment_body(goods_out_id=ship.order_id, carrier_id=ship.carrier_id)
    )
    empty_id = empty.json()["data"]["id"]
    assert await refused(caller, db, "POST", f"/api/shipments/{empty_id}/submit") == [
        ("shipment_not_ready", "/packages")
    ]
    no_carrier = await caller.post(
        "/api/shipments",
        shipment_body(goods_out_id=ship.order_id, packages_changes=two_boxes(ship.box_type_id)),
    )
    no_carrier_id = no_carrier.json()["data"]["id"]
    assert await refused(caller, db, "POST", f"/api/shipments/{no_carrier_id}/submit") == [
        ("shipment_not_ready", "/carrier_id")
    ]
    plain = await caller.create("carriers", code="DHL", name="DHL")
    plain_id = await caller.post(
        "/api/shipments",
        shipment_body(
            goods_out_id=ship.order_id,
            carrier_id=int(plain["data"]["id"]),
            packages_changes=two_boxes(ship.box_type_id),
        ),
    )
    assert await refused(
        caller, db, "POST", f"/api/shipments/{plain_id.json()['data']['id']}/submit"
    ) == [("carrier_not_configured", "/carrier_id")]
    unweighed = await caller.post(
        "/api/shipments",
        shipment_body(
            goods_out_id=ship.order_id,
            carrier_id=ship.carrier_id,
            packages_changes=[{"type": "ADD", "attributes": {"length": 10}}],
        ),
    )
    assert await refused(
        caller, db, "POST", f"/api/shipments/{unweighed.json()['data']['id']}/submit"
    ) == [("shipment_not_ready", "/packages")]
    assert await refused(caller, db, "POST", f"/api/shipments/{empty_id}/cancel") == [
        ("shipment_status_forbids", None)
    ]
    other = await clients.new()
    response = await other.post(f"/api/shipments/{empty_id}/submit", None)
    assert response.status_code == 404
