from __future__ import annotations

import asyncio
from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import (
    assert_refused_without_writes,
    body,
    merged,
    priorities,
    problems_of,
)
from tests.support import ApiClientFactory, Caller, events_of, row_counts

PATH = "/api/product_storage_units"


def psu(**attributes: Any) -> dict[str, Any]:
    return body("product_storage_units", **attributes)


async def product_with_units(caller: Caller, count: int) -> tuple[int, int, list[int]]:
    """A product with `count` storage units at priorities 0..count-1: (product, type, unit ids)."""
    product_id = (await factories.product(caller))["id"]
    type_id = int((await factories.storage_unit_type(caller))["id"])
    ids = [
        int(
            (
                await factories.product_storage_unit(
                    caller, product_id=product_id, storage_unit_type_id=type_id
                )
            )["id"]
        )
        for _ in range(count)
    ]
    return product_id, type_id, ids


async def test_create_answers_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    product_id = (await factories.product(caller))["id"]
    type_id = int((await factories.storage_unit_type(caller))["id"])
    response = await caller.post(
        PATH,
        psu(
            product_id=product_id,
            storage_unit_type_id=type_id,
            stock_configuration="case",
            unit_of_measure="centimetre",
            per_layer=10,
            number_of_layers=5,
            total=50,
        ),
    )
    assert response.status_code == 200
    assert b'"per_layer":10.0' in response.content
    assert b'"total":50.0' in response.content
    data = response.json()["data"]
    assert isinstance(data["id"], str)
    assert data["type"] == "product_storage_units"
    attributes = data["attributes"]
    assert attributes == {
        "product_id": product_id,
        "storage_unit_type_id": type_id,
        "stock_configuration": "case",
        "unit_of_measure": "centimetre",
        "per_layer": 10.0,
        "number_of_layers": 5,
        "total": 50.0,
        "height": None,
        "priority": 0,
        "created_at": attributes["created_at"],
        "updated_at": attributes["updated_at"],
    }


async def test_total_defaults_to_per_layer_times_layers(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    product_id = (await factories.product(caller))["id"]
    type_id = int((await factories.storage_unit_type(caller))["id"])
    created = await factories.product_storage_unit(
        caller,
        product_id=product_id,
        storage_unit_type_id=type_id,
        per_layer=2.5,
        number_of_layers=3,
        height=1.1,
    )
    assert created["attributes"]["total"] == 7.5
    assert created["attributes"]["height"] == 1.1


async def test_a_new_unit_goes_last_unless_a_priority_is_given(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    product_id, type_id, (first, second) = await product_with_units(caller, 2)
    placed = await factories.product_storage_unit(
        caller, product_id=product_id, storage_unit_type_id=type_id, priority=0
    )
    far = await factories.product_storage_unit(
        caller, product_id=product_id, storage_unit_type_id=type_id, priority=99
    )
    assert placed["attributes"]["priority"] == 0
    assert far["attributes"]["priority"] == 3
    assert await priorities(caller, product_id) == [
        (0, int(placed["id"])),
        (1, first),
        (2, second),
        (3, int(far["id"])),
    ]


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    product_id, _, (unit_id,) = await product_with_units(caller, 1)
    response = await caller.patch(
        f"{PATH}/{unit_id}", psu(per_layer=12, stock_configuration="outer", priority=0)
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == str(unit_id)
    attributes = data["attributes"]
    assert attributes["per_layer"] == 12.0
    assert attributes["stock_configuration"] == "outer"
    assert attributes["number_of_layers"] == 5
    assert attributes["total"] == 50.0
    assert attributes["product_id"] == product_id


@pytest.mark.parametrize("priority", [1, None])
async def test_priority_cannot_change_through_the_update(
    clients: ApiClientFactory, db: Database, priority: int | None
) -> None:
    caller = await clients.new()
    _, _, (first, _second) = await product_with_units(caller, 2)
    before = await row_counts(db, caller.tenant_id)
    response = await caller.patch(f"{PATH}/{first}", psu(priority=priority, per_layer=1))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "read_only_attribute"
    assert error["context"] == {"pointer": "/data/attributes/priority"}
    assert await row_counts(db, caller.tenant_id) == before


async def test_moved_to_another_product_it_goes_last_there(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    source, _, (first, second, third) = await product_with_units(caller, 3)
    target = (await factories.product(caller))["id"]
    [(_, default_unit)] = await priorities(caller, target)
    response = await caller.patch(f"{PATH}/{first}", psu(product_id=target))
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["priority"] == 1
    assert await priorities(caller, source) == [(0, second), (1, third)]
    assert await priorities(caller, target) == [(0, default_unit), (1, first)]


async def test_delete_closes_the_gap(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    product_id, _, (first, second, third) = await product_with_units(caller, 3)
    assert (await caller.delete(f"{PATH}/{second}")).status_code == 204
    assert await priorities(caller, product_id) == [(0, first), (1, third)]
    assert (await caller.delete(f"{PATH}/{second}")).status_code == 404


@pytest.mark.parametrize(
    ("mover", "target", "expected"),
    [
        (3, 0, [3, 0, 1, 2]),
        (0, 2, [1, 2, 0, 3]),
        (1, 3, [0, 2, 3, 1]),
        (1, 50, [0, 2, 3, 1]),
        (2, 2, [0, 1, 2, 3]),
    ],
)
async def test_reprioritise_moves_to_an_absolute_position(
    clients: ApiClientFactory, mover: int, target: int, expected: list[int]
) -> None:
    caller = await clients.new()
    product_id, _, ids = await product_with_units(caller, 4)
    response = await caller.patch(f"{PATH}/{ids[mover]}/priority", {"priority": target})
    assert response.status_code == 204
    assert response.content == b""
    assert await priorities(caller, product_id) == [
        (priority, ids[index]) for priority, index in enumerate(expected)
    ]


async def test_reprioritise_emits_an_update_per_unit_that_moved(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    _, _, (first, second, third) = await product_with_units(caller, 3)
    before = len(await events_of(db, caller.tenant_id))
    await caller.patch(f"{PATH}/{first}/priority", {"priority": 1})
    events = (await events_of(db, caller.tenant_id))[before:]
    assert sorted((e["event"], e["record_id"], e["payload"]["priority"]) for e in events) == [
        ("updated", first, 1),
        ("updated", second, 0),
    ]
    await caller.patch(f"{PATH}/{third}/priority", {"priority": 2})
    assert len(await events_of(db, caller.tenant_id)) == before + 2


async def test_concurrent_reprioritisations_keep_priorities_unique(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    product_id, _, ids = await product_with_units(caller, 5)
    moves = [(ids[index % 5], (index * 3) % 5) for index in range(12)]
    responses = await asyncio.gather(
        *(caller.patch(f"{PATH}/{unit}/priority", {"priority": target}) for unit, target in moves)
    )
    assert {response.status_code for response in responses} == {204}
    placed = await priorities(caller, product_id)
    assert [priority for priority, _ in placed] == [0, 1, 2, 3, 4]
    assert sorted(unit for _, unit in placed) == sorted(ids)


@pytest.mark.parametrize(
    ("payload", "symbol", "pointer"),
    [
        ({}, "missing_field", "/priority"),
        ({"priority": -1}, "out_of_range", "/priority"),
        ({"priority": "1"}, "invalid_type", "/priority"),
        ({"priority": 1, "product_id": 2}, "unknown_attribute", "/product_id"),
        (psu(priority=1), "unknown_attribute", "/data"),
    ],
)
async def test_reprioritise_refuses_a_bad_body(
    clients: ApiClientFactory, payload: dict[str, Any], symbol: str, pointer: str
) -> None:
    caller = await clients.new()
    _, _, (unit_id,) = await product_with_units(caller, 1)
    response = await caller.patch(f"{PATH}/{unit_id}/priority", payload)
    assert response.status_code == 422
    assert {"symbol": symbol, "pointer": pointer} in problems_of(response)


async def test_another_tenants_unit_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    _, _, (unit_id,) = await product_with_units(owner, 1)
    path = f"{PATH}/{unit_id}"
    assert (await stranger.patch(path, psu(per_layer=1))).status_code == 404
    assert (await stranger.patch(f"{path}/priority", {"priority": 0})).status_code == 404
    assert (await stranger.delete(path)).status_code == 404
    assert (await stranger.patch(f"{PATH}/999999999/priority", {"priority": 0})).status_code == 404


async def test_a_product_of_another_tenant_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    foreign_product = (await factories.product(other))["id"]
    type_id = int((await factories.storage_unit_type(caller))["id"])
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post(
        PATH, valid(product_id=foreign_product, storage_unit_type_id=type_id)
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "reference_not_found",
        "/data/attributes/product_id",
    )
    assert await row_counts(db, caller.tenant_id) == before


def valid(**changes: Any) -> dict[str, Any]:
    return psu(
        **merged(
            {
                "product_id": 1,
                "storage_unit_type_id": 1,
                "stock_configuration": "case",
                "unit_of_measure": "centimetre",
                "per_layer": 10,
                "number_of_layers": 5,
            },
            changes,
        )
    )


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing product", valid(product_id=...), "missing_field", "/data/attributes/product_id"),
    ("missing per_layer", valid(per_layer=...), "missing_field", "/data/attributes/per_layer"),
    (
        "bad configuration",
        valid(stock_configuration="pallet"),
        "invalid_enum_value",
        "/data/attributes/stock_configuration",
    ),
    (
        "bad unit",
        valid(unit_of_measure="yard"),
        "invalid_enum_value",
        "/data/attributes/unit_of_measure",
    ),
    ("negative per_layer", valid(per_layer=-1), "out_of_range", "/data/attributes/per_layer"),
    ("string per_layer", valid(per_layer="10"), "invalid_type", "/data/attributes/per_layer"),
    (
        "fractional layers",
        valid(number_of_layers=1.5),
        "invalid_type",
        "/data/attributes/number_of_layers",
    ),
    ("zero height", valid(height=0), "out_of_range", "/data/attributes/height"),
    ("negative priority", valid(priority=-1), "out_of_range", "/data/attributes/priority"),
    ("unknown attribute", valid(colour="red"), "unknown_attribute", "/data/attributes/colour"),
    (
        "missing records",
        valid(product_id=999_999_999),
        "reference_not_found",
        "/data/attributes/product_id",
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
