"""`PATCH`/`DELETE /api/addresses/{id}`: any address row of the tenant, inline ones included."""

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
    return resource_body("addresses", **attributes)


async def create_supplier(caller: Caller) -> dict[str, Any]:
    created = await caller.create(
        "suppliers", code="SUP", name="Sup", address={"address_1": "1 Road", "postcode": "M1"}
    )
    data: dict[str, Any] = created["data"]
    return data


async def supplier_address(caller: Caller) -> Any:
    result = await caller.graphql(
        "{ suppliers { all { edges { node { address { id address_1 address_3 postcode } } } } } }"
    )
    return result["data"]["suppliers"]["all"]["edges"][0]["node"]["address"]


async def test_an_inline_address_changes_in_place(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller)
    address_id = supplier["attributes"]["address_id"]
    response = await caller.patch(
        f"/api/addresses/{address_id}", body(name="John Smith", address_3="Manchester")
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["id"], data["type"]) == (str(address_id), "addresses")
    attributes = data["attributes"]
    assert (attributes["name"], attributes["address_3"]) == ("John Smith", "Manchester")
    assert (attributes["address_1"], attributes["address_type"]) == ("1 Road", "inline")
    assert await supplier_address(caller) == {
        "id": str(address_id),
        "address_1": "1 Road",
        "address_3": "Manchester",
        "postcode": "M1",
    }


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller)
    response = await caller.patch(f"/api/addresses/{supplier['attributes']['address_id']}", body())
    documented = documented_attributes("/api/addresses/{id}", "patch")
    assert documented <= set(response.json()["data"]["attributes"])


async def test_a_delivery_address_keeps_its_code_unique_and_its_name(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    await caller.create("delivery_addresses", code="HOME", name="Home")
    work = await caller.create("delivery_addresses", code="WORK", name="Work")
    path = f"/api/addresses/{work['data']['id']}"
    assert await refused(caller, db, "PATCH", path, body(code="HOME")) == [
        ("code_taken", "/data/attributes/code")
    ]
    assert await refused(caller, db, "PATCH", path, body(code=None)) == [
        ("invalid_type", "/data/attributes/code")
    ]
    assert await refused(caller, db, "PATCH", path, body(name=None)) == [
        ("invalid_type", "/data/attributes/name")
    ]
    renamed = await caller.patch(path, body(code="OFFICE", is_active=None))
    assert renamed.json()["data"]["attributes"]["code"] == "OFFICE"
    assert renamed.json()["data"]["attributes"]["is_active"] is True


async def test_an_inline_address_may_take_any_code(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await caller.create("delivery_addresses", code="HOME", name="Home")
    supplier = await create_supplier(caller)
    response = await caller.patch(
        f"/api/addresses/{supplier['attributes']['address_id']}", body(code="HOME", name=None)
    )
    assert response.status_code == 200


async def test_deleting_an_inline_address_leaves_its_owner_without_one(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    supplier = await create_supplier(caller)
    address_id = supplier["attributes"]["address_id"]
    assert (await caller.delete(f"/api/addresses/{address_id}")).status_code == 204
    assert (await caller.delete(f"/api/addresses/{address_id}")).status_code == 404
    assert await supplier_address(caller) is None
    counts = await row_counts(db, caller.tenant_id)
    assert (counts["suppliers"], counts["addresses"]) == (1, 0)
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events][-1] == ("address", "deleted")


async def test_another_tenants_address_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    supplier = await create_supplier(owner)
    path = f"/api/addresses/{supplier['attributes']['address_id']}"
    before = await row_counts(db, owner.tenant_id)
    assert (await other.patch(path, body(name="x"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before


async def test_addresses_are_not_created_on_their_own(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post("/api/addresses", body(name="x"))
    assert response.status_code == 404
    assert response.json()["errors"][0]["symbol"] == "route_not_found"


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("blank name", {"name": ""}, "blank_value", "/data/attributes/name"),
    (
        "bad country",
        {"country_code": "ZZ"},
        "invalid_country_code",
        "/data/attributes/country_code",
    ),
    ("line too long", {"address_5": "x" * 81}, "too_long", "/data/attributes/address_5"),
    ("unknown", {"customer_id": 1}, "unknown_attribute", "/data/attributes/customer_id"),
    ("string flag", {"is_active": "no"}, "invalid_type", "/data/attributes/is_active"),
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
    supplier = await create_supplier(caller)
    path = f"/api/addresses/{supplier['attributes']['address_id']}"
    errors = await refused(caller, db, "PATCH", path, body(**attributes))
    assert (symbol, pointer) in errors
