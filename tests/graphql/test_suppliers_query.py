from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, statements_run

DOCUMENTED = (
    "query($filter: SupplierFilterType) { suppliers { all(filter: $filter) { edges { node {"
    " id code name description active external_system_reference1"
    " address { id address_1 postcode } } } } } }"
)
LIST = (
    "query($filter: SupplierFilterType) { suppliers { all(filter: $filter) {"
    " edges { node { code } } } } }"
)


async def seeded(clients: ApiClientFactory) -> Caller:
    caller = await clients.new()
    await caller.create(
        "suppliers",
        code="ACME-SUP",
        name="Acme Supplies Ltd",
        description="Primary widget supplier",
        active=True,
        external_system_reference1="SUP-001",
        address={"address_1": "10 Industrial Way", "postcode": "M1 2AB"},
    )
    await caller.create("suppliers", code="BOLT", name="Bolts 4 U", active=False)
    await caller.create("suppliers", code="CRATE", name="Crates", address={"postcode": "LS1 4AP"})
    return caller


async def codes(caller: Caller, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(LIST, {"filter": filter_})
    assert "errors" not in result, result
    return [edge["node"]["code"] for edge in result["data"]["suppliers"]["all"]["edges"]]


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller = await seeded(clients)
    result = await caller.graphql(DOCUMENTED, {"filter": {"code": {"ilike": "ACME"}}})
    assert "errors" not in result
    [edge] = result["data"]["suppliers"]["all"]["edges"]
    node = edge["node"]
    assert node == {
        "id": node["id"],
        "code": "ACME-SUP",
        "name": "Acme Supplies Ltd",
        "description": "Primary widget supplier",
        "active": True,
        "external_system_reference1": "SUP-001",
        "address": {
            "id": node["address"]["id"],
            "address_1": "10 Industrial Way",
            "postcode": "M1 2AB",
        },
    }
    assert isinstance(node["address"]["id"], str)


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"id": {"filled": True}}, ["ACME-SUP", "BOLT", "CRATE"]),
        ({"code": {"in": ["BOLT", "CRATE"]}}, ["BOLT", "CRATE"]),
        ({"name": {"like": "4 U"}}, ["BOLT"]),
        ({"description": {"ilike": "widget"}}, ["ACME-SUP"]),
        ({"active": {"eq": False}}, ["BOLT"]),
        ({"external_system_reference1": {"eq": "SUP-001"}}, ["ACME-SUP"]),
        ({"address_postcode": {"eq": "LS1 4AP"}}, ["CRATE"]),
        ({"address_postcode": {"ilike": "m1"}}, ["ACME-SUP"]),
        ({"created_at": {"from": "2000-01-01T00:00:00Z"}}, ["ACME-SUP", "BOLT", "CRATE"]),
    ],
    ids=str,
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller = await seeded(clients)
    assert await codes(caller, filter_) == expected


async def test_addresses_of_a_page_load_in_one_query(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    for index in range(6):
        await caller.create("suppliers", code=f"S{index}", name="S", address={"postcode": "M1"})
    with statements_run(db) as statements:
        result = await caller.graphql(
            "{ suppliers { all { total_count edges { node { address { postcode } } } } } }"
        )
    assert len(result["data"]["suppliers"]["all"]["edges"]) == 6
    assert len([s for s in statements if "FROM addresses" in s]) == 1


async def test_several_lists_in_one_query(clients: ApiClientFactory) -> None:
    caller = await seeded(clients)
    result = await caller.graphql(
        "{ suppliers { all { total_count edges { node { address { id } } } } }"
        " inactive: suppliers { all(filter: {active: {eq: false}}) { total_count } }"
        " accounts { all { total_count } } customers { all { total_count } } }"
    )
    assert "errors" not in result, result
    assert result["data"]["suppliers"]["all"]["total_count"] == 3
    assert result["data"]["inactive"]["all"]["total_count"] == 1


async def test_another_tenants_suppliers_and_addresses_are_invisible(
    clients: ApiClientFactory,
) -> None:
    await seeded(clients)
    other = await clients.new()
    assert await codes(other, {}) == []
