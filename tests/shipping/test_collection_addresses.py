from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.support import (
    ApiClientFactory,
    Caller,
    documented_attributes,
    events_of,
    refused,
    resource_body,
    row_counts,
)


def body(**attributes: Any) -> dict[str, Any]:
    return resource_body("collection_addresses", **attributes)


async def supplier_id(caller: Caller) -> int:
    created = await caller.create("suppliers", code="ACME", name="Acme Supplies")
    return int(created["data"]["id"])


async def create_address(caller: Caller, **attributes: Any) -> dict[str, Any]:
    created = await caller.create(
        "collection_addresses",
        **{"code": "ACME-DEPOT", "name": "Acme Supplies Depot", **attributes},
    )
    data: dict[str, Any] = created["data"]
    return data


async def test_create_echoes_every_attribute(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    supplier = await supplier_id(caller)
    attributes = {
        "name": "Acme Supplies Depot",
        "code": "ACME-DEPOT",
        "address_1": "10 Industrial Way",
        "address_2": "Unit 4",
        "address_3": "Manchester",
        "address_4": "Greater Manchester",
        "address_5": "Gate B",
        "postcode": "M1 2AB",
        "country_code": "GB",
        "email_address": "depot@acme.example",
        "phone_number": "+44 161 000 0000",
        "default_notes": "Ring ahead",
        "is_active": True,
        "external_delivery_id": "EXT-1",
        "external_system_reference1": "R1",
        "external_system_reference2": "R2",
        "external_system_reference3": "R3",
        "supplier_id": supplier,
    }
    assert set(attributes) == documented_attributes("/api/collection_addresses")
    response = await caller.post("/api/collection_addresses", body(**attributes))
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["type"] == "collection_addresses"
    assert isinstance(data["id"], str)
    assert {name: data["attributes"][name] for name in attributes} == attributes
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events][-1:] == [
        ("collection_address", "created")
    ]


async def test_update_changes_only_what_is_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    address = await create_address(caller, address_3="Manchester", postcode="M1 2AB")
    response = await caller.patch(
        f"/api/collection_addresses/{address['id']}",
        body(name="Acme Supplies Depot (North)", address_3="Leeds"),
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["name"], attributes["address_3"], attributes["postcode"]) == (
        "Acme Supplies Depot (North)",
        "Leeds",
        "M1 2AB",
    )
    assert attributes["code"] == "ACME-DEPOT"


async def test_refusals_name_the_field_and_change_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await create_address(caller)
    path = "/api/collection_addresses"
    assert await refused(caller, db, "POST", path, body(code="ACME-DEPOT", name="Again")) == [
        ("code_taken", "/data/attributes/code")
    ]
    assert await refused(caller, db, "POST", path, body(name="No code")) == [
        ("missing_field", "/data/attributes/code")
    ]
    assert await refused(caller, db, "POST", path, body(code="X", name="Y", supplier_id=99)) == [
        ("reference_not_found", "/data/attributes/supplier_id")
    ]
    assert await refused(caller, db, "POST", path, body(code="X" * 51, name="Y")) == [
        ("too_long", "/data/attributes/code")
    ]
    assert await refused(caller, db, "PATCH", f"{path}/{first['id']}", body(name=None)) == [
        ("invalid_type", "/data/attributes/name")
    ]


async def test_delete_is_refused_while_a_crossdock_names_the_address(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    address = await create_address(caller)
    crossdock = await caller.create(
        "crossdocks",
        account_id=account["id"],
        reference="XD-1",
        expected_date_of_receipt="2026-06-20T09:00:00Z",
        collection_address_id=int(address["id"]),
    )
    errors = await refused(caller, db, "DELETE", f"/api/collection_addresses/{address['id']}")
    assert [symbol for symbol, _ in errors] == ["record_in_use"]
    assert (await caller.delete(f"/api/crossdocks/{crossdock['data']['id']}")).status_code == 204
    response = await caller.delete(f"/api/collection_addresses/{address['id']}")
    assert response.status_code == 204


async def test_bulk_delete_takes_all_or_none(clients: ApiClientFactory, db: Database) -> None:
    owner = await clients.new()
    other = await clients.new()
    ids = [int((await create_address(owner, code=f"A{n}"))["id"]) for n in range(3)]
    foreign = int((await create_address(other))["id"])
    errors = await refused(owner, db, "DELETE", f"/api/collection_addresses?ids={ids[0]},{foreign}")
    assert [symbol for symbol, _ in errors] == ["invalid_ids_provided"]
    assert (
        await other.patch(f"/api/collection_addresses/{ids[0]}", body(name="x"))
    ).status_code == 404
    response = await owner.delete(f"/api/collection_addresses?ids={ids[2]},{ids[0]}")
    assert response.status_code == 204
    assert (await row_counts(db, owner.tenant_id))["collection_addresses"] == 1


async def test_graphql_lists_the_tenants_addresses(clients: ApiClientFactory) -> None:
    owner = await clients.new()
    other = await clients.new()
    await create_address(owner, code="NORTH", postcode="LS1 1AA")
    await create_address(owner, code="SOUTH", postcode="BN1 1AA")
    await create_address(other, code="NORTH")
    result = await owner.graphql(
        "query($filter: CollectionAddressFilterType) { collection_addresses {"
        " all(filter: $filter) { edges { node { code postcode } } } } }",
        {"filter": {"code": {"eq": "NORTH"}}},
    )
    edges = result["data"]["collection_addresses"]["all"]["edges"]
    assert edges == [{"node": {"code": "NORTH", "postcode": "LS1 1AA"}}]
