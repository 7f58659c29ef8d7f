"""Shipments and their packages through REST, and their GraphQL lists."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.outbound.test_fulfilment import new_order
from tests.shipping.factories import (
    DELIVERY_ADDRESS,
    Shipping,
    shipment_body,
    shipping,
    two_boxes,
    with_address,
)
from tests.support import ApiClientFactory, events_of, refused

SHIPMENTS = """query($f: ShipmentFilterType) { shipments { all(filter: $f) { edges { node {
  id reference name status delivery_notes collection_datetime label_filename packages_count
  carrier { id code name } carrier_service { id code name } warehouse { id code name }
  packages { id weight reference tracking_number }
} } } } }"""
PACKAGES = """query($f: PackageFilterType) { packages { all(filter: $f) { edges { node {
  id tracking_number weight unit_of_measure shipment { id reference }
  storage_unit_type { id code }
} } } } }"""


async def create_shipment(shipping_: Shipping, **attributes: Any) -> dict[str, Any]:
    body = shipment_body(
        goods_out_id=shipping_.order_id,
        packages_changes=two_boxes(shipping_.box_type_id),
        **attributes,
    )
    response = await shipping_.caller.post("/api/shipments", with_address(body, DELIVERY_ADDRESS))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def test_a_shipment_packs_an_order_into_packages(
    clients: ApiClientFactory, db: Database
) -> None:
    ship = await shipping(clients)
    data = await create_shipment(ship, carrier_service_id=ship.service_id, delivery_notes="Gate 2")
    attributes = data["attributes"]
    assert isinstance(data["id"], int)
    assert attributes["goods_out_id"] == ship.order_id
    assert attributes["carrier_id"] == ship.carrier_id
    assert attributes["carrier_service_id"] == ship.service_id
    assert attributes["warehouse_id"] == ship.where.stock.warehouse_id
    assert attributes["reference"] == "SO-1"
    assert attributes["status"] == "pending"
    assert attributes["tracking_number"] is None
    assert attributes["address"]["postcode"] == "LS1 4EF"
    assert attributes["packages_count"] == 2
    assert [
        (package["weight"], package["length"], package["reference"], package["unit_of_measure"])
        for package in attributes["packages"]
    ] == [(2.5, 30.0, None, "centimetre"), (1.25, None, "B2", "centimetre")]

    result = await ship.caller.graphql(
        SHIPMENTS, {"f": {"goods_out_id": {"eq": str(ship.order_id)}}}
    )
    assert "errors" not in result, result
    [edge] = result["data"]["shipments"]["all"]["edges"]
    node = edge["node"]
    assert node["status"] == "pending"
    assert node["packages_count"] == 2
    assert node["carrier"] == {"id": str(ship.carrier_id), "code": "OWN", "name": "Own fleet"}
    assert node["carrier_service"] == {
        "id": str(ship.service_id),
        "code": "NEXT",
        "name": "Next day",
    }
    assert node["warehouse"]["id"] == str(ship.where.stock.warehouse_id)
    assert [package["weight"] for package in node["packages"]] == [2.5, 1.25]

    packages = await ship.caller.graphql(PACKAGES, {"f": {"shipment_reference": {"eq": "SO-1"}}})
    assert "errors" not in packages, packages
    assert [
        edge["node"]["storage_unit_type"]["code"]
        for edge in packages["data"]["packages"]["all"]["edges"]
    ] == [
        "BOX",
        "BOX",
    ]
    events = [
        e for e in await events_of(db, ship.caller.tenant_id) if e["resource_name"] == "shipment"
    ]
    assert [e["event"] for e in events] == ["created"]
    assert events[0]["payload"]["packages_count"] == 2


async def test_changing_packages_and_the_address(clients: ApiClientFactory) -> None:
    ship = await shipping(clients)
    data = await create_shipment(ship, carrier_id=ship.carrier_id)
    assert data["attributes"]["carrier_service_id"] is None
    first, second = data["attributes"]["packages"]
    body = shipment_body(
        packages_changes=[
            {"type": "UPDATE", "id": first["id"], "attributes": {"weight": 3.0}},
            {"type": "REMOVE", "id": second["id"]},
        ]
    )
    changed_address = {**DELIVERY_ADDRESS, "postcode": "LS2 9JT"}
    response = await ship.caller.patch(
        f"/api/shipments/{data['id']}", with_address(body, changed_address)
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert [(p["id"], p["weight"]) for p in attributes["packages"]] == [(first["id"], 3.0)]
    assert attributes["address"]["postcode"] == "LS2 9JT"
    assert attributes["carrier_id"] == ship.carrier_id


async def test_packages_through_their_own_endpoint(clients: ApiClientFactory) -> None:
    ship = await shipping(clients)
    shipment = await create_shipment(ship)
    body = {
        "data": {
            "type": "packages",
            "attributes": {
                "shipment_id": shipment["id"],
                "storage_unit_type_id": ship.box_type_id,
                "tracking_number": "1Z999AA10123456784",
                "dimensions": {
                    "unit_of_measure": "millimetre",
                    "length": 120.0,
                    "weight": 800,
                    "weight_unit_of_measure": "gram",
                },
            },
        }
    }
    response = await ship.caller.post("/api/packages", body)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert isinstance(data["id"], str)
    assert data["attributes"]["tracking_number"] == "1Z999AA10123456784"
    assert data["attributes"]["storage_unit_id"] is None
    assert data["attributes"]["dimensions"] == {
        "unit_of_measure": "millimetre",
        "length": 120.0,
        "width": None,
        "height": None,
        "weight": 800.0,
        "weight_unit_of_measure": "gram",
        "value": None,
    }
    patched = await ship.caller.patch(
        f"/api/packages/{data['id']}",
        {"data": {"type": "packages", "attributes": {"tracking_number": "TN-2"}}},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["data"]["attributes"]["dimensions"]["length"] == 120.0
    assert (await ship.caller.delete(f"/api/packages/{data['id']}")).status_code == 204
    assert (await ship.caller.delete(f"/api/shipments/{shipment['id']}")).status_code == 204


async def test_refusals_change_nothing(clients: ApiClientFactory, db: Database) -> None:
    ship = await shipping(clients)
    caller = ship.caller
    pending = await new_order(caller, ship.where, 1, reference="SO-2")
    assert await refused(
        caller, db, "POST", "/api/shipments", shipment_body(goods_out_id=int(pending["id"]))
    ) == [("shipment_order_not_packing", "/data/attributes/goods_out_id")]
    assert await refused(
        caller, db, "POST", "/api/shipments", shipment_body(goods_out_id=999_999)
    ) == [("reference_not_found", "/data/attributes/goods_out_id")]
    other_carrier = await caller.create("carriers", code="DHL", name="DHL")
    assert await refused(
        caller,
        db,
        "POST",
        "/api/shipments",
        shipment_body(
            goods_out_id=ship.order_id,
            carrier_id=int(other_carrier["data"]["id"]),
            carrier_service_id=ship.service_id,
        ),
    ) == [("carrier_service_mismatch", "/data/attributes/carrier_service_id")]
    assert await refused(
        caller,
        db,
        "POST",
        "/api/shipments",
        shipment_body(
            goods_out_id=ship.order_id,
            packages_changes=[{"type": "ADD", "attributes": {"storage_unit_type_id": 999_999}}],
        ),
    ) == [
        (
            "reference_not_found",
            "/data/attributes/packages_changes/0/attributes/storage_unit_type_id",
        )
    ]
    assert await refused(
        caller,
        db,
        "POST",
        "/api/packages",
        {
            "data": {
                "type": "packages",
                "attributes": {
                    "storage_unit_type_id": ship.box_type_id,
                    "dimensions": {"weight": 1},
                },
            }
        },
    ) == [("missing_field", "/data/attributes/dimensions/unit_of_measure")]
    assert await refused(
        caller,
        db,
        "POST",
        "/api/custom_carrier_types",
        {
            "data": {
                "type": "custom_carrier_types",
                "attributes": {"tracking_number_pattern": "X{sequence.real}"},
            }
        },
    ) == [("invalid_tracking_pattern", "/data/attributes/tracking_number_pattern")]


async def test_packages_sent_whole_replace_the_shipments_packages(
    clients: ApiClientFactory,
) -> None:
    ship = await shipping(clients)
    data = await create_shipment(ship)
    body = shipment_body(packages=[{"weight": 9.5, "reference": "PALLET"}])
    response = await ship.caller.patch(f"/api/shipments/{data['id']}", body)
    assert response.status_code == 200, response.text
    assert [
        (package["weight"], package["reference"])
        for package in response.json()["data"]["attributes"]["packages"]
    ] == [(9.5, "PALLET")]


async def test_print_params_change_key_by_key(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    params = {"orientation": "portrait", "page_width": 100.0, "page_height": 150.0, "top": 5.0}
    created = await caller.create(
        "custom_carrier_types", name="DPD", code="DPD", print_params=params
    )
    type_id = created["data"]["id"]
    assert created["data"]["attributes"]["print_params"] == params
    patched = await caller.patch(
        f"/api/custom_carrier_types/{type_id}",
        {
            "data": {
                "type": "custom_carrier_types",
                "attributes": {"print_params": {"page_width": 102.0}},
            }
        },
    )
    assert patched.status_code == 204, patched.text
    result = await caller.graphql(
        "{ custom_carrier_types { all { edges { node { id print_params } } } } }"
    )
    [edge] = result["data"]["custom_carrier_types"]["all"]["edges"]
    assert edge["node"]["print_params"] == {**params, "page_width": 102.0}
