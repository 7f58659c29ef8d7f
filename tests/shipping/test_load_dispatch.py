"""Dispatching a load through HTTP: every order on its drops leaves, or none does."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.inbound.receiving import complete_task
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.outbound.test_fulfilment import (
    PROCESS,
    new_order,
    order_state,
    order_tasks,
    stocked_warehouse,
)
from tests.support import ApiClientFactory, assert_refused, events_of, resource_body


async def test_dispatching_a_load_dispatches_every_order_on_it(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    orders = [
        await new_order(
            caller, where, quantity, reference=f"SO-{index}", dispatch_strategy="manual"
        )
        for index, quantity in enumerate((2, 3, 4), start=1)
    ]
    created = await caller.create("loads", warehouse_id=where.stock.warehouse_id, reference="L1")
    load_id = created["data"]["id"]
    for order in orders:
        await caller.create("load_drops", load_id=load_id, goods_out_id=order["id"])
    assert (
        await caller.post(PROCESS, {"ids": [order["id"] for order in orders]})
    ).status_code == 200
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/loads/{load_id}/dispatch",
        None,
        symbol="load_order_not_picked",
        pointer=None,
    )
    for order in orders:
        [pick] = await order_tasks(caller, order["id"], "PICK")
        await complete_task(caller, pick["id"])
    before = len(await events_of(db, caller.tenant_id))
    response = await caller.post(f"/api/loads/{load_id}/dispatch", None)
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["status"] == "dispatched"
    assert attributes["dispatched_at"] is not None
    for order, quantity in zip(orders, (2.0, 3.0, 4.0), strict=True):
        state = await order_state(caller, order["id"])
        assert state["goods_out_status"] == {"code": "COMPLETED"}
        assert [line["dispatch_quantity"] for line in state["lines"]] == [quantity]
        assert [task["status"] for task in await order_tasks(caller, order["id"], "DISP")] == [
            "COMPLETED"
        ]
    await assert_ledger_matches_stock(db, caller.tenant_id)
    events = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    new = events[before:]
    assert new.count(("goods_out", "completed")) == 3
    assert new.count(("load_drop", "dispatched")) == 3
    assert ("load_drop", "updated") not in new
    assert new[-2:] == [("load", "updated"), ("load", "dispatched")]
    drops = await caller.graphql("{ load_drops { all { edges { node { status } } } } }")
    assert [edge["node"]["status"] for edge in drops["data"]["load_drops"]["all"]["edges"]] == [
        "dispatched"
    ] * 3
    for method, path, body in (
        ("POST", f"/api/loads/{load_id}/dispatch", None),
        ("PATCH", f"/api/loads/{load_id}", resource_body("loads", reference="L2")),
        ("DELETE", f"/api/loads/{load_id}", None),
        ("POST", "/api/load_drops", resource_body("load_drops", load_id=load_id)),
    ):
        symbol = "load_not_open" if path == "/api/load_drops" else "load_dispatched"
        pointer = "/data/attributes/load_id" if path == "/api/load_drops" else None
        await assert_refused(caller, db, method, path, body, symbol=symbol, pointer=pointer)


async def test_a_load_without_orders_is_not_dispatched(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    warehouse = await caller.create_warehouse()
    created = await caller.create("loads", warehouse_id=warehouse["id"])
    load_id: Any = created["data"]["id"]
    await caller.create("load_drops", load_id=load_id)
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/loads/{load_id}/dispatch",
        None,
        symbol="load_empty",
        pointer=None,
    )
    other = await clients.new()
    response = await other.post(f"/api/loads/{load_id}/dispatch", None)
    assert response.status_code == 404
