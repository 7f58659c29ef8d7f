"""Every documented GraphQL list query (`/graphql#List*`) whose root we have runs as documented,
with its documented variables, over records made through REST from the documented examples, and
answers in the documented shape: every field of the documented response's node is there, with a
value of the documented JSON type or null."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conformance.examples import ExamplePreparer
from tests.conformance.graphql_lists import (
    FILTERS_LEFT_OUT,
    SEEDED_THROUGH,
    ListOperation,
    implemented,
)
from tests.conformance.spec import spec_path
from tests.support import ApiClientFactory

pytestmark = pytest.mark.skipif(
    not spec_path().exists(), reason=f"reference spec not found at {spec_path()}"
)
IMPLEMENTED = implemented()


@pytest.mark.parametrize("listed", IMPLEMENTED, ids=[listed.name for listed in IMPLEMENTED])
async def test_the_documented_query_answers_in_the_documented_shape(
    clients: ApiClientFactory, listed: ListOperation
) -> None:
    caller = await clients.new()
    preparer = ExamplePreparer(caller, db=clients.db)
    await preparer.create(SEEDED_THROUGH.get(listed.root, f"/api/{listed.root}"))
    example = listed.example()
    result = await caller.graphql(example["query"], example.get("variables"))
    assert "errors" not in result, result
    edges = result["data"][listed.root]["all"]["edges"]
    if not edges:
        # The documented filter names records of the documentation's own tenant (an id such
        # as 3301); the same query without it shows what was made.
        result = await caller.graphql(example["query"], {})
        assert "errors" not in result, result
        edges = result["data"][listed.root]["all"]["edges"]
    assert edges, f"nothing made for {listed.root} to show"
    for edge in edges:
        assert_shaped_like(edge["node"], listed.documented_node(), listed.root)


@pytest.mark.parametrize("listed", IMPLEMENTED, ids=[listed.name for listed in IMPLEMENTED])
def test_the_documented_filters_are_taken(listed: ListOperation) -> None:
    from clarus.api.graphql.schema import schema

    filter_type = schema._schema.type_map.get(listed.filter_type())
    assert filter_type is not None, f"no input type {listed.filter_type()}"
    ours = set(getattr(filter_type, "fields", {}))
    missing = {name for name in listed.documented_filters() if name not in ours}
    left_out = {name for (operation, name) in FILTERS_LEFT_OUT if operation == listed.name}
    assert missing == left_out


def assert_shaped_like(actual: Any, documented: Any, where: str) -> None:
    """`actual` has every field `documented` shows, each of the same JSON type or null."""
    if actual is None or documented is None:
        return
    if isinstance(documented, dict):
        assert isinstance(actual, dict), (where, actual)
        for name, value in documented.items():
            assert name in actual, f"{where}.{name} is missing"
            assert_shaped_like(actual[name], value, f"{where}.{name}")
    elif isinstance(documented, list):
        assert isinstance(actual, list), (where, actual)
        for item in actual:
            if documented:
                assert_shaped_like(item, documented[0], f"{where}[]")
    elif isinstance(documented, bool):
        assert isinstance(actual, bool), (where, actual)
    elif isinstance(documented, int | float):
        assert not isinstance(actual, bool), (where, actual)
        assert isinstance(actual, int | float), (where, actual)
    else:
        assert isinstance(actual, type(documented)), (where, actual)
