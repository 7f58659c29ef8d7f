from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, statements_run

DOCUMENTED_QUERY = (
    "query($filter: LocationsFilterType) { locations { all(filter: $filter) { edges { node {"
    " id code description active is_pickface zone aisle row column slot walk_sequence"
    " warehouse { id code name } } } } } }"
)
LIST = """
query($filter: LocationsFilterType) { locations { all(filter: $filter) {
  total_count edges { node { code } }
} } }"""


async def seeded(clients: ApiClientFactory) -> tuple[Caller, dict[str, Any]]:
    caller = await clients.new()
    main = await caller.create_warehouse("WH1", name="Main Warehouse")
    other = await caller.create_warehouse("WH2")
    bay = await caller.create_location_type("BAY")
    ids = {"warehouse_id": main["id"], "location_type_id": int(bay["id"])}
    await caller.create_location(
        "A-01-01-01", description="Aisle A", aisle="A", pick_sequence=1, **ids
    )
    await caller.create_location("A-02", aisle="A", pick_sequence=5, **ids)
    await caller.create_location(
        "B-01", aisle="B", warehouse_id=other["id"], location_type_id=int(bay["id"])
    )
    response = await caller.post(
        "/api/location_ranges",
        {
            "data": {
                "type": "location_ranges",
                "attributes": {
                    "range_start_zone": "Z",
                    "range_end_zone": "Z",
                    "range_start_row": "1",
                    "range_end_row": "2",
                    **ids,
                },
            }
        },
    )
    assert response.status_code == 204, response.text
    return caller, {"main": main, "other": other, "bay": bay}


async def codes(caller: Caller, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(LIST, {"filter": filter_})
    assert "errors" not in result, result
    return [edge["node"]["code"] for edge in result["data"]["locations"]["all"]["edges"]]


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller, records = await seeded(clients)
    result = await caller.graphql(DOCUMENTED_QUERY, {"filter": {"code": {"ilike": "A-01"}}})
    assert "errors" not in result, result
    [edge] = result["data"]["locations"]["all"]["edges"]
    main = records["main"]
    assert edge["node"] == {
        "id": edge["node"]["id"],
        "code": "A-01-01-01",
        "description": "Aisle A",
        "active": True,
        "is_pickface": False,
        "zone": None,
        "aisle": "A",
        "row": None,
        "column": None,
        "slot": None,
        "walk_sequence": 1,
        "warehouse": {"id": str(main["id"]), "code": "WH1", "name": "Main Warehouse"},
    }


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"code": {"eq": "A-02"}}, ["A-02"]),
        ({"code": {"ilike": "a-0"}}, ["A-01-01-01", "A-02"]),
        ({"aisle": {"eq": "A"}}, ["A-01-01-01", "A-02"]),
        ({"aisle": {"in": ["B"]}}, ["B-01"]),
        ({"zone": {"eq": "Z"}}, ["Z1", "Z2"]),
        ({"warehouse_code": {"eq": "WH2"}}, ["B-01"]),
        ({"warehouse_code": {"ilike": "wh1"}}, ["A-01-01-01", "A-02", "Z1", "Z2"]),
        ({"walk_sequence": {"gt": 1}}, ["A-02"]),
        ({"walk_sequence": {"between": [1, 5]}}, ["A-01-01-01", "A-02"]),
        ({"storage_unit_type_id": {"filled": True}}, []),
        ({"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=lambda value: str(value),
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller, _records = await seeded(clients)
    assert await codes(caller, filter_) == expected


async def test_id_filters(clients: ApiClientFactory) -> None:
    caller, records = await seeded(clients)
    assert await codes(caller, {"warehouse_id": {"eq": str(records["other"]["id"])}}) == ["B-01"]
    assert len(await codes(caller, {"location_type_id": {"eq": records["bay"]["id"]}})) == 5
    first = await caller.graphql("{ locations { all(first: 1) { edges { node { id } } } } }")
    first_id = first["data"]["locations"]["all"]["edges"][0]["node"]["id"]
    assert await codes(caller, {"id": {"eq": first_id}}) == ["A-01-01-01"]


async def test_another_tenants_locations_are_invisible(clients: ApiClientFactory) -> None:
    await seeded(clients)
    other = await clients.new()
    assert await codes(other, {}) == []
    assert await codes(other, {"warehouse_code": {"eq": "WH1"}}) == []


async def test_warehouses_load_in_one_statement_for_the_page(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    query = "{ locations { all { total_count edges { node { code warehouse { code } } } } } }"

    async def statements_for_a_page() -> int:
        with statements_run(db) as statements:
            result = await caller.graphql(query)
        assert "errors" not in result, result
        return len(statements)

    await caller.create_location()
    one = await statements_for_a_page()
    for _ in range(4):
        await caller.create_location()
    assert await statements_for_a_page() == one
