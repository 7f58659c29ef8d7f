from __future__ import annotations

from clarus.core.db import Database
from tests.catalog import factories as catalog
from tests.inbound.receiving import dock, received_receipt, task_body, tasks_of
from tests.support import ApiClientFactory, Caller, assert_refused, refused


async def storage_unit(caller: Caller) -> int:
    unit_type = await catalog.storage_unit_type(caller)
    created = await catalog.created(
        caller, "/api/storage_units", "storage_units", storage_unit_type_id=int(unit_type["id"])
    )
    return int(created["id"])


async def test_a_patch_changes_what_the_worker_may_change(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 3})
    [task] = await tasks_of(caller, receipt["id"])
    unit_id = await storage_unit(caller)
    response = await caller.patch(
        f"/api/tasks/{task['id']}",
        task_body(
            priority=10,
            notes="Urgent",
            location_to_id=where.shelf_id,
            storage_unit_to_id=unit_id,
            string1="dock 4",
        ),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["id"], data["type"]) == (task["id"], "tasks")
    attributes = data["attributes"]
    assert (attributes["priority"], attributes["notes"], attributes["string1"]) == (
        10,
        "Urgent",
        "dock 4",
    )
    assert (attributes["status"], attributes["task_type_code"]) == ("AVAILABLE", "RCV")
    assert data["relationships"]["storage_unit_to"]["data"] == {
        "id": str(unit_id),
        "type": "storage_units",
    }
    assert data["relationships"]["inbound_item"]["data"]["type"] == "inbound_items"


async def test_a_patch_refuses_what_says_what_the_task_is(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 3})
    [task] = await tasks_of(caller, receipt["id"])
    path = f"/api/tasks/{task['id']}"
    assert await refused(
        caller, db, "PATCH", path, task_body(start_quantity=5, product_id=1, load_id=3)
    ) == [
        ("read_only_attribute", "/data/attributes/load_id"),
        ("read_only_attribute", "/data/attributes/product_id"),
        ("read_only_attribute", "/data/attributes/start_quantity"),
    ]
    await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        task_body(status="ALLOCATED"),
        symbol="invalid_value",
        pointer="/data/attributes/status",
    )
    other = await clients.new()
    foreign_unit = await storage_unit(other)
    await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        task_body(storage_unit_to_id=foreign_unit),
        symbol="reference_not_found",
        pointer="/data/attributes/storage_unit_to_id",
    )
    await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        task_body(priority="high"),
        symbol="invalid_type",
        pointer="/data/attributes/priority",
    )
