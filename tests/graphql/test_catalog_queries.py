"""The catalog's GraphQL lists: the documented example queries, every filter, tenancy, and no
query per row for nested objects."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import body
from tests.support import ApiClientFactory, Caller

SPEC_PATH = Path(
    os.environ.get(
        "CLARUS_REFERENCE_SPEC", Path(__file__).parents[3] / "shared" / "spec" / "clarus-api.json"
    )
)


def documented_example(operation: str) -> dict[str, Any]:
    if not SPEC_PATH.exists():
        pytest.skip(f"reference spec not found at {SPEC_PATH} (set CLARUS_REFERENCE_SPEC)")
    spec = json.loads(SPEC_PATH.read_text())
    content = spec["paths"][f"/graphql#{operation}"]["post"]["requestBody"]["content"]
    example: dict[str, Any] = content["application/json"]["example"]
    return example


async def seed(caller: Caller, db: Database) -> dict[str, Any]:
    """One of everything, named to match the documented example variables."""
    stock_type = await factories.stock_unit_type(
        caller, code="PALLET", name="Pallet", description="Standard UK pallet unit"
    )
    pallet = await factories.storage_unit_type(
        caller,
        code="STDPAL",
        name="Standard Pallet",
        unit_name="Pallet",
        sequence_id=7,
        has_check_digit=True,
        dimensions={
            "length": 1.2,
            "width": 1.0,
            "height": 1.5,
            "weight": 25.0,
            "unit_of_measure": "metre",
        },
    )
    tote = await factories.storage_unit_type(caller, code="TOTE", name="Tote", is_pickable=True)
    warehouse_id = await factories.warehouse(db, caller.tenant_id, code="WH1", name="Main")
    storage_unit = await factories.created(
        caller,
        "/api/storage_units",
        "storage_units",
        reference="PLT-001",
        storage_unit_type_id=int(pallet["id"]),
        warehouse_id=warehouse_id,
    )
    loose = await factories.created(
        caller, "/api/storage_units", "storage_units", storage_unit_type_id=int(tote["id"])
    )
    widget = await factories.product(
        caller,
        code="SKU-001",
        barcode="5012345678901",
        description="Widget Blue Large",
        long_description="Blue large widget for industrial use",
        commodity_code="8471300000",
        country_of_manufacture="GB",
        stock_unit_type_id=int(stock_type["id"]),
    )
    red = await factories.product(
        caller,
        code="WIDGET-RED-500",
        case_barcode="CASE-RED",
        description="Red widget",
        product_type="bill_of_materials",
        stock_unit_type_id=int(stock_type["id"]),
    )
    account = await caller.create_account(code="WH3PL")
    assigned = await caller.post(
        f"/api/products/{widget['id']}/account_products",
        body("account_products", account_id=account["id"]),
    )
    return {
        "stock_type": stock_type,
        "pallet": pallet,
        "tote": tote,
        "warehouse_id": warehouse_id,
        "storage_unit": storage_unit,
        "loose": loose,
        "widget": widget,
        "red": red,
        "account": account,
        "assignment": assigned.json(),
    }


@pytest.mark.parametrize(
    ("operation", "root", "expected"),
    [
        (
            "ListStockUnitTypes",
            "stock_unit_types",
            {"code": "PALLET", "name": "Pallet", "description": "Standard UK pallet unit"},
        ),
        (
            "ListStorageUnitTypes",
            "storage_unit_types",
            {
                "code": "STDPAL",
                "name": "Standard Pallet",
                "unit_name": "Pallet",
                "is_pickable": False,
                "has_check_digit": True,
                "dimensions": {
                    "length": 1.2,
                    "width": 1.0,
                    "height": 1.5,
                    "weight": 25.0,
                    "unit_of_measure": "metre",
                },
            },
        ),
        (
            "ListStorageUnits",
            "storage_units",
            {
                "reference": "PLT-001",
                "active": True,
                "dispatched": False,
                "dispatched_at": None,
                "storage_unit_type": {"code": "STDPAL", "name": "Standard Pallet"},
                "warehouse": {"code": "WH1", "name": "Main"},
            },
        ),
        (
            "ListProducts",
            "products",
            {
                "code": "SKU-001",
                "barcode": "5012345678901",
                "description": "Widget Blue Large",
                "long_description": "Blue large widget for industrial use",
                "product_type": "single",
                "units_per_case": None,
                "shelf_life_min": None,
                "shelf_life_max": None,
                "commodity_code": "8471300000",
                "country_of_manufacture": "GB",
            },
        ),
        (
            "ListProductStorageUnits",
            "product_storage_units",
            {
                "priority": 0,
                "stock_configuration": "unit",
                "unit_of_measure": "centimetre",
                "per_layer": 0.0,
                "number_of_layers": 0,
                "total": None,
                "product": {"code": "WIDGET-RED-500"},
                "storage_unit_type": {"code": "STDPAL"},
            },
        ),
        (
            "ListAccountProducts",
            "account_products",
            {"account": {"code": "WH3PL"}, "product": {"code": "SKU-001"}},
        ),
    ],
)
async def test_the_documented_example_query_runs(
    clients: ApiClientFactory,
    db: Database,
    operation: str,
    root: str,
    expected: dict[str, Any],
) -> None:
    caller = await clients.new()
    seeded = await seed(caller, db)
    example = documented_example(operation)
    variables = example["variables"]
    if operation == "ListAccountProducts":
        variables = {"filter": {"account_id": {"eq": str(seeded["account"]["id"])}}}
    result = await caller.graphql(example["query"], variables)
    assert "errors" not in result, result
    edges = result["data"][root]["all"]["edges"]
    assert len(edges) == (2 if operation == "ListProductStorageUnits" else 1)
    node = edges[0]["node"]
    assert isinstance(node["id"], str)
    assert without_ids(node) == expected


def without_ids(value: Any) -> Any:
    """The node without the values a test cannot know in advance: ids and timestamps."""
    if isinstance(value, dict):
        return {
            key: without_ids(item) for key, item in value.items() if key not in ("id", "created_at")
        }
    return value


async def listed(caller: Caller, root: str, filter_type: str, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(
        f"query($filter: {filter_type}) {{ {root} {{ all(filter: $filter) {{"
        " edges { node { id } } } } }",
        {"filter": filter_},
    )
    assert "errors" not in result, result
    return [edge["node"]["id"] for edge in result["data"][root]["all"]["edges"]]


def ids_of(seeded: dict[str, Any], *names: str) -> list[str]:
    return [str(seeded[name]["id"]) for name in names]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"code": {"eq": "SKU-001"}}, ["widget"]),
        ({"code": {"ilike": "red"}}, ["red"]),
        ({"barcode": {"in": ["5012345678901"]}}, ["widget"]),
        ({"case_barcode": {"eq": "CASE-RED"}}, ["red"]),
        ({"inner_barcode": {"eq": "CASE-RED"}}, []),
        ({"all_codes": {"eq": "CASE-RED"}}, ["red"]),
        ({"all_codes": {"in": ["SKU-001", "CASE-RED"]}}, ["widget", "red"]),
        ({"all_codes": {"eq": "CASE"}}, []),
        ({"description": {"ilike": "widget"}}, ["widget", "red"]),
        ({"product_type": {"eq": "bill_of_materials"}}, ["red"]),
        ({"account_id": {"filled": True}}, ["widget"]),
        ({"account_id": {"filled": False}}, ["red"]),
        ({"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=lambda value: json.dumps(value) if isinstance(value, dict) else str(value),
)
async def test_product_filters(
    clients: ApiClientFactory, db: Database, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller = await clients.new()
    seeded = await seed(caller, db)
    found = await listed(caller, "products", "ProductsFilterType", filter_)
    assert found == ids_of(seeded, *expected)


async def test_product_account_filter_by_id(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    seeded = await seed(caller, db)
    account_id = str(seeded["account"]["id"])
    assert await listed(
        caller, "products", "ProductsFilterType", {"account_id": {"eq": account_id}}
    ) == ids_of(seeded, "widget")
    assert (
        await listed(
            caller, "products", "ProductsFilterType", {"account_id": {"in": ["999999999"]}}
        )
        == []
    )


async def test_product_storage_unit_filters(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    seeded = await seed(caller, db)
    red_case = await factories.product_storage_unit(
        caller,
        product_id=seeded["red"]["id"],
        storage_unit_type_id=int(seeded["tote"]["id"]),
        total=48,
    )
    root, filter_type = "product_storage_units", "ProductStorageUnitFilterType"
    red_units = await listed(
        caller, root, filter_type, {"product_id": {"eq": str(seeded["red"]["id"])}}
    )
    assert len(red_units) == 3
    assert await listed(caller, root, filter_type, {"product_code": {"ilike": "widget"}}) == (
        red_units
    )
    assert await listed(
        caller, root, filter_type, {"storage_unit_type_code": {"eq": "TOTE"}, "priority": {"eq": 2}}
    ) == [red_case["id"]]
    assert await listed(
        caller,
        root,
        filter_type,
        {
            "storage_unit_type_id": {"eq": seeded["tote"]["id"]},
            "priority": {"lt": 2},
            "product_id": {"in": [str(seeded["red"]["id"])]},
        },
    ) == [red_units[1]]
    assert await listed(caller, root, filter_type, {"total": {"gteq": "47.5"}}) == [red_case["id"]]
    assert await listed(caller, root, filter_type, {"total": {"between": [1, 10]}}) == []


@pytest.mark.parametrize(
    ("root", "filter_type", "filter_", "expected"),
    [
        ("stock_unit_types", "StockUnitTypeFilterType", {"code": {"eq": "PALLET"}}, ["stock_type"]),
        ("stock_unit_types", "StockUnitTypeFilterType", {"name": {"like": "all"}}, ["stock_type"]),
        (
            "stock_unit_types",
            "StockUnitTypeFilterType",
            {"description": {"ilike": "uk"}},
            ["stock_type"],
        ),
        (
            "stock_unit_types",
            "StockUnitTypeFilterType",
            {"created_at": {"from": "2000-01-01T00:00:00Z"}},
            ["stock_type"],
        ),
        ("storage_unit_types", "StorageUnitTypeFilterType", {"code": {"ilike": "pal"}}, ["pallet"]),
        ("storage_unit_types", "StorageUnitTypeFilterType", {"name": {"eq": "Tote"}}, ["tote"]),
        (
            "storage_unit_types",
            "StorageUnitTypeFilterType",
            {"unit_name": {"in": ["Pallet", "Tote"]}},
            ["pallet", "tote"],
        ),
        (
            "storage_unit_types",
            "StorageUnitTypeFilterType",
            {"is_pickable": {"eq": True}},
            ["tote"],
        ),
        (
            "storage_unit_types",
            "StorageUnitTypeFilterType",
            {"has_check_digit": {"eq": True}},
            ["pallet"],
        ),
        (
            "storage_unit_types",
            "StorageUnitTypeFilterType",
            {"leaves_warehouse": {"eq": True}},
            [],
        ),
        (
            "storage_units",
            "StorageUnitFilterType",
            {"reference": {"ilike": "plt"}},
            ["storage_unit"],
        ),
        (
            "storage_units",
            "StorageUnitFilterType",
            {"active": {"eq": True}},
            ["storage_unit", "loose"],
        ),
        ("storage_units", "StorageUnitFilterType", {"dispatched": {"eq": True}}, []),
        (
            "storage_units",
            "StorageUnitFilterType",
            {"storage_unit_type_code": {"eq": "TOTE"}},
            ["loose"],
        ),
        (
            "storage_units",
            "StorageUnitFilterType",
            {"warehouse_id": {"filled": False}},
            ["loose"],
        ),
        (
            "account_products",
            "AccountProductFilterType",
            {"created_at": {"from": "2000-01-01T00:00:00Z"}},
            ["assignment"],
        ),
    ],
    ids=lambda value: json.dumps(value) if isinstance(value, dict) else str(value),
)
async def test_filters(
    clients: ApiClientFactory,
    db: Database,
    root: str,
    filter_type: str,
    filter_: dict[str, Any],
    expected: list[str],
) -> None:
    caller = await clients.new()
    seeded = await seed(caller, db)
    assert await listed(caller, root, filter_type, filter_) == ids_of(seeded, *expected)


async def test_id_filters_on_references(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    seeded = await seed(caller, db)
    warehouse_id = str(seeded["warehouse_id"])
    assert await listed(
        caller, "storage_units", "StorageUnitFilterType", {"warehouse_id": {"eq": warehouse_id}}
    ) == ids_of(seeded, "storage_unit")
    for field, value in (
        ("account_id", seeded["account"]["id"]),
        ("product_id", seeded["widget"]["id"]),
    ):
        assert await listed(
            caller, "account_products", "AccountProductFilterType", {field: {"eq": str(value)}}
        ) == ids_of(seeded, "assignment")


async def test_another_tenants_catalog_is_invisible(
    clients: ApiClientFactory, db: Database
) -> None:
    owner, stranger = await clients.new(), await clients.new()
    await seed(owner, db)
    for root in (
        "stock_unit_types",
        "storage_unit_types",
        "storage_units",
        "products",
        "product_storage_units",
        "account_products",
    ):
        result = await stranger.graphql(f"{{ {root} {{ all {{ edges {{ node {{ id }} }} }} }} }}")
        assert result["data"][root]["all"]["edges"] == [], root


@contextmanager
def counted_statements(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    engine = db.read_engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


NESTED = [
    """query($first: Int) { product_storage_units { all(first: $first) { total_count edges {
      node { id product { id code } storage_unit_type { id code dimensions { length } } }
    } } } }""",
    """query($first: Int) { storage_units { all(first: $first) { edges { node { id
      storage_unit_type { code } warehouse { code } } } } } }""",
    """query($first: Int) { account_products { all(first: $first) { edges { node { id
      account { code } product { code } } } } } }""",
]


@pytest.mark.parametrize(
    "query", NESTED, ids=["product_storage_units", "storage_units", "account_products"]
)
async def test_nested_objects_cost_one_query_per_kind_not_per_row(
    clients: ApiClientFactory, db: Database, query: str
) -> None:
    caller = await clients.new()
    seeded = await seed(caller, db)
    for _ in range(4):
        product = await factories.product(caller)
        await caller.post(
            f"/api/products/{product['id']}/account_products",
            body("account_products", account_id=seeded["account"]["id"]),
        )
        await factories.created(
            caller,
            "/api/storage_units",
            "storage_units",
            storage_unit_type_id=int(seeded["pallet"]["id"]),
            warehouse_id=seeded["warehouse_id"],
        )
    with counted_statements(db) as few_rows:
        small = await caller.graphql(query, {"first": 2})
    with counted_statements(db) as many_rows:
        large = await caller.graphql(query, {"first": 10})
    assert "errors" not in small
    assert "errors" not in large
    [root] = large["data"]
    assert len(large["data"][root]["all"]["edges"]) >= 5
    assert len(many_rows) == len(few_rows)
