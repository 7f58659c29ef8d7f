"""An order picked and dispatched, a custom carrier and its service: what a shipment needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.catalog.factories import storage_unit_type
from tests.inbound.factories import added, document, stockholding
from tests.inbound.receiving import Dock, complete_task
from tests.outbound.test_fulfilment import PROCESS, new_order, order_tasks, stocked_warehouse
from tests.support import ApiClientFactory, Caller, resource_body

DELIVERY_ADDRESS = {
    "name": "Jane Smith",
    "address_1": "456 High Street",
    "address_2": "Leeds",
    "postcode": "LS1 4EF",
    "country_code": "GB",
}


@dataclass(frozen=True)
class Shipping:
    caller: Caller
    where: Dock
    order_id: int
    carrier_id: int
    service_id: int
    box_type_id: int


async def picked_order(caller: Caller, where: Dock, **attributes: Any) -> int:
    """An order of 4 processed and picked (and so dispatched, on the default strategy)."""
    order = await new_order(caller, where, 4, **attributes)
    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    for pick in await order_tasks(caller, order["id"], "PICK"):
        await complete_task(caller, pick["id"])
    return int(order["id"])


async def custom_carrier(
    caller: Caller, service_code: str = "NEXT", **type_attributes: Any
) -> tuple[int, int]:
    """A carrier played by a new custom carrier type, with its default service."""
    carrier_type = await caller.create(
        "custom_carrier_types", **{"name": "Own fleet", "code": "OWN", **type_attributes}
    )
    carrier = await caller.create(
        "carriers",
        code="OWN",
        name="Own fleet",
        carrier_type="custom",
        custom_carrier_type_id=int(carrier_type["data"]["id"]),
    )
    service = await caller.create(
        "carrier_services",
        code=service_code,
        name="Next day",
        carrier_id=int(carrier["data"]["id"]),
        is_default=True,
        active=True,
    )
    return int(carrier["data"]["id"]), int(service["id"])


async def shipping(clients: ApiClientFactory, **type_attributes: Any) -> Shipping:
    caller, where = await stocked_warehouse(clients)
    order_id = await picked_order(caller, where)
    carrier_id, service_id = await custom_carrier(caller, **type_attributes)
    box = await storage_unit_type(caller, code="BOX", name="Box")
    return Shipping(caller, where, order_id, carrier_id, service_id, int(box["id"]))


def shipment_body(**attributes: Any) -> dict[str, Any]:
    return resource_body("shipments", **attributes)


def with_address(body: dict[str, Any], address: dict[str, Any]) -> dict[str, Any]:
    body["data"]["relationships"] = {
        "address": {"data": {"type": "addresses", "attributes": address}}
    }
    return body


def two_boxes(box_type_id: int) -> list[dict[str, Any]]:
    return [
        {
            "type": "ADD",
            "attributes": {
                "storage_unit_type_id": box_type_id,
                "weight": 2.5,
                "length": 30,
                "width": 20,
                "height": 15,
            },
        },
        {
            "type": "ADD",
            "attributes": {"storage_unit_type_id": box_type_id, "weight": 1.25, "reference": "B2"},
        },
    ]


async def fulfilled_order_id(caller: Caller, reference: str) -> int:
    """An order received for and fulfilled by the sandbox simulator (dispatched): one a shipment
    may belong to, made in a few requests."""
    stock = await stockholding(caller)
    where = {"account_id": stock.account_id, "warehouse_id": stock.warehouse_id}
    lines = {"lines_changes": [added(product_id=stock.product_id, expected_quantity=1)]}
    receipt = await caller.post(
        "/api/goods_in_receipts", document("goods_in_receipts", where | lines)
    )
    assert receipt.status_code == 200, receipt.text
    receipt_id = receipt.json()["data"]["id"]
    received = await caller.post(f"/api/simulations/goods_in_receipts/{receipt_id}/receive", None)
    assert received.status_code == 200, received.text
    order_lines = {"lines_changes": [added(product_id=stock.product_id, order_quantity=1)]}
    order = await caller.post(
        "/api/goods_outs",
        document(
            "goods_outs",
            where
            | order_lines
            | {"reference": reference, "expected_date_of_dispatch": "2026-06-15T10:00:00Z"},
        ),
    )
    assert order.status_code == 200, order.text
    order_id = int(order.json()["data"]["id"])
    fulfilled = await caller.post(f"/api/simulations/goods_outs/{order_id}/fulfil", None)
    assert fulfilled.status_code == 200, fulfilled.text
    return order_id
