"""Crossdocking through HTTP: stock received on a receipt line goes straight to the crossdock
order waiting on that line (allocated where it was received, no put-away for it), is picked and
dispatched, and the crossdock of the receipt's reference follows (received, then completed)."""

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
from tests.outbound.test_fulfilment import (
    PROCESS,
    STOCKS,
    goods_out_bay,
    nodes,
    order_state,
    order_tasks,
)
from tests.shipping.test_crossdocks import create_crossdock
from tests.support import ApiClientFactory, Caller, events_of

CROSSDOCK_STATUS = """query($f: CrossdockFilterType) { crossdocks { all(filter: $f) {
  edges { node { reference status } } } } }"""


async def crossdock_order(
    caller: Caller, where: Dock, receipt_line_id: Any, quantity: float, **attributes: Any
) -> dict[str, Any]:
    body = document(
        "goods_outs",
        {
            "goods_out_type": attributes.pop("goods_out_type", "crossdock"),
            "account_id": where.stock.account_id,
            "warehouse_id": where.stock.warehouse_id,
            "reference": attributes.pop("reference", "XD-OUT-1"),
            "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
            "lines_changes": [
                added(
                    product_id=where.stock.product_id,
                    order_quantity=quantity,
                    goods_in_receipt_line_id=int(receipt_line_id),
                )
            ],
            **attributes,
        },
    )
    response = await caller.post("/api/goods_outs", body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def crossdock_statuses(caller: Caller) -> list[tuple[str, str]]:
    found = await nodes(caller, CROSSDOCK_STATUS, "crossdocks", {})
    return [(node["reference"], node["status"]) for node in found]


async def test_received_stock_goes_to_the_waiting_order_without_put_away(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    bay_id = await goods_out_bay(caller, where)
    await create_crossdock(
        caller, where.stock.account_id, reference="XD-1", warehouse_id=where.stock.warehouse_id
    )
    receipt = await received_receipt(caller, where, {"expected_quantity": 6}, reference="XD-1")
    [rcv] = await tasks_of(caller, receipt["id"])
    order = await crossdock_order(caller, where, rcv["goods_in_receipt_line_id"], 4)
    assert await crossdock_statuses(caller) == [("XD-1", "pending")]

    await receive_task(caller, rcv["id"])

    state = await order_state(caller, order["id"])
    assert state["goods_out_status"] == {"code": "ALLOCATED"}
    assert [line["allocated_quantity"] for line in state["lines"]] == [4.0]
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    assert pway["start_quantity"] == 2.0
    product = {"product_id": {"eq": str(where.stock.product_id)}}
    assert await nodes(caller, STOCKS, "stocks", product) == [
        {"quantity": 6.0, "allocated_quantity": 4.0, "location": {"code": "GOODS-IN"}}
    ]
    assert await crossdock_statuses(caller) == [("XD-1", "received")]

    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    [pick] = await order_tasks(caller, order["id"], "PICK")
    assert (pick["location_from_id"], pick["start_quantity"]) == (str(where.bay_id), 4.0)
    await complete_task(caller, pway["id"], location_to_id=where.shelf_id)
    await complete_task(caller, pick["id"])

    state = await order_state(caller, order["id"])
    assert state["goods_out_status"] == {"code": "COMPLETED"}
    assert [(line["dispatch_quantity"], line["allocated_quantity"]) for line in state["lines"]] == [
        (4.0, 0.0)
    ]
    assert {pick["location_to_id"] for pick in await order_tasks(caller, order["id"], "PICK")} == {
        str(bay_id)
    }
    assert sorted(
        (node["location"]["code"], node["quantity"], node["allocated_quantity"])
        for node in await nodes(caller, STOCKS, "stocks", product)
        if node["quantity"]
    ) == [("A-01-01", 2.0, 0.0)]
    await assert_ledger_matches_stock(db, caller.tenant_id)
    assert await crossdock_statuses(caller) == [("XD-1", "completed")]
    events = await events_of(db, caller.tenant_id)
    crossdock_events = [
        (e["event"], e["payload"]["status"]) for e in events if e["resource_name"] == "crossdock"
    ]
    assert crossdock_events == [
        ("created", "pending"),
        ("updated", "received"),
        ("updated", "completed"),
    ]
    order_events = [e["event"] for e in events if e["resource_name"] == "goods_out"]
    assert order_events == ["created", "updated", "processed", "completed"]


async def test_a_sales_order_naming_the_line_waits_for_put_away_and_allocation(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 3}, reference="R-1")
    [rcv] = await tasks_of(caller, receipt["id"])
    order = await crossdock_order(
        caller, where, rcv["goods_in_receipt_line_id"], 3, goods_out_type="sales_order"
    )
    await receive_task(caller, rcv["id"])
    assert (await order_state(caller, order["id"]))["goods_out_status"] == {"code": "PENDING"}
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    assert pway["start_quantity"] == 3.0


async def test_another_tenants_receipt_leaves_the_crossdock_and_orders_alone(
    clients: ApiClientFactory, db: Database
) -> None:
    owner = await clients.new()
    other = await clients.new()
    owner_dock = await dock(owner)
    await create_crossdock(owner, owner_dock.stock.account_id, reference="XD-1")
    owner_receipt = await received_receipt(
        owner, owner_dock, {"expected_quantity": 2}, reference="XD-1"
    )
    [owner_rcv] = await tasks_of(owner, owner_receipt["id"])
    order = await crossdock_order(owner, owner_dock, owner_rcv["goods_in_receipt_line_id"], 2)

    other_dock = await dock(other)
    other_receipt = await received_receipt(
        other, other_dock, {"expected_quantity": 2}, reference="XD-1"
    )
    [other_rcv] = await tasks_of(other, other_receipt["id"])
    response = await other.post(
        "/api/goods_outs",
        document(
            "goods_outs",
            {
                "goods_out_type": "crossdock",
                "account_id": other_dock.stock.account_id,
                "reference": "XD-OUT-9",
                "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
                "lines_changes": [
                    added(
                        product_id=other_dock.stock.product_id,
                        order_quantity=2,
                        goods_in_receipt_line_id=int(owner_rcv["goods_in_receipt_line_id"]),
                    )
                ],
            },
        ),
    )
    assert response.status_code in (404, 422), response.text
    assert response.json()["errors"][0]["symbol"] == "reference_not_found"
    await receive_task(other, other_rcv["id"])

    assert await crossdock_statuses(owner) == [("XD-1", "pending")]
    assert (await order_state(owner, order["id"]))["goods_out_status"] == {"code": "PENDING"}
