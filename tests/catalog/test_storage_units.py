from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import assert_refused_without_writes, body
from tests.support import ApiClientFactory, Caller, events_of, row_counts

PATH = "/api/storage_units"


def storage_unit(**attributes: Any) -> dict[str, Any]:
    return body("storage_units", **attributes)


async def pallet_type_id(caller: Caller) -> int:
    return int((await factories.storage_unit_type(caller))["id"])


async def test_create_echoes_every_attribute(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    type_id = await pallet_type_id(caller)
    warehouse_id = await factories.warehouse(db, caller.tenant_id)
    location_id = int((await caller.create_location(warehouse_id=warehouse_id))["id"])
    response = await caller.post(
        PATH,
        storage_unit(
            reference="PLT-2024-001",
            storage_unit_type_id=type_id,
            warehouse_id=warehouse_id,
            location_id=location_id,
            barcode="PLT2024001",
            string1="blue",
        ),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["type"] == "storage_units"
    attributes = data["attributes"]
    assert attributes == {
        "storage_unit_type_id": type_id,
        "reference": "PLT-2024-001",
        "barcode": "PLT2024001",
        "warehouse_id": warehouse_id,
        "location_id": location_id,
        "active": True,
        "dispatched": False,
        "dispatched_at": None,
        "string1": "blue",
        "string2": None,
        "string3": None,
        "string4": None,
        "string5": None,
        "created_at": attributes["created_at"],
        "updated_at": attributes["updated_at"],
    }


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    type_id = await pallet_type_id(caller)
    created = await factories.created(
        caller, PATH, "storage_units", storage_unit_type_id=type_id, reference="A", string2="k"
    )
    location_id = int((await caller.create_location())["id"])
    response = await caller.patch(
        f"{PATH}/{created['id']}",
        storage_unit(reference="PLT-2024-001-REV", location_id=location_id),
    )
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert attributes["reference"] == "PLT-2024-001-REV"
    assert attributes["location_id"] == location_id
    assert attributes["storage_unit_type_id"] == type_id
    assert attributes["string2"] == "k"


async def test_references_are_unique_in_the_tenant(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    type_id = await pallet_type_id(caller)
    first = await factories.created(
        caller, PATH, "storage_units", storage_unit_type_id=type_id, reference="LP-1"
    )
    second = await factories.created(caller, PATH, "storage_units", storage_unit_type_id=type_id)
    refused = await caller.post(PATH, storage_unit(storage_unit_type_id=type_id, reference="LP-1"))
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["symbol"] == "reference_taken"
    assert error["context"] == {"existing_id": first["id"], "pointer": "/data/attributes/reference"}
    renamed = await caller.patch(f"{PATH}/{second['id']}", storage_unit(reference="LP-1"))
    assert renamed.json()["errors"][0]["symbol"] == "reference_taken"
    same = await caller.patch(f"{PATH}/{first['id']}", storage_unit(reference="LP-1"))
    assert same.status_code == 200
    await factories.created(
        other,
        PATH,
        "storage_units",
        storage_unit_type_id=await pallet_type_id(other),
        reference="LP-1",
    )


async def test_delete_then_it_is_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    created = await factories.created(
        caller, PATH, "storage_units", storage_unit_type_id=await pallet_type_id(caller)
    )
    assert (await caller.delete(f"{PATH}/{created['id']}")).status_code == 204
    assert (await caller.delete(f"{PATH}/{created['id']}")).status_code == 404
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events][-2:] == [
        ("storage_unit", "created"),
        ("storage_unit", "deleted"),
    ]


async def test_another_tenants_storage_unit_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    created = await factories.created(
        owner, PATH, "storage_units", storage_unit_type_id=await pallet_type_id(owner)
    )
    path = f"{PATH}/{created['id']}"
    assert (await stranger.patch(path, storage_unit(reference="X"))).status_code == 404
    assert (await stranger.delete(path)).status_code == 404


async def test_references_to_another_tenants_records_are_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    foreign_type = await pallet_type_id(other)
    foreign_warehouse = await factories.warehouse(db, other.tenant_id)
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post(
        PATH, storage_unit(storage_unit_type_id=foreign_type, warehouse_id=foreign_warehouse)
    )
    assert response.status_code == 422
    assert sorted((e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]) == [
        ("reference_not_found", "/data/attributes/storage_unit_type_id"),
        ("reference_not_found", "/data/attributes/warehouse_id"),
    ]
    assert await row_counts(db, caller.tenant_id) == before


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "missing type",
        storage_unit(reference="A"),
        "missing_field",
        "/data/attributes/storage_unit_type_id",
    ),
    (
        "blank reference",
        storage_unit(storage_unit_type_id=1, reference=""),
        "blank_value",
        "/data/attributes/reference",
    ),
    (
        "too long reference",
        storage_unit(storage_unit_type_id=1, reference="A" * 256),
        "too_long",
        "/data/attributes/reference",
    ),
    (
        "string location",
        storage_unit(storage_unit_type_id=1, location_id="456"),
        "invalid_type",
        "/data/attributes/location_id",
    ),
    (
        "zero id",
        storage_unit(storage_unit_type_id=0),
        "out_of_range",
        "/data/attributes/storage_unit_type_id",
    ),
    (
        "unknown attribute",
        storage_unit(storage_unit_type_id=1, active=False),
        "unknown_attribute",
        "/data/attributes/active",
    ),
    (
        "missing type record",
        storage_unit(storage_unit_type_id=999_999_999),
        "reference_not_found",
        "/data/attributes/storage_unit_type_id",
    ),
]


@pytest.mark.parametrize(
    ("case", "payload", "symbol", "pointer"), INVALID, ids=[c[0] for c in INVALID]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    payload: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    await assert_refused_without_writes(caller, db, PATH, payload, symbol, pointer)
