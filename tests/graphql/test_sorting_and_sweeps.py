"""`sort` on every list (by id or by `updated_at`, either way), cursors bound to their sort, and
the reconciliation sweep of the README: windows of `updated_at` sorted by it, in which each
change is read exactly once, whatever changes while a sweep pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from tests.graphql.stock import stocked
from tests.support import ApiClientFactory, Caller

PAGE = (
    "query($sort: SortInputType, $first: Int, $after: String, $filter: AccountFilterType) {"
    " accounts { all(sort: $sort, first: $first, after: $after, filter: $filter) {"
    " edges { node { id updated_at } } pageInfo { hasNextPage endCursor } } } }"
)
BY_UPDATE = {"field": "UPDATED_AT", "direction": "ASC"}


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


async def accounts(caller: Caller, count: int) -> list[str]:
    return [str((await caller.create_account(name=f"Account {n}"))["id"]) for n in range(count)]


async def touch(caller: Caller, *account_ids: str) -> None:
    for account_id in account_ids:
        body = {"data": {"type": "accounts", "attributes": {"name": f"Changed {now()}"}}}
        response = await caller.patch(f"/api/accounts/{account_id}", body)
        assert response.status_code == 200, response.text


async def paged(
    caller: Caller,
    *,
    sort: dict[str, str] | None = None,
    first: int = 2,
    filter_: dict[str, Any] | None = None,
    between_pages: Callable[[int], Awaitable[None]] | None = None,
) -> list[str]:
    """The ids of every page in turn; `between_pages(n)` runs after the n-th page."""
    found: list[str] = []
    after: str | None = None
    page_number = 0
    while True:
        variables = {"sort": sort, "first": first, "after": after, "filter": filter_}
        result = await caller.graphql(PAGE, variables)
        assert "errors" not in result, result
        page = result["data"]["accounts"]["all"]
        found += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        page_number += 1
        if between_pages is not None:
            await between_pages(page_number)
        after = page["pageInfo"]["endCursor"]


async def test_lists_sort_by_id_either_way(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    ids = await accounts(caller, 5)
    assert await paged(caller) == ids
    assert await paged(caller, sort={"field": "ID", "direction": "DESC"}) == ids[::-1]
    assert await paged(caller, sort={"direction": "DESC"}, first=500) == ids[::-1]


async def test_lists_sort_by_when_records_changed(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first, second, third = await accounts(caller, 3)
    await touch(caller, first)
    assert await paged(caller, sort=BY_UPDATE, first=1) == [second, third, first]
    descending = {"field": "UPDATED_AT", "direction": "DESC"}
    assert await paged(caller, sort=descending, first=1) == [first, third, second]


async def test_a_cursor_is_only_good_under_its_sort(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await accounts(caller, 2)
    page = await caller.graphql(PAGE, {"first": 1})
    cursor = page["data"]["accounts"]["all"]["pageInfo"]["endCursor"]
    for sort, order in (
        (BY_UPDATE, "updated_at.asc"),
        ({"field": "ID", "direction": "DESC"}, "id.desc"),
    ):
        result = await caller.graphql(PAGE, {"first": 1, "after": cursor, "sort": sort})
        assert result["data"] is None
        assert [error["message"] for error in result["errors"]] == [
            f"The cursor was made for the order id.asc, not {order}: start again without"
            " `after` when changing `sort`."
        ]


async def test_stock_balances_sort_by_when_they_changed(clients: ApiClientFactory) -> None:
    """A balance's updated_at is the latest change of what it sums: taking stock of a balance
    moves it last."""
    caller = await clients.new()
    seed = await stocked(caller)
    query = (
        "query($sort: SortInputType, $after: String) { stock_balances { all(sort: $sort,"
        " first: 1, after: $after) { edges { node { product { id } account { id } updated_at"
        " } } pageInfo { hasNextPage endCursor } } } }"
    )

    async def keys(sort: dict[str, str]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        after = None
        while True:
            result = await caller.graphql(query, {"sort": sort, "after": after})
            assert "errors" not in result, result
            page = result["data"]["stock_balances"]["all"]
            found += [
                (e["node"]["product"]["id"], e["node"]["account"]["id"]) for e in page["edges"]
            ]
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]

    widget, bolt = (seed["widget"], seed["account"]), (seed["bolt"], seed["account"])
    held = (seed["widget"], seed["other_account"])
    assert await keys({"field": "ID"}) == [widget, held, bolt]
    await caller.post(
        f"/api/stocks/{seed['widget_stock']}/negative_adjustment",
        {"data": {"type": "stocks", "attributes": {"quantity": 1}}},
    )
    by_update = await keys(BY_UPDATE)
    assert by_update[-1] == widget
    assert sorted(by_update) == sorted([widget, bolt, held])
    assert await keys({"field": "UPDATED_AT", "direction": "DESC"}) == by_update[::-1]


async def test_a_sweep_reads_each_change_exactly_once(clients: ApiClientFactory) -> None:
    """Three sweeps, each bounded `updated_at: {from: <the last one's upper bound>, lt: <now>}`
    and sorted by UPDATED_AT, two pages at a time, with records changed between pages: those
    already read and those not yet. Each record is read once per sweep whose window holds its
    change, and no change is lost."""
    caller = await clients.new()
    a1, a2, a3, a4, a5, a6, a7 = await accounts(caller, 7)
    start = now()
    await touch(caller, a1, a2, a3, a4, a5, a6, a7)
    window_1 = (start, now())

    async def during_first(page_number: int) -> None:
        if page_number == 1:
            await touch(caller, a1, a5)
        if page_number == 2:
            await touch(caller, a3)

    first = await paged(
        caller, sort=BY_UPDATE, filter_=window(*window_1), between_pages=during_first
    )
    assert first == [a1, a2, a3, a4, a6, a7]

    window_2 = (window_1[1], now())

    async def during_second(page_number: int) -> None:
        if page_number == 1:
            await touch(caller, a1, a7)

    second = await paged(
        caller, sort=BY_UPDATE, filter_=window(*window_2), between_pages=during_second
    )
    assert second == [a1, a5, a3]

    window_3 = (window_2[1], now())
    third = await paged(caller, sort=BY_UPDATE, filter_=window(*window_3))
    assert third == [a1, a7]

    window_4 = (window_3[1], now())
    assert await paged(caller, sort=BY_UPDATE, filter_=window(*window_4)) == []
    everything = await paged(caller, sort=BY_UPDATE, first=500)
    assert everything == [a2, a4, a6, a5, a3, a1, a7]


def window(lower: str, upper: str) -> dict[str, Any]:
    return {"updated_at": {"from": lower, "lt": upper}}
