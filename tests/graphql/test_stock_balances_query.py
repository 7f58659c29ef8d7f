"""`stock_balances { all }`: totals per product, account and warehouse of stock and orders
made through REST, read back through GraphQL."""

from __future__ import annotations

import decimal
import json
from collections.abc import Callable
from typing import Any

import pytest

from clarus.core.db import Database
from clarus.inventory.ledger import Entry, StockIdentity, put
from clarus.inventory.statuses import Movement
from tests.graphql.lists import documented_example, statements_for_page
from tests.graphql.orders import created_id
from tests.graphql.stock import Seed, act, add_stock, hold, places, posted
from tests.inbound.factories import added
from tests.support import ApiClientFactory, Caller, without_cost

ROOT = "stock_balances"
WHAT = "product { code } account { code } warehouse { code }"
FilterOf = Callable[[Seed], dict[str, Any]]


async def order(caller: Caller, seed: Seed, account: str, warehouse: str, **attributes: Any) -> str:
    return await created_id(
        caller,
        "goods_outs",
        account_id=int(seed[account]),
        warehouse_id=int(seed[warehouse]),
        expected_date_of_dispatch="2026-05-01T00:00:00Z",
        **attributes,
    )


async def allocate(caller: Caller, order_id: str) -> None:
    await posted(caller, "/api/goods_out_processes/allocate", {"ids": [int(order_id)]})


async def balanced(caller: Caller) -> Seed:
    """`places`, with:

    - WIDGET-RED-500 of ACME in WH1: 240 in stock; SO-1 for 100, allocated; SO-2 for 7, a
      draft; SO-3 for 5, allocated and then cancelled;
    - WIDGET-RED-500 of BETA: 5 held in WH2; 2 added in WH1 and taken again (at 0: no balance);
    - BOLT of ACME in WH1: 10 in stock and 4 of another batch held;
    - BOLT of BETA in WH2: no stock, WO-1 for 4.
    """
    seed = await places(caller)
    widget, bolt = seed["widget"], seed["bolt"]
    acme, beta = seed["account"], seed["other_account"]
    await add_stock(caller, widget, acme, seed["location"], 240)
    await hold(caller, await add_stock(caller, widget, beta, seed["overflow"], 5))
    gone = await add_stock(caller, widget, beta, seed["location"], 2)
    await act(caller, gone, "negative_adjustment", quantity=2)
    await add_stock(caller, bolt, acme, seed["location"], 10)
    await hold(caller, await add_stock(caller, bolt, acme, seed["location"], 4, string1="LOT-H"))
    for reference, quantity, status in (("SO-1", 100, 2), ("SO-2", 7, 1), ("SO-3", 5, 2)):
        seed[reference] = await order(
            caller,
            seed,
            "account",
            "warehouse",
            reference=reference,
            goods_out_status_id=status,
            lines_changes=[added(product_id=int(widget), order_quantity=quantity)],
        )
    await allocate(caller, seed["SO-1"])
    await allocate(caller, seed["SO-3"])
    response = await caller.post(f"/api/goods_outs/{seed['SO-3']}/cancel", None)
    assert response.status_code == 200, response.text
    await order(
        caller,
        seed,
        "other_account",
        "other_warehouse",
        reference="WO-1",
        lines_changes=[added(product_id=int(bolt), order_quantity=4)],
    )
    return seed


def balance(
    product: str,
    account: str,
    warehouse: str,
    *,
    available: float = 0.0,
    allocated: float = 0.0,
    ordered: float = 0.0,
    received: float = 0.0,
    picked: float = 0.0,
    held: float = 0.0,
) -> dict[str, Any]:
    return {
        "available": available,
        "allocated": allocated,
        "ordered": ordered,
        "received": received,
        "picked": picked,
        "held": held,
        "product": {"code": product},
        "account": {"code": account},
        "warehouse": {"code": warehouse},
    }


BALANCES = {
    "acme_widgets": balance(
        "WIDGET-RED-500", "ACME", "WH1", available=140, allocated=100, ordered=107
    ),
    "beta_widgets": balance("WIDGET-RED-500", "BETA", "WH2", held=5),
    "acme_bolts": balance("BOLT", "ACME", "WH1", available=10, held=4),
    "beta_bolts": balance("BOLT", "BETA", "WH2", ordered=4),
}


async def balances(caller: Caller, filter_: dict[str, Any] | None = None) -> list[Any]:
    result = await caller.graphql(
        "query($filter: StockBalancesFilterType) { stock_balances { all(filter: $filter) {"
        f" edges {{ node {{ available allocated ordered received picked held {WHAT} }} }} }} }} }}",
        {"filter": filter_},
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"][ROOT]["all"]["edges"]]


async def test_a_balance_per_product_account_and_warehouse(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await balanced(caller)
    assert await balances(caller) == list(BALANCES.values())


async def test_the_documented_example_query_returns_what_was_made(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    seed = await balanced(caller)
    example = documented_example("ListStockBalances")
    result = await caller.graphql(example["query"], example["variables"])
    widget = {"id": seed["widget"], "code": "WIDGET-RED-500"}
    assert without_cost(result) == {
        "data": {
            ROOT: {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "available": 140.0,
                                "allocated": 100.0,
                                "ordered": 107.0,
                                "received": 0.0,
                                "picked": 0.0,
                                "product": widget,
                                "account": {"id": seed["account"], "code": "ACME"},
                                "warehouse": {"id": seed["warehouse"]},
                            }
                        },
                        {
                            "node": {
                                "available": 0.0,
                                "allocated": 0.0,
                                "ordered": 0.0,
                                "received": 0.0,
                                "picked": 0.0,
                                "product": widget,
                                "account": {"id": seed["other_account"], "code": "BETA"},
                                "warehouse": {"id": seed["other_warehouse"]},
                            }
                        },
                    ]
                }
            }
        }
    }


async def test_received_sums_the_receipts_in_the_ledger(
    clients: ApiClientFactory, db: Database
) -> None:
    """There is no receiving over the API yet: the receipts are written by the ledger function
    receiving will use."""
    caller = await clients.new()
    seed = await balanced(caller)
    identity = StockIdentity(
        product_id=int(seed["widget"]),
        account_id=int(seed["account"]),
        warehouse_id=int(seed["warehouse"]),
        location_id=int(seed["other_location"]),
        storage_unit_id=None,
        status="available",
    )
    async with db.write_session() as session:
        for quantity in ("20", "2.5"):
            await put(
                session,
                tenant_id=caller.tenant_id,
                identity=identity,
                quantity=decimal.Decimal(quantity),
                fifo_date=None,
                entry=Entry(Movement.RECEIPT, user_id=None),
            )
    assert await balances(caller, {"product_code": {"eq": "WIDGET-RED-500"}}) == [
        {**BALANCES["acme_widgets"], "available": 162.5, "received": 22.5},
        BALANCES["beta_widgets"],
    ]


@pytest.mark.parametrize(
    ("filter_of", "expected"),
    [
        (lambda seed: {"product_id": {"eq": seed["bolt"]}}, ["acme_bolts", "beta_bolts"]),
        (lambda seed: {"product_id": {"eq": "999999999"}}, []),
        (lambda seed: {"product_code": {"eq": "BOLT"}}, ["acme_bolts", "beta_bolts"]),
        (lambda seed: {"product_code": {"ilike": "widget"}}, ["acme_widgets", "beta_widgets"]),
        (lambda seed: {"product_code": {"eq": "NUT"}}, []),
        (lambda seed: {"account_id": {"eq": seed["account"]}}, ["acme_widgets", "acme_bolts"]),
        (lambda seed: {"account_id": {"in": ["999999999"]}}, []),
        (
            lambda seed: {"warehouse_id": {"eq": seed["other_warehouse"]}},
            ["beta_widgets", "beta_bolts"],
        ),
        (
            lambda seed: {
                "account_id": {"eq": seed["other_account"]},
                "warehouse_id": {"eq": seed["warehouse"]},
            },
            [],
        ),
        (lambda seed: {"available": {"gt": "0"}}, ["acme_widgets", "acme_bolts"]),
        (lambda seed: {"available": {"eq": "0"}}, ["beta_widgets", "beta_bolts"]),
        (lambda seed: {"available": {"between": ["10", "140"]}}, ["acme_widgets", "acme_bolts"]),
        (lambda seed: {"available": {"gt": "140"}}, []),
        (lambda seed: {"allocated": {"gteq": "100"}}, ["acme_widgets"]),
        (lambda seed: {"allocated": {"lt": "0"}}, []),
        (
            lambda seed: {"picked": {"eq": "0"}},
            ["acme_widgets", "beta_widgets", "acme_bolts", "beta_bolts"],
        ),
        (lambda seed: {"picked": {"gt": "0"}}, []),
        (lambda seed: {"ordered": {"gt": "0"}}, ["acme_widgets", "beta_bolts"]),
        (
            lambda seed: {"held": {"lteq": "4"}, "product_code": {"eq": "BOLT"}},
            ["acme_bolts", "beta_bolts"],
        ),
        (lambda seed: {"held": {"gt": "4"}}, ["beta_widgets"]),
    ],
    ids=lambda value: "" if callable(value) else json.dumps(value),
)
async def test_filters(clients: ApiClientFactory, filter_of: FilterOf, expected: list[str]) -> None:
    caller = await clients.new()
    seed = await balanced(caller)
    assert await balances(caller, filter_of(seed)) == [BALANCES[name] for name in expected]


PAGE = (
    "query($first: Int, $after: String, $filter: StockBalancesFilterType) { stock_balances {"
    " all(first: $first, after: $after, filter: $filter) { total_count edges { cursor node {"
    f" {WHAT} }} }} pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }} }} }}"
)


async def test_pages_follow_the_cursor(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await balanced(caller)
    first = (await caller.graphql(PAGE, {"first": 3}))["data"][ROOT]["all"]
    names = list(BALANCES)
    nodes = [edge["node"] for edge in first["edges"]]
    assert [BALANCES[name] for name in names[:3]] == [
        {**BALANCES[name], **node} for name, node in zip(names[:3], nodes, strict=True)
    ]
    assert first["total_count"] == 4
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["endCursor"] == first["edges"][-1]["cursor"]
    second = await caller.graphql(PAGE, {"first": 3, "after": first["pageInfo"]["endCursor"]})
    page = second["data"][ROOT]["all"]
    assert [edge["node"]["product"]["code"] for edge in page["edges"]] == ["BOLT"]
    assert [edge["node"]["account"]["code"] for edge in page["edges"]] == ["BETA"]
    assert (page["total_count"], page["pageInfo"]["hasNextPage"]) == (4, False)
    assert page["pageInfo"]["hasPreviousPage"] is True
    filtered = await caller.graphql(
        PAGE,
        {"first": 1, "filter": {"available": {"eq": "0"}}, "after": first["edges"][0]["cursor"]},
    )
    assert filtered["data"][ROOT]["all"]["total_count"] == 2
    assert [
        edge["node"]["warehouse"]["code"] for edge in filtered["data"][ROOT]["all"]["edges"]
    ] == ["WH2"]


async def test_a_cursor_is_only_good_in_its_tenant(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    await balanced(owner)
    await balanced(stranger)
    cursor = (await owner.graphql(PAGE, {"first": 1}))["data"][ROOT]["all"]["pageInfo"]["endCursor"]
    for after in (cursor, "nonsense", "djE6MTox"):
        result = await stranger.graphql(PAGE, {"first": 1, "after": after})
        assert result["data"] is None
        assert [error["message"] for error in result["errors"]] == ["The cursor is not valid."]


async def test_another_tenants_balances_are_invisible(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    seed = await balanced(owner)
    assert await balances(stranger) == []
    assert await balances(stranger, {"product_id": {"eq": seed["widget"]}}) == []
    stranger_seed = await places(stranger)
    await add_stock(
        stranger, stranger_seed["widget"], stranger_seed["account"], stranger_seed["location"], 1
    )
    assert await balances(stranger) == [balance("WIDGET-RED-500", "ACME", "WH1", available=1)]
    assert await balances(owner) == list(BALANCES.values())


NESTED = (
    "query($first: Int) { stock_balances { all(first: $first) { total_count edges { node {"
    " available ordered product { code } account { code } warehouse { code } } } } } }"
)


async def test_a_page_costs_the_same_statements_whatever_its_size(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    await balanced(caller)
    few = await statements_for_page(caller, db, NESTED, ROOT, first=1)
    assert await statements_for_page(caller, db, NESTED, ROOT, first=4) == few
