from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import assert_refused_without_writes, body
from tests.support import ApiClientFactory, events_of, row_counts

PATH = "/api/stock_unit_types"


def unit_type(**attributes: Any) -> dict[str, Any]:
    return body("stock_unit_types", **attributes)


async def test_create_answers_the_documented_document_with_a_string_id(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    response = await caller.post(
        PATH, unit_type(code="PALLET", name="Pallet", description="Standard UK pallet unit")
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert isinstance(data["id"], str)
    assert data["type"] == "stock_unit_types"
    assert data["attributes"] == {
        "code": "PALLET",
        "name": "Pallet",
        "description": "Standard UK pallet unit",
        "created_at": data["attributes"]["created_at"],
        "updated_at": data["attributes"]["updated_at"],
    }


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = await factories.stock_unit_type(caller, code="KG", name="Kilo", description="x")
    response = await caller.patch(f"{PATH}/{created['id']}", unit_type(name="Kilogram"))
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == created["id"]
    assert data["attributes"]["name"] == "Kilogram"
    assert data["attributes"]["code"] == "KG"
    assert data["attributes"]["description"] == "x"


async def test_delete_then_it_is_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    created = await factories.stock_unit_type(caller)
    assert (await caller.delete(f"{PATH}/{created['id']}")).status_code == 204
    again = await caller.delete(f"{PATH}/{created['id']}")
    assert again.status_code == 404
    assert again.json()["errors"][0]["symbol"] == "record_not_found"
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events] == [
        ("stock_unit_type", "created"),
        ("stock_unit_type", "deleted"),
    ]


async def test_a_type_a_product_uses_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    product = await factories.product(caller)
    type_id = product["attributes"]["stock_unit_type_id"]
    before = await row_counts(db, caller.tenant_id)
    response = await caller.delete(f"{PATH}/{type_id}")
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "record_in_use"
    assert error["context"] == {
        "resource": "stock_unit_types",
        "id": type_id,
        "used_by": ["products"],
    }
    assert await row_counts(db, caller.tenant_id) == before


async def test_codes_are_unique_in_the_tenant(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    first = await factories.stock_unit_type(caller, code="EACH")
    response = await caller.post(PATH, unit_type(code="EACH", name="Again"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["context"] == {
        "existing_id": int(first["id"]),
        "pointer": "/data/attributes/code",
    }
    await factories.stock_unit_type(other, code="EACH")


async def test_another_tenants_type_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    created = await factories.stock_unit_type(owner)
    path = f"{PATH}/{created['id']}"
    assert (await stranger.patch(path, unit_type(name="Mine"))).status_code == 404
    assert (await stranger.delete(path)).status_code == 404
    assert (await owner.patch(path, unit_type(name="Still mine"))).status_code == 200


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing code", unit_type(name="x"), "missing_field", "/data/attributes/code"),
    ("blank name", unit_type(code="A", name=" "), "blank_value", "/data/attributes/name"),
    ("too long code", unit_type(code="A" * 51, name="x"), "too_long", "/data/attributes/code"),
    (
        "unknown attribute",
        unit_type(code="A", name="x", colour="red"),
        "unknown_attribute",
        "/data/attributes/colour",
    ),
    ("wrong type", unit_type(code=1, name="x"), "invalid_type", "/data/attributes/code"),
    (
        "wrong resource type",
        body("products", code="A", name="x"),
        "invalid_resource_type",
        "/data/type",
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
