"""`transactions { all }`: the ledger rows the REST stock actions write, read back through
GraphQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from clarus.core.db import Database
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import transactions
from tests.graphql.lists import documented_example, field_names, listed, pages, statements_for_page
from tests.graphql.stock import Seed, act, add_stock, hold, places
from tests.support import ApiClientFactory, Caller, without_cost

ROOT, FILTER = "transactions", "TransactionFilterType"
FilterOf = Callable[[Seed], dict[str, Any]]


async def ledgered(caller: Caller) -> Seed:
    """`places`, then: 10 WIDGET-RED-500 of ACME added in AISLE-04-BAY-12 ("stock"), 4 of them
    moved to PACK-02 ("moved"), 2 transferred to BETA ("transferred"), 1 taken by a negative
    adjustment, the rest held; and 3 BOLT of BETA added in OVERFLOW-01 in WH2 ("bolts").
    The rows' ids are "t1".."t8", in the order written."""
    seed = await places(caller)
    seed["stock"] = await add_stock(caller, seed["widget"], seed["account"], seed["location"], 10)
    seed["moved"] = await act(
        caller, seed["stock"], "move", quantity=4, to_location_id=int(seed["other_location"])
    )
    seed["transferred"] = await act(
        caller, seed["stock"], "transfer", quantity=2, to_account_id=int(seed["other_account"])
    )
    await act(caller, seed["stock"], "negative_adjustment", quantity=1)
    await hold(caller, seed["stock"])
    seed["bolts"] = await add_stock(
        caller, seed["bolt"], seed["other_account"], seed["overflow"], 3
    )
    for index, row_id in enumerate(await listed(caller, ROOT, FILTER, {}), start=1):
        seed[f"t{index}"] = row_id
    return seed


LEDGER_ROW = (
    "id stock_id subtype category quantity product_id account_id warehouse_id"
    " location_from_id location_to_id goods_out_id goods_in_receipt_id reason_code_id description"
)


async def test_the_ledger_lists_every_change_in_order(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    seed = await ledgered(caller)
    result = await caller.graphql(
        f"{{ transactions {{ all {{ edges {{ node {{ {LEDGER_ROW} }} }} }} }} }}"
    )
    assert "errors" not in result, result
    rows = [edge["node"] for edge in result["data"][ROOT]["all"]["edges"]]
    assert [int(row["id"]) for row in rows] == sorted(int(row["id"]) for row in rows)
    shown = [
        (
            row["stock_id"],
            row["subtype"],
            row["category"],
            row["quantity"],
            row["product_id"],
            row["account_id"],
            row["warehouse_id"],
            row["location_from_id"],
            row["location_to_id"],
        )
        for row in rows
    ]
    stock, moved, transferred, bolts = (seed[n] for n in ("stock", "moved", "transferred", "bolts"))
    widget, bolt, acme, beta = (seed[n] for n in ("widget", "bolt", "account", "other_account"))
    wh1, wh2 = seed["warehouse"], seed["other_warehouse"]
    aisle, pack, overflow = seed["location"], seed["other_location"], seed["overflow"]
    assert shown == [
        (stock, "ADJ", "POSITIVE_ADJUSTMENT", 10.0, widget, acme, wh1, None, aisle),
        (stock, "MOVE", "MOVE", -4.0, widget, acme, wh1, aisle, pack),
        (moved, "MOVE", "MOVE", 4.0, widget, acme, wh1, aisle, pack),
        (stock, "TRAN", "ACCOUNT_TRANSFER", -2.0, widget, acme, wh1, aisle, None),
        (transferred, "TRAN", "ACCOUNT_TRANSFER", 2.0, widget, beta, wh1, aisle, aisle),
        (stock, "ADJ", "NEGATIVE_ADJUSTMENT", -1.0, widget, acme, wh1, aisle, None),
        (stock, "HOLD", "HOLD", 0.0, widget, acme, wh1, aisle, aisle),
        (bolts, "ADJ", "POSITIVE_ADJUSTMENT", 3.0, bolt, beta, wh2, None, overflow),
    ]
    assert {
        (row["goods_out_id"], row["goods_in_receipt_id"], row["reason_code_id"], row["description"])
        for row in rows
    } == {(None, None, None, None), (None, None, None, "QC")}


async def test_the_documented_example_query_returns_what_was_made(
    clients: ApiClientFactory,
) -> None:
    """Nothing is picked yet (there is no picking), so the documented `{subtype: {eq: PICK}}`
    finds nothing; the same query for the adjustments shows them whole."""
    caller = await clients.new()
    seed = await ledgered(caller)
    example = documented_example("ListTransactions")
    assert without_cost(await caller.graphql(example["query"], example["variables"])) == {
        "data": {ROOT: {"all": {"edges": []}}}
    }
    result = await caller.graphql(example["query"], {"filter": {"subtype": {"eq": "ADJ"}}})
    assert "errors" not in result, result
    [user] = await listed(caller, "subdomain_users", "SubdomainUserFilterType", {})
    nodes = [edge["node"] for edge in result["data"][ROOT]["all"]["edges"]]
    for node in nodes:
        assert node.pop("created_at").endswith("Z")
    widget = {"id": seed["widget"], "code": "WIDGET-RED-500"}
    aisle = {"id": seed["location"], "code": "AISLE-04-BAY-12"}
    acme = {"id": seed["account"], "code": "ACME"}
    assert nodes == [
        {
            "id": seed["t1"],
            "subtype": "ADJ",
            "category": "POSITIVE_ADJUSTMENT",
            "quantity": 10.0,
            "product": widget,
            "account": acme,
            "location_from": None,
            "location_to": aisle,
            "completing_user": {"id": user},
        },
        {
            "id": seed["t6"],
            "subtype": "ADJ",
            "category": "NEGATIVE_ADJUSTMENT",
            "quantity": -1.0,
            "product": widget,
            "account": acme,
            "location_from": aisle,
            "location_to": None,
            "completing_user": {"id": user},
        },
        {
            "id": seed["t8"],
            "subtype": "ADJ",
            "category": "POSITIVE_ADJUSTMENT",
            "quantity": 3.0,
            "product": {"id": seed["bolt"], "code": "BOLT"},
            "account": {"id": seed["other_account"], "code": "BETA"},
            "location_from": None,
            "location_to": {"id": seed["overflow"], "code": "OVERFLOW-01"},
            "completing_user": {"id": user},
        },
    ]


async def test_the_changing_user_stock_and_warehouse_are_nested(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    seed = await ledgered(caller)
    result = await caller.graphql(
        "query($filter: TransactionFilterType) { transactions { all(filter: $filter) { edges {"
        " node { completing_user_id completing_user { id user_type name } stock { id quantity"
        " status } warehouse { code } } } } } }",
        {"filter": {"id": {"eq": seed["t2"]}}},
    )
    assert "errors" not in result, result
    [edge] = result["data"][ROOT]["all"]["edges"]
    user = edge["node"]["completing_user"]
    assert edge["node"] == {
        "completing_user_id": user["id"],
        "completing_user": {"id": user["id"], "user_type": "api", "name": "tests"},
        "stock": {"id": seed["stock"], "quantity": 3.0, "status": "held"},
        "warehouse": {"code": "WH1"},
    }


async def test_every_column_is_a_field_and_every_subtype_a_filter_value(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    missing = set(transactions.c.keys()) - await field_names(caller, "Transaction")
    assert missing == {"tenant_id"}
    result = await caller.graphql('{ __type(name: "SubtypeType") { enumValues { name } } }')
    names = {value["name"] for value in result["data"]["__type"]["enumValues"]}
    assert names == {movement.subtype for movement in Movement}


@pytest.mark.parametrize(
    ("filter_of", "expected"),
    [
        (lambda seed: {"subtype": {"eq": "MOVE"}}, ["t2", "t3"]),
        (lambda seed: {"subtype": {"in": ["ADJ", "HOLD"]}}, ["t1", "t6", "t7", "t8"]),
        (lambda seed: {"subtype": {"eq": "PICK"}}, []),
        (lambda seed: {"subtype": {"in": []}}, []),
        (lambda seed: {"category": {"eq": "NEGATIVE_ADJUSTMENT"}}, ["t6"]),
        (lambda seed: {"category": {"ilike": "ADJUST"}}, ["t1", "t6", "t8"]),
        (lambda seed: {"category": {"eq": "PICK"}}, []),
        (lambda seed: {"product_id": {"eq": seed["bolt"]}}, ["t8"]),
        (lambda seed: {"product_id": {"eq": "999999999"}}, []),
        (lambda seed: {"account_id": {"eq": seed["other_account"]}}, ["t5", "t8"]),
        (lambda seed: {"warehouse_id": {"eq": seed["other_warehouse"]}}, ["t8"]),
        (lambda seed: {"warehouse_id": {"in": ["999999999"]}}, []),
        (
            lambda seed: {"created_at": {"from": "2000-01-01T00:00:00Z"}},
            ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"],
        ),
        (lambda seed: {"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
        (lambda seed: {"goods_out_id": {"eq": "1"}}, []),
        (lambda seed: {"goods_out_id": {"filled": True}}, []),
        (lambda seed: {"goods_in_receipt_id": {"filled": True}}, []),
        (
            lambda seed: {"location_from_id": {"eq": seed["location"]}},
            ["t2", "t3", "t4", "t5", "t6", "t7"],
        ),
        (lambda seed: {"location_from_id": {"filled": False}}, ["t1", "t8"]),
        (lambda seed: {"location_from_id": {"eq": seed["overflow"]}}, []),
        (lambda seed: {"location_to_id": {"eq": seed["other_location"]}}, ["t2", "t3"]),
        (lambda seed: {"location_to_id": {"filled": False}}, ["t4", "t6"]),
        (lambda seed: {"stock_id": {"eq": seed["moved"]}}, ["t3"]),
        (lambda seed: {"id": {"gt": seed["t6"]}}, ["t7", "t8"]),
        (lambda seed: {"subtype": {"eq": "HOLD"}, "category": {"eq": "HOLD"}}, ["t7"]),
    ],
    ids=lambda value: "" if callable(value) else json.dumps(value),
)
async def test_filters(clients: ApiClientFactory, filter_of: FilterOf, expected: list[str]) -> None:
    caller = await clients.new()
    seed = await ledgered(caller)
    found = await listed(caller, ROOT, FILTER, filter_of(seed))
    assert found == [seed[name] for name in expected]


async def test_an_unknown_subtype_is_refused(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql(
        "query($filter: TransactionFilterType) { transactions { all(filter: $filter) {"
        " edges { node { id } } } } }",
        {"filter": {"subtype": {"eq": "PIK"}}},
    )
    assert result["data"] is None
    [error] = result["errors"]
    assert "PIK" in error["message"]
    assert "SubtypeType" in error["message"]


async def test_include_archived_changes_nothing(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await ledgered(caller)
    found = []
    for include_archived in (True, False, None):
        result = await caller.graphql(
            "query($archived: Boolean) { transactions { all(include_archived: $archived) {"
            " total_count edges { node { id } } } } }",
            {"archived": include_archived},
        )
        assert "errors" not in result, result
        found.append(result["data"][ROOT]["all"])
    assert found[0] == found[1] == found[2]
    assert found[0]["total_count"] == 8


async def test_pages_follow_the_cursor(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    seed = await ledgered(caller)
    assert await pages(caller, ROOT, first=3) == [
        {"nodes": [seed["t1"], seed["t2"], seed["t3"]], "total_count": 8, "has_next_page": True},
        {"nodes": [seed["t4"], seed["t5"], seed["t6"]], "total_count": 8, "has_next_page": True},
        {"nodes": [seed["t7"], seed["t8"]], "total_count": 8, "has_next_page": False},
    ]


async def test_another_tenants_ledger_is_invisible(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    seed = await ledgered(owner)
    assert await listed(stranger, ROOT, FILTER, {}) == []
    assert await listed(stranger, ROOT, FILTER, {"id": {"eq": seed["t1"]}}) == []


NESTED = (
    "query($first: Int) { transactions { all(first: $first) { total_count edges { node {"
    " id product { code } account { code } warehouse { code } location_from { code }"
    " location_to { code } completing_user { email } stock { quantity location { code } } } } } } }"
)


async def test_a_page_costs_the_same_statements_whatever_its_size(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    await ledgered(caller)
    few = await statements_for_page(caller, db, NESTED, ROOT, first=1)
    assert await statements_for_page(caller, db, NESTED, ROOT, first=7) == few
