"""Replenishment through HTTP: allocation draining a pick face below its minimum, the manual
trigger, completing REPLEN tasks through `PATCH /api/tasks/{id}`, no duplicates however many
triggers run at once, and the refusals, which change nothing."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from clarus.core.db import Database
from clarus.inventory.tables import stocks, transactions
from clarus.tasks.tables import tasks
from tests.catalog import factories
from tests.inbound.factories import added
from tests.inventory.test_stock_actions import Place, add_stock, assert_ledger_matches_stock
from tests.outbound.test_allocation import allocate, create_order
from tests.support import (
    ApiClientFactory,
    Caller,
    assert_refused,
    events_of,
    row_counts,
    unique_code,
)

TRIGGER = "/api/goods_out_processes/trigger_replenishment"


@dataclass(frozen=True)
class Warehouse:
    """A product with a pick face (minimum 5, maximum 20) and two reserve locations."""

    account_id: int
    product_id: int
    warehouse_id: int
    pick_face_id: int
    reserve_ids: tuple[int, int]
    pickface_product_id: int

    def at(self, location_id: int) -> Place:
        return Place(self.account_id, self.product_id, self.warehouse_id, location_id, location_id)

    def trigger(self, **changes: int) -> dict[str, int]:
        return {
            "account_id": self.account_id,
            "location_id": self.pick_face_id,
            "product_id": self.product_id,
            **changes,
        }


async def warehouse(caller: Caller, **pickface: Any) -> Warehouse:
    account = await caller.create_account()
    product = await factories.product(caller)
    warehouse_id = int((await caller.create_warehouse())["id"])
    type_id = int((await caller.create_location_type())["id"])
    pick_face, first, second = [
        await caller.create_location(
            warehouse_id=warehouse_id, location_type_id=type_id, is_pickface=is_pickface
        )
        for is_pickface in (True, False, False)
    ]
    assignment = await factories.created(
        caller,
        "/api/pickface_products",
        "pickface_products",
        **{
            "product_id": product["id"],
            "location_id": pick_face["id"],
            "trigger_min": 5,
            "trigger_max": 20,
            **pickface,
        },
    )
    return Warehouse(
        int(account["id"]),
        int(product["id"]),
        warehouse_id,
        int(pick_face["id"]),
        (int(first["id"]), int(second["id"])),
        int(assignment["id"]),
    )


async def stock_at(
    caller: Caller, where: Warehouse, location_id: int, quantity: float, month: int, **more: Any
) -> int:
    record = await add_stock(
        caller, where.at(location_id), quantity, fifo_date=f"2026-0{month}-01T00:00:00Z", **more
    )
    return int(record["id"])


async def replenishments(db: Database, tenant_id: int) -> list[dict[str, Any]]:
    async with db.read_session() as session:
        statement = (
            select(tasks)
            .where(tasks.c.tenant_id == tenant_id, tasks.c.task_type_code == "REPLEN")
            .order_by(tasks.c.id)
        )
        return [dict(row) for row in (await session.execute(statement)).mappings()]


async def free_at(db: Database, location_id: int) -> tuple[Decimal, Decimal]:
    """(quantity, allocated) of the stock in the location."""
    async with db.read_session() as session:
        statement = select(stocks.c.quantity, stocks.c.allocated_quantity).where(
            stocks.c.location_id == location_id
        )
        rows = (await session.execute(statement)).all()
    return sum((row[0] for row in rows), Decimal(0)), sum((row[1] for row in rows), Decimal(0))


async def quantity_of(db: Database, stock_id: int) -> Decimal:
    async with db.read_session() as session:
        statement = select(stocks.c.quantity).where(stocks.c.id == stock_id)
        quantity: Decimal = (await session.execute(statement)).scalar_one()
    return quantity


async def order_and_allocate(caller: Caller, where: Warehouse, quantity: int) -> None:
    order = await create_order(
        caller,
        where.at(where.pick_face_id),
        added(product_id=where.product_id, order_quantity=quantity),
        reference=unique_code("SO"),
    )
    [allocated] = await allocate(caller, order["id"])
    assert allocated["attributes"]["goods_out_status_id"] == 5, allocated


async def complete(caller: Caller, task_id: int, **attributes: Any) -> Any:
    body = {"data": {"type": "tasks", "attributes": {"status": "completed", **attributes}}}
    response = await caller.patch(f"/api/tasks/{task_id}", body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def trigger(caller: Caller, body: dict[str, int]) -> list[Any]:
    response = await caller.post(TRIGGER, body)
    assert response.status_code == 200, response.text
    data: list[Any] = response.json()["data"]
    return data


async def test_a_pick_face_drained_by_allocations_is_replenished_once_from_the_oldest_reserve(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    await stock_at(caller, where, where.pick_face_id, 10, 1)
    newer = await stock_at(caller, where, where.reserve_ids[0], 30, 3)
    older = await stock_at(caller, where, where.reserve_ids[1], 30, 2)
    await order_and_allocate(caller, where, 4)
    assert await replenishments(db, caller.tenant_id) == []
    await order_and_allocate(caller, where, 3)
    [task] = await replenishments(db, caller.tenant_id)
    assert (task["status"], task["start_quantity"], task["stock_id"]) == (
        "AVAILABLE",
        Decimal(17),
        older,
    )
    assert (task["location_from_id"], task["location_to_id"]) == (
        where.reserve_ids[1],
        where.pick_face_id,
    )
    assert (task["account_id"], task["warehouse_id"], task["product_id"]) == (
        where.account_id,
        where.warehouse_id,
        where.product_id,
    )
    [again] = await trigger(caller, where.trigger())
    assert again["id"] == str(task["id"])
    assert len(await replenishments(db, caller.tenant_id)) == 1

    completed = await complete(
        caller, task["id"], confirmed_quantity=17, location_to_id=where.pick_face_id
    )
    assert completed["attributes"]["status"] == "COMPLETED"
    assert completed["attributes"]["confirmed_quantity"] == 17.0
    quantity, allocated = await free_at(db, where.pick_face_id)
    assert (quantity, allocated, quantity - allocated) == (Decimal(27), Decimal(7), Decimal(20))
    assert (await quantity_of(db, older), await quantity_of(db, newer)) == (13, 30)
    await assert_ledger_matches_stock(db, caller.tenant_id)
    async with db.read_session() as session:
        moved = (
            await session.execute(
                select(transactions.c.quantity, transactions.c.category, transactions.c.description)
                .where(
                    transactions.c.tenant_id == caller.tenant_id, transactions.c.category == "MOVE"
                )
                .order_by(transactions.c.id)
            )
        ).all()
    described = f"replenishment task {task['id']}"
    assert [tuple(row) for row in moved] == [
        (Decimal(-17), "MOVE", described),
        (Decimal(17), "MOVE", described),
    ]
    events = [
        (e["resource_name"], e["event"])
        for e in await events_of(db, caller.tenant_id)
        if e["resource_name"] in ("replenishment_task", "stock")
        and e["event"] != "positively_adjusted"
    ]
    assert events == [
        ("replenishment_task", "created"),
        ("stock", "moved"),
        ("stock", "moved"),
        ("replenishment_task", "completed"),
    ]
    assert await trigger(caller, where.trigger()) == []


async def test_the_trigger_tops_a_face_up_from_the_oldest_records_in_turn(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    first = await stock_at(caller, where, where.reserve_ids[0], 12, 1)
    second = await stock_at(caller, where, where.reserve_ids[1], 30, 2)
    made = await trigger(caller, where.trigger())
    assert [task["type"] for task in made] == ["tasks", "tasks"]
    assert [
        (
            task["attributes"]["task_type_code"],
            task["attributes"]["start_quantity"],
            task["relationships"]["stock"]["data"]["id"],
            task["relationships"]["location_to"]["data"]["id"],
        )
        for task in made
    ] == [
        ("REPLEN", 12.0, str(first), str(where.pick_face_id)),
        ("REPLEN", 8.0, str(second), str(where.pick_face_id)),
    ]
    assert [task["id"] for task in await trigger(caller, where.trigger())] == [
        task["id"] for task in made
    ]
    response = await caller.post(
        "/api/tasks/complete_collection",
        {
            "warehouse_id": where.warehouse_id,
            "task_type_code": "REPLEN",
            "filters": {"product_id": where.product_id},
        },
    )
    assert response.status_code == 204, response.text
    assert [task["status"] for task in await replenishments(db, caller.tenant_id)] == [
        "COMPLETED",
        "COMPLETED",
    ]
    assert await free_at(db, where.pick_face_id) == (Decimal(20), Decimal(0))
    assert (await quantity_of(db, first), await quantity_of(db, second)) == (0, 22)
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_the_account_pick_rule_chooses_the_reserve(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller, full_storage_units_only=True)
    response = await caller.patch(
        f"/api/accounts/{where.account_id}",
        {"data": {"type": "accounts", "attributes": {"pick_rule": "fefo"}}},
    )
    assert response.status_code == 200, response.text
    await stock_at(caller, where, where.reserve_ids[0], 30, 1, datetime2="2027-06-01T00:00:00Z")
    expiring = await stock_at(
        caller, where, where.reserve_ids[1], 24, 2, datetime2="2027-01-01T00:00:00Z"
    )
    [task] = await trigger(caller, where.trigger())
    assert task["relationships"]["stock"]["data"]["id"] == str(expiring)
    assert task["attributes"]["start_quantity"] == 24.0


async def test_concurrent_triggers_make_one_replenishment(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    await stock_at(caller, where, where.reserve_ids[0], 100, 1)
    responses = await asyncio.gather(*(caller.post(TRIGGER, where.trigger()) for _ in range(8)))
    assert [response.status_code for response in responses] == [200] * 8
    [task] = await replenishments(db, caller.tenant_id)
    assert task["start_quantity"] == Decimal(20)
    assert {r.json()["data"][0]["id"] for r in responses} == {str(task["id"])}


async def test_concurrent_allocations_draining_a_face_make_one_replenishment(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    await stock_at(caller, where, where.pick_face_id, 20, 1)
    await stock_at(caller, where, where.reserve_ids[0], 100, 2)
    orders = [
        await create_order(
            caller,
            where.at(where.pick_face_id),
            added(product_id=where.product_id, order_quantity=4),
            reference=unique_code("SO"),
        )
        for _ in range(5)
    ]
    responses = await asyncio.gather(
        *(caller.post("/api/goods_out_processes/allocate", {"ids": [o["id"]]}) for o in orders)
    )
    assert [response.status_code for response in responses] == [200] * 5
    [task] = await replenishments(db, caller.tenant_id)
    assert task["start_quantity"] == Decimal(16)
    await complete(caller, task["id"])
    quantity, allocated = await free_at(db, where.pick_face_id)
    assert quantity - allocated == Decimal(16)
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_refusals_name_the_field_and_change_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    other = await warehouse(await clients.new())
    errors = await assert_refused(
        caller,
        db,
        "POST",
        TRIGGER,
        {"account_id": other.account_id, "location_id": 10**12, "product_id": other.product_id},
        symbol="reference_not_found",
        pointer="/account_id",
    )
    assert [error["context"]["pointer"] for error in errors] == [
        "/account_id",
        "/location_id",
        "/product_id",
    ]
    await assert_refused(
        caller,
        db,
        "POST",
        TRIGGER,
        where.trigger(location_id=where.reserve_ids[0]),
        symbol="not_a_pickface_of_product",
        pointer="/location_id",
    )
    unassigned = await factories.product(caller)
    await assert_refused(
        caller,
        db,
        "POST",
        TRIGGER,
        where.trigger(product_id=int(unassigned["id"])),
        symbol="not_a_pickface_of_product",
        pointer="/location_id",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        TRIGGER,
        {"account_id": where.account_id, "location_id": where.pick_face_id},
        symbol="missing_field",
        pointer="/product_id",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        TRIGGER,
        where.trigger() | {"product_id": "one", "batch": "B1"},
        symbol="invalid_type",
        pointer="/product_id",
    )
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        TRIGGER,
        where.trigger(),
        symbol="no_reserve_stock",
        pointer="/product_id",
    )
    assert error["code"] == 1220
    assert (error["context"]["level"], error["context"]["trigger_max"]) == (0.0, 20)


async def test_a_full_face_gets_nothing_and_a_face_without_maximum_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    await stock_at(caller, where, where.pick_face_id, 20, 1)
    await stock_at(caller, where, where.reserve_ids[0], 50, 2)
    before = await row_counts(db, caller.tenant_id)
    assert await trigger(caller, where.trigger()) == []
    assert await row_counts(db, caller.tenant_id) == before
    unbounded = await warehouse(caller, trigger_min=None, trigger_max=None)
    await assert_refused(
        caller,
        db,
        "POST",
        TRIGGER,
        unbounded.trigger(),
        symbol="pickface_without_maximum",
        pointer="/location_id",
    )


async def test_completing_elsewhere_or_too_much_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    await stock_at(caller, where, where.reserve_ids[0], 50, 1)
    [task] = await trigger(caller, where.trigger())
    path = f"/api/tasks/{task['id']}"
    await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        {
            "data": {
                "type": "tasks",
                "attributes": {"status": "completed", "location_to_id": where.reserve_ids[1]},
            }
        },
        symbol="invalid_value",
        pointer="/data/attributes/location_to_id",
    )
    await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        {
            "data": {
                "type": "tasks",
                "attributes": {"status": "completed", "confirmed_quantity": 21},
            }
        },
        symbol="out_of_range",
        pointer="/data/attributes/confirmed_quantity",
    )
    done = await complete(caller, int(task["id"]), confirmed_quantity=15)
    assert done["attributes"]["confirmed_quantity"] == 15.0
    assert await free_at(db, where.pick_face_id) == (Decimal(15), Decimal(0))
    [topped_up] = await trigger(caller, where.trigger())
    assert topped_up["attributes"]["start_quantity"] == 5.0


async def test_demand_faces_wait_for_a_trigger_and_bays_are_no_reserve(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller, replenishment_type="demand")
    await stock_at(caller, where, where.pick_face_id, 10, 1)
    bay_type = await caller.create_location_type(code="GIBAY")
    bay = await caller.create_location(
        warehouse_id=where.warehouse_id, location_type_id=int(bay_type["id"])
    )
    await stock_at(caller, where, int(bay["id"]), 50, 2)
    reserve = await stock_at(caller, where, where.reserve_ids[0], 50, 3)
    await order_and_allocate(caller, where, 8)
    assert await replenishments(db, caller.tenant_id) == []
    [task] = await trigger(caller, where.trigger())
    assert task["relationships"]["stock"]["data"]["id"] == str(reserve)
    assert task["attributes"]["start_quantity"] == 18.0
    [created] = [
        e
        for e in await events_of(db, caller.tenant_id)
        if e["resource_name"] == "replenishment_task"
    ]
    assert (created["event"], created["record_id"]) == ("created", int(task["id"]))
    assert created["payload"]["stock_id"] == reserve
    assert created["payload"]["start_quantity"] == 18


async def test_a_completion_whose_reserve_was_allocated_since_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    reserve = await stock_at(caller, where, where.reserve_ids[0], 30, 1)
    [task] = await trigger(caller, where.trigger())
    await order_and_allocate(caller, where, 25)
    [error] = await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/tasks/{task['id']}",
        {"data": {"type": "tasks", "attributes": {"status": "completed"}}},
        symbol="insufficient_stock",
        pointer="/data/attributes/confirmed_quantity",
    )
    assert error["context"]["available"] == 5.0
    await complete(caller, int(task["id"]), confirmed_quantity=5)
    assert await free_at(db, where.pick_face_id) == (Decimal(5), Decimal(0))
    assert await quantity_of(db, reserve) == Decimal(25)
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_triggers_racing_allocations_never_fill_a_face_past_its_maximum(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await warehouse(caller)
    await stock_at(caller, where, where.pick_face_id, 20, 1)
    await stock_at(caller, where, where.reserve_ids[0], 100, 2)
    orders = [
        await create_order(
            caller,
            where.at(where.pick_face_id),
            added(product_id=where.product_id, order_quantity=4),
            reference=unique_code("SO"),
        )
        for _ in range(4)
    ]
    allocations = [
        caller.post("/api/goods_out_processes/allocate", {"ids": [o["id"]]}) for o in orders
    ]
    triggers = [caller.post(TRIGGER, where.trigger()) for _ in range(4)]
    responses = await asyncio.gather(
        *(r for pair in zip(allocations, triggers, strict=True) for r in pair)
    )
    assert [response.status_code for response in responses] == [200] * 8
    quantity, allocated = await free_at(db, where.pick_face_id)
    assert (quantity, allocated) == (Decimal(20), Decimal(16))
    await trigger(caller, where.trigger())
    on_the_way = sum(
        (task["start_quantity"] for task in await replenishments(db, caller.tenant_id)),
        Decimal(0),
    )
    assert quantity - allocated + on_the_way == 20
