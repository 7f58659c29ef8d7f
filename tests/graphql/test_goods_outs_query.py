"""`goods_outs { all }` and `goods_out_lines { all }`: orders made through REST, read back
through GraphQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from clarus.core.db import Database, table_of
from clarus.outbound.models import GoodsOut, GoodsOutLine
from tests.graphql.lists import documented_example, field_names, listed, pages, statements_for_page
from tests.graphql.orders import created_id, two_of_each
from tests.inbound.factories import added
from tests.support import ApiClientFactory, Caller, statements_run, without_cost

ORDERS, ORDER_FILTER = "goods_outs", "GoodsOutsFilterType"
LINES, LINE_FILTER = "goods_out_lines", "GoodsOutLineFilterType"
DRAFT = 1
Seed = dict[str, Any]
FilterOf = Callable[[Seed], dict[str, Any]]


def line(product_id: str, order_quantity: float, **attributes: Any) -> dict[str, Any]:
    return added(product_id=int(product_id), order_quantity=order_quantity, **attributes)


async def acme_order(caller: Caller, seed: Seed, **attributes: Any) -> str:
    """A sales order of ACME's from WH1, carried by DPD to the customer, of order type B2B."""
    return await created_id(
        caller,
        "goods_outs",
        goods_out_type="sales_order",
        account_id=int(seed["account"]),
        warehouse_id=int(seed["warehouse"]),
        carrier_id=int(seed["carrier"]),
        customer_id=int(seed["customer"]),
        order_type_id=int(seed["order_type"]),
        **attributes,
    )


async def seeded(clients: ApiClientFactory) -> tuple[Caller, Seed]:
    """SO-001 (pending, ACME, WH1, DPD, two lines), SO-002 (draft, ACME, WH1, one line) and
    WO-BETA (pending work order, BETA, WH2, one line)."""
    caller = await clients.new()
    carrier = (await caller.create("carriers", code="DPD", name="DPD UK"))["data"]
    customer = (await caller.create("customers", code="CUST", name="Shop"))["data"]
    order_type = await caller.create("order_types", code="B2B", name="Trade", duty_payable=False)
    seed: Seed = {
        **await two_of_each(caller),
        "carrier": str(carrier["id"]),
        "customer": str(customer["id"]),
        "order_type": str(order_type["id"]),
    }
    seed["SO-001"] = await acme_order(
        caller,
        seed,
        reference="SO-001",
        priority=1,
        expected_date_of_dispatch="2026-03-11T10:00:00+02:00",
        external_system_reference1="EXT-001",
        lines_changes=[
            line(seed["widget"], 100, carrier_id=int(seed["carrier"])),
            line(seed["bolt"], 2.5),
        ],
        address={"name": "John Smith", "address_1": "123 Main Street", "postcode": "AB1 2CD"},
    )
    seed["SO-002"] = await created_id(
        caller,
        "goods_outs",
        goods_out_type="sales_order",
        account_id=int(seed["account"]),
        warehouse_id=int(seed["warehouse"]),
        reference="SO-002",
        priority=2,
        goods_out_status_id=DRAFT,
        expected_date_of_dispatch="2026-03-13T00:00:00Z",
        lines_changes=[line(seed["widget"], 7)],
    )
    seed["WO-BETA"] = await created_id(
        caller,
        "goods_outs",
        goods_out_type="work_order",
        account_id=int(seed["other_account"]),
        warehouse_id=int(seed["other_warehouse"]),
        reference="WO-BETA",
        priority=3,
        expected_date_of_dispatch="2026-03-12T12:00:00Z",
        external_system_reference1="EXT-009",
        lines_changes=[line(seed["bolt"], 4)],
    )
    return caller, seed


async def test_the_documented_example_query_returns_what_was_created(
    clients: ApiClientFactory,
) -> None:
    caller, seed = await seeded(clients)
    example = documented_example("ListGoodsOuts")
    result = await caller.graphql(example["query"], example["variables"])
    pending = {"code": "PENDING", "name": "Pending"}
    assert without_cost(result) == {
        "data": {
            ORDERS: {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "id": seed["SO-001"],
                                "reference": "SO-001",
                                "priority": 1,
                                "expected_date_of_dispatch": "2026-03-11T08:00:00Z",
                                "goods_out_status": pending,
                                "account": {"id": seed["account"], "code": "ACME"},
                                "warehouse": {"id": seed["warehouse"], "code": "WH1"},
                                "carrier": {"id": seed["carrier"], "code": "DPD"},
                            }
                        },
                        {
                            "node": {
                                "id": seed["WO-BETA"],
                                "reference": "WO-BETA",
                                "priority": 3,
                                "expected_date_of_dispatch": "2026-03-12T12:00:00Z",
                                "goods_out_status": pending,
                                "account": {"id": seed["other_account"], "code": "BETA"},
                                "warehouse": {"id": seed["other_warehouse"], "code": "WH2"},
                                "carrier": None,
                            }
                        },
                    ]
                }
            }
        }
    }


async def test_the_documented_lines_example_query_returns_what_was_created(
    clients: ApiClientFactory,
) -> None:
    caller, seed = await seeded(clients)
    example = documented_example("ListGoodsOutLines")
    result = await caller.graphql(
        example["query"], {"filter": {"goods_out_id": {"eq": seed["SO-001"]}}}
    )
    assert "errors" not in result, result
    nodes = [edge["node"] for edge in result["data"][LINES]["all"]["edges"]]
    order = {"id": seed["SO-001"], "reference": "SO-001"}
    assert nodes == [
        {
            "id": nodes[0]["id"],
            "order_quantity": 100.0,
            "allocated_quantity": 0.0,
            "pick_quantity": 0.0,
            "dispatch_quantity": 0.0,
            "short_status": None,
            "product": {"id": seed["widget"], "code": "WIDGET-RED-500"},
            "goods_out": order,
            "carrier": {"id": seed["carrier"]},
        },
        {
            "id": nodes[1]["id"],
            "order_quantity": 2.5,
            "allocated_quantity": 0.0,
            "pick_quantity": 0.0,
            "dispatch_quantity": 0.0,
            "short_status": None,
            "product": {"id": seed["bolt"], "code": "BOLT"},
            "goods_out": order,
            "carrier": None,
        },
    ]
    assert int(nodes[0]["id"]) < int(nodes[1]["id"])


async def test_an_order_with_its_status_parties_address_and_lines(
    clients: ApiClientFactory,
) -> None:
    caller, seed = await seeded(clients)
    result = await caller.graphql(
        "query($filter: GoodsOutsFilterType) { goods_outs { all(filter: $filter) { edges { node {"
        " goods_out_type goods_out_status_id goods_out_status { id code name }"
        " actual_date_of_dispatch customer { code } order_type { code }"
        " address { name address_1 postcode } lines { goods_out_id order_quantity } } } } } }",
        {"filter": {"reference": {"in": ["SO-001", "SO-002"]}}},
    )
    assert "errors" not in result, result
    assert [edge["node"] for edge in result["data"][ORDERS]["all"]["edges"]] == [
        {
            "goods_out_type": "sales_order",
            "goods_out_status_id": "2",
            "goods_out_status": {"id": "2", "code": "PENDING", "name": "Pending"},
            "actual_date_of_dispatch": None,
            "customer": {"code": "CUST"},
            "order_type": {"code": "B2B"},
            "address": {
                "name": "John Smith",
                "address_1": "123 Main Street",
                "postcode": "AB1 2CD",
            },
            "lines": [
                {"goods_out_id": seed["SO-001"], "order_quantity": 100.0},
                {"goods_out_id": seed["SO-001"], "order_quantity": 2.5},
            ],
        },
        {
            "goods_out_type": "sales_order",
            "goods_out_status_id": "1",
            "goods_out_status": {"id": "1", "code": "DRAFT", "name": "Draft"},
            "actual_date_of_dispatch": None,
            "customer": None,
            "order_type": None,
            "address": None,
            "lines": [{"goods_out_id": seed["SO-002"], "order_quantity": 7.0}],
        },
    ]


async def test_every_column_is_a_field(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    for type_name, model in (("GoodsOut", GoodsOut), ("GoodsOutLine", GoodsOutLine)):
        missing = set(table_of(model).c.keys()) - await field_names(caller, type_name)
        assert missing == {"tenant_id"}, type_name


@pytest.mark.parametrize(
    ("filter_of", "expected"),
    [
        (lambda seed: {"reference": {"eq": "SO-002"}}, ["SO-002"]),
        (lambda seed: {"reference": {"like": "SO-"}}, ["SO-001", "SO-002"]),
        (lambda seed: {"reference": {"eq": "SO-003"}}, []),
        (lambda seed: {"goods_out_status_code": {"eq": "PENDING"}}, ["SO-001", "WO-BETA"]),
        (lambda seed: {"goods_out_status_code": {"eq": "DRAFT"}}, ["SO-002"]),
        (
            lambda seed: {"goods_out_status_code": {"in": ["DRAFT", "COMPLETED"]}},
            ["SO-002"],
        ),
        (lambda seed: {"goods_out_status_code": {"ilike": "pend"}}, ["SO-001", "WO-BETA"]),
        (lambda seed: {"goods_out_status_code": {"between": ["D", "E"]}}, ["SO-002"]),
        (lambda seed: {"goods_out_status_code": {"eq": "COMPLETED"}}, []),
        (lambda seed: {"goods_out_status_code": {"eq": "NOPE"}}, []),
        (lambda seed: {"goods_out_status_code": {"eq": "pending"}}, []),
        (lambda seed: {"account_id": {"eq": seed["account"]}}, ["SO-001", "SO-002"]),
        (lambda seed: {"warehouse_id": {"eq": seed["other_warehouse"]}}, ["WO-BETA"]),
        (lambda seed: {"carrier_id": {"eq": seed["carrier"]}}, ["SO-001"]),
        (lambda seed: {"carrier_id": {"filled": False}}, ["SO-002", "WO-BETA"]),
        (lambda seed: {"customer_id": {"in": [seed["customer"]]}}, ["SO-001"]),
        (lambda seed: {"goods_out_type": {"eq": "work_order"}}, ["WO-BETA"]),
        (lambda seed: {"id": {"eq": seed["SO-002"]}}, ["SO-002"]),
        (lambda seed: {"external_system_reference1": {"eq": "EXT-009"}}, ["WO-BETA"]),
        (
            lambda seed: {"expected_date_of_dispatch": {"from": "2026-03-12T00:00:00Z"}},
            ["SO-002", "WO-BETA"],
        ),
        (
            lambda seed: {"expected_date_of_dispatch": {"eq": "2026-03-11T08:00:00Z"}},
            ["SO-001"],
        ),
        (lambda seed: {"expected_date_of_dispatch": {"to": "2026-03-11T07:59:59Z"}}, []),
        (lambda seed: {"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
        (
            lambda seed: {"updated_at": {"from": "2000-01-01T00:00:00Z"}},
            ["SO-001", "SO-002", "WO-BETA"],
        ),
    ],
    ids=lambda value: "" if callable(value) else json.dumps(value),
)
async def test_order_filters(
    clients: ApiClientFactory, filter_of: FilterOf, expected: list[str]
) -> None:
    caller, seed = await seeded(clients)
    assert await listed(caller, ORDERS, ORDER_FILTER, filter_of(seed), "reference") == expected


@pytest.mark.parametrize(
    ("filter_of", "expected"),
    [
        (lambda seed: {"goods_out_id": {"eq": seed["SO-001"]}}, [100.0, 2.5]),
        (lambda seed: {"goods_out_id": {"in": ["999999999"]}}, []),
        (lambda seed: {"product_id": {"eq": seed["widget"]}}, [100.0, 7.0]),
        (lambda seed: {"account_id": {"eq": seed["other_account"]}}, [4.0]),
        (lambda seed: {"account_id": {"in": [seed["account"]]}}, [100.0, 2.5, 7.0]),
        (lambda seed: {"warehouse_id": {"eq": seed["other_warehouse"]}}, [4.0]),
        (lambda seed: {"goods_out_status_code": {"eq": "DRAFT"}}, [7.0]),
        (lambda seed: {"goods_out_status_code": {"in": ["PENDING", "PICK"]}}, [100.0, 2.5, 4.0]),
        (lambda seed: {"goods_out_status_code": {"eq": "COMPLETED"}}, []),
        (lambda seed: {"carrier_id": {"eq": seed["carrier"]}}, [100.0]),
        (lambda seed: {"carrier_id": {"filled": False}}, [2.5, 7.0, 4.0]),
        (lambda seed: {"order_quantity": {"gt": "5"}}, [100.0, 7.0]),
        (lambda seed: {"order_quantity": {"between": ["2", "5"]}}, [2.5, 4.0]),
        (lambda seed: {"pick_quantity": {"eq": "0"}}, [100.0, 2.5, 7.0, 4.0]),
        (lambda seed: {"pick_quantity": {"gt": "0"}}, []),
        (lambda seed: {"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=lambda value: "" if callable(value) else json.dumps(value),
)
async def test_line_filters(
    clients: ApiClientFactory, filter_of: FilterOf, expected: list[float]
) -> None:
    caller, seed = await seeded(clients)
    found = await listed(caller, LINES, LINE_FILTER, filter_of(seed), "order_quantity")
    assert found == expected


async def test_a_line_by_id(clients: ApiClientFactory) -> None:
    caller, seed = await seeded(clients)
    line_ids = await listed(caller, LINES, LINE_FILTER, {"goods_out_id": {"eq": seed["SO-002"]}})
    assert len(line_ids) == 1
    assert await listed(caller, LINES, LINE_FILTER, {"id": {"eq": line_ids[0]}}) == line_ids


async def test_an_unknown_status_code_is_refused_by_the_line_filter(
    clients: ApiClientFactory,
) -> None:
    """The lines' filter takes the status as an enum: a misspelt code is an error, not an empty
    list (the orders' documented string filter simply matches nothing)."""
    caller = await clients.new()
    result = await caller.graphql(
        "query($filter: GoodsOutLineFilterType) { goods_out_lines { all(filter: $filter) {"
        " edges { node { id } } } } }",
        {"filter": {"goods_out_status_code": {"eq": "PENDNG"}}},
    )
    assert result["data"] is None
    [error] = result["errors"]
    assert "PENDNG" in error["message"]
    assert "GoodsOutStatusCode" in error["message"]


async def test_found_by_reference_and_by_external_reference(clients: ApiClientFactory) -> None:
    caller, seed = await seeded(clients)
    by_reference = await listed(caller, ORDERS, ORDER_FILTER, {"reference": {"eq": "WO-BETA"}})
    by_external = await listed(
        caller, ORDERS, ORDER_FILTER, {"external_system_reference1": {"eq": "EXT-001"}}
    )
    assert (by_reference, by_external) == ([seed["WO-BETA"]], [seed["SO-001"]])


async def test_pages_follow_the_cursor(clients: ApiClientFactory) -> None:
    caller, seed = await seeded(clients)
    assert await pages(caller, ORDERS, first=2) == [
        {"nodes": [seed["SO-001"], seed["SO-002"]], "total_count": 3, "has_next_page": True},
        {"nodes": [seed["WO-BETA"]], "total_count": 3, "has_next_page": False},
    ]
    assert await pages(caller, LINES, first=3, field="order_quantity") == [
        {"nodes": [100.0, 2.5, 7.0], "total_count": 4, "has_next_page": True},
        {"nodes": [4.0], "total_count": 4, "has_next_page": False},
    ]


async def test_another_tenants_orders_and_lines_are_invisible(clients: ApiClientFactory) -> None:
    _, seed = await seeded(clients)
    stranger = await clients.new()
    assert await listed(stranger, ORDERS, ORDER_FILTER, {}) == []
    assert await listed(stranger, ORDERS, ORDER_FILTER, {"id": {"eq": seed["SO-001"]}}) == []
    assert await listed(stranger, LINES, LINE_FILTER, {}) == []
    assert (
        await listed(stranger, LINES, LINE_FILTER, {"goods_out_id": {"eq": seed["SO-001"]}}) == []
    )


NESTED = {
    ORDERS: "query($first: Int) { goods_outs { all(first: $first) { total_count edges { node {"
    " id goods_out_status { code name } account { code } warehouse { code } carrier { code }"
    " customer { code } order_type { code } address { postcode }"
    " lines { order_quantity product { code } carrier { code } } } } } } }",
    LINES: "query($first: Int) { goods_out_lines { all(first: $first) { total_count edges {"
    " node { id product { code } carrier { code } goods_out { reference"
    " goods_out_status { code } account { code } warehouse { code } } } } } } }",
}


@pytest.mark.parametrize("root", [ORDERS, LINES])
async def test_a_page_costs_the_same_statements_whatever_its_size(
    clients: ApiClientFactory, db: Database, root: str
) -> None:
    caller, seed = await seeded(clients)
    for index in range(4):
        await acme_order(
            caller,
            seed,
            reference=f"MORE-{index}",
            expected_date_of_dispatch="2026-03-20T00:00:00Z",
            lines_changes=[
                line(seed["widget"], 1, carrier_id=int(seed["carrier"])),
                line(seed["bolt"], 2),
            ],
            address={"postcode": "M1"},
        )

    few = await statements_for_page(caller, db, NESTED[root], root, first=1)
    assert await statements_for_page(caller, db, NESTED[root], root, first=7) == few


PAGE_OF_ORDERS = (
    "query($first: Int) { goods_outs { all(first: $first) { edges { node { id reference"
    " goods_out_status { code name } account { id code } warehouse { id code }"
    " lines { id order_quantity product { code } } } } } } }"
)


async def test_ten_and_two_hundred_orders_cost_the_same_statements(
    clients: ApiClientFactory, db: Database
) -> None:
    """The page, then one batched load per kind of record nested (accounts, warehouses, lines,
    the lines' products); the status costs none (`statements_run` leaves the token's lookup
    out)."""
    caller, seed = await seeded(clients)
    for index in range(197):
        await acme_order(
            caller,
            seed,
            reference=f"BULK-{index}",
            expected_date_of_dispatch="2026-03-20T00:00:00Z",
            lines_changes=[line(seed["widget"], 1), line(seed["bolt"], 2)],
        )
    ten = await statements_for_page(caller, db, PAGE_OF_ORDERS, ORDERS, first=10)
    assert await statements_for_page(caller, db, PAGE_OF_ORDERS, ORDERS, first=200) == ten
    with statements_run(db) as statements:
        await caller.graphql(PAGE_OF_ORDERS, {"first": 200})
    assert len([statement for statement in statements if statement.startswith("SELECT")]) == 5
