from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import assert_refused_without_writes, body, merged, priorities
from tests.support import ApiClientFactory, Caller, events_of, row_counts

PATH = "/api/storage_unit_types"
DOCUMENTED_EXAMPLE = body(
    "storage_unit_types",
    code="STDPAL",
    name="Standard Pallet",
    unit_name="Pallet",
    sequence_id=7,
    has_check_digit=True,
    is_pickable=False,
    leaves_warehouse=True,
    dimensions={
        "length": 1.2,
        "width": 1.0,
        "height": 1.5,
        "weight": 25.0,
        "unit_of_measure": "metre",
        "weight_unit_of_measure": "kilogram",
    },
)
READ_BACK = """
query($filter: StorageUnitTypeFilterType) { storage_unit_types { all(filter: $filter) {
  edges { node { id code name unit_name is_pickable has_check_digit leaves_warehouse
    dimensions { length width height weight unit_of_measure weight_unit_of_measure } } } } } }"""


def unit_type(**attributes: Any) -> dict[str, Any]:
    return body("storage_unit_types", **attributes)


async def read_back(caller: Caller, type_id: str) -> Any:
    result = await caller.graphql(READ_BACK, {"filter": {"id": {"eq": type_id}}})
    assert "errors" not in result, result
    [edge] = result["data"]["storage_unit_types"]["all"]["edges"]
    return edge["node"]


async def test_create_echoes_the_type_but_not_its_dimensions(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(PATH, DOCUMENTED_EXAMPLE)
    assert response.status_code == 200
    data = response.json()["data"]
    assert isinstance(data["id"], str)
    attributes = data["attributes"]
    assert "dimensions" not in attributes
    assert {
        key: attributes[key]
        for key in ("code", "name", "unit_name", "max_chars", "is_pickable", "has_check_digit")
    } == {
        "code": "STDPAL",
        "name": "Standard Pallet",
        "unit_name": "Pallet",
        "max_chars": None,
        "is_pickable": False,
        "has_check_digit": True,
    }
    assert attributes["leaves_warehouse"] is True
    assert attributes["sequence_id"] == 7
    node = await read_back(caller, data["id"])
    assert node["dimensions"] == {
        "length": 1.2,
        "width": 1.0,
        "height": 1.5,
        "weight": 25.0,
        "unit_of_measure": "metre",
        "weight_unit_of_measure": "kilogram",
    }


async def test_unit_name_defaults_to_the_name_and_flags_to_false(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    created = await factories.storage_unit_type(caller, name="Cage")
    attributes = created["attributes"]
    assert attributes["unit_name"] == "Cage"
    assert attributes["is_pickable"] is False
    assert attributes["inherits_dimensions_from_item"] is False
    assert (await read_back(caller, created["id"]))["dimensions"] is None


async def test_update_is_204_and_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = (await caller.post(PATH, DOCUMENTED_EXAMPLE)).json()["data"]
    path = f"{PATH}/{created['id']}"
    response = await caller.patch(
        path, unit_type(name="Euro Pallet", is_pickable=True, dimensions={"length": 1.25})
    )
    assert response.status_code == 204
    assert response.content == b""
    node = await read_back(caller, created["id"])
    assert node["name"] == "Euro Pallet"
    assert node["unit_name"] == "Pallet"
    assert node["is_pickable"] is True
    assert node["has_check_digit"] is True
    assert node["dimensions"]["length"] == 1.25
    assert node["dimensions"]["width"] == 1.0


async def test_update_of_null_unit_name_and_dimensions(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = (await caller.post(PATH, DOCUMENTED_EXAMPLE)).json()["data"]
    path = f"{PATH}/{created['id']}"
    response = await caller.patch(path, unit_type(unit_name=None, dimensions=None))
    assert response.status_code == 204
    node = await read_back(caller, created["id"])
    assert node["unit_name"] == "Standard Pallet"
    assert node["dimensions"] is None
    await caller.patch(path, unit_type(dimensions={"height": 2}))
    assert (await read_back(caller, created["id"]))["dimensions"]["height"] == 2.0


async def test_deleting_a_type_removes_its_product_storage_units_and_closes_the_gaps(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    pallet = await factories.storage_unit_type(caller)
    tote = await factories.storage_unit_type(caller)
    product = await factories.product(caller)
    first, second = await priorities(caller, product["id"])
    response = await caller.delete(f"{PATH}/{pallet['id']}")
    assert response.status_code == 204
    assert await priorities(caller, product["id"]) == [(0, second[1])]
    assert (await read_back_all_codes(caller)) == [tote["attributes"]["code"]]
    events = [
        (e["resource_name"], e["event"], e["record_id"])
        for e in await events_of(db, caller.tenant_id)
    ]
    assert events[-3:] == [
        ("product_storage_unit", "deleted", first[1]),
        ("product_storage_unit", "updated", second[1]),
        ("storage_unit_type", "deleted", int(pallet["id"])),
    ]


async def read_back_all_codes(caller: Caller) -> list[str]:
    result = await caller.graphql("{ storage_unit_types { all { edges { node { code } } } } }")
    return [edge["node"]["code"] for edge in result["data"]["storage_unit_types"]["all"]["edges"]]


async def test_a_type_with_storage_units_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    pallet = await factories.storage_unit_type(caller)
    await factories.product(caller)
    await factories.created(
        caller, "/api/storage_units", "storage_units", storage_unit_type_id=int(pallet["id"])
    )
    before = await row_counts(db, caller.tenant_id)
    response = await caller.delete(f"{PATH}/{pallet['id']}")
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "record_in_use"
    assert error["context"]["used_by"] == ["storage_units"]
    assert await row_counts(db, caller.tenant_id) == before


async def test_another_tenants_type_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    created = await factories.storage_unit_type(owner)
    path = f"{PATH}/{created['id']}"
    assert (await stranger.patch(path, unit_type(name="Mine"))).status_code == 404
    assert (await stranger.delete(path)).status_code == 404
    assert await read_back_all_codes(stranger) == []


def valid(**changes: Any) -> dict[str, Any]:
    return unit_type(**merged({"code": "PAL", "name": "Pallet", "sequence_id": 1}, changes))


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "missing sequence_id",
        valid(sequence_id=...),
        "missing_field",
        "/data/attributes/sequence_id",
    ),
    ("blank code", valid(code=""), "blank_value", "/data/attributes/code"),
    ("too long code", valid(code="A" * 31), "too_long", "/data/attributes/code"),
    ("too long name", valid(name="A" * 51), "too_long", "/data/attributes/name"),
    ("string sequence", valid(sequence_id="7"), "invalid_type", "/data/attributes/sequence_id"),
    ("unknown attribute", valid(colour="red"), "unknown_attribute", "/data/attributes/colour"),
    (
        "bad length unit",
        valid(dimensions={"unit_of_measure": "yard"}),
        "invalid_enum_value",
        "/data/attributes/dimensions/unit_of_measure",
    ),
    (
        "negative length",
        valid(dimensions={"length": -1}),
        "out_of_range",
        "/data/attributes/dimensions/length",
    ),
    (
        "string weight",
        valid(dimensions={"weight": "25"}),
        "invalid_type",
        "/data/attributes/dimensions/weight",
    ),
    (
        "too many decimals",
        valid(dimensions={"height": 1.23456}),
        "out_of_range",
        "/data/attributes/dimensions/height",
    ),
    (
        "unknown dimension",
        valid(dimensions={"depth": 1}),
        "unknown_attribute",
        "/data/attributes/dimensions/depth",
    ),
]


@pytest.mark.parametrize(
    ("case", "payload", "symbol", "pointer"), INVALID, ids=[c[0] for c in INVALID]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    payload: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    await assert_refused_without_writes(caller, db, PATH, payload, symbol, pointer)
