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
    return resource_body("suppliers", **attributes)


async def create_supplier(caller: Caller, **attributes: Any) -> dict[str, Any]:
    created = await caller.create(
        "suppliers", **{"code": "ACME-SUP", "name": "Acme Supplies Ltd", **attributes}
    )
    data: dict[str, Any] = created["data"]
    return data


async def test_create_returns_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(
        "/api/suppliers",
        body(
            code="ACME-SUP",
            name="Acme Supplies Ltd",
            description="Primary widget supplier",
            active=True,
        ),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["type"] == "suppliers"
    assert isinstance(data["id"], str)
    attributes = data["attributes"]
    assert attributes["code"] == "ACME-SUP"
    assert attributes["name"] == "Acme Supplies Ltd"
    assert attributes["description"] == "Primary widget supplier"
    assert attributes["active"] is True
    assert attributes["address"] is None
    assert attributes["external_system_reference1"] is None


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller)
    assert documented_attributes("/api/suppliers") <= set(supplier["attributes"])


async def test_active_defaults_to_true_and_null_puts_it_back(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller)
    assert supplier["attributes"]["active"] is True
    path = f"/api/suppliers/{supplier['id']}"
    assert (await caller.patch(path, body(active=False))).json()["data"]["attributes"][
        "active"
    ] is False
    assert (await caller.patch(path, body(active=None))).json()["data"]["attributes"]["active"]


async def test_the_nested_address_takes_every_address_field(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    address = {
        "name": "Accounts",
        "code": "HQ",
        "address_1": "10 Industrial Way",
        "address_3": "Manchester",
        "postcode": "M1 2AB",
        "country_code": "GB",
        "default_notes": "Ring the bell",
        "is_active": False,
        "external_delivery_id": "EXT-9",
    }
    supplier = await create_supplier(caller, address=address)
    shown = supplier["attributes"]["address"]
    assert {name: shown[name] for name in address} == address
    assert shown["address_type"] == "inline"


async def test_an_inline_address_code_does_not_take_a_delivery_address_code(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    await create_supplier(caller, address={"code": "HQ"})
    await create_supplier(caller, code="OTHER", address={"code": "HQ"})
    await caller.create("delivery_addresses", code="HQ", name="Delivery HQ")


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller, description="Widgets", address={"postcode": "M1"})
    response = await caller.patch(
        f"/api/suppliers/{supplier['id']}",
        body(name="Acme Supplies (UK) Ltd", active=False),
    )
    attributes = response.json()["data"]["attributes"]
    assert attributes["name"] == "Acme Supplies (UK) Ltd"
    assert attributes["active"] is False
    assert attributes["description"] == "Widgets"
    assert attributes["address"]["postcode"] == "M1"


async def test_an_address_replaces_the_old_one_and_null_removes_it(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller, address={"postcode": "M1", "is_active": False})
    path = f"/api/suppliers/{supplier['id']}"
    replaced = (await caller.patch(path, body(address={"address_1": "1 Road"}))).json()
    address = replaced["data"]["attributes"]["address"]
    assert (address["address_1"], address["postcode"], address["is_active"]) == (
        "1 Road",
        None,
        True,
    )
    removed = (await caller.patch(path, body(address=None))).json()
    assert removed["data"]["attributes"]["address_id"] is None
    assert (await row_counts(db, caller.tenant_id))["addresses"] == 0


async def test_delete_then_gone_with_its_address(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller, address={"postcode": "M1"})
    assert (await caller.delete(f"/api/suppliers/{supplier['id']}")).status_code == 204
    assert (await caller.delete(f"/api/suppliers/{supplier['id']}")).status_code == 404
    counts = await row_counts(db, caller.tenant_id)
    assert (counts["suppliers"], counts["addresses"]) == (0, 0)
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events] == [
        ("supplier", "created"),
        ("supplier", "deleted"),
    ]


async def test_another_tenants_supplier_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    supplier = await create_supplier(owner)
    before = await row_counts(db, owner.tenant_id)
    assert (
        await other.patch(f"/api/suppliers/{supplier['id']}", body(name="x"))
    ).status_code == 404
    assert (await other.delete(f"/api/suppliers/{supplier['id']}")).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before


async def test_duplicate_code_is_refused(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    await create_supplier(caller, code="DUP")
    errors = await refused(caller, db, "POST", "/api/suppliers", body(code="DUP", name="x"))
    assert errors == [("code_taken", "/data/attributes/code")]


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing name", {"code": "A"}, "missing_field", "/data/attributes/name"),
    ("blank code", {"code": "", "name": "x"}, "blank_value", "/data/attributes/code"),
    ("name too long", {"code": "A", "name": "x" * 51}, "too_long", "/data/attributes/name"),
    ("code too long", {"code": "A" * 51, "name": "x"}, "too_long", "/data/attributes/code"),
    (
        "unknown",
        {"code": "A", "name": "x", "email": "a@b"},
        "unknown_attribute",
        "/data/attributes/email",
    ),
    (
        "string active",
        {"code": "A", "name": "x", "active": "yes"},
        "invalid_type",
        "/data/attributes/active",
    ),
    (
        "bad country code",
        {"code": "A", "name": "x", "address": {"country_code": "UK"}},
        "invalid_country_code",
        "/data/attributes/address/country_code",
    ),
    (
        "address code too long",
        {"code": "A", "name": "x", "address": {"code": "C" * 51}},
        "too_long",
        "/data/attributes/address/code",
    ),
    (
        "address not an object",
        {"code": "A", "name": "x", "address": "1 Road"},
        "invalid_type",
        "/data/attributes/address",
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
    errors = await refused(caller, db, "POST", "/api/suppliers", body(**attributes))
    assert (symbol, pointer) in errors
