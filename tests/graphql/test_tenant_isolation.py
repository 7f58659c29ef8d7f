"""One tenant never reads another's records through GraphQL: for every root of the Query type
(found by introspecting the schema, so new roots are covered without a change here), two tenants
with records of it each list only their own, in the nodes and in the records nested in them, and
a cursor of one is refused in the other."""

from __future__ import annotations

import dataclasses

import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type

from clarus.api.graphql.schema import schema
from tests.graphql.seeding import tenant_with_every_root
from tests.support import ApiClientFactory, Caller

QUERY_TYPE = schema._schema.query_type
assert QUERY_TYPE is not None
ROOTS = sorted(QUERY_TYPE.fields)
Seen = set[tuple[str, str]]
SHARED_TYPES = frozenset({"GoodsOutStatus", "TaskType"})
"""Fixed enumerations every tenant shares (an order's status, a task's type), not records."""
_TENANTS: dict[int, tuple[Caller, Caller]] = {}
"""The two seeded tenants, made once for every root's test (seeding all roots takes a while)."""


def node_type(root: str) -> GraphQLObjectType:
    """The node type of `root { all }`."""
    namespace = get_named_type(QUERY_TYPE.fields[root].type)
    assert isinstance(namespace, GraphQLObjectType)
    connection = get_named_type(namespace.fields["all"].type)
    assert isinstance(connection, GraphQLObjectType)
    edge = get_named_type(connection.fields["edges"].type)
    assert isinstance(edge, GraphQLObjectType)
    node = get_named_type(edge.fields["node"].type)
    assert isinstance(node, GraphQLObjectType)
    return node


def selection(node: GraphQLObjectType) -> str:
    """`__typename` and `id` of the node and of every record with an id nested in it."""
    fields = ["__typename"] + (["id"] if "id" in node.fields else [])
    for name, field in node.fields.items():
        nested = get_named_type(field.type)
        if is_leaf_type(nested) or field.args or not isinstance(nested, GraphQLObjectType):
            continue
        if "id" in nested.fields:
            fields.append(f"{name} {{ __typename id }}")
    return " ".join(fields)


def page_query(root: str) -> str:
    return (
        f"query($after: String, $first: Int) {{ {root} {{ all(first: $first, after: $after) {{"
        f" edges {{ node {{ {selection(node_type(root))} }} }} pageInfo {{ endCursor }} }} }} }}"
    )


def records_in(value: object) -> Seen:
    """Every (type, id) in a result, at any depth."""
    found: Seen = set()
    if isinstance(value, dict):
        if "id" in value and value.get("__typename", "") not in SHARED_TYPES:
            found.add((value["__typename"], value["id"]))
        for item in value.values():
            found |= records_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= records_in(item)
    return found


async def seeded_tenant(clients: ApiClientFactory) -> Caller:
    caller = await clients.new()
    await tenant_with_every_root(caller, clients.db)
    return caller


async def two_tenants(clients: ApiClientFactory) -> tuple[Caller, Caller]:
    key = id(clients.db)
    if key not in _TENANTS:
        _TENANTS[key] = (await seeded_tenant(clients), await seeded_tenant(clients))
    first, second = _TENANTS[key]
    return dataclasses.replace(first, http=clients.http), dataclasses.replace(
        second, http=clients.http
    )


@pytest.mark.parametrize("root", ROOTS)
async def test_a_tenant_lists_only_its_own_records(clients: ApiClientFactory, root: str) -> None:
    tenant_a, tenant_b = await two_tenants(clients)
    query = page_query(root)
    seen: dict[str, Seen] = {}
    for name, tenant in (("a", tenant_a), ("b", tenant_b)):
        result = await tenant.graphql(query, {"first": 500})
        assert "errors" not in result, result
        assert result["data"][root]["all"]["edges"], (
            f"tenant {name} has no {root}: tell tests.graphql.seeding.tenant_with_every_root"
            " how to make one"
        )
        seen[name] = records_in(result["data"])
    assert seen["a"]
    assert seen["a"].isdisjoint(seen["b"]), seen["a"] & seen["b"]


@pytest.mark.parametrize("root", ROOTS)
async def test_a_cursor_of_one_tenant_is_refused_in_another(
    clients: ApiClientFactory, root: str
) -> None:
    tenant_a, tenant_b = await two_tenants(clients)
    query = page_query(root)
    page = await tenant_a.graphql(query, {"first": 1})
    cursor = page["data"][root]["all"]["pageInfo"]["endCursor"]
    assert cursor is not None
    result = await tenant_b.graphql(query, {"first": 1, "after": cursor})
    assert result["data"] is None
    assert [error["message"] for error in result["errors"]] == ["The cursor is not valid."]
