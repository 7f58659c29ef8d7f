from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import assert_refused_without_writes, body, merged, priorities
from tests.support import ApiClientFactory, Caller, events_of, row_counts

PATH = "/api/products"
SPEC_PATH = Path(
    os.environ.get(
        "CLARUS_REFERENCE_SPEC", Path(__file__).parents[3] / "shared" / "spec" / "clarus-api.json"
    )
)


def product(**attributes: Any) -> dict[str, Any]:
    return body("products", **attributes)


async def unit_type_id(caller: Caller) -> int:
    return int((await factories.stock_unit_type(caller))["id"])


async def test_create_echoes_every_attribute_with_defaults(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    type_id = await unit_type_id(caller)
    response = await caller.post(
        PATH,
        product(
            code="SKU-001",
            description="Widget A - Standard Size",
            stock_unit_type_id=type_id,
            barcode="5012345678901",
            commodity_code="84719000",
            country_of_manufacture="gb",
            shelf_life_min=30,
            shelf_life_max=365,
            specific_gravity=1.05,
            output_quantity=2.5,
            pick_strategy="batch_pick",
            datetime1="2024-05-01T10:00:00+02:00",
        ),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["type"] == "products"
    attributes = data["attributes"]
    assert attributes["code"] == "SKU-001"
    assert attributes["stock_unit_type_id"] == type_id
    assert attributes["country_of_manufacture"] == "GB"
    assert attributes["shelf_life_min"] == 30
    assert attributes["specific_gravity"] == 1.05
    assert attributes["output_quantity"] == 2.5
    assert attributes["pick_strategy"] == "batch_pick"
    assert attributes["datetime1"] == "2024-05-01T08:00:00Z"
    assert attributes["long_description"] is None
    assert {
        name: attributes[name]
        for name in (
            "stop",
            "assemble_on_pick",
            "require_dimensions_on_receipt",
            "non_hazardous_for_transport",
            "product_type",
            "serial_number_tracking_setting",
            "unit_quantity_conversion_strategy",
        )
    } == {
        "stop": False,
        "assemble_on_pick": False,
        "require_dimensions_on_receipt": False,
        "non_hazardous_for_transport": False,
        "product_type": "single",
        "serial_number_tracking_setting": "no_tracking",
        "unit_quantity_conversion_strategy": "none",
    }


async def test_decimals_are_json_numbers(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(
        PATH,
        product(description="x", stock_unit_type_id=await unit_type_id(caller), output_quantity=3),
    )
    assert b'"output_quantity":3.0' in response.content


@pytest.fixture
def documented_product_attributes() -> set[str]:
    if not SPEC_PATH.exists():
        pytest.skip(f"reference spec not found at {SPEC_PATH} (set CLARUS_REFERENCE_SPEC)")
    spec = json.loads(SPEC_PATH.read_text())
    return set(spec["components"]["schemas"]["ProductAttributes"]["properties"])


async def test_every_documented_attribute_is_accepted_and_echoed(
    clients: ApiClientFactory, documented_product_attributes: set[str]
) -> None:
    caller = await clients.new()
    created = await factories.product(caller)
    assert documented_product_attributes <= set(created["attributes"])


async def test_a_new_product_gets_a_storage_unit_per_storage_unit_type(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    pallet = await factories.storage_unit_type(caller)
    tote = await factories.storage_unit_type(caller)
    created = await factories.product(caller)
    result = await caller.graphql(
        "query($filter: ProductStorageUnitFilterType) { product_storage_units {"
        " all(filter: $filter) { edges { node { priority stock_configuration unit_of_measure"
        " per_layer number_of_layers total storage_unit_type { id } } } } } }",
        {"filter": {"product_id": {"eq": str(created["id"])}}},
    )
    nodes = [edge["node"] for edge in result["data"]["product_storage_units"]["all"]["edges"]]
    defaults = {
        "stock_configuration": "unit",
        "unit_of_measure": "centimetre",
        "per_layer": 0.0,
        "number_of_layers": 0,
        "total": None,
    }
    assert nodes == [
        {"priority": 0, **defaults, "storage_unit_type": {"id": pallet["id"]}},
        {"priority": 1, **defaults, "storage_unit_type": {"id": tote["id"]}},
    ]
    events = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert events[-3:] == [
        ("product", "created"),
        ("product_storage_unit", "created"),
        ("product_storage_unit", "created"),
    ]


async def test_without_storage_unit_types_a_product_has_no_storage_units(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    created = await factories.product(caller)
    assert await priorities(caller, created["id"]) == []


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = await factories.product(caller, barcode="1", string1="keep", stop=True)
    response = await caller.patch(
        f"{PATH}/{created['id']}",
        product(description="Widget A - Large Size", shelf_life_min=60, stop=None, barcode=None),
    )
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert attributes["description"] == "Widget A - Large Size"
    assert attributes["shelf_life_min"] == 60
    assert attributes["stop"] is False
    assert attributes["barcode"] is None
    assert attributes["string1"] == "keep"
    assert attributes["code"] == created["attributes"]["code"]


async def test_codes_are_unique_when_set(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    type_id = await unit_type_id(caller)
    first = await factories.product(caller, code="SKU", stock_unit_type_id=type_id)
    refused = await caller.post(
        PATH, product(code="SKU", description="x", stock_unit_type_id=type_id)
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["context"] == {
        "existing_id": first["id"],
        "pointer": "/data/attributes/code",
    }
    for _ in range(2):
        assert (
            await caller.post(PATH, product(description="no code", stock_unit_type_id=type_id))
        ).status_code == 200


async def test_delete_takes_the_storage_units_and_assignments_along(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    await factories.storage_unit_type(caller)
    account = await caller.create_account()
    created = await factories.product(caller)
    assigned = await caller.post(
        f"{PATH}/{created['id']}/account_products",
        body("account_products", account_id=account["id"]),
    )
    assert assigned.status_code == 200
    before = await row_counts(db, caller.tenant_id)
    response = await caller.delete(f"{PATH}/{created['id']}")
    assert response.status_code == 204
    after = await row_counts(db, caller.tenant_id)
    assert after["products"] == before["products"] - 1
    assert after["product_storage_units"] == before["product_storage_units"] - 1 == 0
    assert after["account_products"] == before["account_products"] - 1 == 0
    assert (await caller.delete(f"{PATH}/{created['id']}")).status_code == 404


async def test_another_tenants_product_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    created = await factories.product(owner)
    path = f"{PATH}/{created['id']}"
    assert (await stranger.patch(path, product(description="Mine"))).status_code == 404
    assert (await stranger.delete(path)).status_code == 404
    bulk = await stranger.delete(f"{PATH}?ids={created['id']}")
    assert bulk.status_code == 422
    assert bulk.json()["errors"][0]["symbol"] == "invalid_ids_provided"


async def test_bulk_delete_takes_every_listed_product(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    type_id = await unit_type_id(caller)
    first, second, kept = [
        await factories.product(caller, stock_unit_type_id=type_id) for _ in range(3)
    ]
    response = await caller.delete(f"{PATH}?ids={first['id']}, {second['id']},{first['id']}")
    assert response.status_code == 204
    assert (await row_counts(db, caller.tenant_id))["products"] == 1
    assert (await caller.patch(f"{PATH}/{kept['id']}", product(description="x"))).status_code == 200
    deleted = [
        e["record_id"]
        for e in await events_of(db, caller.tenant_id)
        if (e["resource_name"], e["event"]) == ("product", "deleted")
    ]
    assert sorted(deleted) == sorted([first["id"], second["id"]])


@pytest.mark.parametrize(
    ("query", "code", "symbol", "context"),
    [
        ("", 36, "empty_ids_provided", {"parameter": "ids"}),
        ("?ids=", 36, "empty_ids_provided", {"parameter": "ids"}),
        ("?ids=,,", 36, "empty_ids_provided", {"parameter": "ids"}),
        (
            "?ids={id},999999999",
            37,
            "invalid_ids_provided",
            {"invalid_ids": [999999999]},
        ),
        (
            "?ids={id},abc,-2",
            37,
            "invalid_ids_provided",
            {"parameter": "ids", "invalid_ids": ["abc", "-2"]},
        ),
    ],
)
async def test_bulk_delete_refusals_delete_nothing(
    clients: ApiClientFactory,
    db: Database,
    query: str,
    code: int,
    symbol: str,
    context: dict[str, Any],
) -> None:
    caller = await clients.new()
    created = await factories.product(caller)
    before = await row_counts(db, caller.tenant_id)
    response = await caller.delete(PATH + query.format(id=created["id"]))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["code"], error["symbol"], error["context"]) == (code, symbol, context)
    assert await row_counts(db, caller.tenant_id) == before


async def test_bulk_delete_is_limited_per_request(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    ids = ",".join(str(n) for n in range(1, 1002))
    response = await caller.delete(f"{PATH}?ids={ids}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["symbol"] == "out_of_range"


def valid(**changes: Any) -> dict[str, Any]:
    return product(**merged({"description": "Widget", "stock_unit_type_id": 1}, changes))


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "missing description",
        valid(description=...),
        "missing_field",
        "/data/attributes/description",
    ),
    (
        "missing stock unit type",
        valid(stock_unit_type_id=...),
        "missing_field",
        "/data/attributes/stock_unit_type_id",
    ),
    ("blank description", valid(description=" "), "blank_value", "/data/attributes/description"),
    (
        "too long description",
        valid(description="A" * 151),
        "too_long",
        "/data/attributes/description",
    ),
    ("too long code", valid(code="A" * 51), "too_long", "/data/attributes/code"),
    (
        "too long commodity",
        valid(commodity_code="1" * 15),
        "too_long",
        "/data/attributes/commodity_code",
    ),
    (
        "bad country",
        valid(country_of_manufacture="XX"),
        "invalid_country_code",
        "/data/attributes/country_of_manufacture",
    ),
    ("zero shelf life", valid(shelf_life_min=0), "out_of_range", "/data/attributes/shelf_life_min"),
    (
        "string decimal",
        valid(specific_gravity="1.05"),
        "invalid_type",
        "/data/attributes/specific_gravity",
    ),
    (
        "zero output quantity",
        valid(output_quantity=0),
        "out_of_range",
        "/data/attributes/output_quantity",
    ),
    (
        "too many decimals",
        valid(specific_gravity=1.00001),
        "out_of_range",
        "/data/attributes/specific_gravity",
    ),
    (
        "bad enum",
        valid(product_type="standard"),
        "invalid_enum_value",
        "/data/attributes/product_type",
    ),
    (
        "naive datetime",
        valid(datetime1="2024-01-01T10:00:00"),
        "timezone_required",
        "/data/attributes/datetime1",
    ),
    (
        "unknown attribute",
        valid(units_per_case=12),
        "unknown_attribute",
        "/data/attributes/units_per_case",
    ),
    (
        "missing stock unit type record",
        valid(stock_unit_type_id=999_999_999),
        "reference_not_found",
        "/data/attributes/stock_unit_type_id",
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


async def test_a_stock_unit_type_of_another_tenant_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    foreign = await unit_type_id(other)
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post(PATH, valid(stock_unit_type_id=foreign))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "reference_not_found",
        "/data/attributes/stock_unit_type_id",
    )
    assert await row_counts(db, caller.tenant_id) == before
