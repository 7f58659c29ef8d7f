"""What a GraphQL operation may ask for: its static cost (`clarus.api.graphql.cost`) and its
depth, checked before it runs; the cost of every answered operation in `extensions.cost`."""

from __future__ import annotations

from tests.support import ApiClientFactory

LIMIT = 50_000
ACCOUNTS = (
    "query($first: Int) { accounts { all(first: $first) { total_count edges { node {"
    " id code } } pageInfo { hasNextPage } } } }"
)
"""accounts 1 + all 1 + total_count 1 + first x (node 1): 3 + first."""
PICK_LISTS_DEEP = (
    "query($first: Int) { goods_out_pick_lists { all(first: $first) { edges { node { id"
    " goods_outs { id account { code } lines { id product { code } } } } } } } }"
)
"""2 + first x (1 + 10 x (1 + 1 + 10 x (1 + 1))): 2 + 221 x first; over 50,000 from 227."""


async def test_the_cost_of_an_answered_query_is_reported(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await caller.create_account(code="ACME")
    for first, cost in ((10, 13), (None, 103), (500, 503)):
        result = await caller.graphql(ACCOUNTS, {"first": first})
        assert "errors" not in result, result
        assert result["extensions"] == {"cost": {"requested": cost, "limit": LIMIT}}


async def test_literal_first_and_fragments_are_costed(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql(
        "query { accounts { all(first: 7) { ...page } } } fragment page on AccountConnection {"
        " edges { node { id } } }"
    )
    assert "errors" not in result, result
    assert result["extensions"]["cost"] == {"requested": 9, "limit": LIMIT}


async def test_a_variable_left_out_costs_its_default(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql(
        "query($first: Int = 20) { accounts { all(first: $first) { edges { node { id } } } } }"
    )
    assert "errors" not in result, result
    assert result["extensions"]["cost"] == {"requested": 22, "limit": LIMIT}


async def test_nested_lists_multiply(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql(PICK_LISTS_DEEP, {"first": 226})
    assert "errors" not in result, result
    assert result["extensions"]["cost"] == {"requested": 2 + 221 * 226, "limit": LIMIT}


async def test_a_query_over_the_cost_limit_is_refused_before_it_runs(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    response = await caller.graphql_response(PICK_LISTS_DEEP, {"first": 227})
    assert response.status_code == 200
    body = response.json()
    cost = 2 + 221 * 227
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": f"The query costs {cost}, over the limit of {LIMIT}: ask for fewer"
            " records a page (first) or fewer nested lists.",
            "extensions": {"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": LIMIT},
        }
    ]
    assert body["extensions"] == {"cost": {"requested": cost, "limit": LIMIT}}


async def test_first_beyond_the_page_size_cap_is_costed_at_the_cap_and_refused_by_it(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    result = await caller.graphql(ACCOUNTS, {"first": 100_000})
    assert result["extensions"]["cost"]["requested"] == 503
    assert [error["message"] for error in result["errors"]] == ["first must be between 0 and 500"]


async def test_a_query_too_deep_is_refused_before_it_is_costed(clients: ApiClientFactory) -> None:
    """A valid query 14 fields deep (the limit is 12): orders and their lines, back and forth."""
    caller = await clients.new()
    back_and_forth = "goods_out { lines { " * 5
    response = await caller.graphql_response(
        "{ goods_out_lines { all { edges { node { "
        + back_and_forth
        + "id"
        + " } }" * 5
        + " } } } } }"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert [error["message"] for error in body["errors"]] == [
        "'anonymous' exceeds maximum operation depth of 12"
    ]
    assert "extensions" not in body
