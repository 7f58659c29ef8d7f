"""Reading GraphQL lists in tests: the field of each node a filter finds, one page after another,
what a page costs in statements, and the documented example of an operation."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.support import Caller, reference_spec, statements_run


def documented_example(operation: str) -> dict[str, Any]:
    """The example request (`query`, `variables`) documented for `POST /graphql#<operation>`."""
    content = reference_spec()["paths"][f"/graphql#{operation}"]["post"]["requestBody"]["content"]
    example: dict[str, Any] = content["application/json"]["example"]
    return example


async def listed(
    caller: Caller, root: str, filter_type: str, filter_: dict[str, Any], field: str = "id"
) -> list[Any]:
    """`field` of every node `root { all(filter:) }` finds, in order."""
    result = await caller.graphql(
        f"query($filter: {filter_type}) {{ {root} {{ all(filter: $filter) {{"
        f" edges {{ node {{ {field} }} }} }} }} }}",
        {"filter": filter_},
    )
    assert "errors" not in result, result
    return [edge["node"][field] for edge in result["data"][root]["all"]["edges"]]


async def pages(caller: Caller, root: str, first: int, field: str = "id") -> list[dict[str, Any]]:
    """Every page of `root`, `first` nodes at a time, following `endCursor`: per page its
    `field`s, `total_count` and `hasNextPage`."""
    query = (
        f"query($first: Int, $after: String) {{ {root} {{ all(first: $first, after: $after) {{"
        f" total_count edges {{ node {{ {field} }} }} pageInfo {{ hasNextPage endCursor }} }} }} }}"
    )
    found: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        result = await caller.graphql(query, {"first": first, "after": after})
        assert "errors" not in result, result
        page = result["data"][root]["all"]
        found.append(
            {
                "nodes": [edge["node"][field] for edge in page["edges"]],
                "total_count": page["total_count"],
                "has_next_page": page["pageInfo"]["hasNextPage"],
            }
        )
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def field_names(caller: Caller, type_name: str) -> set[str]:
    """The fields GraphQL introspection shows on the object type `type_name`."""
    result = await caller.graphql(
        "query($name: String!) { __type(name: $name) { fields { name } } }", {"name": type_name}
    )
    assert "errors" not in result, result
    return {field["name"] for field in result["data"]["__type"]["fields"]}


async def statements_for_page(
    caller: Caller, db: Database, query: str, root: str, first: int
) -> int:
    """How many SQL statements a page of `first` nodes of `root` costs (`query` takes
    `$first`); the page must be full, so that sizes are compared."""
    with statements_run(db) as statements:
        result = await caller.graphql(query, {"first": first})
    assert "errors" not in result, result
    assert len(result["data"][root]["all"]["edges"]) == first
    return len(statements)
