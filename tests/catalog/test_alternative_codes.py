"""Alternative code types and alternative codes through REST, and products found by their
alternative codes through GraphQL."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.codes import alternative_code, code_type
from tests.catalog.factories import body
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, row_counts

TYPES = "/api/alternative_code_types"
CODES = "/api/alternative_codes"
TYPES_QUERY = (
    "query($filter: AlternativeCodeTypeFilterType) { alternative_code_types {"
    " all(filter: $filter) { total_count edges { node { id code name description system_type"
    " } } } } }"
)


async def type_nodes(caller: Caller, filter_: dict[str, Any] | None = None) -> list[Any]:
    result = await caller.graphql(TYPES_QUERY, {"filter": filter_ or {}})
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["alternative_code_types"]["all"]["edges"]]


async def test_a_type_is_created_changed_and_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    response = await caller.post(
        TYPES,
        body(
            "alternative_code_types",
            code="EAN13",
            name="EAN-13 Barcode",
            description="European Article Number",
        ),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data == {
        "id": data["id"],
        "type": "alternative_code_types",
        "attributes": {
            "code": "EAN13",
            "name": "EAN-13 Barcode",
            "description": "European Article Number",
            "system_type": False,
            "created_at": data["attributes"]["created_at"],
            "updated_at": data["attributes"]["updated_at"],
        },
    }
    assert isinstance(data["id"], str)
    changed = await caller.patch(
        f"{TYPES}/{data['id']}", body("alternative_code_types", description=None)
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["data"]["attributes"]["description"] is None
    assert (await caller.delete(f"{TYPES}/{data['id']}")).status_code == 204
    assert (await caller.delete(f"{TYPES}/{data['id']}")).status_code == 404
    events = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert events[-3:] == [
        ("alternative_code_type", "created"),
        ("alternative_code_type", "updated"),
        ("alternative_code_type", "deleted"),
    ]


async def test_every_tenant_has_read_only_system_types(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    system = await type_nodes(caller, {"system_type": {"eq": True}})
    assert [(node["code"], node["name"], node["system_type"]) for node in system] == [
        ("CUSTOMER", "Customer", True),
        ("SUPPLIER", "Supplier", True),
    ]
    type_id = system[0]["id"]
    for method, payload in (
        ("PATCH", body("alternative_code_types", name="Client")),
        ("DELETE", None),
    ):
        errors = await _refused(caller, db, method, f"{TYPES}/{type_id}", payload)
        assert [(e["code"], e["symbol"]) for e in errors] == [(1250, "system_record")]
    assert await type_nodes(caller, {"system_type": {"eq": True}}) == system


async def _refused(
    caller: Caller, db: Database, method: str, path: str, payload: Any
) -> list[dict[str, Any]]:
    before = await row_counts(db, caller.tenant_id)
    events = len(await events_of(db, caller.tenant_id))
    response = await caller.http.request(method, path, json=payload, headers=caller.headers())
    assert response.status_code == 422, response.text
    assert await row_counts(db, caller.tenant_id) == before
    assert len(await events_of(db, caller.tenant_id)) == events
    errors: list[dict[str, Any]] = response.json()["errors"]
    return errors


async def test_type_codes_are_unique_and_a_type_in_use_stays(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await code_type(caller, code="UPC")
    errors = await assert_refused(
        caller,
        db,
        "POST",
        TYPES,
        body("alternative_code_types", code="UPC", name="Another"),
        symbol="code_taken",
        pointer="/data/attributes/code",
    )
    assert errors[0]["context"]["existing_id"] == int(first["id"])
    product = await factories.product(caller)
    await alternative_code(
        caller, int(product["id"]), "012345678905", alternative_code_type_id=int(first["id"])
    )
    [error] = await _refused(caller, db, "DELETE", f"{TYPES}/{first['id']}", None)
    assert error["symbol"] == "record_in_use"


async def test_a_code_is_created_changed_and_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    type_id = int((await code_type(caller))["id"])
    product = await factories.product(caller)
    attributes = {
        "code": "ALT-12345",
        "name": "Customer SKU",
        "description": "Customer-facing alternate product code",
        "alternative_code_type_id": type_id,
        "alternative_codeable_type": "Product",
        "alternative_codeable_id": product["id"],
    }
    response = await caller.post(CODES, body("alternative_codes", **attributes))
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data == {
        "id": data["id"],
        "type": "alternative_codes",
        "attributes": {
            **attributes,
            "owner_type": None,
            "owner_id": None,
            "created_at": data["attributes"]["created_at"],
            "updated_at": data["attributes"]["updated_at"],
        },
    }
    changed = await caller.patch(
        f"{CODES}/{data['id']}", body("alternative_codes", name="Customer SKU (legacy)")
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["data"]["attributes"]["name"] == "Customer SKU (legacy)"
    assert changed.json()["data"]["attributes"]["code"] == "ALT-12345"
    assert (await caller.delete(f"{CODES}/{data['id']}")).status_code == 204
    assert (await caller.delete(f"{CODES}/{data['id']}")).status_code == 404
    events = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert events[-3:] == [
        ("alternative_code", "created"),
        ("alternative_code", "updated"),
        ("alternative_code", "deleted"),
    ]


async def test_a_code_is_unique_per_parent_and_owner(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    type_id = int((await code_type(caller))["id"])
    account = await caller.create_account()
    first, second = await factories.product(caller), await factories.product(caller)
    existing = await alternative_code(
        caller, int(first["id"]), "SKU-1", alternative_code_type_id=type_id
    )
    duplicate = body(
        "alternative_codes",
        code="SKU-1",
        name="Again",
        alternative_code_type_id=type_id,
        alternative_codeable_type="Product",
        alternative_codeable_id=first["id"],
    )
    errors = await assert_refused(
        caller, db, "POST", CODES, duplicate, symbol="code_taken", pointer="/data/attributes/code"
    )
    assert errors[0]["context"]["existing_id"] == int(existing["id"])
    await alternative_code(caller, int(second["id"]), "SKU-1", alternative_code_type_id=type_id)
    owned = await alternative_code(
        caller,
        int(first["id"]),
        "SKU-1",
        alternative_code_type_id=type_id,
        owner_type="Account",
        owner_id=account["id"],
    )
    moved = body("alternative_codes", owner_type=None, owner_id=None)
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"{CODES}/{owned['id']}",
        moved,
        symbol="code_taken",
        pointer="/data/attributes/code",
    )


@pytest.mark.parametrize(
    ("changes", "symbol", "pointer"),
    [
        ({"alternative_codeable_id": None}, "missing_field", "alternative_codeable_id"),
        ({"alternative_codeable_type": None}, "missing_field", "alternative_codeable_type"),
        ({"owner_type": "Account"}, "missing_field", "owner_id"),
        ({"owner_type": "Product", "owner_id": 1}, "invalid_value", "owner_type"),
        (
            {"alternative_codeable_id": 999_999_999},
            "reference_not_found",
            "alternative_codeable_id",
        ),
        ({"owner_type": "Account", "owner_id": 999_999_999}, "reference_not_found", "owner_id"),
        (
            {"alternative_code_type_id": 999_999_999},
            "reference_not_found",
            "alternative_code_type_id",
        ),
        (
            {"alternative_codeable_type": "Location"},
            "invalid_enum_value",
            "alternative_codeable_type",
        ),
        ({"code": "X" * 51}, "too_long", "code"),
        ({"code": ""}, "blank_value", "code"),
        ({"name": ...}, "missing_field", "name"),
    ],
)
async def test_invalid_codes_are_refused_and_write_nothing(
    clients: ApiClientFactory,
    db: Database,
    changes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    type_id = int((await code_type(caller))["id"])
    product = await factories.product(caller)
    defaults = {
        "code": "C-1",
        "name": "Code",
        "alternative_code_type_id": type_id,
        "alternative_codeable_type": "Product",
        "alternative_codeable_id": product["id"],
    }
    payload = body("alternative_codes", **factories.merged(defaults, changes))
    await assert_refused(
        caller, db, "POST", CODES, payload, symbol=symbol, pointer=f"/data/attributes/{pointer}"
    )


async def test_another_tenants_records_are_missing(clients: ApiClientFactory, db: Database) -> None:
    owner, stranger = await clients.new(), await clients.new()
    product = await factories.product(owner)
    code = await alternative_code(owner, int(product["id"]), "OWNED")
    type_id = code["attributes"]["alternative_code_type_id"]
    for path in (f"{CODES}/{code['id']}", f"{TYPES}/{type_id}"):
        assert (await stranger.delete(path)).status_code == 404
        changed = await stranger.patch(path, body(path.split("/")[2], name="Mine"))
        assert changed.status_code == 404
    own_type = int((await code_type(stranger))["id"])
    foreign_parent = body(
        "alternative_codes",
        code="X",
        name="X",
        alternative_code_type_id=own_type,
        alternative_codeable_type="Product",
        alternative_codeable_id=product["id"],
    )
    await assert_refused(
        stranger,
        db,
        "POST",
        CODES,
        foreign_parent,
        symbol="reference_not_found",
        pointer="/data/attributes/alternative_codeable_id",
    )


async def test_products_are_found_by_their_alternative_codes(clients: ApiClientFactory) -> None:
    caller, stranger = await clients.new(), await clients.new()
    product = await factories.product(caller, code="KIT-A", barcode="111")
    await factories.product(caller, code="OTHER")
    await alternative_code(caller, int(product["id"]), "5012345678900")
    foreign = await factories.product(stranger)
    await alternative_code(stranger, int(foreign["id"]), "5012345678900")
    query = (
        "query($filter: ProductsFilterType) { products { all(filter: $filter) {"
        " total_count edges { node { id code } } } } }"
    )
    for operator in ({"eq": "5012345678900"}, {"in": ["5012345678900", "nothing"]}):
        result = await caller.graphql(query, {"filter": {"all_codes": operator}})
        assert result["data"]["products"]["all"] == {
            "total_count": 1,
            "edges": [{"node": {"id": str(product["id"]), "code": "KIT-A"}}],
        }
    own = await caller.graphql(query, {"filter": {"all_codes": {"eq": "111"}}})
    assert own["data"]["products"]["all"]["total_count"] == 1


async def test_a_deleted_products_codes_go_with_it(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    type_id = int((await code_type(caller))["id"])
    kept, single, first, second = [await factories.product(caller) for _ in range(4)]
    for product in (kept, single, first, second):
        await alternative_code(
            caller, int(product["id"]), f"ALT-{product['id']}", alternative_code_type_id=type_id
        )
    assert (await caller.delete(f"/api/products/{single['id']}")).status_code == 204
    bulk = await caller.delete(f"/api/products?ids={first['id']},{second['id']}")
    assert bulk.status_code == 204, bulk.text
    assert (await row_counts(db, caller.tenant_id))["alternative_codes"] == 1
    deleted = [
        e["record_id"]
        for e in await events_of(db, caller.tenant_id)
        if (e["resource_name"], e["event"]) == ("alternative_code", "deleted")
    ]
    assert len(deleted) == 3


async def test_the_codes_list_filters_by_parent_and_type(clients: ApiClientFactory) -> None:
    caller, stranger = await clients.new(), await clients.new()
    ean = await code_type(caller, code="EAN13")
    first, second = await factories.product(caller), await factories.product(caller)
    made = await alternative_code(
        caller, int(first["id"]), "5012345678900", alternative_code_type_id=int(ean["id"])
    )
    await alternative_code(caller, int(second["id"]), "OTHER")
    query = (
        "query($filter: AlternativeCodeFilterType) { alternative_codes { all(filter: $filter) {"
        " total_count edges { node { id code alternative_code_type_id alternative_codeable_type"
        " alternative_codeable_id owner_type owner_id } } } } }"
    )
    for filter_ in (
        {"alternative_codeable_id": {"eq": str(first["id"])}},
        {"alternative_code_type_code": {"eq": "EAN13"}},
    ):
        result = await caller.graphql(query, {"filter": filter_})
        assert result["data"]["alternative_codes"]["all"] == {
            "total_count": 1,
            "edges": [
                {
                    "node": {
                        "id": made["id"],
                        "code": "5012345678900",
                        "alternative_code_type_id": ean["id"],
                        "alternative_codeable_type": "Product",
                        "alternative_codeable_id": str(first["id"]),
                        "owner_type": None,
                        "owner_id": None,
                    }
                }
            ],
        }
    foreign = await stranger.graphql(query, {})
    assert foreign["data"]["alternative_codes"]["all"]["total_count"] == 0


async def test_the_same_code_written_at_once_is_taken_once(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    type_id = int((await code_type(caller))["id"])
    product = await factories.product(caller)
    payload = body(
        "alternative_codes",
        code="RACE-1",
        name="Race",
        alternative_code_type_id=type_id,
        alternative_codeable_type="Product",
        alternative_codeable_id=product["id"],
    )
    responses = await asyncio.gather(*(caller.post(CODES, payload) for _ in range(4)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 422, 422, 422]
    symbols = {r.json()["errors"][0]["symbol"] for r in responses if r.status_code == 422}
    assert symbols == {"code_taken"}
