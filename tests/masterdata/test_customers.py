from __future__ import annotations

from typing import Any

import pytest

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
    return resource_body("customers", **attributes)


async def create_customer(caller: Caller, **attributes: Any) -> dict[str, Any]:
    created = await caller.create("customers", **{"code": "ACME", "name": "Acme", **attributes})
    data: dict[str, Any] = created["data"]
    return data


async def test_create_returns_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(
        "/api/customers",
        body(code="ACME", name="Acme Retail Ltd", shelf_life_min=30, shelf_life_max=365),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["type"] == "customers"
    assert isinstance(data["id"], str)
    assert data["attributes"] == {
        "code": "ACME",
        "name": "Acme Retail Ltd",
        "external_system_reference1": None,
        "external_system_reference2": None,
        "external_system_reference3": None,
        "shelf_life_min": 30,
        "shelf_life_max": 365,
        "pick_label_id": None,
        "address_id": None,
        "address": None,
        "created_at": data["attributes"]["created_at"],
        "updated_at": data["attributes"]["updated_at"],
    }
    assert data["attributes"]["created_at"].endswith("Z")


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    customer = await create_customer(caller)
    assert documented_attributes("/api/customers") <= set(customer["attributes"])


async def test_a_nested_address_becomes_the_customers_address(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    customer = await create_customer(
        caller,
        address={
            "name": "Goods In",
            "address_1": "1 Dock Road",
            "address_3": "Toronto",
            "postcode": "M5V 2T6",
            "country_code": "ca-on",
        },
    )
    address = customer["attributes"]["address"]
    assert customer["attributes"]["address_id"] == address["id"]
    assert address["name"] == "Goods In"
    assert address["address_3"] == "Toronto"
    assert address["country_code"] == "CA-ON"
    assert address["address_type"] == "inline"
    assert address["is_active"] is True
    assert "tenant_id" not in address
    assert (await row_counts(db, caller.tenant_id))["addresses"] == 1


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    customer = await create_customer(
        caller,
        shelf_life_min=5,
        external_system_reference1="CRM-1",
        address={"address_1": "1 Main St", "postcode": "M1 1AA"},
    )
    response = await caller.patch(
        f"/api/customers/{customer['id']}", body(name="Renamed", external_system_reference1=None)
    )
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert attributes["name"] == "Renamed"
    assert attributes["external_system_reference1"] is None
    assert attributes["shelf_life_min"] == 5
    assert attributes["code"] == "ACME"
    assert attributes["address"] == customer["attributes"]["address"]


async def test_an_address_sent_on_update_replaces_the_old_one_whole(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    customer = await create_customer(caller, address={"address_1": "1 Main St", "postcode": "M1"})
    response = await caller.patch(
        f"/api/customers/{customer['id']}", body(address={"address_1": "2 High St"})
    )
    address = response.json()["data"]["attributes"]["address"]
    assert address["id"] == customer["attributes"]["address"]["id"]
    assert address["address_1"] == "2 High St"
    assert address["postcode"] is None
    assert (await row_counts(db, caller.tenant_id))["addresses"] == 1


async def test_a_null_address_removes_it(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    customer = await create_customer(caller, address={"address_1": "1 Main St"})
    response = await caller.patch(f"/api/customers/{customer['id']}", body(address=None))
    attributes = response.json()["data"]["attributes"]
    assert attributes["address"] is None
    assert attributes["address_id"] is None
    assert (await row_counts(db, caller.tenant_id))["addresses"] == 0
    added = await caller.patch(f"/api/customers/{customer['id']}", body(address={"name": "New"}))
    assert added.json()["data"]["attributes"]["address"]["name"] == "New"


async def test_delete_then_gone_with_its_address(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    customer = await create_customer(caller, address={"address_1": "1 Main St"})
    response = await caller.delete(f"/api/customers/{customer['id']}")
    assert response.status_code == 204
    assert response.content == b""
    again = await caller.delete(f"/api/customers/{customer['id']}")
    assert again.status_code == 404
    assert again.json()["errors"][0]["symbol"] == "record_not_found"
    counts = await row_counts(db, caller.tenant_id)
    assert (counts["customers"], counts["addresses"]) == (0, 0)


async def test_deleting_a_customer_keeps_its_delivery_addresses_unlinked(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    customer = await create_customer(caller)
    created = await caller.create(
        "delivery_addresses", code="HOME", name="Home", customer_id=int(customer["id"])
    )
    delivery_address_id = int(created["data"]["id"])
    assert (await caller.delete(f"/api/customers/{customer['id']}")).status_code == 204
    events = [
        (e["resource_name"], e["event"], e["record_id"])
        for e in await events_of(db, caller.tenant_id)
    ]
    assert events[-2:] == [
        ("delivery_address", "updated", delivery_address_id),
        ("customer", "deleted", int(customer["id"])),
    ]
    updated = await caller.patch(
        f"/api/delivery_addresses/{delivery_address_id}",
        resource_body("delivery_addresses", name="Still here"),
    )
    assert updated.json()["data"]["attributes"]["customer_id"] is None


async def test_another_tenants_customer_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    customer = await create_customer(owner)
    before = await row_counts(db, owner.tenant_id)
    patched = await other.patch(f"/api/customers/{customer['id']}", body(name="Stolen"))
    deleted = await other.delete(f"/api/customers/{customer['id']}")
    assert patched.status_code == deleted.status_code == 404
    assert await row_counts(db, owner.tenant_id) == before


async def test_duplicate_code_is_refused(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    first = await create_customer(caller, code="DUP")
    errors = await refused(caller, db, "POST", "/api/customers", body(code="DUP", name="Again"))
    assert errors == [("code_taken", "/data/attributes/code")]
    other = await create_customer(caller, code="OTHER")
    response = await caller.patch(f"/api/customers/{other['id']}", body(code="DUP"))
    assert response.json()["errors"][0]["context"]["existing_id"] == int(first["id"])


async def test_shelf_life_max_may_not_be_below_the_minimum(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    errors = await refused(
        caller,
        db,
        "POST",
        "/api/customers",
        body(code="A", name="A", shelf_life_min=30, shelf_life_max=10),
    )
    assert errors == [("invalid_value", "/data/attributes/shelf_life_max")]
    customer = await create_customer(caller, shelf_life_min=30)
    errors = await refused(
        caller, db, "PATCH", f"/api/customers/{customer['id']}", body(shelf_life_max=29)
    )
    assert errors == [("invalid_value", "/data/attributes/shelf_life_max")]
    equal = await caller.patch(f"/api/customers/{customer['id']}", body(shelf_life_max=30))
    assert equal.status_code == 200


async def test_writes_emit_events_carrying_the_address(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    customer = await create_customer(caller, address={"postcode": "M1"})
    await caller.patch(f"/api/customers/{customer['id']}", body(name="Changed"))
    await caller.delete(f"/api/customers/{customer['id']}")
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"], e["sequence"]) for e in events] == [
        ("customer", "created", 1),
        ("customer", "updated", 2),
        ("customer", "deleted", 3),
    ]
    assert [e["payload"]["address"]["postcode"] for e in events] == ["M1", "M1", "M1"]
    assert events[1]["payload"]["name"] == "Changed"


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing code", {"name": "x"}, "missing_field", "/data/attributes/code"),
    ("blank name", {"code": "A", "name": " "}, "blank_value", "/data/attributes/name"),
    (
        "unknown",
        {"code": "A", "name": "x", "colour": 1},
        "unknown_attribute",
        "/data/attributes/colour",
    ),
    ("code too long", {"code": "A" * 51, "name": "x"}, "too_long", "/data/attributes/code"),
    ("name too long", {"code": "A", "name": "x" * 256}, "too_long", "/data/attributes/name"),
    (
        "zero shelf life",
        {"code": "A", "name": "x", "shelf_life_min": 0},
        "out_of_range",
        "/data/attributes/shelf_life_min",
    ),
    (
        "string shelf life",
        {"code": "A", "name": "x", "shelf_life_max": "10"},
        "invalid_type",
        "/data/attributes/shelf_life_max",
    ),
    (
        "bad country code",
        {"code": "A", "name": "x", "address": {"country_code": "XX"}},
        "invalid_country_code",
        "/data/attributes/address/country_code",
    ),
    (
        "bad subdivision",
        {"code": "A", "name": "x", "address": {"country_code": "CA-ZZ"}},
        "invalid_country_code",
        "/data/attributes/address/country_code",
    ),
    (
        "address line too long",
        {"code": "A", "name": "x", "address": {"address_1": "x" * 81}},
        "too_long",
        "/data/attributes/address/address_1",
    ),
    (
        "unknown address field",
        {"code": "A", "name": "x", "address": {"town": "Leeds"}},
        "unknown_attribute",
        "/data/attributes/address/town",
    ),
    (
        "relationships instead of attributes",
        {"code": "A", "name": "x", "relationships": {}},
        "unknown_attribute",
        "/data/attributes/relationships",
    ),
]


@pytest.mark.parametrize(
    ("case", "attributes", "symbol", "pointer"), INVALID, ids=[c[0] for c in INVALID]
)
async def test_invalid_input_is_refused_with_a_pointer(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    attributes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    errors = await refused(caller, db, "POST", "/api/customers", body(**attributes))
    assert (symbol, pointer) in errors


async def test_update_refuses_null_for_a_required_attribute(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    customer = await create_customer(caller)
    errors = await refused(caller, db, "PATCH", f"/api/customers/{customer['id']}", body(code=None))
    assert errors == [("invalid_type", "/data/attributes/code")]
