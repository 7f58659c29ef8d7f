"""(ours) Cancelling a receipt nothing has arrived against, and moving a part-received
receipt's rest to a part receipt."""

from __future__ import annotations

from clarus.core.db import Database
from tests.inbound.receiving import (
    complete_task,
    dock,
    new_receipt,
    receive_task,
    received_receipt,
    tasks_of,
)
from tests.inbound.test_receiving import goods_in_events, receipt_status
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.support import ApiClientFactory, events_of, refused


async def test_cancel_frees_the_reference_and_cancels_the_open_receives(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 4})
    response = await caller.post(f"/api/goods_in_receipts/{receipt['id']}/cancel", None)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["status"] == "cancelled"
    assert [task["status"] for task in await tasks_of(caller, receipt["id"])] == ["CANCELLED"]
    events = await events_of(db, caller.tenant_id)
    assert goods_in_events(events) == [
        ("created", "pending"),
        ("updated", "received"),
        ("cancelled", "cancelled"),
    ]
    for action in ("cancel", "receive", "revert", "move_to_part"):
        assert await refused(
            caller, db, "POST", f"/api/goods_in_receipts/{receipt['id']}/{action}"
        ) == [("status_forbids_change", None)]
    pending = await new_receipt(caller, where, {"expected_quantity": 1})
    assert (await caller.post(f"/api/goods_in_receipts/{pending['id']}/cancel", None)).is_success


async def test_a_receipt_goods_arrived_against_is_not_cancelled(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 4})
    [rcv] = await tasks_of(caller, receipt["id"])
    await receive_task(caller, rcv["id"], confirmed_quantity=1)
    assert await refused(caller, db, "POST", f"/api/goods_in_receipts/{receipt['id']}/cancel") == [
        ("receipt_tasks_completed", None)
    ]
    assert await receipt_status(caller, receipt["id"]) == ("received", [1.0])


async def test_move_to_part_expects_the_missing_rest_on_a_new_receipt(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(
        caller,
        where,
        {"expected_quantity": 5, "string1": "LOT-1"},
        {"expected_quantity": 2},
        {"expected_quantity": 3},
        reference="PO-7",
    )
    path = f"/api/goods_in_receipts/{receipt['id']}/move_to_part"
    assert await refused(caller, db, "POST", path) == [("receipt_nothing_received", None)]
    short, _missing, full = await tasks_of(caller, receipt["id"])
    await receive_task(caller, short["id"], confirmed_quantity=2)
    await receive_task(caller, full["id"])

    response = await caller.post(path, None)

    assert response.status_code == 200, response.text
    part = response.json()["data"]
    attributes = part["attributes"]
    assert attributes["status"] == "pending"
    assert attributes["part_of_goods_in_receipt_id"] == int(receipt["id"])
    assert attributes["reference"] == "PO-7-PART1"
    assert [
        (line["product_id"], line["expected_quantity"], line["string1"], line["received_quantity"])
        for line in attributes["lines"]
    ] == [
        (where.stock.product_id, 3.0, "LOT-1", 0.0),
        (where.stock.product_id, 2.0, None, 0.0),
    ]
    assert [
        task["status"] for task in await tasks_of(caller, receipt["id"], task_type_code="RCV")
    ] == [
        "COMPLETED",
        "CANCELLED",
        "COMPLETED",
    ]
    assert await receipt_status(caller, receipt["id"]) == ("received", [2.0, 0.0, 3.0])
    for putaway in await tasks_of(caller, receipt["id"], task_type_code="PWAY"):
        await complete_task(caller, putaway["id"], location_to_id=where.shelf_id)
    assert await receipt_status(caller, receipt["id"]) == ("completed", [2.0, 0.0, 3.0])
    events = await events_of(db, caller.tenant_id)
    receipt_events = [
        e["event"]
        for e in events
        if e["resource_name"] == "goods_in" and e["record_id"] == int(receipt["id"])
    ]
    assert receipt_events == [
        "created",
        "updated",  # received
        "updated",  # a receive task done
        "updated",  # the other
        "moved_to_part",
        "updated",  # a put-away done
        "completed",
    ]
    assert [
        e["event"]
        for e in events
        if e["resource_name"] == "goods_in" and e["record_id"] == part["id"]
    ] == ["created"]
    await assert_ledger_matches_stock(db, caller.tenant_id)
    assert await refused(caller, db, "POST", path) == [("status_forbids_change", None)]
    found = await caller.graphql(
        "query($f: InboundGoodFilterType) { goods_in_receipts { all(filter: $f) { edges { node {"
        " id reference part_of_goods_in_receipt_id } } } } }",
        {"f": {"part_of_goods_in_receipt_id": {"eq": str(receipt["id"])}}},
    )
    assert found["data"]["goods_in_receipts"]["all"]["edges"] == [
        {
            "node": {
                "id": str(part["id"]),
                "reference": "PO-7-PART1",
                "part_of_goods_in_receipt_id": str(receipt["id"]),
            }
        }
    ]


async def test_a_fully_received_receipt_has_no_rest_to_move(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 2})
    [rcv] = await tasks_of(caller, receipt["id"])
    await receive_task(caller, rcv["id"], confirmed_quantity=3)
    assert await refused(
        caller, db, "POST", f"/api/goods_in_receipts/{receipt['id']}/move_to_part"
    ) == [("receipt_nothing_missing", None)]
