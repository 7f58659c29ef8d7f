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
    return resource_body("delivery_addresses", **attributes)


async def create_delivery_address(caller: Caller, **attributes: Any) -> dict[str, Any]:
    created = await caller.create(
        "delivery_addresses", **{"code": "JSMITH-HOME", "name": "John Smith", **attributes}
    )
    data: dict[str, Any] = created["data"]
    return data


async def create_customer_id(caller: Caller) -> int:
    created = await caller.create("customers", code="ACME", name="Acme Retail Ltd")
    return int(created["data"]["id"])


async def inline_address_id(caller: Caller) -> int:
    created = await caller.create("suppliers", code="SUP", name="Sup", address={"code": "X"})
    return int(created["data"]["attributes"]["address_id"])


async def test_create_returns_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    customer_id = await create_customer_id(caller)
    response = await caller.post(
        "/api/delivery_addresses",
        body(
            name="John Smith",
            code="JSMITH-HOME",
            address_1="123 Main Street",
            address_3="Manchester",
            postcode="M1 2AB",
            country_code="GB",
            customer_id=customer_id,
        ),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["type"] == "delivery_addresses"
    assert isinstance(data["id"], str)
    attributes = data["attributes"]
    assert {name: attributes[name] for name in ("code", "name", "address_3", "customer_id")} == {
        "code": "JSMITH-HOME",
        "name": "John Smith",
        "address_3": "Manchester",
        "customer_id": customer_id,
    }
    assert (attributes["address_type"], attributes["is_active"]) == ("delivery", True)
    assert attributes["default_notes"] is None


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    address = await create_delivery_address(caller)
    assert documented_attributes("/api/delivery_addresses") <= set(address["attributes"])


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    address = await create_delivery_address(caller, address_1="123 Main Street", postcode="M1")
    response = await caller.patch(
        f"/api/delivery_addresses/{address['id']}",
        body(address_1="125 Main Street", address_3="Salford", is_active=False),
    )
    attributes = response.json()["data"]["attributes"]
    assert (attributes["address_1"], attributes["address_3"]) == ("125 Main Street", "Salford")
    assert (attributes["postcode"], attributes["code"]) == ("M1", "JSMITH-HOME")
    assert attributes["is_active"] is False


async def test_code_is_unique_among_delivery_addresses(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await create_delivery_address(caller, code="HOME")
    errors = await refused(
        caller, db, "POST", "/api/delivery_addresses", body(code="HOME", name="Again")
    )
    assert errors == [("code_taken", "/data/attributes/code")]
    second = await create_delivery_address(caller, code="WORK")
    response = await caller.patch(f"/api/delivery_addresses/{second['id']}", body(code="HOME"))
    assert response.json()["errors"][0]["context"]["existing_id"] == int(first["id"])
    other_tenant = await clients.new()
    await create_delivery_address(other_tenant, code="HOME")


async def test_another_address_is_not_a_delivery_address(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    address_id = await inline_address_id(caller)
    path = f"/api/delivery_addresses/{address_id}"
    assert (await caller.patch(path, body(name="x"))).status_code == 404
    assert (await caller.delete(path)).status_code == 404


async def test_delete_then_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    address = await create_delivery_address(caller)
    assert (await caller.delete(f"/api/delivery_addresses/{address['id']}")).status_code == 204
    assert (await caller.delete(f"/api/delivery_addresses/{address['id']}")).status_code == 404
    assert (await row_counts(db, caller.tenant_id))["addresses"] == 0
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events] == [
        ("delivery_address", "created"),
        ("delivery_address", "deleted"),
    ]


async def test_another_tenants_delivery_address_is_404(
    clients: ApiClientFactory, db: Database
) -> None:
    owner, other = await clients.new(), await clients.new()
    address = await create_delivery_address(owner)
    before = await row_counts(db, owner.tenant_id)
    path = f"/api/delivery_addresses/{address['id']}"
    assert (await other.patch(path, body(name="x"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    assert (await other.delete(f"/api/delivery_addresses?ids={address['id']}")).status_code == 422
    assert await row_counts(db, owner.tenant_id) == before


async def test_bulk_delete_removes_every_id_given(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    ids = [int((await create_delivery_address(caller, code=f"A{n}"))["id"]) for n in range(3)]
    response = await caller.delete(f"/api/delivery_addresses?ids={ids[2]}, {ids[0]},{ids[0]}")
    assert response.status_code == 204
    assert response.content == b""
    left = await caller.patch(f"/api/delivery_addresses/{ids[1]}", body(name="Left"))
    assert left.status_code == 200
    deleted = [
        e["record_id"] for e in await events_of(db, caller.tenant_id) if e["event"] == "deleted"
    ]
    assert deleted == [ids[0], ids[2]]


@pytest.mark.parametrize("query", ["", "?ids=", "?ids=,%20,"])
async def test_bulk_delete_without_ids_is_refused(
    clients: ApiClientFactory, db: Database, query: str
) -> None:
    caller = await clients.new()
    await create_delivery_address(caller)
    before = await row_counts(db, caller.tenant_id)
    response = await caller.delete(f"/api/delivery_addresses{query}")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "code": 36,
            "symbol": "empty_ids_provided",
            "details": "No ids were provided.",
            "source": None,
            "context": {"parameter": "ids"},
        }
    ]
    assert await row_counts(db, caller.tenant_id) == before


async def test_bulk_delete_with_an_invalid_id_deletes_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    mine = int((await create_delivery_address(caller))["id"])
    foreign = int((await create_delivery_address(other))["id"])
    inline = await inline_address_id(caller)
    before = await row_counts(db, caller.tenant_id)
    response = await caller.delete(
        f"/api/delivery_addresses?ids={mine},{foreign},{inline},999999999"
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["code"], error["symbol"]) == (37, "invalid_ids_provided")
    assert error["context"]["invalid_ids"] == sorted([foreign, inline, 999999999])
    malformed = await caller.delete(f"/api/delivery_addresses?ids={mine},abc,-1,0")
    assert malformed.json()["errors"][0]["context"] == {
        "parameter": "ids",
        "invalid_ids": ["abc", "-1", "0"],
    }
    assert await row_counts(db, caller.tenant_id) == before


async def test_a_customer_of_another_tenant_is_not_found(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    foreign_customer_id = await create_customer_id(other)
    errors = await refused(
        caller,
        db,
        "POST",
        "/api/delivery_addresses",
        body(code="A", name="A", customer_id=foreign_customer_id),
    )
    assert errors == [("reference_not_found", "/data/attributes/customer_id")]


REQUIRED = {"code": "HOME", "name": "John Smith"}
INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing code", {"name": "x"}, "missing_field", "/data/attributes/code"),
    ("missing name", {"code": "x"}, "missing_field", "/data/attributes/name"),
    ("blank code", {**REQUIRED, "code": ""}, "blank_value", "/data/attributes/code"),
    ("code too long", {**REQUIRED, "code": "C" * 51}, "too_long", "/data/attributes/code"),
    (
        "postcode too long",
        {**REQUIRED, "postcode": "P" * 11},
        "too_long",
        "/data/attributes/postcode",
    ),
    (
        "email too long",
        {**REQUIRED, "email_address": "e" * 255},
        "too_long",
        "/data/attributes/email_address",
    ),
    (
        "bad country code",
        {**REQUIRED, "country_code": "GBR"},
        "invalid_country_code",
        "/data/attributes/country_code",
    ),
    ("unknown", {**REQUIRED, "city": "Leeds"}, "unknown_attribute", "/data/attributes/city"),
    (
        "string customer",
        {**REQUIRED, "customer_id": "4"},
        "invalid_type",
        "/data/attributes/customer_id",
    ),
    (
        "missing customer",
        {**REQUIRED, "customer_id": 987654321},
        "reference_not_found",
        "/data/attributes/customer_id",
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
    errors = await refused(caller, db, "POST", "/api/delivery_addresses", body(**attributes))
    assert (symbol, pointer) in errors


async def test_an_idempotency_key_covers_the_ids_of_a_bulk_delete(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    first = int((await create_delivery_address(caller, code="A"))["id"])
    second = int((await create_delivery_address(caller, code="B"))["id"])
    key = {"Idempotency-Key": "bulk-1"}
    assert (await caller.delete(f"/api/delivery_addresses?ids={first}", **key)).status_code == 204
    replayed = await caller.delete(f"/api/delivery_addresses?ids={first}", **key)
    assert (replayed.status_code, replayed.headers["Idempotent-Replayed"]) == (204, "true")
    other = await caller.delete(f"/api/delivery_addresses?ids={second}", **key)
    assert other.status_code == 422
    assert other.json()["errors"][0]["symbol"] == "idempotency_key_reused"
