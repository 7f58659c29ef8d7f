from __future__ import annotations

from typing import Any

import pytest

from tests.support import ApiClientFactory, Caller

DOCUMENTED = (
    "query($filter: CustomerFilterType) { customers { all(filter: $filter) { edges { node {"
    " id code name shelf_life_min shelf_life_max external_system_reference1 } } } } }"
)
LIST = (
    "query($filter: CustomerFilterType) { customers { all(filter: $filter) {"
    " edges { node { code } } } } }"
)


async def seeded(clients: ApiClientFactory) -> Caller:
    caller = await clients.new()
    await caller.create(
        "customers",
        code="ACME",
        name="Acme Retail Ltd",
        shelf_life_min=30,
        shelf_life_max=365,
        external_system_reference1="CRM-1001",
        pick_label_id=7,
    )
    await caller.create("customers", code="BETA", name="Beta Stores", shelf_life_min=5)
    await caller.create("customers", code="GAMMA", name="Gamma", address={"postcode": "M1"})
    return caller


async def codes(caller: Caller, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(LIST, {"filter": filter_})
    assert "errors" not in result, result
    return [edge["node"]["code"] for edge in result["data"]["customers"]["all"]["edges"]]


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller = await seeded(clients)
    result = await caller.graphql(DOCUMENTED, {"filter": {"code": {"ilike": "ACME"}}})
    assert "errors" not in result
    [edge] = result["data"]["customers"]["all"]["edges"]
    assert edge["node"] == {
        "id": edge["node"]["id"],
        "code": "ACME",
        "name": "Acme Retail Ltd",
        "shelf_life_min": 30,
        "shelf_life_max": 365,
        "external_system_reference1": "CRM-1001",
    }
    assert isinstance(edge["node"]["id"], str)


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"code": {"eq": "BETA"}}, ["BETA"]),
        ({"name": {"ilike": "stores"}}, ["BETA"]),
        ({"external_system_reference1": {"eq": "CRM-1001"}}, ["ACME"]),
        ({"shelf_life_min": {"gteq": 5}}, ["ACME", "BETA"]),
        ({"shelf_life_min": {"lt": 30}}, ["BETA"]),
        ({"shelf_life_max": {"between": [300, 400]}}, ["ACME"]),
        ({"pick_label_id": {"eq": "7"}}, ["ACME"]),
        ({"pick_label_id": {"filled": False}}, ["BETA", "GAMMA"]),
        ({"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=str,
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller = await seeded(clients)
    assert await codes(caller, filter_) == expected


async def test_the_address_reads_nested(clients: ApiClientFactory) -> None:
    caller = await seeded(clients)
    result = await caller.graphql(
        "{ customers { all { edges { node { code address { postcode address_type } } } } } }"
    )
    nodes = [edge["node"] for edge in result["data"]["customers"]["all"]["edges"]]
    assert [node["address"] for node in nodes] == [
        None,
        None,
        {"postcode": "M1", "address_type": "inline"},
    ]


async def test_another_tenants_customers_are_invisible(clients: ApiClientFactory) -> None:
    await seeded(clients)
    other = await clients.new()
    await other.create("customers", code="MINE", name="Mine")
    assert await codes(other, {}) == ["MINE"]
