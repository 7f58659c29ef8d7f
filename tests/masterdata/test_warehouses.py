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
    row_counts,
)

ADDRESS = {
    "address_1": "100 Industrial Park Way",
    "address_3": "Manchester",
    "postcode": "M1 1AA",
    "country_code": "GB",
}
ADDRESS_QUERY = """
query($filter: WarehouseFilterType) { warehouses { all(filter: $filter) { edges { node {
  id address { name address_1 address_2 address_3 postcode country_code }
} } } } }"""


def warehouse_body(
    relationships: dict[str, Any] | None = None, **attributes: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "warehouses", "attributes": attributes}
    if relationships is not None:
        data["relationships"] = relationships
    return {"data": data}


def address_relationship(**attributes: Any) -> dict[str, Any]:
    return {"address": {"data": {"type": "addresses", "attributes": attributes}}}


async def address_of(caller: Caller, warehouse_id: int) -> dict[str, Any] | None:
    result = await caller.graphql(ADDRESS_QUERY, {"filter": {"id": {"eq": str(warehouse_id)}}})
    assert "errors" not in result, result
    [edge] = result["data"]["warehouses"]["all"]["edges"]
    address: dict[str, Any] | None = edge["node"]["address"]
    return address


async def test_create_echoes_every_attribute_and_keeps_the_address(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    response = await caller.post(
        "/api/warehouses",
        warehouse_body(
            address_relationship(**ADDRESS),
            code="WH-NORTH",
            name="North Distribution Center",
            timezone="Europe/London",
            external_system_reference1="ERP-7",
            string1="s",
            integer1=3,
            boolean1=True,
        ),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["type"] == "warehouses"
    attributes = data["attributes"]
    assert attributes["code"] == "WH-NORTH"
    assert attributes["name"] == "North Distribution Center"
    assert attributes["timezone"] == "Europe/London"
    assert attributes["is_active"] is True
    assert attributes["external_system_reference1"] == "ERP-7"
    assert (attributes["string1"], attributes["integer1"], attributes["boolean1"]) == ("s", 3, True)
    assert attributes["string2"] is None
    assert attributes["site_id"] is None
    assert isinstance(attributes["address_id"], int)
    assert attributes["consolidate_pick_enabled"] is False
    assert attributes["loading_validation_setting"] == "none"
    assert attributes["created_at"].endswith("Z")
    assert await address_of(caller, data["id"]) == {
        "name": None,
        "address_2": None,
        **ADDRESS,
    }


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    documented = documented_attributes("/api/warehouses")
    caller = await clients.new()
    warehouse = await caller.create_warehouse()
    assert documented <= set(warehouse["attributes"])


async def test_a_warehouse_without_address_has_none(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    warehouse = await caller.create_warehouse()
    assert warehouse["attributes"]["address_id"] is None
    assert await address_of(caller, warehouse["id"]) is None


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    warehouse = await caller.create_warehouse(string1="keep", timezone="Europe/Paris")
    response = await caller.patch(
        f"/api/warehouses/{warehouse['id']}",
        warehouse_body(name="Renamed", is_active=False, timezone=None),
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["name"] == "Renamed"
    assert attributes["is_active"] is False
    assert attributes["timezone"] is None
    assert attributes["string1"] == "keep"
    assert attributes["code"] == warehouse["attributes"]["code"]


async def test_update_replaces_the_address_whole(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    created = await caller.post(
        "/api/warehouses",
        warehouse_body(address_relationship(**ADDRESS), code="WH", name="W"),
    )
    warehouse = created.json()["data"]
    before = await row_counts(db, caller.tenant_id)
    response = await caller.patch(
        f"/api/warehouses/{warehouse['id']}",
        warehouse_body(
            address_relationship(address_1="200 Industrial Park Way", country_code="GB"),
            name="North Distribution Center - Main",
        ),
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["address_id"] == warehouse["attributes"]["address_id"]
    assert await address_of(caller, warehouse["id"]) == {
        "name": None,
        "address_1": "200 Industrial Park Way",
        "address_2": None,
        "address_3": None,
        "postcode": None,
        "country_code": "GB",
    }
    assert (await row_counts(db, caller.tenant_id))["addresses"] == before["addresses"]


async def test_update_adds_an_address_to_a_warehouse_without_one(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    warehouse = await caller.create_warehouse()
    response = await caller.patch(
        f"/api/warehouses/{warehouse['id']}",
        warehouse_body(address_relationship(postcode="M1 1AA")),
    )
    assert response.status_code == 200, response.text
    assert isinstance(response.json()["data"]["attributes"]["address_id"], int)
    address = await address_of(caller, warehouse["id"])
    assert address is not None
    assert address["postcode"] == "M1 1AA"


async def test_the_response_nests_the_address_and_a_null_link_removes_it(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    created = await caller.post(
        "/api/warehouses", warehouse_body(address_relationship(**ADDRESS), code="WH", name="W")
    )
    warehouse = created.json()["data"]
    address = warehouse["attributes"]["address"]
    assert address["id"] == warehouse["attributes"]["address_id"]
    assert {name: address[name] for name in ADDRESS} == ADDRESS
    before = await row_counts(db, caller.tenant_id)
    response = await caller.patch(
        f"/api/warehouses/{warehouse['id']}", warehouse_body({"address": None})
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["address_id"], attributes["address"]) == (None, None)
    assert await address_of(caller, warehouse["id"]) is None
    assert (await row_counts(db, caller.tenant_id))["addresses"] == before["addresses"] - 1


async def test_update_takes_only_the_documented_update_attributes(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    warehouse = await caller.create_warehouse()
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/warehouses/{warehouse['id']}",
        warehouse_body(external_system_reference1="ERP"),
        symbol="unknown_attribute",
        pointer="/data/attributes/external_system_reference1",
    )


async def test_a_warehouse_joins_a_site(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    site = (await caller.create("sites", code="NORTH", name="North"))["data"]
    warehouse = await caller.create_warehouse(site_id=int(site["id"]))
    assert warehouse["attributes"]["site_id"] == int(site["id"])
    response = await caller.patch(
        f"/api/warehouses/{warehouse['id']}", warehouse_body(site_id=None)
    )
    assert response.json()["data"]["attributes"]["site_id"] is None


async def test_delete_then_gone_and_its_address_with_it(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    created = await caller.post(
        "/api/warehouses", warehouse_body(address_relationship(**ADDRESS), code="WH", name="W")
    )
    warehouse_id = created.json()["data"]["id"]
    response = await caller.delete(f"/api/warehouses/{warehouse_id}")
    assert response.status_code == 204
    assert response.content == b""
    again = await caller.delete(f"/api/warehouses/{warehouse_id}")
    assert again.status_code == 404
    assert again.json()["errors"][0]["symbol"] == "record_not_found"
    after = await row_counts(db, caller.tenant_id)
    assert (after["warehouses"], after["addresses"]) == (before["warehouses"], before["addresses"])


async def test_a_warehouse_with_locations_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    location = await caller.create_location()
    warehouse_id = location["attributes"]["warehouse_id"]
    [error] = await assert_refused(
        caller,
        db,
        "DELETE",
        f"/api/warehouses/{warehouse_id}",
        None,
        symbol="record_in_use",
        pointer=None,
    )
    assert error["context"] == {"resource": "locations", "ids": [location["id"]], "count": 1}
    assert error["details"] == f"warehouse {warehouse_id} is still used by 1 locations."


async def test_deleting_a_warehouse_unlinks_its_accounts(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    warehouse = await caller.create_warehouse()
    await caller.create(
        "account_warehouses", account_id=account["id"], warehouse_id=warehouse["id"]
    )
    assert (await caller.delete(f"/api/warehouses/{warehouse['id']}")).status_code == 204
    assert (await row_counts(db, caller.tenant_id))["account_warehouses"] == 0


async def test_another_tenants_warehouse_is_not_found(clients: ApiClientFactory) -> None:
    owner, other = await clients.new(), await clients.new()
    warehouse = await owner.create_warehouse()
    path = f"/api/warehouses/{warehouse['id']}"
    assert (await other.patch(path, warehouse_body(name="Mine"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    result = await other.graphql("{ warehouses { all { edges { node { id } } } } }")
    assert result["data"]["warehouses"]["all"]["edges"] == []


async def test_duplicate_code_is_refused_with_the_existing_id(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await caller.create_warehouse(code="WH1")
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        "/api/warehouses",
        warehouse_body(code="WH1", name="Again"),
        symbol="code_taken",
        pointer="/data/attributes/code",
    )
    assert error["context"]["existing_id"] == first["id"]


async def test_writes_emit_outbox_events(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    warehouse = await caller.create_warehouse(code="EVT")
    await caller.patch(f"/api/warehouses/{warehouse['id']}", warehouse_body(name="Changed"))
    await caller.delete(f"/api/warehouses/{warehouse['id']}")
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"], e["sequence"]) for e in events] == [
        ("warehouse", "created", 1),
        ("warehouse", "updated", 2),
        ("warehouse", "deleted", 3),
    ]
    assert events[1]["payload"]["name"] == "Changed"


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing code", warehouse_body(name="x"), "missing_field", "/data/attributes/code"),
    ("blank name", warehouse_body(code="W", name=" "), "blank_value", "/data/attributes/name"),
    (
        "unknown attribute",
        warehouse_body(code="W", name="x", colour="red"),
        "unknown_attribute",
        "/data/attributes/colour",
    ),
    (
        "datetime is not a warehouse attribute",
        warehouse_body(code="W", name="x", datetime1="2024-01-01T00:00:00Z"),
        "unknown_attribute",
        "/data/attributes/datetime1",
    ),
    ("code too long", warehouse_body(code="W" * 21, name="x"), "too_long", "/data/attributes/code"),
    (
        "name too long",
        warehouse_body(code="W", name="n" * 101),
        "too_long",
        "/data/attributes/name",
    ),
    (
        "unknown time zone",
        warehouse_body(code="W", name="x", timezone="Mars/Olympus"),
        "invalid_value",
        "/data/attributes/timezone",
    ),
    (
        "string for integer",
        warehouse_body(code="W", name="x", integer1="1"),
        "invalid_type",
        "/data/attributes/integer1",
    ),
    (
        "address in attributes",
        warehouse_body(code="W", name="x", address_1="1 Road"),
        "unknown_attribute",
        "/data/attributes/address_1",
    ),
    (
        "bad address country",
        warehouse_body(address_relationship(country_code="XX"), code="W", name="x"),
        "invalid_country_code",
        "/data/relationships/address/data/attributes/country_code",
    ),
    (
        "address postcode too long",
        warehouse_body(address_relationship(postcode="P" * 11), code="W", name="x"),
        "too_long",
        "/data/relationships/address/data/attributes/postcode",
    ),
    (
        "unknown address attribute",
        warehouse_body(address_relationship(city="Leeds"), code="W", name="x"),
        "unknown_attribute",
        "/data/relationships/address/data/attributes/city",
    ),
    (
        "address code is read-only inline",
        warehouse_body(address_relationship(code="HQ"), code="W", name="x"),
        "unknown_attribute",
        "/data/relationships/address/data/attributes/code",
    ),
    (
        "wrong address type",
        {
            "data": {
                "type": "warehouses",
                "attributes": {"code": "W", "name": "x"},
                "relationships": {"address": {"data": {"type": "places", "attributes": {}}}},
            }
        },
        "invalid_enum_value",
        "/data/relationships/address/data/type",
    ),
    (
        "missing site",
        warehouse_body(code="W", name="x", site_id=2**62),
        "reference_not_found",
        "/data/attributes/site_id",
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
        caller, db, "POST", "/api/warehouses", body, symbol=symbol, pointer=pointer
    )


async def test_another_tenants_site_is_not_a_reference(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    site = (await other.create("sites", code="S", name="Theirs"))["data"]
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/warehouses",
        warehouse_body(code="W", name="x", site_id=int(site["id"])),
        symbol="reference_not_found",
        pointer="/data/attributes/site_id",
    )
