"""Load tasks through HTTP: storage units assigned, loaded onto a load's trailer and unloaded
again, refused past its capacity, and the load dispatched; every refusal changes nothing."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sqlalchemy import update

from clarus.core.db import Database
from clarus.masterdata.tables import warehouses
from tests.api.test_path_isolation import tenant_rows
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.outbound.test_fulfilment import STOCKS, nodes, order_state, order_tasks
from tests.shipping.load_loading import Loading, load_tasks, loading_warehouse, picked_for_loading
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, resource_body

LOADED = """query($f: LoadFilterType) { loads { all(filter: $f) { edges { node {
  status number_of_storage_units_loaded } } } } }"""
DROPS = """query($f: LoadDropFilterType) { load_drops { all(filter: $f) { edges { node {
  id status number_of_storage_units_loaded } } } } }"""
TRANSACTIONS = """query($f: TransactionFilterType) { transactions { all(filter: $f) { edges {
  node { subtype category quantity location_from { code } location_to { code } } } } } }"""


def task_path(task: dict[str, Any], action: str) -> str:
    return f"/api/load_tasks/{task['id']}/{action}"


async def post(caller: Caller, path: str, body: Any = None) -> None:
    response = await caller.http.request("POST", path, json=body, headers=caller.headers())
    assert response.status_code == 204, response.text
    assert response.content == b""


async def trailer(caller: Caller, code: str, capacity: int) -> int:
    trailer_type = await caller.create(
        "trailer_types", code=code, name=code, storage_unit_capacity=capacity
    )
    created = await caller.create(
        "trailers",
        code=code,
        name=code,
        trailer_type_id=int(trailer_type["id"]),
        active=True,
    )
    return int(created["id"])


async def load_counts(caller: Caller, load_id: int) -> tuple[dict[str, Any], list[int]]:
    [load] = await nodes(caller, LOADED, "loads", {"id": {"eq": str(load_id)}})
    drops = await nodes(caller, DROPS, "load_drops", {"load_id": {"eq": str(load_id)}})
    ordered = sorted(drops, key=lambda drop: int(drop["id"]))
    return load, [drop["number_of_storage_units_loaded"] for drop in ordered]


async def stock_places(caller: Caller, loading: Loading) -> list[tuple[str, float, float]]:
    """Where the product's stock is: (location, quantity, allocated) of each non-empty record
    (one per pallet)."""
    found = await nodes(
        caller, STOCKS, "stocks", {"product_id": {"eq": str(loading.where.stock.product_id)}}
    )
    return sorted(
        (node["location"]["code"], node["quantity"], node["allocated_quantity"])
        for node in found
        if node["quantity"]
    )


async def test_a_load_with_three_drops_loaded_unloaded_refused_when_full_and_dispatched(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    loading = await loading_warehouse(caller, pallets=5)
    small, large = await trailer(caller, "SMALL", 4), await trailer(caller, "LARGE", 5)
    created = await caller.create(
        "loads",
        warehouse_id=loading.where.stock.warehouse_id,
        reference="L-1",
        trailer_id=small,
    )
    load_id = int(created["data"]["id"])
    orders = [
        await picked_for_loading(caller, loading, quantity, f"SO-{number}")
        for number, quantity in enumerate((4, 2, 4), start=1)
    ]
    drops = [
        int((await caller.create("load_drops", load_id=load_id, goods_out_id=order))["data"]["id"])
        for order in orders
    ]

    tasks = await load_tasks(caller)
    assert [(task["goods_out_id"], task["status"], task["load_id"]) for task in tasks] == [
        (str(orders[0]), "AVAILABLE", None),
        (str(orders[0]), "AVAILABLE", None),
        (str(orders[1]), "AVAILABLE", None),
        (str(orders[2]), "AVAILABLE", None),
        (str(orders[2]), "AVAILABLE", None),
    ]
    assert sorted(int(task["storage_unit_from_id"]) for task in tasks) == loading.pallet_ids
    assert {task["location_from_id"] for task in tasks} == {str(loading.goods_out_bay_id)}
    for order in orders:
        assert {task["subtype"] for task in await order_tasks_full(caller, order)} == {"LOAD"}
    [disp, *_] = await order_tasks(caller, orders[0], "DISP")
    for task_id in (disp["id"], tasks[0]["id"]):
        await assert_refused(
            caller,
            db,
            "PATCH",
            f"/api/tasks/{task_id}",
            resource_body("tasks", status="completed"),
            symbol="task_not_completable_here",
            pointer="/data/attributes/status",
        )

    before = loading_started = len(await events_of(db, caller.tenant_id))
    await post(caller, task_path(tasks[0], "assign_storage_unit"), {"load_id": load_id})
    assert [task["id"] for task in await load_tasks(caller, load_id=load_id)] == [tasks[0]["id"]]
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events[before:]] == [
        ("load_task", "assigned")
    ]

    await post(caller, task_path(tasks[0], "load_storage_unit"))
    await post(caller, task_path(tasks[1], "load_storage_unit"), {"load_drop_id": drops[0]})
    await post(caller, task_path(tasks[2], "load_storage_unit"), {"load_id": load_id})
    await post(
        caller,
        task_path(tasks[3], "load_storage_unit"),
        {"load_id": load_id, "load_drop_id": drops[2]},
    )
    load, counts = await load_counts(caller, load_id)
    assert load == {"status": "open", "number_of_storage_units_loaded": 4}
    assert counts == [2, 1, 1]
    loaded = await load_tasks(caller, load_id=load_id, status="COMPLETED")
    assert [task["load_drop_id"] for task in loaded] == [str(drops[0])] * 2 + [
        str(drops[1]),
        str(drops[2]),
    ]
    assert {task["location_to_id"] for task in loaded} == {str(loading.door_id)}
    assert await stock_places(caller, loading) == [("DOOR-1", 2.0, 2.0)] * 4 + [
        ("GOODS-OUT", 2.0, 2.0)
    ]
    await assert_ledger_matches_stock(db, caller.tenant_id)

    rows = await tenant_rows(db, caller.tenant_id)
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        task_path(tasks[4], "load_storage_unit"),
        {"load_id": load_id},
        symbol="trailer_full",
        pointer=None,
    )
    assert error["code"] == 1323
    assert (
        error["details"] == f"Load {load_id}'s trailer {small} takes 4 storage units; 4 are loaded."
    )
    assert error["context"] == {"load_id": load_id, "storage_unit_capacity": 4}
    assert await tenant_rows(db, caller.tenant_id) == rows
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/loads/{load_id}/dispatch",
        None,
        symbol="load_units_not_loaded",
        pointer=None,
    )
    assert await tenant_rows(db, caller.tenant_id) == rows

    await post(caller, task_path(tasks[2], "unload_storage_unit"))
    [unloaded] = [task for task in await load_tasks(caller) if task["id"] == tasks[2]["id"]]
    assert (unloaded["status"], unloaded["load_id"], unloaded["location_to_id"]) == (
        "AVAILABLE",
        str(load_id),
        None,
    )
    load, counts = await load_counts(caller, load_id)
    assert (load["number_of_storage_units_loaded"], counts) == (3, [2, 0, 1])
    assert (
        await stock_places(caller, loading)
        == [("DOOR-1", 2.0, 2.0)] * 3 + [("GOODS-OUT", 2.0, 2.0)] * 2
    )
    moves = await nodes(caller, TRANSACTIONS, "transactions", {"subtype": {"eq": "LOAD"}})
    assert sorted((move["category"], move["quantity"]) for move in moves) == sorted(
        [("LOAD", -2.0), ("LOAD", 2.0)] * 4 + [("UNLOAD", -2.0), ("UNLOAD", 2.0)]
    )
    await assert_refused(
        caller,
        db,
        "POST",
        task_path(tasks[2], "unload_storage_unit"),
        None,
        symbol="load_task_not_loaded",
        pointer=None,
    )

    changed = await caller.patch(f"/api/loads/{load_id}", resource_body("loads", trailer_id=large))
    assert changed.status_code == 200, changed.text
    await post(caller, task_path(tasks[2], "load_storage_unit"))
    await post(caller, task_path(tasks[4], "load_storage_unit"), {"load_id": load_id})
    load, counts = await load_counts(caller, load_id)
    assert (load["number_of_storage_units_loaded"], counts) == (5, [2, 1, 2])
    await assert_ledger_matches_stock(db, caller.tenant_id)
    loading_events = Counter(
        (e["resource_name"], e["event"])
        for e in (await events_of(db, caller.tenant_id))[loading_started:]
    )
    assert {
        key: count for key, count in loading_events.items() if key[0] in ("load_task", "stock")
    } == {
        ("load_task", "assigned"): 1,
        ("load_task", "loaded"): 6,
        ("load_task", "unloaded"): 1,
        ("stock", "loaded"): 12,
        ("stock", "unloaded"): 2,
    }

    before = len(await events_of(db, caller.tenant_id))
    response = await caller.post(f"/api/loads/{load_id}/dispatch", None)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["status"] == "dispatched"
    for order, quantity in zip(orders, (4.0, 2.0, 4.0), strict=True):
        state = await order_state(caller, order)
        assert state["goods_out_status"] == {"code": "COMPLETED"}
        assert [line["dispatch_quantity"] for line in state["lines"]] == [quantity]
        assert {task["status"] for task in await order_tasks(caller, order, "DISP")} == {
            "COMPLETED"
        }
    assert await stock_places(caller, loading) == []
    dispatched = await nodes(caller, TRANSACTIONS, "transactions", {"subtype": {"eq": "DISP"}})
    assert {move["location_from"]["code"] for move in dispatched} == {"DOOR-1"}
    assert sum(move["quantity"] for move in dispatched) == -10.0
    await assert_ledger_matches_stock(db, caller.tenant_id)
    written = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    new = written[before:]
    assert new.count(("goods_out", "completed")) == 3
    assert new.count(("stock", "dispatched")) == 5
    assert new.count(("load_drop", "dispatched")) == 3
    assert new[-2:] == [("load", "updated"), ("load", "dispatched")]
    assert [drop["status"] for drop in await nodes(caller, DROPS, "load_drops", {})] == [
        "dispatched"
    ] * 3
    await assert_refused(
        caller,
        db,
        "POST",
        task_path(tasks[0], "unload_storage_unit"),
        None,
        symbol="load_dispatched",
        pointer=None,
    )


async def order_tasks_full(caller: Caller, order_id: int) -> list[dict[str, Any]]:
    """The order's DISP tasks with their subtype."""
    return await nodes(
        caller,
        "query($f: TaskFilterType) { tasks { all(filter: $f) { edges { node { subtype } } } } }",
        "tasks",
        {"goods_out_id": {"eq": str(order_id)}, "task_type_code": {"eq": "DISP"}},
    )


def answer(response: Any, record_id: int) -> tuple[int, str]:
    return response.status_code, re.sub(rf"\b{record_id}\b", "<id>", response.text)


async def test_refused_load_tasks_change_nothing_and_another_tenants_ids_are_missing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    loading = await loading_warehouse(caller, pallets=2)
    orders = [await picked_for_loading(caller, loading, 2, f"SO-{n}") for n in (1, 2)]
    warehouse_id = loading.where.stock.warehouse_id
    load_id = int((await caller.create("loads", warehouse_id=warehouse_id))["data"]["id"])
    second_id = int((await caller.create("loads", warehouse_id=warehouse_id))["data"]["id"])
    elsewhere = await caller.create_warehouse()
    away_id = int((await caller.create("loads", warehouse_id=elsewhere["id"]))["data"]["id"])
    drops = [
        int((await caller.create("load_drops", load_id=load, goods_out_id=order))["data"]["id"])
        for load, order in ((load_id, orders[0]), (load_id, orders[1]), (second_id, orders[0]))
    ]
    first, _second = await load_tasks(caller)
    theirs = await loading_warehouse(other, pallets=1)
    await picked_for_loading(other, theirs, 2, "THEIRS")
    [their_task] = await load_tasks(other)
    their_load = await other.create("loads", warehouse_id=theirs.where.stock.warehouse_id)
    their_load_id = int(their_load["data"]["id"])
    their_drop = await other.create("load_drops", load_id=their_load_id)
    their_drop_id = int(their_drop["data"]["id"])
    [pick] = await order_tasks(caller, orders[0], "PICK")

    load = task_path(first, "load_storage_unit")
    for body, symbol, pointer in (
        ({}, "missing_field", "/load_id"),
        ({"load_id": "one"}, "invalid_type", "/load_id"),
        ({"load_drop_id": drops[1]}, "load_validation_failed", "/load_drop_id"),
        ({"load_id": load_id, "load_drop_id": drops[2]}, "load_validation_failed", "/load_drop_id"),
        ({"load_id": away_id}, "load_validation_failed", "/load_id"),
        (
            {"load_id": second_id, "load_drop_id": drops[0]},
            "load_validation_failed",
            "/load_drop_id",
        ),
    ):
        rows = await tenant_rows(db, caller.tenant_id)
        errors = await assert_refused(
            caller, db, "POST", load, body, symbol=symbol, pointer=pointer
        )
        assert len(errors) == 1, errors
        assert await tenant_rows(db, caller.tenant_id) == rows
    rows = await tenant_rows(db, caller.tenant_id)
    await assert_refused(
        caller,
        db,
        "POST",
        task_path(first, "assign_storage_unit"),
        {},
        symbol="missing_field",
        pointer="/load_id",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        load,
        {"load_drop_id": drops[1]},
        symbol="load_validation_failed",
        pointer="/load_drop_id",
    )
    door = await caller.patch(
        f"/api/locations/{loading.door_id}", resource_body("locations", is_active=False)
    )
    assert door.status_code == 200, door.text
    await assert_refused(
        caller, db, "POST", load, {"load_id": load_id}, symbol="no_loading_location", pointer=None
    )
    door = await caller.patch(
        f"/api/locations/{loading.door_id}", resource_body("locations", is_active=True)
    )
    assert door.status_code == 200, door.text

    rows = await tenant_rows(db, other.tenant_id)
    for body, pointer in (
        ({"load_id": their_load_id}, "/load_id"),
        ({"load_drop_id": their_drop_id}, "/load_drop_id"),
    ):
        missing = {name: 999999999 for name in body}
        answers = []
        for sent in (body, missing):
            response = await caller.http.request("POST", load, json=sent, headers=caller.headers())
            answers.append(answer(response, next(iter(sent.values()))))
        assert answers[0] == answers[1]
        assert answers[0][0] == 422
        assert f'"pointer":"{pointer}"' in answers[0][1]
    for action in ("assign_storage_unit", "load_storage_unit", "unload_storage_unit"):
        answers = []
        for task_id in (their_task["id"], 999999999, pick["id"]):
            response = await caller.http.request(
                "POST",
                f"/api/load_tasks/{task_id}/{action}",
                json={"load_id": load_id},
                headers=caller.headers(),
            )
            answers.append(answer(response, task_id))
        assert answers[0] == answers[1] == answers[2]
        assert answers[0][0] == 404
    assert await tenant_rows(db, other.tenant_id) == rows

    await post(caller, load, {"load_id": load_id})
    for method, path, symbol in (
        ("POST", load, "status_forbids_change"),
        ("DELETE", f"/api/loads/{load_id}", "load_not_empty"),
        ("DELETE", f"/api/load_drops/{drops[0]}", "load_not_empty"),
    ):
        rows = await tenant_rows(db, caller.tenant_id)
        await assert_refused(caller, db, method, path, None, symbol=symbol, pointer=None)
        assert await tenant_rows(db, caller.tenant_id) == rows
    await post(caller, task_path(first, "unload_storage_unit"))
    deleted = await caller.http.request(
        "DELETE", f"/api/load_drops/{drops[0]}", headers=caller.headers()
    )
    assert deleted.status_code == 204, deleted.text
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_a_warehouse_validating_by_delivery_address_loads_only_onto_the_orders_drop(
    clients: ApiClientFactory, db: Database
) -> None:
    """The warehouse's `loading_validation_setting` has no write in the API yet: it is set in
    the database; the rest goes through HTTP."""
    caller = await clients.new()
    loading = await loading_warehouse(caller, pallets=1)
    warehouse_id = loading.where.stock.warehouse_id
    home, work = [
        int((await caller.create("delivery_addresses", code=code, name=code))["data"]["id"])
        for code in ("HOME", "WORK")
    ]
    order = await picked_for_loading(caller, loading, 2, "SO-1", original_delivery_address_id=home)
    async with db.write_session() as session:
        await session.execute(
            update(warehouses)
            .where(warehouses.c.id == warehouse_id)
            .values(loading_validation_setting="delivery_address")
        )
    load_id = int((await caller.create("loads", warehouse_id=warehouse_id))["data"]["id"])
    elsewhere, right = [
        int(
            (await caller.create("load_drops", load_id=load_id, delivery_address_id=address))[
                "data"
            ]["id"]
        )
        for address in (work, home)
    ]
    [task] = await load_tasks(caller, goods_out_id=order)
    rows = await tenant_rows(db, caller.tenant_id)
    await assert_refused(
        caller,
        db,
        "POST",
        task_path(task, "load_storage_unit"),
        {"load_drop_id": elsewhere},
        symbol="load_validation_failed",
        pointer="/load_drop_id",
    )
    assert await tenant_rows(db, caller.tenant_id) == rows
    await post(caller, task_path(task, "load_storage_unit"), {"load_drop_id": right})
    load, counts = await load_counts(caller, load_id)
    assert (load["number_of_storage_units_loaded"], counts) == (1, [0, 1])
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_an_order_with_units_on_a_load_is_cancelled_only_once_they_are_unloaded(
    clients: ApiClientFactory, db: Database
) -> None:
    """Cancelling would leave its units on the trailer, allocated to nothing: refused while a
    unit is loaded; after the unload the order cancels, its stock released at the door."""
    caller = await clients.new()
    loading = await loading_warehouse(caller, pallets=2)
    created = await caller.create(
        "loads", warehouse_id=loading.where.stock.warehouse_id, reference="L-1"
    )
    load_id = int(created["data"]["id"])
    order = await picked_for_loading(caller, loading, 4, "SO-1")
    await caller.create("load_drops", load_id=load_id, goods_out_id=order)
    tasks = await load_tasks(caller)
    await post(caller, task_path(tasks[0], "load_storage_unit"), {"load_id": load_id})
    cancel = f"/api/goods_outs/{order}/cancel"
    [error] = await assert_refused(
        caller, db, "POST", cancel, None, symbol="order_units_loaded", pointer=None
    )
    assert error["code"] == 1331
    assert (await order_state(caller, order))["goods_out_status"] == {"code": "PICK"}

    await post(caller, task_path(tasks[0], "unload_storage_unit"))
    response = await caller.post(cancel, None)
    assert response.status_code == 200, response.text
    assert (await order_state(caller, order))["goods_out_status"] == {"code": "CANCELLED"}
    assert {allocated for _place, _quantity, allocated in await stock_places(caller, loading)} == {
        0.0
    }
    await assert_ledger_matches_stock(db, caller.tenant_id)
