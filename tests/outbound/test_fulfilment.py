"""The whole warehouse cycle through HTTP only, and the refusals of picking and dispatch."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.inbound.factories import added, document
from tests.inbound.receiving import (
    Dock,
    complete_task,
    dock,
    receive_task,
    received_receipt,
    tasks_of,
)
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.support import ApiClientFactory, Caller, events_of, refused, refused_errors

PROCESS = "/api/goods_out_processes/process_picks_async"
CONSOLIDATE = "/api/goods_out_processes/process_and_consolidate_picks"
ORDER_TASKS = """query($f: TaskFilterType) { tasks { all(filter: $f) { edges { node {
  id task_type_code status start_quantity confirmed_quantity location_from_id location_to_id
} } } } }"""
ORDER = """query($f: GoodsOutsFilterType) { goods_outs { all(filter: $f) { edges { node {
  goods_out_status { code } actual_date_of_dispatch goods_out_pick_list_id
  lines { order_quantity allocated_quantity pick_quantity dispatch_quantity }
} } } } }"""
STOCKS = """query($f: StockFilterType) { stocks { all(filter: $f) { edges { node {
  quantity allocated_quantity location { code } } } } } }"""
BALANCES = """query($f: StockBalancesFilterType) { stock_balances { all(filter: $f) { edges {
  node { available allocated ordered } } } } }"""


async def goods_out_bay(caller: Caller, where: Dock) -> int:
    gobay = int((await caller.create_location_type("GOBAY"))["id"])
    bay = await caller.create_location(
        "GOODS-OUT", warehouse_id=where.stock.warehouse_id, location_type_id=gobay
    )
    return int(bay["id"])


async def stocked(caller: Caller, where: Dock, quantity: float) -> None:
    """Receive and put away `quantity` of the product on the shelf."""
    receipt = await received_receipt(caller, where, {"expected_quantity": quantity})
    [rcv] = await tasks_of(caller, receipt["id"])
    await receive_task(caller, rcv["id"])
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    await complete_task(caller, pway["id"], location_to_id=where.shelf_id)


async def stocked_warehouse(clients: ApiClientFactory) -> tuple[Caller, Dock]:
    """A new tenant's warehouse with a goods out bay and 10 of a product on the shelf."""
    caller = await clients.new()
    where = await dock(caller)
    await goods_out_bay(caller, where)
    await stocked(caller, where, 10)
    return caller, where


async def new_order(caller: Caller, where: Dock, *quantities: float, **attributes: Any) -> Any:
    body = document(
        "goods_outs",
        {
            "account_id": where.stock.account_id,
            "warehouse_id": where.stock.warehouse_id,
            "reference": attributes.pop("reference", "SO-1"),
            "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
            "lines_changes": [
                added(product_id=where.stock.product_id, order_quantity=quantity)
                for quantity in quantities
            ],
            **attributes,
        },
    )
    response = await caller.post("/api/goods_outs", body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def nodes(caller: Caller, query: str, root: str, filter_: dict[str, Any]) -> list[Any]:
    result = await caller.graphql(query, {"f": filter_})
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"][root]["all"]["edges"]]


async def order_state(caller: Caller, order_id: int) -> Any:
    [node] = await nodes(caller, ORDER, "goods_outs", {"id": {"eq": str(order_id)}})
    return node


async def order_tasks(caller: Caller, order_id: int, task_type: str) -> list[Any]:
    filter_ = {"goods_out_id": {"eq": str(order_id)}, "task_type_code": {"eq": task_type}}
    return await nodes(caller, ORDER_TASKS, "tasks", filter_)


async def test_the_whole_cycle_from_pre_receipt_to_dispatch(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    bay_id = await goods_out_bay(caller, where)
    product = {"product_id": {"eq": str(where.stock.product_id)}}

    await stocked(caller, where, 20)
    assert await nodes(caller, STOCKS, "stocks", product) == [
        {"quantity": 20.0, "allocated_quantity": 0.0, "location": {"code": "A-01-01"}}
    ]
    assert await nodes(caller, BALANCES, "stock_balances", product) == [
        {"available": 20.0, "allocated": 0.0, "ordered": 0.0}
    ]
    await assert_ledger_matches_stock(db, caller.tenant_id)

    order = await new_order(caller, where, 5, 7)
    response = await caller.post(PROCESS, {"ids": [order["id"]]})
    assert response.status_code == 200, response.text
    [reference] = response.json()["process_references"]
    processing = await caller.graphql(
        "query($f: PickProcessingRequestFilterType) { pick_processing_requests { all(filter: $f)"
        " { edges { node { status goods_out { id } } } } } }",
        {"f": {"process_reference": {"eq": reference}}},
    )
    assert "errors" not in processing, processing
    [edge] = processing["data"]["pick_processing_requests"]["all"]["edges"]
    assert edge["node"] == {"status": "completed", "goods_out": {"id": str(order["id"])}}
    assert (await order_state(caller, order["id"]))["goods_out_status"] == {"code": "PICK"}
    assert await nodes(caller, BALANCES, "stock_balances", product) == [
        {"available": 8.0, "allocated": 12.0, "ordered": 12.0}
    ]

    picks = await order_tasks(caller, order["id"], "PICK")
    assert sorted(pick["start_quantity"] for pick in picks) == [5.0, 7.0]
    assert {pick["location_from_id"] for pick in picks} == {str(where.shelf_id)}
    for pick in picks:
        await complete_task(caller, pick["id"])
        await assert_ledger_matches_stock(db, caller.tenant_id)

    state = await order_state(caller, order["id"])
    assert state["goods_out_status"] == {"code": "COMPLETED"}
    assert state["actual_date_of_dispatch"] is not None
    assert [
        (line["pick_quantity"], line["dispatch_quantity"], line["allocated_quantity"])
        for line in state["lines"]
    ] == [(5.0, 5.0, 0.0), (7.0, 7.0, 0.0)]
    assert await nodes(caller, STOCKS, "stocks", product) == [
        {"quantity": 8.0, "allocated_quantity": 0.0, "location": {"code": "A-01-01"}}
    ]
    assert {pick["location_to_id"] for pick in await order_tasks(caller, order["id"], "PICK")} == {
        str(bay_id)
    }
    await assert_ledger_matches_stock(db, caller.tenant_id)

    events = await events_of(db, caller.tenant_id)
    assert [e["event"] for e in events if e["resource_name"] == "goods_out"] == [
        "created",
        "processed",
        "completed",
    ]
    assert [e["event"] for e in events if e["resource_name"] == "goods_in"][-1] == "completed"
    stock_events = [e["event"] for e in events if e["resource_name"] == "stock"]
    assert stock_events.count("received") == 1
    assert stock_events.count("picked") == 4
    assert stock_events.count("dispatched") == 2
    pick_list_events = [e["event"] for e in events if e["resource_name"] == "goods_out_pick_list"]
    assert pick_list_events == ["created", "picked", "completed"]


async def test_manual_dispatch_waits_for_its_dispatch_tasks(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    order = await new_order(caller, where, 4, dispatch_strategy="manual")
    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    [pick] = await order_tasks(caller, order["id"], "PICK")
    await complete_task(caller, pick["id"], confirmed_quantity=3)
    assert (await order_state(caller, order["id"]))["goods_out_status"] == {"code": "PICK"}
    [dispatch] = await order_tasks(caller, order["id"], "DISP")
    assert dispatch["start_quantity"] == 3.0
    await complete_task(caller, dispatch["id"])
    state = await order_state(caller, order["id"])
    assert state["goods_out_status"] == {"code": "COMPLETED"}
    assert [(line["pick_quantity"], line["dispatch_quantity"]) for line in state["lines"]] == [
        (3.0, 3.0)
    ]
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_processing_refusals(clients: ApiClientFactory, db: Database) -> None:
    caller, where = await stocked_warehouse(clients)
    too_big = await new_order(caller, where, 11, reference="BIG")
    assert await refused(caller, db, "POST", PROCESS, {"ids": [too_big["id"]]}) == [
        ("not_enough_stocks_for_picking", "/ids")
    ]
    standard = await new_order(caller, where, 1, reference="STD")
    tote = await new_order(caller, where, 1, reference="TOTE", pick_type="tote")
    assert await refused(
        caller, db, "POST", CONSOLIDATE, {"ids": [standard["id"], tote["id"]]}
    ) == [("goods_outs_with_different_pick_types_cannot_be_consolidated", "/ids")]
    assert (await caller.post(PROCESS, {"ids": [standard["id"]]})).status_code == 200
    assert await refused(caller, db, "POST", PROCESS, {"ids": [standard["id"]]}) == [
        ("goods_out_already_allocated", "/ids")
    ]
    [pick] = await order_tasks(caller, standard["id"], "PICK")
    body = {
        "data": {"type": "tasks", "attributes": {"status": "completed", "confirmed_quantity": 2}}
    }
    assert await refused(caller, db, "PATCH", f"/api/tasks/{pick['id']}", body) == [
        ("not_enough_stocks_for_picking", "/data/attributes/confirmed_quantity")
    ]


async def test_consolidated_orders_share_one_pick_list(clients: ApiClientFactory) -> None:
    caller, where = await stocked_warehouse(clients)
    first = await new_order(caller, where, 1, reference="A")
    second = await new_order(caller, where, 2, reference="B")
    response = await caller.post(CONSOLIDATE, {"ids": [first["id"], second["id"]]})
    assert response.status_code == 200, response.text
    assert len(response.json()["process_references"]) == 2
    pick_list_query = (
        "query($f: GoodsOutPickListsFilterType) { goods_out_pick_lists { all(filter: $f) {"
        " edges { node { status pick_tasks_count goods_outs { id } } } } } }"
    )
    lists = {
        (await order_state(caller, o["id"]))["goods_out_pick_list_id"] for o in (first, second)
    }
    assert len(lists) == 1
    assert None not in lists
    [pick_list] = await nodes(
        caller, pick_list_query, "goods_out_pick_lists", {"id": {"eq": str(lists.pop())}}
    )
    assert pick_list == {
        "status": "pending",
        "pick_tasks_count": 2,
        "goods_outs": [{"id": str(first["id"])}, {"id": str(second["id"])}],
    }


async def test_a_goods_out_bay_of_another_tenant_is_answered_as_a_missing_one(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    other = await clients.new()
    their_bay = await goods_out_bay(other, await dock(other))
    order = await new_order(caller, where, 1)
    answers = []
    for bay_id in (their_bay, 999999999):
        body = {
            "ids": [order["id"]],
            "goods_out_pick_list_attributes": {"goods_out_bay_id": bay_id},
        }
        [error] = await refused_errors(caller, db, "POST", CONSOLIDATE, body)
        answers.append({**error, "details": error["details"].replace(str(bay_id), "<id>")})
        del answers[-1]["context"]["id"]
    assert answers[0] == answers[1]
    assert (answers[0]["symbol"], answers[0]["context"]["pointer"]) == (
        "reference_not_found",
        "/goods_out_pick_list_attributes/goods_out_bay_id",
    )
    assert (await order_state(caller, order["id"]))["goods_out_status"] == {"code": "PENDING"}


async def test_cancelling_while_picking_releases_the_stock(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    order = await new_order(caller, where, 3, 2)
    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    first, _second = await order_tasks(caller, order["id"], "PICK")
    await complete_task(caller, first["id"])
    response = await caller.post(f"/api/goods_outs/{order['id']}/cancel", None)
    assert response.status_code == 200, response.text
    assert [t["status"] for t in await order_tasks(caller, order["id"], "PICK")] == [
        "COMPLETED",
        "CANCELLED",
    ]
    product = {"product_id": {"eq": str(where.stock.product_id)}}
    assert await nodes(caller, BALANCES, "stock_balances", product) == [
        {"available": 10.0, "allocated": 0.0, "ordered": 0.0}
    ]
    await assert_ledger_matches_stock(db, caller.tenant_id)
    completed = await new_order(caller, where, 1, reference="DONE")
    assert (await caller.post(PROCESS, {"ids": [completed["id"]]})).status_code == 200
    [pick] = await order_tasks(caller, completed["id"], "PICK")
    await complete_task(caller, pick["id"])
    assert await refused(caller, db, "POST", f"/api/goods_outs/{completed['id']}/cancel") == [
        ("status_forbids_change", None)
    ]


async def pick_list_events(db: Database, tenant_id: int) -> list[tuple[str, str]]:
    events = await events_of(db, tenant_id)
    return [
        (e["event"], e["payload"]["status"])
        for e in events
        if e["resource_name"] == "goods_out_pick_list"
    ]


async def test_a_pick_list_whose_orders_are_all_cancelled_is_cancelled(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    order = await new_order(caller, where, 3)
    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    assert (await caller.post(f"/api/goods_outs/{order['id']}/cancel", None)).status_code == 200
    assert await pick_list_events(db, caller.tenant_id) == [
        ("created", "pending"),
        ("cancelled", "cancelled"),
    ]


async def test_a_consolidated_list_completes_when_its_other_orders_are_dispatched(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    kept = await new_order(caller, where, 1, reference="KEPT")
    dropped = await new_order(caller, where, 2, reference="DROPPED")
    consolidated = await caller.post(CONSOLIDATE, {"ids": [kept["id"], dropped["id"]]})
    assert consolidated.status_code == 200, consolidated.text
    assert (await caller.post(f"/api/goods_outs/{dropped['id']}/cancel", None)).status_code == 200
    assert await pick_list_events(db, caller.tenant_id) == [("created", "pending")]
    [pick] = await order_tasks(caller, kept["id"], "PICK")
    await complete_task(caller, pick["id"])
    assert await pick_list_events(db, caller.tenant_id) == [
        ("created", "pending"),
        ("picked", "picked"),
        ("completed", "completed"),
    ]
