"""The documented GraphQL list operations (`/graphql#List*`): which root each reads, whether our
schema has it, how a fresh tenant gets records for it, and why a documented one is left out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests.conformance.spec import Operation, operations, spec_path

MADE_BY_THE_DOMAIN = "/api/rf_users"
"""Records the contract only lists: made through the domain (`ExamplePreparer.rf_user`)."""

SEEDED_THROUGH = {
    "account_products": "/api/products/{product_id}/account_products",
    "product_materials": "/api/products/{product_id}/materials",
    "subdomain_users": "/api/users",
    "stock_balances": "/api/stocks",
    "transactions": "/api/stocks",
    "goods_out_lines": "/api/goods_outs",
    "pick_processing_requests": "/api/goods_out_pick_lists",
    "rf_flows": "/api/rf/flows",
    "rf_users": MADE_BY_THE_DOMAIN,
}
"""Roots whose records are made through another collection than `/api/<root>`: a stock
adjustment makes stock, its balance and its transaction; processing picks makes the request."""

UNSTORED = "a resource Clarus does not store"
FILTERS_LEFT_OUT: dict[tuple[str, str], str] = {}
"""Documented filters of lists we implement that we do not take, and why."""
_FILTER_ROW = re.compile(r"^\|\s*`(\w+)`\s*\|", re.M)
_FILTER_VARIABLE = re.compile(r"\$filter:\s*(\w+)")


@dataclass(frozen=True)
class ListOperation:
    operation: Operation
    root: str

    @property
    def name(self) -> str:
        return self.operation.operation_id

    def example(self) -> dict[str, Any]:
        body: dict[str, Any] = self.operation.example_body() or {}
        return body

    def filter_type(self) -> str:
        """The filter input type the documented query declares for `$filter`."""
        found = _FILTER_VARIABLE.search(self.example()["query"])
        assert found is not None, self.name
        return found.group(1)

    def documented_filters(self) -> list[str]:
        """The filters of the operation's "Available Filters" table."""
        content: str = self.operation.raw.get("x-mint", {}).get("content", "")
        return _FILTER_ROW.findall(content.split("Available Filters", 1)[-1])

    def documented_node(self) -> dict[str, Any]:
        """The node of the documented example response: the fields and their JSON types."""
        content = self.operation.raw["responses"]["200"]["content"]["application/json"]
        edges = content["example"]["data"][self.root]["all"]["edges"]
        node: dict[str, Any] = edges[0]["node"]
        return node


def root_of(operation: Operation) -> str:
    query: str = (operation.example_body() or {}).get("query", "")
    body = query[query.find("{") + 1 :].strip()
    return body.split("{", 1)[0].split("(", 1)[0].strip()


@cache
def list_operations() -> tuple[ListOperation, ...]:
    if not spec_path().exists():
        return ()
    return tuple(
        ListOperation(operation, root_of(operation))
        for operation in operations()
        if operation.path.startswith("/graphql#List")
    )


@cache
def our_roots() -> frozenset[str]:
    from clarus.api.graphql.schema import schema

    query_type = schema._schema.query_type
    assert query_type is not None
    return frozenset(query_type.fields)


def implemented() -> list[ListOperation]:
    return [listed for listed in list_operations() if listed.root in our_roots()]


def not_implemented() -> list[ListOperation]:
    return [listed for listed in list_operations() if listed.root not in our_roots()]
