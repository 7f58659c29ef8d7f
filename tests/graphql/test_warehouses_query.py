from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, statements_run

DOCUMENTED_QUERY = (
    "query($filter: WarehouseFilterType) { warehouses { all(filter: $filter) { edges { node {"
    " id code name consolidate_pick_enabled loading_validation_setting opening_times_enabled"
    " address { address_1 address_2 address_3 address_4 postcode country_code } } } } } }"
)
LIST = """
query($filter: WarehouseFilterType) { warehouses { all(filter: $filter) {
  total_count edges { node { code } }
} } }"""
ADDRESS = {
    "address_1": "123 Warehouse Lane",
    "address_3": "Manchester",
    "address_4": "Greater Manchester",
    "postcode": "M1 1AA",
    "country_code": "GB",
}


def address_relationship(**attributes: Any) -> dict[str, Any]:
    return {"address": {"data": {"type": "addresses", "attributes": attributes}}}


async def seeded(clients: ApiClientFactory) -> tuple[Caller, dict[str, Any]]:
    caller = await clients.new()
    site = (await caller.create("sites", code="NORTH", name="North"))["data"]
    await caller.create(
        "warehouses",
        code="WH1",
        name="Main Warehouse",
        relationships=address_relationship(**ADDRESS),
    )
    await caller.create_warehouse("WH2", name="Second 100%", site_id=int(site["id"]))
    await caller.create_warehouse("OVERFLOW", name="overflow_site")
    return caller, site


async def codes(caller: Caller, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(LIST, {"filter": filter_})
    assert "errors" not in result, result
    return [edge["node"]["code"] for edge in result["data"]["warehouses"]["all"]["edges"]]


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller, _site = await seeded(clients)
    result = await caller.graphql(DOCUMENTED_QUERY, {"filter": {"code": {"ilike": "WH1"}}})
    assert "errors" not in result, result
    [edge] = result["data"]["warehouses"]["all"]["edges"]
    assert edge["node"] == {
        "id": edge["node"]["id"],
        "code": "WH1",
        "name": "Main Warehouse",
        "consolidate_pick_enabled": False,
        "loading_validation_setting": "none",
        "opening_times_enabled": False,
        "address": {"address_2": None, **ADDRESS},
    }
    assert isinstance(edge["node"]["id"], str)


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"code": {"eq": "WH1"}}, ["WH1"]),
        ({"code": {"ilike": "wh"}}, ["WH1", "WH2"]),
        ({"code": {"in": ["WH2", "OVERFLOW"]}}, ["WH2", "OVERFLOW"]),
        ({"name": {"like": "100%"}}, ["WH2"]),
        ({"name": {"ilike": "_site"}}, ["OVERFLOW"]),
        ({"site_id": {"filled": False}}, ["WH1", "OVERFLOW"]),
        ({"created_at": {"from": "2000-01-01T00:00:00Z"}}, ["WH1", "WH2", "OVERFLOW"]),
        ({"updated_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=lambda value: str(value),
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller, _site = await seeded(clients)
    assert await codes(caller, filter_) == expected


async def test_site_and_id_filters(clients: ApiClientFactory) -> None:
    caller, site = await seeded(clients)
    assert await codes(caller, {"site_id": {"eq": site["id"]}}) == ["WH2"]
    first = await caller.graphql("{ warehouses { all(first: 1) { edges { node { id } } } } }")
    first_id = first["data"]["warehouses"]["all"]["edges"][0]["node"]["id"]
    assert await codes(caller, {"id": {"eq": first_id}}) == ["WH1"]


async def test_another_tenants_warehouses_are_invisible(clients: ApiClientFactory) -> None:
    await seeded(clients)
    other = await clients.new()
    assert await codes(other, {}) == []


async def test_addresses_load_in_one_statement_for_the_page(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    query = "{ warehouses { all { edges { node { code address { postcode } } } } } }"

    async def statements_for_a_page() -> int:
        with statements_run(db) as statements:
            result = await caller.graphql(query)
        assert "errors" not in result, result
        return len(statements)

    for index in range(2):
        await caller.create(
            "warehouses",
            code=f"A{index}",
            name="W",
            relationships=address_relationship(postcode="P"),
        )
    two = await statements_for_a_page()
    for index in range(4):
        await caller.create(
            "warehouses",
            code=f"B{index}",
            name="W",
            relationships=address_relationship(postcode="P"),
        )
    assert await statements_for_a_page() == two
