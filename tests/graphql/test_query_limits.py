"""What a GraphQL operation may ask for: its static cost (`clarus.api.graphql.cost`), its depth,
aliases and fields (`clarus.api.graphql.limits`), checked before it runs, introspection
included; the cost of every answered operation in `extensions.cost`."""

from __future__ import annotations

from typing import Any

from graphql import get_introspection_query

from tests.support import ApiClientFactory, statements_run

LIMIT = 50_000
ACCOUNTS = (
    "query($first: Int) { accounts { all(first: $first) { total_count edges { node {"
    " id code } } pageInfo { hasNextPage } } } }"
)
"""accounts 1 + all 1 + total_count 1,000 + first x (node 1): 1,002 + first."""
PICK_LISTS_DEEP = (
    "query($first: Int) { goods_out_pick_lists { all(first: $first) { edges { node { id"
    " goods_outs { id account { code } lines { id product { code } } } } } } } }"
)
"""2 + first x (1 + 10 x (1 + 1 + 10 x (1 + 1))): 2 + 221 x first; over 50,000 from 227."""


async def test_the_cost_of_an_answered_query_is_reported(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await caller.create_account(code="ACME")
    for first, cost in ((10, 1012), (None, 1102), (500, 1502)):
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
    assert result["extensions"]["cost"]["requested"] == 1502
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


def refusals(body: dict[str, Any]) -> list[str]:
    """The messages of a query refused before it ran (and so before it was costed)."""
    assert body["data"] is None
    assert "extensions" not in body
    return [error["message"] for error in body["errors"]]


def counts(aliases: int) -> str:
    """`aliases` counts of accounts, each under its own name: one count statement each."""
    return (
        "{ accounts { "
        + " ".join(f"c{index}: all(first: 0) {{ total_count }}" for index in range(aliases))
        + " } }"
    )


async def test_each_total_count_costs_a_count_statement(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await caller.create_account(code="ACME")
    result = await caller.graphql(counts(49))
    assert "errors" not in result, result
    assert result["data"]["accounts"] == {f"c{index}": {"total_count": 1} for index in range(49)}
    assert result["extensions"]["cost"] == {"requested": 1 + 49 * (1 + 1_000), "limit": LIMIT}


async def test_aliased_total_counts_over_the_budget_are_refused_unrun(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    cost = 1 + 50 * (1 + 1_000)
    with statements_run(clients.db) as statements:
        result = await caller.graphql(counts(50))
    assert result["data"] is None
    assert result["errors"] == [
        {
            "message": f"The query costs {cost}, over the limit of {LIMIT}: ask for fewer"
            " records a page (first) or fewer nested lists.",
            "extensions": {"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": LIMIT},
        }
    ]
    assert not [statement for statement in statements if "count(" in statement]


async def test_more_than_50_aliases_are_refused_before_the_query_runs(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    fifty = " ".join(
        f"a{index}: accounts {{ all(first: 1) {{ edges {{ node {{ id }} }} }} }}"
        for index in range(50)
    )
    answered = await caller.graphql("{ " + fifty + " }")
    assert "errors" not in answered, answered
    body = (
        await caller.graphql_response("{ " + fifty + " b: accounts { all { total_count } } }")
    ).json()
    assert refusals(body) == ["'anonymous' has 51 aliases, over the limit of 50"]


async def test_300_aliases_of_the_schema_are_refused_before_the_query_runs(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    schemas = " ".join(
        f"s{index}: __schema {{ types {{ name fields {{ name }} }} }}" for index in range(300)
    )
    response = await caller.graphql_response("query { " + schemas + " }")
    assert response.status_code == 200
    assert refusals(response.json()) == [
        "'anonymous' has 300 aliases, over the limit of 50",
        "'anonymous' asks for __schema under 300 names: ask for it once, it is the same every time",
    ]


async def test_the_schema_is_answered_once_a_query(clients: ApiClientFactory) -> None:
    """Under one name, however often it is asked for, GraphQL merges `__schema` into one answer;
    under two, it is refused."""
    caller = await clients.new()
    result = await caller.graphql(
        "{ __schema { queryType { name } } ...again } fragment again on Query {"
        " __schema { mutationType { name } } }"
    )
    assert result["data"] == {"__schema": {"queryType": {"name": "Query"}, "mutationType": None}}
    body = (
        await caller.graphql_response(
            "{ a: __schema { queryType { name } } __schema { queryType { name } } }"
        )
    ).json()
    assert refusals(body) == [
        "'anonymous' asks for __schema under 2 names: ask for it once, it is the same every time"
    ]


def of_types(levels: int) -> str:
    """A query of the fields of Account's fields' types, `levels` of `ofType` deep: its
    depth is 3 + `levels`."""
    return (
        '{ __type(name: "Account") { fields { type { '
        + "ofType { " * levels
        + "name"
        + " }" * (levels + 4)
    )


async def test_introspection_is_held_to_its_depth_limit(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    answered = await caller.graphql(of_types(12))
    assert "errors" not in answered, answered
    for levels in (13, 37):
        body = (await caller.graphql_response(of_types(levels))).json()
        assert refusals(body) == ["'anonymous' exceeds maximum introspection depth of 15"]


async def test_the_introspection_query_of_graphql_tools_is_answered_and_costed(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    result = await caller.graphql(get_introspection_query(descriptions=True))
    assert "errors" not in result, result
    assert result["data"]["__schema"]["queryType"] == {"name": "Query", "kind": "OBJECT"}
    assert result["extensions"]["cost"] == {"requested": 16_424, "limit": LIMIT}


async def test_introspection_counts_in_the_cost(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql("{ __schema { types { name fields { name type { name } } } } }")
    assert "errors" not in result, result
    assert result["extensions"]["cost"] == {
        "requested": 1 + 10 * (1 + 10 * (1 + 1)),
        "limit": LIMIT,
    }


async def test_fragments_spread_again_and_again_are_refused_before_they_are_spread(
    clients: ApiClientFactory,
) -> None:
    """Each fragment spreads the next twice: 30 of them hold 2^30 fields."""
    caller = await clients.new()
    fragments = " ".join(
        f"fragment F{index} on AccountConnection {{ ...F{index + 1} ...F{index + 1} }}"
        for index in range(30)
    )
    response = await caller.graphql_response(
        "{ accounts { all { ...F0 } } } "
        + fragments
        + " fragment F30 on AccountConnection { total_count }"
    )
    assert refusals(response.json()) == [
        f"'anonymous' selects {2 + 2**30} fields once its fragments are spread, over the limit"
        " of 2000"
    ]
