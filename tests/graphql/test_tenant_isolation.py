"""One tenant never reads another's records through GraphQL: for every root of the Query type
(found by introspecting the schema, so new roots are covered without a change here), two tenants
with records of it each list only their own, in the nodes and in the records nested in them, a
cursor of one is refused in the other, and an `id` filter naming the other's record finds what an
id that exists nowhere finds. The tenants are seeded through our own API
(`tests.graphql.seeding`), so these tests need nothing beside the checkout."""

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


MISSING_ID = "999999999"


def roots_with_id_filter() -> list[str]:
    roots = []
    for root in ROOTS:
        namespace = get_named_type(QUERY_TYPE.fields[root].type)
        assert isinstance(namespace, GraphQLObjectType)
        filter_type = get_named_type(namespace.fields["all"].args["filter"].type)
        if "id" in getattr(filter_type, "fields", {}):
            roots.append(root)
    return roots


@pytest.mark.parametrize("root", roots_with_id_filter())
async def test_an_id_of_another_tenant_finds_nothing(clients: ApiClientFactory, root: str) -> None:
    """The other tenant's record, asked for by its id, is as absent as an id that exists
    nowhere: the same answer, word for word."""
    tenant_a, tenant_b = await two_tenants(clients)
    first = await tenant_b.graphql(
        f"{{ {root} {{ all(first: 1) {{ edges {{ node {{ id }} }} }} }} }}"
    )
    their_id = first["data"][root]["all"]["edges"][0]["node"]["id"]
    query = (
        f"query($id: ID!) {{ {root} {{ all(filter: {{id: {{eq: $id}}}}) {{"
        " total_count edges { node { __typename } } } } }"
    )
    theirs = await tenant_a.graphql_response(query, {"id": their_id})
    missing = await tenant_a.graphql_response(query, {"id": MISSING_ID})
    assert theirs.status_code == missing.status_code == 200
    assert theirs.json()["data"] == missing.json()["data"]
    assert theirs.json()["data"][root]["all"] == {"total_count": 0, "edges": []}
