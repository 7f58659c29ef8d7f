from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.graphql.lists import documented_example
from tests.support import (
    ApiClientFactory,
    Caller,
    assert_refused,
    events_of,
    resource_body,
    row_counts,
)


async def new_load(caller: Caller, **attributes: Any) -> dict[str, Any]:
    warehouse = await caller.create_warehouse()
    created = await caller.create("loads", **{"warehouse_id": warehouse["id"], **attributes})
    data: dict[str, Any] = created["data"]
    return data


async def drop(caller: Caller, load_id: int, **attributes: Any) -> dict[str, Any]:
    created = await caller.create("load_drops", load_id=load_id, **attributes)
    data: dict[str, Any] = created["data"]
    return data


async def sequences(caller: Caller, load_id: int) -> list[tuple[str, int]]:
    result = await caller.graphql(
        "query($filter: LoadDropFilterType) { load_drops { all(filter: $filter)"
        " { edges { node { id sequence } } } } }",
        {"filter": {"load_id": {"eq": load_id}}},
    )
    assert "errors" not in result, result
    edges = result["data"]["load_drops"]["all"]["edges"]
    return sorted(
        ((edge["node"]["id"], edge["node"]["sequence"]) for edge in edges), key=lambda d: d[1]
    )


async def test_a_load_with_three_drops_in_sequence(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    carrier = await caller.create("carriers", code="DHL", name="DHL")
    load = await new_load(
        caller,
        reference="LOAD-2024-001",
        carrier_id=int(carrier["data"]["id"]),
        expected_date_of_dispatch="2024-01-20T14:00:00Z",
    )
    assert load["type"] == "loads"
    assert isinstance(load["id"], int)
    attributes = load["attributes"]
    assert (attributes["status"], attributes["expected_storage_unit_quantity"]) == ("pending", 0)
    assert attributes["expected_date_of_dispatch"] == "2024-01-20T14:00:00Z"
    address = await caller.create("delivery_addresses", code="HOME", name="John Smith")
    first = await drop(
        caller,
        load["id"],
        delivery_address_id=int(address["data"]["id"]),
        expected_storage_unit_quantity=3,
    )
    assert isinstance(first["id"], str)
    assert {k: first["attributes"][k] for k in ("sequence", "status", "load_id")} == {
        "sequence": 1,
        "status": "pending",
        "load_id": load["id"],
    }
    second = await drop(caller, load["id"], expected_storage_unit_quantity=2)
    third = await drop(caller, load["id"], booking_reference="BK-9")
    assert await sequences(caller, load["id"]) == [
        (first["id"], 1),
        (second["id"], 2),
        (third["id"], 3),
    ]
    moved = await caller.patch(f"/api/load_drops/{third['id']}/sequence", {"sequence": 1})
    assert moved.status_code == 204
    assert await sequences(caller, load["id"]) == [
        (third["id"], 1),
        (first["id"], 2),
        (second["id"], 3),
    ]
    await caller.patch(f"/api/load_drops/{third['id']}/sequence", {"sequence": 99})
    assert await sequences(caller, load["id"]) == [
        (first["id"], 1),
        (second["id"], 2),
        (third["id"], 3),
    ]
    result = await caller.graphql(documented_example("ListLoads")["query"], {})
    node = result["data"]["loads"]["all"]["edges"][0]["node"]
    assert node == {
        "id": str(load["id"]),
        "reference": "LOAD-2024-001",
        "status": "pending",
        "expected_storage_unit_quantity": 5,
        "number_of_storage_units_loaded": 0,
        "load_by": "2024-01-20T14:00:00Z",
        "carrier": {"id": carrier["data"]["id"], "code": "DHL", "name": "DHL"},
        "warehouse": {
            "id": str(load["attributes"]["warehouse_id"]),
            "code": node["warehouse"]["code"],
            "name": "Warehouse",
        },
    }
    updated = await caller.patch(
        f"/api/load_drops/{second['id']}",
        resource_body("load_drops", expected_storage_unit_quantity=7),
    )
    assert updated.json()["data"]["attributes"]["expected_storage_unit_quantity"] == 7
    reread = await caller.patch(f"/api/loads/{load['id']}", resource_body("loads", string1="x"))
    assert reread.json()["data"]["attributes"]["expected_storage_unit_quantity"] == 10


async def test_deleting_a_load_deletes_its_drops(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    load = await new_load(caller)
    await drop(caller, load["id"])
    await drop(caller, load["id"])
    assert (await caller.delete(f"/api/loads/{load['id']}")).status_code == 204
    counts = await row_counts(db, caller.tenant_id)
    assert (counts["loads"], counts["load_drops"]) == (0, 0)
    events = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert events[-3:] == [("load_drop", "deleted"), ("load_drop", "deleted"), ("load", "deleted")]


async def test_deleting_a_drop_closes_the_gap(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    load = await new_load(caller)
    first, second, third = [await drop(caller, load["id"]) for _ in range(3)]
    assert (await caller.delete(f"/api/load_drops/{second['id']}")).status_code == 204
    assert await sequences(caller, load["id"]) == [(first["id"], 1), (third["id"], 2)]


async def test_refusals_change_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    kind = await caller.create("trailer_types", code="BOX", name="Box")
    trailer = await caller.create(
        "trailers", code="T1", name="T1", trailer_type_id=kind["id"], active=False
    )
    warehouse = await caller.create_warehouse()
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/loads",
        resource_body("loads", warehouse_id=warehouse["id"], trailer_id=trailer["id"]),
        symbol="trailer_inactive",
        pointer="/data/attributes/trailer_id",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/loads",
        resource_body("loads"),
        symbol="missing_field",
        pointer="/data/attributes/warehouse_id",
    )
    carrier = await caller.create("carriers", code="DHL", name="DHL")
    other = await caller.create("carriers", code="UPS", name="UPS")
    service = await caller.create(
        "carrier_services",
        code="EXP",
        name="Express",
        carrier_id=int(other["data"]["id"]),
        is_default=True,
        active=True,
    )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/loads",
        resource_body(
            "loads",
            warehouse_id=warehouse["id"],
            carrier_id=int(carrier["data"]["id"]),
            carrier_service_id=service["id"],
        ),
        symbol="invalid_value",
        pointer="/data/attributes/carrier_service_id",
    )
    load = await caller.create("loads", warehouse_id=warehouse["id"], reference="L1")
    load_id = load["data"]["id"]
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/loads",
        resource_body("loads", warehouse_id=warehouse["id"], reference="L1"),
        symbol="reference_taken",
        pointer="/data/attributes/reference",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/load_drops",
        resource_body("load_drops", load_id=load_id, expected_storage_unit_quantity=-1),
        symbol="out_of_range",
        pointer="/data/attributes/expected_storage_unit_quantity",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/load_drops",
        resource_body("load_drops", load_id=load_id + 1000),
        symbol="reference_not_found",
        pointer="/data/attributes/load_id",
    )
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/loads/{load_id}",
        resource_body("loads", trailer_id=trailer["id"]),
        symbol="trailer_inactive",
        pointer="/data/attributes/trailer_id",
    )


async def test_other_tenants_load_is_missing(clients: ApiClientFactory, db: Database) -> None:
    caller, other = await clients.new(), await clients.new()
    load = await new_load(other)
    drop_ = await drop(other, load["id"])
    assert (await caller.delete(f"/api/loads/{load['id']}")).status_code == 404
    response = await caller.patch(f"/api/load_drops/{drop_['id']}/sequence", {"sequence": 1})
    assert response.status_code == 404
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/load_drops",
        resource_body("load_drops", load_id=load["id"]),
        symbol="reference_not_found",
        pointer="/data/attributes/load_id",
    )
