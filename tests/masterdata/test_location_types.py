from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, assert_refused, events_of


def location_type_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "location_types", "attributes": attributes}}


async def test_create_answers_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(
        "/api/location_types",
        location_type_body(code="BAY", name="Pick Bay", description="Standard pickable bay"),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["id"] == str(int(data["id"]))
    assert data["type"] == "location_types"
    assert {name: data["attributes"][name] for name in ("code", "name", "description")} == {
        "code": "BAY",
        "name": "Pick Bay",
        "description": "Standard pickable bay",
    }


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    location_type = await caller.create_location_type(code="BAY", description="Kept")
    response = await caller.patch(
        f"/api/location_types/{location_type['id']}", location_type_body(name="Picking Bay")
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["code"], attributes["name"], attributes["description"]) == (
        "BAY",
        "Picking Bay",
        "Kept",
    )


async def test_delete_then_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    location_type = await caller.create_location_type()
    path = f"/api/location_types/{location_type['id']}"
    assert (await caller.delete(path)).status_code == 204
    assert (await caller.delete(path)).status_code == 404
    assert [e["event"] for e in await events_of(db, caller.tenant_id)] == ["created", "deleted"]


async def test_a_location_type_in_use_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    location_type = await caller.create_location_type()
    warehouse = await caller.create_warehouse()
    location_ids = [
        (
            await caller.create_location(
                code, warehouse_id=warehouse["id"], location_type_id=int(location_type["id"])
            )
        )["id"]
        for code in ("A", "B")
    ]
    [error] = await assert_refused(
        caller,
        db,
        "DELETE",
        f"/api/location_types/{location_type['id']}",
        None,
        symbol="record_in_use",
        pointer=None,
    )
    assert error["context"] == {"resource": "locations", "ids": location_ids, "count": 2}


async def test_another_tenants_location_type_is_not_found(clients: ApiClientFactory) -> None:
    owner, other = await clients.new(), await clients.new()
    location_type = await owner.create_location_type()
    path = f"/api/location_types/{location_type['id']}"
    assert (await other.patch(path, location_type_body(name="x"))).status_code == 404
    assert (await other.delete(path)).status_code == 404


async def test_duplicate_code_is_refused(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    await caller.create_location_type(code="WORK")
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/location_types",
        location_type_body(code="WORK", name="Again"),
        symbol="code_taken",
        pointer="/data/attributes/code",
    )


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing code", location_type_body(name="x"), "missing_field", "/data/attributes/code"),
    (
        "blank name",
        location_type_body(code="BAY", name=""),
        "blank_value",
        "/data/attributes/name",
    ),
    (
        "code too long",
        location_type_body(code="C" * 51, name="x"),
        "too_long",
        "/data/attributes/code",
    ),
    (
        "name too long",
        location_type_body(code="C", name="N" * 151),
        "too_long",
        "/data/attributes/name",
    ),
    (
        "unknown attribute",
        location_type_body(code="C", name="x", pickable=True),
        "unknown_attribute",
        "/data/attributes/pickable",
    ),
    (
        "integer for string",
        location_type_body(code="C", name="x", description=5),
        "invalid_type",
        "/data/attributes/description",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "symbol", "pointer"), REFUSED, ids=[case[0] for case in REFUSED]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    body: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    await assert_refused(
        caller, db, "POST", "/api/location_types", body, symbol=symbol, pointer=pointer
    )
