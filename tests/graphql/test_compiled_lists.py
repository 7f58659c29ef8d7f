"""The compiled executor of GraphQL lists (`clarus/api/graphql/compiled.py`) answers exactly as
the general one: every documented list query (with its documented variables and without them),
a query of every scalar field of every root's nodes and of the records nested in them, and our
own queries (pages followed by cursor, sorts, filters, aliases, fragments, refusals) are sent to
both over the same seeded tenant, and the two answers are compared byte for byte. The header
`X-Clarus-Executor` says which executor answered: every list's documented query and full
selection must be the compiled one's."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type

from bench.cases import STOCKS_QUERY
from bench.graphql import BALANCES_QUERY, ORDERS_QUERY
from tests.catalog import factories
from tests.conformance.graphql_lists import implemented
from tests.graphql.lists import statements_for_page
from tests.graphql.stock import add_stock, stocked
from tests.graphql.test_tenant_isolation import ROOTS, node_type, records_in, two_tenants
from tests.support import ApiClientFactory, Caller, statements_run

EXECUTOR = "X-Clarus-Executor"


async def answered(caller: Caller, query: str, variables: dict[str, Any] | None) -> str:
    """Which executor answered `query`, after checking the general one answers the same."""
    body = {"query": query, "variables": variables or {}}
    general = await caller.http.post(
        "/graphql", json=body, headers={**caller.headers(), EXECUTOR: "general"}
    )
    default = await caller.http.post("/graphql", json=body, headers=caller.headers())
    assert general.headers[EXECUTOR] == "general"
    assert (default.status_code, default.content) == (general.status_code, general.content), (
        query,
        variables,
    )
    return default.headers[EXECUTOR]


def every_field(node: GraphQLObjectType) -> str:
    """Every scalar field of `node`, and of every record nested in it without arguments."""
    fields = ["__typename"]
    for name, field in node.fields.items():
        nested = get_named_type(field.type)
        if is_leaf_type(nested):
            fields.append(name)
        elif isinstance(nested, GraphQLObjectType) and not field.args:
            leaves = [n for n, f in nested.fields.items() if is_leaf_type(get_named_type(f.type))]
            fields.append(f"{name} {{ __typename {' '.join(leaves)} }}")
    return " ".join(fields)


async def test_every_documented_list_query_answers_the_same_in_both(
    clients: ApiClientFactory,
) -> None:
    tenant, _ = await two_tenants(clients)
    executors: dict[str, set[str]] = {}
    for listed in implemented():
        example = listed.example()
        for variables in (example.get("variables"), {}):
            executor = await answered(tenant, example["query"], variables)
            executors.setdefault(listed.root, set()).add(executor)
    compiled = {root for root, used in executors.items() if used == {"compiled"}}
    assert compiled == set(executors), sorted(set(executors) - compiled)


@pytest.mark.parametrize("root", ROOTS)
async def test_every_field_of_every_list_answers_the_same_in_both(
    clients: ApiClientFactory, root: str
) -> None:
    tenant, other = await two_tenants(clients)
    query = (
        f"query($first: Int) {{ {root} {{ all(first: $first) {{ total_count"
        f" edges {{ cursor node {{ {every_field(node_type(root))} }} }}"
        " pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }"
    )
    assert await answered(tenant, query, {"first": 500}) == "compiled"
    ours = records_in((await tenant.graphql(query, {"first": 500}))["data"])
    theirs = records_in((await other.graphql(query, {"first": 500}))["data"])
    assert ours
    assert ours.isdisjoint(theirs), ours & theirs


OURS = [
    (ORDERS_QUERY, None),
    (BALANCES_QUERY, {"after": None}),
    (
        "query($f: Int, $s: SortInputType) { goods_outs { __typename orders: all(first: $f,"
        " sort: $s) { __typename count: total_count edges { __typename c: cursor n: node {"
        " __typename ... on GoodsOut { reference } ...order } } pageInfo { __typename"
        " hasNextPage endCursor } } } } fragment order on GoodsOut { id ref: reference lines {"
        " id order_quantity product { code } } customer { code address { postcode } } }",
        {"f": 1, "s": {"field": "UPDATED_AT", "direction": "DESC"}},
    ),
    (
        "{ products { all(first: 2, sort: {direction: DESC}) { edges { node { id code } } } }"
        ' accounts { all(filter: {code: {ilike: "a"}}) { edges { node { code } } } } }',
        None,
    ),
    ("{ goods_outs { all(first: 9999) { edges { node { id } } } } }", None),
    ('{ goods_outs { all(after: "not a cursor") { edges { node { id } } } } }', None),
    ('{ goods_outs { all(filter: {id: {eq: "x"}}) { edges { node { id } } } } }', None),
    ("{ goods_outs { all { edges { node { id nope } } } } }", None),
    ("query($first: Int) { goods_outs { all(first: $first) { total_count } } }", {"first": "a"}),
    ("{ goods_outs { all { edges { node { id @skip(if: true) reference } } } } }", None),
    ("{ goods_outs { all(first: 500) { edges { node { lines { lines: id } } } } } }", None),
]
"""Our own queries: aliases, fragments, sorts, pages, and requests refused or declined."""


COMPILED = [
    (
        "{ goods_out_pick_lists { all { edges { node { id s: goods_out_status { __typename code"
        " name } goods_outs { reference goods_out_status { code } lines { id product { code } } }"
        " pick_tasks_count completed_pick_tasks_count dispatch_tasks_count"
        " completed_dispatch_tasks_count loading_tasks_count completed_loading_tasks_count"
        " account { code } goods_out_bay { code } } } } } }",
        None,
    ),
    (
        "{ shipments { all { edges { node { id packages_count count: packages_count packages {"
        " __typename id reference shipment { id packages_count carrier { code } }"
        " storage_unit_type { code dimensions { length unit_of_measure } } }"
        " carrier_attempts { __typename id action attempt outcome message finished_at }"
        " address { postcode } } } } } }",
        None,
    ),
    (
        "{ packages { all { edges { node { id length weight shipment { reference packages {"
        " id } } } } } } }",
        None,
    ),
    (
        "{ subdomain_users { all { edges { node { __typename id created_at me: user { __typename"
        " id email name user_type is_active role_id created_at } user { id } } } } } }",
        None,
    ),
    (
        "{ rf_users { all { edges { node { id default_rf_implementation { __typename id } user {"
        " email } warehouse { code } } } } } rf_flows { all { edges { node { id slug code"
        " definition implementation_id } } } } }",
        None,
    ),
    (
        "{ webhook_attempts { all(sort: {field: UPDATED_AT, direction: DESC}) { edges { cursor"
        " node { id created_at updated_at started_at } } } } assistant_writes { all { edges {"
        " node { id created_at updated_at } } } } }",
        None,
    ),
]
"""Queries of the fields that a resolver of their own answered before they were compiled:
loaders' counts and picks, a list's children, the node's own row, a column under another
name, a value worked out from a column; nested in each other and aliased."""


@pytest.mark.parametrize(("query", "variables"), COMPILED)
async def test_our_queries_of_every_kind_of_field_are_compiled(
    clients: ApiClientFactory, query: str, variables: dict[str, Any] | None
) -> None:
    tenant, _ = await two_tenants(clients)
    assert await answered(tenant, query, variables) == "compiled"
    data = (await tenant.graphql(query, variables))["data"]
    assert all(page["all"]["edges"] for page in data.values()), data


@pytest.mark.parametrize(("query", "variables"), OURS)
async def test_our_queries_answer_the_same_in_both(
    clients: ApiClientFactory, query: str, variables: dict[str, Any] | None
) -> None:
    tenant, _ = await two_tenants(clients)
    await answered(tenant, query, variables)


async def test_following_the_cursor_reads_the_same_pages_in_both(
    clients: ApiClientFactory,
) -> None:
    tenant, _ = await two_tenants(clients)
    query = (
        "query($after: String, $sort: SortInputType) { products { all(first: 1, after: $after,"
        " sort: $sort) { edges { cursor node { id code } } pageInfo { hasNextPage endCursor"
        " hasPreviousPage } } } }"
    )
    for sort in ({"field": "ID", "direction": "ASC"}, {"field": "UPDATED_AT", "direction": "DESC"}):
        after = None
        for _ in range(3):
            variables = {"after": after, "sort": sort}
            assert await answered(tenant, query, variables) == "compiled"
            page = await tenant.graphql(query, variables)
            after = page["data"]["products"]["all"]["pageInfo"]["endCursor"]


async def test_a_compiled_page_costs_the_same_statements_whatever_its_size(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    warehouse = await caller.create_warehouse()
    product = await factories.product(caller)
    for number in range(6):
        response = await caller.post(
            "/api/goods_outs",
            {
                "data": {
                    "type": "goods_outs",
                    "attributes": {
                        "account_id": int(account["id"]),
                        "warehouse_id": int(warehouse["id"]),
                        "reference": f"SO-{number}",
                        "expected_date_of_dispatch": "2026-06-15T10:00:00Z",
                        "lines_changes": [
                            {
                                "type": "ADD",
                                "attributes": {
                                    "product_id": int(product["id"]),
                                    "order_quantity": 1,
                                },
                            }
                        ]
                        * 2,
                    },
                }
            },
        )
        assert response.status_code == 200, response.text
    query = (
        "query($first: Int) { goods_outs { all(first: $first) { edges { node { id"
        " goods_out_status { code } account { code } lines { id product { code } } } } } } }"
    )
    response = await caller.graphql_response(query, {"first": 1})
    assert response.headers[EXECUTOR] == "compiled", response.text
    one = await statements_for_page(caller, clients.db, query, "goods_outs", 1)
    six = await statements_for_page(caller, clients.db, query, "goods_outs", 6)
    assert one == six
    with statements_run(clients.db) as statements:
        await caller.graphql(query, {"first": 6})
    reads = [
        statement
        for statement in statements
        if statement.lstrip().startswith("SELECT") and "FROM oauth_tokens" not in statement
    ]
    assert len(reads) == 4, reads
    assert all(".tenant_id = " in statement for statement in reads), reads


async def test_the_compiled_executor_is_named_only_where_it_answers(
    http: httpx.AsyncClient, clients: ApiClientFactory
) -> None:
    caller = await clients.new()
    introspection = await caller.graphql_response("{ __schema { queryType { name } } }")
    listing = await caller.graphql_response("{ accounts { all { edges { node { id } } } } }")
    assert introspection.headers[EXECUTOR] == "general"
    assert listing.headers[EXECUTOR] == "compiled"


async def test_the_stock_page_is_compiled_and_costs_the_same_statements_whatever_its_size(
    clients: ApiClientFactory,
) -> None:
    """The page `scripts/bench` measures (the documented `ListStocks` selection, 500 a page):
    five statements, each in the tenant, for 1 record or 6."""
    caller = await clients.new()
    seed = await stocked(caller)
    for number in range(4):
        await add_stock(
            caller, seed["bolt"], seed["account"], seed["location"], 1, string1=f"LOT-{number}"
        )
    query = STOCKS_QUERY.replace("query($account: ID)", "query($account: ID, $first: Int)")
    query = query.replace("first: 500", "first: $first")
    variables = {"account": seed["account"]}
    for first in (1, 6):
        response = await caller.graphql_response(query, {**variables, "first": first})
        assert response.headers[EXECUTOR] == "compiled", response.text
        assert await answered(caller, query, {**variables, "first": first}) == "compiled"
        with statements_run(clients.db) as statements:
            page = await caller.graphql(query, {**variables, "first": first})
        assert len(page["data"]["stocks"]["all"]["edges"]) == first
        reads = [
            statement
            for statement in statements
            if statement.lstrip().startswith("SELECT") and "FROM oauth_tokens" not in statement
        ]
        assert len(reads) == 5, reads
        assert all(".tenant_id = " in statement for statement in reads), reads


CONFIGURATIONS = [
    {"account": "ACC-1", "labels": ["A4", "ZPL"], "weight_kg": 0.5, "retries": 3, "live": True},
    {"tiny": 1e-07, "huge": 1e16, "text": 'é\u2028"\\'},
    {"beyond_64_bits": 2**70},
]
"""A carrier service's JSON as most are (compiled), and values orjson writes otherwise than the
general executor's JSON (`1e16`, `1e+16`) or not at all (an integer over 64 bits), where the
compiled executor must decline (PostgreSQL's `jsonb` hands `1e16` back as an integer, which
both write alike)."""


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
async def test_json_values_answer_the_same_in_both(
    clients: ApiClientFactory, configuration: dict[str, Any]
) -> None:
    caller = await clients.new()
    carrier = await factories.created(caller, "/api/carriers", "carriers", code="UPS", name="UPS")
    service = factories.body(
        "carrier_services",
        code="SAVER",
        name="Saver",
        carrier_id=int(carrier["id"]),
        is_default=True,
        active=True,
        service_configuration=configuration,
    )
    response = await caller.post("/api/carrier_services", service)
    assert response.status_code == 200, response.text
    query = "{ carrier_services { all { edges { node { code service_configuration } } } } }"
    executor = await answered(caller, query, None)
    page = await caller.graphql(query)
    assert page["data"]["carrier_services"]["all"]["edges"] == [
        {"node": {"code": "SAVER", "service_configuration": configuration}}
    ]
    if configuration is CONFIGURATIONS[0]:
        assert executor == "compiled"
