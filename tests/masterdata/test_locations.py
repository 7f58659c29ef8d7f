from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import (
    ApiClientFactory,
    Caller,
    assert_refused,
    documented_attributes,
    events_of,
)


def location_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "locations", "attributes": attributes}}


async def warehouse_and_type(caller: Caller) -> tuple[int, int]:
    warehouse = await caller.create_warehouse()
    location_type = await caller.create_location_type()
    return warehouse["id"], int(location_type["id"])


async def test_create_echoes_every_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    warehouse_id, location_type_id = await warehouse_and_type(caller)
    response = await caller.post(
        "/api/locations",
        location_body(
            code="A-01-01-01",
            warehouse_id=warehouse_id,
            location_type_id=location_type_id,
            description="Aisle A, Bay 01, Level 01, Position 01",
            barcode="LOC-A010101",
            aisle="A",
            bay="01",
            level="01",
            position="01",
            pick_sequence=10,
            putaway_sequence=20,
            max_weight=500.5,
            max_cube=2,
            is_pickface=True,
            integer3=-4,
            boolean2=False,
        ),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["type"] == "locations"
    attributes = data["attributes"]
    assert attributes["code"] == "A-01-01-01"
    assert (attributes["warehouse_id"], attributes["location_type_id"]) == (
        warehouse_id,
        location_type_id,
    )
    assert (
        attributes["aisle"],
        attributes["bay"],
        attributes["level"],
        attributes["position"],
    ) == (
        "A",
        "01",
        "01",
        "01",
    )
    assert (attributes["pick_sequence"], attributes["putaway_sequence"]) == (10, 20)
    assert attributes["max_weight"] == 500.5
    assert attributes["max_cube"] == 2
    assert attributes["is_pickface"] is True
    assert attributes["is_active"] is True
    assert (attributes["integer3"], attributes["boolean2"]) == (-4, False)
    assert attributes["string1"] is None


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    documented = documented_attributes("/api/locations")
    caller = await clients.new()
    location = await caller.create_location()
    assert documented <= set(location["attributes"])


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    location = await caller.create_location(description="Old", barcode="B1", is_pickface=True)
    response = await caller.patch(
        f"/api/locations/{location['id']}",
        location_body(description="Updated description", barcode=None, is_pickface=None),
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["description"] == "Updated description"
    assert attributes["barcode"] is None
    assert attributes["is_pickface"] is False
    assert attributes["code"] == location["attributes"]["code"]


async def test_codes_are_unique_within_a_warehouse(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    warehouse_id, location_type_id = await warehouse_and_type(caller)
    first = await caller.create_location(
        "A-01", warehouse_id=warehouse_id, location_type_id=location_type_id
    )
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        "/api/locations",
        location_body(code="A-01", warehouse_id=warehouse_id, location_type_id=location_type_id),
        symbol="code_taken",
        pointer="/data/attributes/code",
    )
    assert error["context"]["existing_id"] == first["id"]
    elsewhere = await caller.create_warehouse()
    await caller.create_location(
        "A-01", warehouse_id=elsewhere["id"], location_type_id=location_type_id
    )


async def test_moving_or_renaming_onto_a_taken_code_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    warehouse_id, location_type_id = await warehouse_and_type(caller)
    other_warehouse = await caller.create_warehouse()
    await caller.create_location(
        "A-01", warehouse_id=warehouse_id, location_type_id=location_type_id
    )
    moving = await caller.create_location(
        "A-01", warehouse_id=other_warehouse["id"], location_type_id=location_type_id
    )
    renaming = await caller.create_location(
        "B-01", warehouse_id=warehouse_id, location_type_id=location_type_id
    )
    for location, change in (
        (moving, {"warehouse_id": warehouse_id}),
        (renaming, {"code": "A-01"}),
    ):
        await assert_refused(
            caller,
            db,
            "PATCH",
            f"/api/locations/{location['id']}",
            location_body(**change),
            symbol="code_taken",
            pointer="/data/attributes/code",
        )
    same = await caller.patch(f"/api/locations/{renaming['id']}", location_body(code="B-01"))
    assert same.status_code == 200


async def test_delete_then_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    location = await caller.create_location()
    assert (await caller.delete(f"/api/locations/{location['id']}")).status_code == 204
    again = await caller.delete(f"/api/locations/{location['id']}")
    assert again.status_code == 404
    location_events = [
        e["event"]
        for e in await events_of(db, caller.tenant_id)
        if e["resource_name"] == "location"
    ]
    assert location_events == ["created", "deleted"]


async def test_another_tenants_location_is_not_found(clients: ApiClientFactory) -> None:
    owner, other = await clients.new(), await clients.new()
    location = await owner.create_location()
    path = f"/api/locations/{location['id']}"
    assert (await other.patch(path, location_body(description="x"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    result = await other.graphql("{ locations { all { edges { node { id } } } } }")
    assert result["data"]["locations"]["all"]["edges"] == []


async def test_references_of_another_tenant_are_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    own_warehouse, own_type = await warehouse_and_type(caller)
    their_warehouse, their_type = await warehouse_and_type(other)
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/locations",
        location_body(code="X", warehouse_id=their_warehouse, location_type_id=their_type),
        symbol="reference_not_found",
        pointer="/data/attributes/warehouse_id",
    )
    assert [e["context"]["pointer"] for e in errors] == [
        "/data/attributes/warehouse_id",
        "/data/attributes/location_type_id",
    ]
    location = await caller.create_location(warehouse_id=own_warehouse, location_type_id=own_type)
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/locations/{location['id']}",
        location_body(location_type_id=their_type),
        symbol="reference_not_found",
        pointer="/data/attributes/location_type_id",
    )


def _refused(case: str, symbol: str, pointer: str, **attributes: Any) -> tuple[Any, ...]:
    return (case, {"code": "L", **attributes}, symbol, pointer)


REFUSED = [
    ("missing code", {"code": None}, "missing_field", "/data/attributes/code"),
    _refused("blank code", "blank_value", "/data/attributes/code", code=" "),
    _refused("code too long", "too_long", "/data/attributes/code", code="L" * 61),
    _refused("unknown attribute", "unknown_attribute", "/data/attributes/shelf", shelf="2"),
    _refused(
        "zone is not a documented attribute", "unknown_attribute", "/data/attributes/zone", zone="Z"
    ),
    _refused(
        "string for integer",
        "invalid_type",
        "/data/attributes/pick_sequence",
        pick_sequence="3",
    ),
    _refused("negative weight", "out_of_range", "/data/attributes/max_weight", max_weight=-1),
    _refused("string for number", "invalid_type", "/data/attributes/max_cube", max_cube="1.5"),
    _refused(
        "datetime is not a location attribute",
        "unknown_attribute",
        "/data/attributes/datetime1",
        datetime1="2024-01-01T00:00:00Z",
    ),
    _refused("string for boolean", "invalid_type", "/data/attributes/is_active", is_active="no"),
]


@pytest.mark.parametrize(
    ("case", "attributes", "symbol", "pointer"), REFUSED, ids=[case[0] for case in REFUSED]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    attributes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    warehouse_id, location_type_id = await warehouse_and_type(caller)
    body_attributes = {
        "warehouse_id": warehouse_id,
        "location_type_id": location_type_id,
        **{name: value for name, value in attributes.items() if value is not None},
    }
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/locations",
        location_body(**body_attributes),
        symbol=symbol,
        pointer=pointer,
    )


async def test_missing_references_are_required(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/locations",
        location_body(code="L"),
        symbol="missing_field",
        pointer="/data/attributes/warehouse_id",
    )
    assert sorted(e["context"]["pointer"] for e in errors) == [
        "/data/attributes/location_type_id",
        "/data/attributes/warehouse_id",
    ]
