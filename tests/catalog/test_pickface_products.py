from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import body, merged
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, refused

PATH = "/api/pickface_products"


def assignment(**attributes: Any) -> dict[str, Any]:
    return body("pickface_products", **attributes)


async def product_and_pickface(caller: Caller) -> dict[str, int]:
    product = await factories.product(caller)
    location = await caller.create_location(is_pickface=True)
    return {"product_id": product["id"], "location_id": location["id"]}


def documented_document(record_id: int, ids: dict[str, int], **attributes: Any) -> dict[str, Any]:
    return {
        "data": {
            "id": record_id,
            "type": "pickface_products",
            "attributes": attributes,
            "relationships": {
                "product": {"data": {"id": ids["product_id"], "type": "products"}},
                "location": {"data": {"id": ids["location_id"], "type": "locations"}},
            },
        }
    }


async def test_create_answers_the_documented_document(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    response = await caller.post(
        PATH,
        assignment(
            **ids,
            replenishment_type="demand",
            trigger_min=10,
            trigger_max=100,
            priority=1,
            full_storage_units_only=True,
        ),
    )
    assert response.status_code == 200, response.text
    created = response.json()
    record_id = created["data"]["id"]
    assert isinstance(record_id, int)
    attributes = created["data"]["attributes"]
    assert created == documented_document(
        record_id,
        ids,
        replenishment_type="demand",
        trigger_min=10,
        trigger_max=100,
        priority=1,
        full_storage_units_only=True,
        created_at=attributes["created_at"],
        updated_at=attributes["updated_at"],
    )
    assert attributes["created_at"].endswith("Z")
    [event] = [
        e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "pickface_product"
    ]
    assert event["record_id"] == record_id
    assert event["event"] == "created"
    assert event["payload"]["product_id"] == ids["product_id"]
    assert event["payload"]["location_id"] == ids["location_id"]


async def test_unsent_attributes_take_their_defaults(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    created = await caller.create("pickface_products", **ids)
    attributes = created["data"]["attributes"]
    assert attributes == {
        "replenishment_type": "continuous",
        "trigger_min": None,
        "trigger_max": None,
        "priority": None,
        "full_storage_units_only": False,
        "created_at": attributes["created_at"],
        "updated_at": attributes["updated_at"],
    }


async def test_equal_triggers_are_accepted(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    created = await caller.create("pickface_products", **ids, trigger_min=0, trigger_max=0)
    assert created["data"]["attributes"]["trigger_min"] == 0
    assert created["data"]["attributes"]["trigger_max"] == 0


async def test_a_product_is_assigned_to_a_location_once(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    first = await caller.create("pickface_products", **ids, replenishment_type="continuous")
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        PATH,
        assignment(**ids, replenishment_type="demand"),
        symbol="record_exists",
        pointer="/data/attributes/location_id",
    )
    assert (error["code"], error["context"]["existing_id"]) == (1023, first["data"]["id"])


async def test_a_product_has_several_pickfaces_and_a_pickface_several_products(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    await caller.create("pickface_products", **ids)
    other_location = await caller.create_location(is_pickface=True)
    await caller.create("pickface_products", **{**ids, "location_id": other_location["id"]})
    other_product = await factories.product(caller)
    await caller.create("pickface_products", **{**ids, "product_id": other_product["id"]})


async def test_the_location_must_be_a_pickface(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    product = await factories.product(caller)
    location = await caller.create_location()
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        PATH,
        assignment(product_id=product["id"], location_id=location["id"]),
        symbol="invalid_value",
        pointer="/data/attributes/location_id",
    )
    assert error["context"] == {
        "location_id": location["id"],
        "pointer": "/data/attributes/location_id",
    }


async def test_a_location_group_is_refused_like_an_unknown_id(
    clients: ApiClientFactory, db: Database
) -> None:
    """Location groups are not a resource yet, so no id names one."""
    caller = await clients.new()
    product = await factories.product(caller)
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        PATH,
        assignment(product_id=product["id"], location_group_id=7),
        symbol="reference_not_found",
        pointer="/data/attributes/location_group_id",
    )
    assert (error["code"], error["context"]) == (
        1011,
        {"resource": "location_groups", "id": 7, "pointer": "/data/attributes/location_group_id"},
    )


async def test_a_location_group_and_an_unknown_product_are_refused_together(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    problems = await refused(
        caller, db, "POST", PATH, assignment(product_id=999_999_999, location_group_id=7)
    )
    assert problems == [
        ("reference_not_found", "/data/attributes/product_id"),
        ("reference_not_found", "/data/attributes/location_group_id"),
    ]


async def test_another_tenants_product_and_location_are_not_references(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await product_and_pickface(other)
    problems = await refused(caller, db, "POST", PATH, assignment(**theirs))
    assert problems == [
        ("reference_not_found", "/data/attributes/product_id"),
        ("reference_not_found", "/data/attributes/location_id"),
    ]


async def test_every_inconsistency_is_reported_at_once(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    problems = await refused(
        caller,
        db,
        "POST",
        PATH,
        assignment(**ids, location_group_id=3, trigger_min=5, trigger_max=4),
    )
    assert problems == [
        ("invalid_value", "/data/attributes/location_group_id"),
        ("invalid_value", "/data/attributes/trigger_max"),
    ]


async def test_deleting_the_product_removes_its_assignments(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    await caller.create("pickface_products", **ids)
    assert (await caller.delete(f"/api/products/{ids['product_id']}")).status_code == 204
    again = await factories.product(caller)
    await caller.create("pickface_products", product_id=again["id"], location_id=ids["location_id"])


async def test_a_location_with_assignments_is_not_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    ids = await product_and_pickface(caller)
    await caller.create("pickface_products", **ids)
    [error] = await assert_refused(
        caller,
        db,
        "DELETE",
        f"/api/locations/{ids['location_id']}",
        None,
        symbol="record_in_use",
        pointer=None,
    )
    assert error["context"]["used_by"] == ["pickface_products"]


def valid(**changes: Any) -> dict[str, Any]:
    """A body that passes validation with placeholder ids (`...` leaves an attribute out)."""
    defaults = {"product_id": 1, "location_id": 1, "trigger_min": 1, "trigger_max": 2}
    return assignment(**merged(defaults, changes))


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing product", valid(product_id=...), "missing_field", "/data/attributes/product_id"),
    ("null product", valid(product_id=None), "invalid_type", "/data/attributes/product_id"),
    ("string product", valid(product_id="1"), "invalid_type", "/data/attributes/product_id"),
    ("zero location", valid(location_id=0), "out_of_range", "/data/attributes/location_id"),
    (
        "blank replenishment type",
        valid(replenishment_type=""),
        "invalid_enum_value",
        "/data/attributes/replenishment_type",
    ),
    (
        "unknown replenishment type",
        valid(replenishment_type="weekly"),
        "invalid_enum_value",
        "/data/attributes/replenishment_type",
    ),
    ("negative trigger", valid(trigger_min=-1), "out_of_range", "/data/attributes/trigger_min"),
    ("fractional trigger", valid(trigger_max=2.5), "invalid_type", "/data/attributes/trigger_max"),
    ("negative priority", valid(priority=-1), "out_of_range", "/data/attributes/priority"),
    (
        "string flag",
        valid(full_storage_units_only="false"),
        "invalid_type",
        "/data/attributes/full_storage_units_only",
    ),
    (
        "unknown attribute",
        valid(warehouse_id=1),
        "unknown_attribute",
        "/data/attributes/warehouse_id",
    ),
    (
        "neither location nor group",
        valid(location_id=...),
        "missing_field",
        "/data/attributes/location_id",
    ),
    (
        "both location and group",
        valid(location_group_id=1),
        "invalid_value",
        "/data/attributes/location_group_id",
    ),
    (
        "minimum above maximum",
        valid(trigger_min=3, trigger_max=2),
        "invalid_value",
        "/data/attributes/trigger_max",
    ),
    (
        "unknown product",
        valid(product_id=999_999_999),
        "reference_not_found",
        "/data/attributes/product_id",
    ),
    (
        "unknown location",
        valid(location_id=999_999_999),
        "reference_not_found",
        "/data/attributes/location_id",
    ),
    (
        "wrong type",
        {"data": {"type": "products", "attributes": {"product_id": 1, "location_id": 1}}},
        "invalid_resource_type",
        "/data/type",
    ),
]


@pytest.mark.parametrize(
    ("case", "payload", "symbol", "pointer"), REFUSED, ids=[c[0] for c in REFUSED]
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
    await assert_refused(caller, db, "POST", PATH, payload, symbol=symbol, pointer=pointer)
