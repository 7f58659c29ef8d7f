from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, assert_refused, events_of

LIST = """
query($filter: LocationsFilterType, $first: Int) { locations { all(filter: $filter, first: $first) {
  total_count edges { node { code description active is_pickface zone aisle column row slot
    max_storage_units warehouse { id } } }
} } }"""


def range_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "location_ranges", "attributes": attributes}}


async def warehouse_and_type(caller: Caller) -> dict[str, int]:
    warehouse = await caller.create_warehouse()
    location_type = await caller.create_location_type()
    return {"warehouse_id": warehouse["id"], "location_type_id": int(location_type["id"])}


async def generate(caller: Caller, **attributes: Any) -> list[dict[str, Any]]:
    response = await caller.post("/api/location_ranges", range_body(**attributes))
    assert response.status_code == 204, response.text
    assert response.content == b""
    return await listed(caller)


async def listed(caller: Caller) -> list[dict[str, Any]]:
    result = await caller.graphql(LIST, {"first": 500})
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["locations"]["all"]["edges"]]


async def test_the_documented_example_makes_the_cartesian_product(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    target = await warehouse_and_type(caller)
    created = await generate(
        caller,
        prefix="WH1-",
        range_start_zone="A",
        range_end_zone="C",
        range_start_aisle="01",
        range_end_aisle="10",
        **target,
    )
    codes = [location["code"] for location in created]
    assert len(codes) == 30
    assert codes[:3] == ["WH1-A01", "WH1-A02", "WH1-A03"]
    assert codes[-1] == "WH1-C10"
    assert created[10]["zone"] == "B"
    assert created[10]["aisle"] == "01"
    assert created[10]["column"] is None
    assert {location["warehouse"]["id"] for location in created} == {str(target["warehouse_id"])}
    assert all(location["active"] and not location["is_pickface"] for location in created)
    events = await events_of(db, caller.tenant_id)
    location_events = [e for e in events if e["resource_name"] == "location"]
    assert len(location_events) == 30
    assert {(e["event"], e["sequence"]) for e in location_events} == {("created", 1)}
    assert location_events[0]["payload"]["code"] == "WH1-A01"


async def test_every_dimension_and_the_settings_reach_each_location(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    created = await generate(
        caller,
        range_start_zone="Z",
        range_end_zone="Z",
        range_start_aisle="1",
        range_end_aisle="1",
        range_start_column="a",
        range_end_column="b",
        range_start_row="9",
        range_end_row="10",
        range_start_slot="001",
        range_end_slot="001",
        description="Generated",
        active=False,
        is_pickface=True,
        max_storage_units=2,
        **await warehouse_and_type(caller),
    )
    assert [location["code"] for location in created] == [
        "Z1a9001",
        "Z1a10001",
        "Z1b9001",
        "Z1b10001",
    ]
    first = created[0]
    assert (first["zone"], first["aisle"], first["column"], first["row"], first["slot"]) == (
        "Z",
        "1",
        "a",
        "9",
        "001",
    )
    assert first["description"] == "Generated"
    assert first["active"] is False
    assert first["is_pickface"] is True
    assert first["max_storage_units"] == 2


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("Y", "AB", ["Y", "Z", "AA", "AB"]),
        ("AZ", "BA", ["AZ", "BA"]),
        ("x", "z", ["x", "y", "z"]),
        ("8", "11", ["8", "9", "10", "11"]),
        ("08", "11", ["08", "09", "10", "11"]),
        ("099", "100", ["099", "100"]),
        ("5", "5", ["5"]),
    ],
)
async def test_ranges_of_numbers_and_letters(
    clients: ApiClientFactory, start: str, end: str, expected: list[str]
) -> None:
    caller = await clients.new()
    created = await generate(
        caller, range_start_slot=start, range_end_slot=end, **await warehouse_and_type(caller)
    )
    assert [location["code"] for location in created] == expected


async def test_one_taken_code_refuses_the_whole_range(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    target = await warehouse_and_type(caller)
    await caller.create_location("R-B", **target)
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        "/api/location_ranges",
        range_body(prefix="R-", range_start_zone="A", range_end_zone="C", **target),
        symbol="code_taken",
        pointer="/data/attributes",
    )
    assert error["context"]["existing_codes"] == ["R-B"]
    assert error["context"]["existing_count"] == 1


async def test_the_same_codes_in_another_warehouse_are_free(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    target = await warehouse_and_type(caller)
    other = await caller.create_warehouse()
    ranges = {"range_start_zone": "A", "range_end_zone": "B"}
    await generate(caller, **ranges, **target)
    created = await generate(caller, **ranges, **{**target, "warehouse_id": other["id"]})
    assert len(created) == 4


async def test_another_tenants_warehouse_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await warehouse_and_type(other)
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/location_ranges",
        range_body(range_start_zone="A", range_end_zone="B", **theirs),
        symbol="reference_not_found",
        pointer="/data/attributes/warehouse_id",
    )
    assert len(errors) == 2


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("no range", {}, "missing_field", "/data/attributes"),
    (
        "start without end",
        {"range_start_zone": "A"},
        "missing_field",
        "/data/attributes/range_end_zone",
    ),
    (
        "end without start",
        {"range_end_row": "3"},
        "missing_field",
        "/data/attributes/range_start_row",
    ),
    (
        "end before start",
        {"range_start_aisle": "10", "range_end_aisle": "01"},
        "invalid_value",
        "/data/attributes/range_end_aisle",
    ),
    (
        "letters to numbers",
        {"range_start_zone": "A", "range_end_zone": "5"},
        "invalid_value",
        "/data/attributes/range_end_zone",
    ),
    (
        "mixed letters and digits",
        {"range_start_zone": "A1", "range_end_zone": "B2"},
        "invalid_value",
        "/data/attributes/range_end_zone",
    ),
    (
        "mixed case",
        {"range_start_zone": "a", "range_end_zone": "C"},
        "invalid_value",
        "/data/attributes/range_end_zone",
    ),
    (
        "too many locations",
        {
            "range_start_aisle": "1",
            "range_end_aisle": "1000",
            "range_start_slot": "1",
            "range_end_slot": "11",
        },
        "out_of_range",
        "/data/attributes",
    ),
    (
        "huge range",
        {"range_start_aisle": "0", "range_end_aisle": "9" * 30},
        "out_of_range",
        "/data/attributes",
    ),
    (
        "codes over 60 characters",
        {"prefix": "P" * 59, "range_start_zone": "A", "range_end_zone": "AA"},
        "too_long",
        "/data/attributes",
    ),
    (
        "the same code twice",
        {
            "range_start_zone": "1",
            "range_end_zone": "11",
            "range_start_aisle": "1",
            "range_end_aisle": "11",
        },
        "invalid_value",
        "/data/attributes",
    ),
    (
        "blank range value",
        {"range_start_zone": "", "range_end_zone": "B"},
        "blank_value",
        "/data/attributes/range_start_zone",
    ),
    (
        "negative max storage units",
        {"range_start_zone": "A", "range_end_zone": "B", "max_storage_units": -1},
        "out_of_range",
        "/data/attributes/max_storage_units",
    ),
    (
        "description too long",
        {"range_start_zone": "A", "range_end_zone": "B", "description": "d" * 151},
        "too_long",
        "/data/attributes/description",
    ),
    (
        "unknown attribute",
        {"range_start_bay": "1", "range_end_bay": "2"},
        "unknown_attribute",
        "/data/attributes/range_start_bay",
    ),
]


@pytest.mark.parametrize(
    ("case", "attributes", "symbol", "pointer"), REFUSED, ids=[case[0] for case in REFUSED]
)
async def test_invalid_ranges_are_refused_and_write_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    attributes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    target = await warehouse_and_type(caller)
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/location_ranges",
        range_body(**target, **attributes),
        symbol=symbol,
        pointer=pointer,
    )


async def test_references_are_required(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/location_ranges",
        range_body(range_start_zone="A", range_end_zone="B"),
        symbol="missing_field",
        pointer="/data/attributes/warehouse_id",
    )
    assert len(errors) == 2


async def test_a_refusal_names_the_first_hundred_rows_and_counts_them_all(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    target = await warehouse_and_type(caller)
    await generate(caller, range_start_aisle="001", range_end_aisle="101", **target)
    response = await caller.delete(f"/api/warehouses/{target['warehouse_id']}")
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "record_in_use"
    assert error["context"]["count"] == 101
    assert len(error["context"]["ids"]) == 100
    assert error["context"]["ids"] == sorted(error["context"]["ids"])
