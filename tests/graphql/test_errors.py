"""How a GraphQL answer tells the caller's mistakes from ours: a refusal of what the caller
asked for carries `extensions.code` `BAD_USER_INPUT` (the label GraphQL clients and
schemathesis read as a client error), even though it is raised while resolving a field."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.support import ApiClientFactory

ACCOUNTS = "query($first: Int) { accounts { all(first: $first) { edges { node { id } } } } }"
DELIVERIES = '{ webhook_attempts { all(filter: { automation_id: { eq: "" } }) { total_count } } }'


async def test_a_page_size_out_of_range_is_labelled_bad_user_input(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    response = await caller.graphql_response(ACCOUNTS, {"first": -1})
    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "first must be between 0 and 500",
                "locations": [{"line": 1, "column": 33}],
                "path": ["accounts", "all"],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ],
        "extensions": {"cost": {"requested": 2, "limit": 50_000}},
    }


async def test_a_filter_on_something_that_is_not_an_id_is_labelled_bad_user_input(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new(scopes=("read", "admin"))
    result = await caller.graphql(DELIVERIES)
    assert result["data"] is None
    assert [(error["message"], error["extensions"]) for error in result["errors"]] == [
        ("automation_id: '' is not an id", {"code": "BAD_USER_INPUT"})
    ]


def forged_cursor(tenant_id: int, order: str, key: str) -> str:
    """A cursor as the server makes them (`clarus.core.pagination`), holding any key."""
    raw = f"v2:{tenant_id}:{order}:{key}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("order", "key"),
    [
        ("id.asc", str(2**63)),
        ("id.asc", str(-(2**63) - 1)),
        ("id.asc", "9" * 40),
        ("updated_at.asc", f"{2**63}.1"),
        ("updated_at.asc", f"{2**62}.1"),
        ("updated_at.desc", f"{-(2**62)}.1"),
    ],
)
async def test_a_cursor_key_out_of_range_is_labelled_bad_user_input(
    clients: ApiClientFactory, order: str, key: str
) -> None:
    caller = await clients.new()
    await caller.create_account(code="ACME")
    field, direction = order.split(".")
    result = await caller.graphql(
        "query($after: String, $sort: SortInputType) { accounts { all(after: $after, sort: $sort)"
        " { edges { node { id } } } } }",
        {
            "after": forged_cursor(caller.tenant_id, order, key),
            "sort": {"field": field.upper(), "direction": direction.upper()},
        },
    )
    assert result["data"] is None
    assert [(error["message"], error["extensions"]) for error in result["errors"]] == [
        ("The cursor is not valid.", {"code": "BAD_USER_INPUT"})
    ]


@pytest.mark.parametrize(
    "bounds",
    [
        {"gt": "1e20"},
        {"eq": 1e20},
        {"lteq": "-100000000000"},
        {"between": [0, "1e20"]},
        {"eq": "NaN"},
        {"gt": "-Infinity"},
        {"eq": "1e400000"},
    ],
)
async def test_a_quantity_filter_out_of_the_column_range_is_labelled_bad_user_input(
    clients: ApiClientFactory, bounds: dict[str, Any]
) -> None:
    caller = await clients.new()
    result = await caller.graphql(
        "query($filter: StockFilterType) { stocks { all(filter: $filter) {"
        " edges { node { id } } } } }",
        {"filter": {"quantity": bounds}},
    )
    assert result["data"] is None
    assert [(error["message"], error["extensions"]) for error in result["errors"]] == [
        (
            "quantity: a number between -99999999999.9999 and 99999999999.9999",
            {"code": "BAD_USER_INPUT"},
        )
    ]


CREATED_FROM = "{ accounts { all(filter: { created_at: { from: %s } }) { total_count } } }"
CREATED_FROM_VARIABLE = """
query($since: ISO8601DateTime) {
  accounts { all(filter: { created_at: { from: $since } }) { total_count } }
}"""


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("9999-12-31T23:59:59-14:00", "the datetime in UTC is outside the years 1 to 9999"),
        ("0001-01-01T00:00:00+14:00", "the datetime in UTC is outside the years 1 to 9999"),
        ("2024-01-01T00:00:00", "expected an ISO 8601 datetime with a timezone"),
        ("yesterday", "expected an ISO 8601 datetime with a timezone"),
    ],
)
async def test_a_datetime_filter_refuses_what_is_not_a_utc_moment_as_bad_user_input(
    clients: ApiClientFactory, value: str, reason: str
) -> None:
    caller = await clients.new()
    expected = f"Expected value of type 'ISO8601DateTime', but encountered error '{reason}'"
    literal = await caller.graphql(CREATED_FROM % f'"{value}"')
    variable = await caller.graphql(CREATED_FROM_VARIABLE, {"since": value})
    assert [(error["message"], error["extensions"]) for error in literal["errors"]] == [
        (f'filter.created_at.from: {expected}; found: "{value}".', {"code": "BAD_USER_INPUT"})
    ]
    assert [(error["message"], error["extensions"]) for error in variable["errors"]] == [
        (
            f"Variable '$since' has invalid value: {expected}; found: '{value}'.",
            {"code": "BAD_USER_INPUT"},
        )
    ]
    assert literal["data"] is None
    assert variable["data"] is None


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (
            "query($f: AccountFilterType) { accounts { all(filter: $f) { total_count } } }",
            {"f": {"code": {"eq": "A\u0000"}}},
            "code.eq must not contain NUL characters",
        ),
        (
            "query($f: AccountFilterType) { accounts { all(filter: $f) { total_count } } }",
            {"f": {"name": {"in": ["A", "B\u0000"]}}},
            "name.in must not contain NUL characters",
        ),
        (
            '{ automations { all(filter: { event: { eq: "a\\u0000" } }) { total_count } } }',
            {},
            "event.eq must not contain NUL characters",
        ),
    ],
    ids=["eq", "in", "custom-condition"],
)
async def test_a_filter_text_with_a_nul_is_bad_user_input(
    clients: ApiClientFactory, query: str, variables: dict[str, object], message: str
) -> None:
    """PostgreSQL refuses a NUL in any text, so a filter holding one is refused before it
    reaches the database, on every backend alike."""
    caller = await clients.new(scopes=("read", "admin"))
    result = await caller.graphql(query, variables)
    assert result["data"] is None
    assert [(error["message"], error["extensions"]) for error in result["errors"]] == [
        (message, {"code": "BAD_USER_INPUT"})
    ]


async def test_an_integer_literal_no_int_can_hold_is_bad_user_input(
    clients: ApiClientFactory,
) -> None:
    """Python refuses to read an integer of more than 4300 digits with a plain `ValueError`;
    it is still the caller's literal, so it is labelled and shown, not masked."""
    caller = await clients.new()
    digits = "9" * 5000
    result = await caller.graphql(f"{{ accounts {{ all(first: {digits}) {{ total_count }} }} }}")
    assert result["data"] is None
    assert [(error["message"], error["extensions"]) for error in result["errors"]] == [
        ("first: Expected value of type 'Int'.", {"code": "BAD_USER_INPUT"})
    ]


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (
            ACCOUNTS,
            {"first": "abc"},
            "Variable '$first' has invalid value: Int cannot represent non-integer value: 'abc'",
        ),
        (
            "query($id: ID!) { accounts { all(filter: {id: {eq: $id}}) { total_count } } }",
            {"id": {"a": 1}},
            "Variable '$id' has invalid value: ID cannot represent value: {'a': 1}",
        ),
        (
            "query($id: ID!) { accounts { all(filter: {id: {eq: $id}}) { total_count } } }",
            {},
            "Variable '$id' has invalid value:"
            " Expected a value of non-null type 'ID!' to be provided.",
        ),
    ],
)
async def test_a_variable_a_built_in_scalar_refuses_is_labelled_bad_user_input(
    clients: ApiClientFactory, query: str, variables: dict[str, Any], message: str
) -> None:
    caller = await clients.new()
    result = await caller.graphql(query, variables)
    assert result["data"] is None
    assert [(error["message"], error["extensions"]) for error in result["errors"]] == [
        (message, {"code": "BAD_USER_INPUT"})
    ]
