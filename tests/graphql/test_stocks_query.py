"""`stocks { all }`: stock made through REST, read back through GraphQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from clarus.core.db import Database
from clarus.inventory.tables import stocks
from tests.graphql.lists import documented_example, field_names, listed, pages, statements_for_page
from tests.graphql.stock import Seed, add_stock, stocked
from tests.support import ApiClientFactory, without_cost

ROOT, FILTER = "stocks", "StockFilterType"
FilterOf = Callable[[Seed], dict[str, Any]]


async def test_the_documented_example_query_returns_what_was_made(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    seed = await stocked(caller)
    example = documented_example("ListStocks")
    result = await caller.graphql(example["query"], example["variables"])
    assert without_cost(result) == {
        "data": {
            ROOT: {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "id": seed["widget_stock"],
                                "quantity": 240.0,
                                "status": "available",
                                "fifo_date": "2026-04-02T00:00:00Z",
                                "product": {"id": seed["widget"], "code": "WIDGET-RED-500"},
                                "location": {"id": seed["location"], "code": "AISLE-04-BAY-12"},
                                "account": {"id": seed["account"], "code": "ACME"},
                                "storage_unit": {"id": seed["pallet"], "reference": "PAL00098231"},
                            }
                        },
                        {
                            "node": {
                                "id": seed["held_stock"],
                                "quantity": 5.0,
                                "status": "held",
                                "fifo_date": "2026-04-04T00:00:00Z",
                                "product": {"id": seed["widget"], "code": "WIDGET-RED-500"},
                                "location": {"id": seed["overflow"], "code": "OVERFLOW-01"},
                                "account": {"id": seed["other_account"], "code": "BETA"},
                                "storage_unit": None,
                            }
                        },
                    ]
                }
            }
        }
    }


async def test_every_column_of_a_record(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    seed = await stocked(caller)
    result = await caller.graphql(
        "query($filter: StockFilterType) { stocks { all(filter: $filter) { edges { node {"
        " product_id account_id warehouse_id location_id storage_unit_id allocated_quantity"
        " string1 datetime1 datetime2 hold_description hold_reason_code_id warehouse { code }"
        " } } } } }",
        {"filter": {"id": {"in": [seed["widget_stock"], seed["held_stock"]]}}},
    )
    assert "errors" not in result, result
    assert [edge["node"] for edge in result["data"][ROOT]["all"]["edges"]] == [
        {
            "product_id": seed["widget"],
            "account_id": seed["account"],
            "warehouse_id": seed["warehouse"],
            "location_id": seed["location"],
            "storage_unit_id": seed["pallet"],
            "allocated_quantity": 0.0,
            "string1": "LOT-1",
            "datetime1": None,
            "datetime2": None,
            "hold_description": None,
            "hold_reason_code_id": None,
            "warehouse": {"code": "WH1"},
        },
        {
            "product_id": seed["widget"],
            "account_id": seed["other_account"],
            "warehouse_id": seed["other_warehouse"],
            "location_id": seed["overflow"],
            "storage_unit_id": None,
            "allocated_quantity": 0.0,
            "string1": None,
            "datetime1": None,
            "datetime2": None,
            "hold_description": "QC",
            "hold_reason_code_id": None,
            "warehouse": {"code": "WH2"},
        },
    ]
    missing = set(stocks.c.keys()) - await field_names(caller, "Stock")
    assert missing == {"tenant_id"}


@pytest.mark.parametrize(
    ("filter_of", "expected"),
    [
        (lambda seed: {}, ["widget_stock", "bolt_stock", "held_stock"]),
        (lambda seed: {"id": {"eq": seed["bolt_stock"]}}, ["bolt_stock"]),
        (lambda seed: {"product_id": {"eq": seed["bolt"]}}, ["bolt_stock"]),
        (lambda seed: {"product_id": {"eq": "999999999"}}, []),
        (lambda seed: {"product_code": {"eq": "BOLT"}}, ["bolt_stock"]),
        (lambda seed: {"product_code": {"ilike": "widget"}}, ["widget_stock", "held_stock"]),
        (lambda seed: {"product_code": {"like": "widget"}}, []),
        (lambda seed: {"account_id": {"eq": seed["other_account"]}}, ["held_stock"]),
        (lambda seed: {"account_id": {"in": [seed["account"]]}}, ["widget_stock", "bolt_stock"]),
        (lambda seed: {"warehouse_id": {"eq": seed["other_warehouse"]}}, ["held_stock"]),
        (lambda seed: {"location_id": {"eq": seed["location"]}}, ["widget_stock", "bolt_stock"]),
        (lambda seed: {"location_id": {"eq": seed["other_location"]}}, []),
        (lambda seed: {"location_code": {"eq": "OVERFLOW-01"}}, ["held_stock"]),
        (lambda seed: {"location_code": {"like": "AISLE"}}, ["widget_stock", "bolt_stock"]),
        (lambda seed: {"location_code": {"eq": "NOWHERE"}}, []),
        (lambda seed: {"storage_unit_id": {"eq": seed["pallet"]}}, ["widget_stock"]),
        (lambda seed: {"storage_unit_id": {"filled": False}}, ["bolt_stock", "held_stock"]),
        (lambda seed: {"status": {"eq": "held"}}, ["held_stock"]),
        (lambda seed: {"status": {"eq": "available"}}, ["widget_stock", "bolt_stock"]),
        (lambda seed: {"status": {"eq": "allocated"}}, []),
        (lambda seed: {"quantity": {"gt": "5"}}, ["widget_stock", "bolt_stock"]),
        (lambda seed: {"quantity": {"between": ["5", "10"]}}, ["bolt_stock", "held_stock"]),
        (lambda seed: {"quantity": {"eq": "0"}}, ["empty_stock"]),
        (lambda seed: {"quantity": {"eq": "10.00004"}}, []),
        (lambda seed: {"quantity": {"gt": "9.99995"}}, ["widget_stock", "bolt_stock"]),
        (
            lambda seed: {"quantity": {"lteq": "99999999999.9999"}},
            ["widget_stock", "bolt_stock", "held_stock", "empty_stock"],
        ),
        (
            lambda seed: {"quantity": {"gteq": "0"}},
            ["widget_stock", "bolt_stock", "held_stock", "empty_stock"],
        ),
        (lambda seed: {"quantity": {"lt": "1"}, "product_code": {"eq": "WIDGET-RED-500"}}, []),
        (lambda seed: {"id": {"eq": seed["empty_stock"]}}, []),
        (
            lambda seed: {"fifo_date": {"from": "2026-04-03T00:00:00Z"}},
            ["bolt_stock", "held_stock"],
        ),
        (lambda seed: {"fifo_date": {"eq": "2026-04-02T00:00:00Z"}}, ["widget_stock"]),
        (lambda seed: {"fifo_date": {"to": "2026-04-01T23:59:59Z"}}, []),
        (lambda seed: {"string1": {"eq": "LOT-1"}}, ["widget_stock"]),
        (lambda seed: {"string1": {"eq": "LOT-2"}}, []),
    ],
    ids=lambda value: "" if callable(value) else json.dumps(value),
)
async def test_filters(clients: ApiClientFactory, filter_of: FilterOf, expected: list[str]) -> None:
    caller = await clients.new()
    seed = await stocked(caller)
    found = await listed(caller, ROOT, FILTER, filter_of(seed))
    assert found == [seed[name] for name in expected]


async def test_pages_follow_the_cursor(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    seed = await stocked(caller)
    assert await pages(caller, ROOT, first=2) == [
        {
            "nodes": [seed["widget_stock"], seed["bolt_stock"]],
            "total_count": 3,
            "has_next_page": True,
        },
        {"nodes": [seed["held_stock"]], "total_count": 3, "has_next_page": False},
    ]


async def test_another_tenants_stock_is_invisible(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    seed = await stocked(owner)
    assert await listed(stranger, ROOT, FILTER, {}) == []
    assert await listed(stranger, ROOT, FILTER, {"id": {"eq": seed["widget_stock"]}}) == []
    assert await listed(stranger, ROOT, FILTER, {"quantity": {"gteq": "0"}}) == []


NESTED = (
    "query($first: Int) { stocks { all(first: $first) { total_count edges { node {"
    " id product { code } account { code } warehouse { code } location { code warehouse { code } }"
    " storage_unit { reference } } } } } }"
)


async def test_a_page_costs_the_same_statements_whatever_its_size(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    seed = await stocked(caller)
    for index in range(4):
        await add_stock(
            caller,
            seed["bolt"],
            seed["other_account"],
            seed["overflow"],
            1,
            string1=f"LOT-{index}",
        )
    few = await statements_for_page(caller, db, NESTED, ROOT, first=1)
    assert await statements_for_page(caller, db, NESTED, ROOT, first=7) == few
