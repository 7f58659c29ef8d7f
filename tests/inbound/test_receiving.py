from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from clarus.core.db import Database
from clarus.inventory.tables import stocks, transactions
from tests.inbound.receiving import (
    awaiting_putaway,
    complete_task,
    dock,
    new_receipt,
    receive_task,
    received_receipt,
    task_body,
    tasks_of,
)
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.support import ApiClientFactory, Caller, assert_refused, events_of

BATCH = {
    "string1": "LOT-7",
    "datetime1": "2027-03-01T00:00:00Z",
    "datetime2": "2027-06-01T00:00:00Z",
}


async def stock_rows(db: Database, tenant_id: int) -> list[dict[str, Any]]:
    async with db.read_session() as session:
        statement = select(stocks).where(stocks.c.tenant_id == tenant_id).order_by(stocks.c.id)
        return [dict(row) for row in (await session.execute(statement)).mappings()]


async def ledger_rows(db: Database, tenant_id: int) -> list[dict[str, Any]]:
    async with db.read_session() as session:
        statement = (
            select(transactions)
            .where(transactions.c.tenant_id == tenant_id)
            .order_by(transactions.c.id)
        )
        return [dict(row) for row in (await session.execute(statement)).mappings()]


async def receipt_status(caller: Caller, receipt_id: int) -> tuple[str, list[float]]:
    result = await caller.graphql(
        "query($filter: InboundGoodFilterType) { goods_in_receipts { all(filter: $filter) {"
        " edges { node { status lines { received_quantity } } } } } }",
        {"filter": {"id": {"eq": str(receipt_id)}}},
    )
    [edge] = result["data"]["goods_in_receipts"]["all"]["edges"]
    node = edge["node"]
    return node["status"], [line["received_quantity"] for line in node["lines"]]


def goods_in_events(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (e["event"], e["payload"]["status"]) for e in events if e["resource_name"] == "goods_in"
    ]


async def test_receive_makes_one_available_receive_task_per_line(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await new_receipt(
        caller, where, {"expected_quantity": 10, **BATCH}, {"expected_quantity": 2.5}
    )
    response = await caller.post(f"/api/goods_in_receipts/{receipt['id']}/receive", None)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["id"], data["type"], data["attributes"]["status"]) == (
        receipt["id"],
        "goods_in_receipts",
        "received",
    )
    first, second = data["attributes"]["lines"]
    tasks = await tasks_of(caller, receipt["id"])
    assert [
        (t["task_type_code"], t["status"], t["start_quantity"], t["goods_in_receipt_line_id"])
        for t in tasks
    ] == [
        ("RCV", "AVAILABLE", 10.0, str(first["id"])),
        ("RCV", "AVAILABLE", 2.5, str(second["id"])),
    ]
    assert {(t["account_id"], t["warehouse_id"], t["product_id"]) for t in tasks} == {
        (str(where.stock.account_id), str(where.stock.warehouse_id), str(where.stock.product_id))
    }
    assert await stock_rows(db, caller.tenant_id) == []
    events = await events_of(db, caller.tenant_id)
    assert goods_in_events(events) == [("created", "pending"), ("updated", "received")]


async def test_receive_is_refused_unless_pending_with_lines(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    empty = await new_receipt(caller, where)
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/goods_in_receipts/{empty['id']}/receive",
        None,
        symbol="receipt_has_no_lines",
        pointer=None,
    )
    received = await received_receipt(caller, where, {"expected_quantity": 1})
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        f"/api/goods_in_receipts/{received['id']}/receive",
        None,
        symbol="status_forbids_change",
        pointer=None,
    )
    assert error["context"] == {"status": "received", "allowed_statuses": ["pending"]}
    other = await clients.new()
    response = await other.post(f"/api/goods_in_receipts/{received['id']}/receive", None)
    assert response.status_code == 404, response.text


async def test_a_receive_task_puts_stock_in_the_goods_in_bay_and_makes_a_putaway_task(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 10, **BATCH})
    [rcv] = await tasks_of(caller, receipt["id"])
    await receive_task(caller, rcv["id"], confirmed_quantity=12, serial_numbers=["SN-1"])
    rcv_done, pway = await tasks_of(caller, receipt["id"])
    assert (rcv_done["status"], rcv_done["confirmed_quantity"]) == ("COMPLETED", 12.0)
    assert (rcv_done["location_to_id"], rcv_done["serial_numbers"]) == (str(where.bay_id), ["SN-1"])
    [stock] = await stock_rows(db, caller.tenant_id)
    assert (stock["location_id"], stock["quantity"], stock["status"]) == (
        where.bay_id,
        12,
        "available",
    )
    assert (stock["string1"], stock["datetime1"].isoformat(), stock["datetime2"].isoformat()) == (
        "LOT-7",
        "2027-03-01T00:00:00+00:00",
        "2027-06-01T00:00:00+00:00",
    )
    assert (pway["task_type_code"], pway["status"], pway["start_quantity"]) == (
        "PWAY",
        "AVAILABLE",
        12.0,
    )
    assert (pway["location_from_id"], pway["stock_id"], pway["parent_task_id"]) == (
        str(where.bay_id),
        str(stock["id"]),
        rcv["id"],
    )
    [entry] = await ledger_rows(db, caller.tenant_id)
    assert (entry["category"], entry["quantity"], entry["goods_in_receipt_id"]) == (
        "RECEIPT",
        12,
        receipt["id"],
    )
    assert (entry["location_from_id"], entry["location_to_id"]) == (None, where.bay_id)
    assert await receipt_status(caller, receipt["id"]) == ("received", [12.0])
    events = await events_of(db, caller.tenant_id)
    assert [(e["event"], e["record_id"]) for e in events if e["resource_name"] == "stock"] == [
        ("received", stock["id"])
    ]
    assert goods_in_events(events)[-1] == ("updated", "received")
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_confirming_the_putaway_moves_the_stock_and_completes_the_receipt(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt, pway = await awaiting_putaway(caller, where, 10)
    data = await complete_task(
        caller, pway["id"], confirmed_quantity=10, location_to_id=where.shelf_id
    )
    assert (data["id"], data["type"]) == (pway["id"], "tasks")
    assert (data["attributes"]["status"], data["attributes"]["confirmed_quantity"]) == (
        "COMPLETED",
        10.0,
    )
    assert data["relationships"]["location_to"]["data"] == {
        "id": str(where.shelf_id),
        "type": "locations",
    }
    assert data["relationships"]["inbound_good"]["data"] == {
        "id": str(receipt["id"]),
        "type": "inbound_goods",
    }
    emptied, shelved = await stock_rows(db, caller.tenant_id)
    assert (emptied["location_id"], emptied["quantity"]) == (where.bay_id, 0)
    assert (shelved["location_id"], shelved["quantity"]) == (where.shelf_id, 10)
    assert [(e["category"], e["quantity"]) for e in await ledger_rows(db, caller.tenant_id)] == [
        ("RECEIPT", 10),
        ("PUTAWAY", -10),
        ("PUTAWAY", 10),
    ]
    assert await receipt_status(caller, receipt["id"]) == ("completed", [10.0])
    events = await events_of(db, caller.tenant_id)
    [putaway_event] = [e for e in events if e["resource_name"] == "putaway_task"]
    assert (putaway_event["event"], putaway_event["record_id"]) == ("completed", int(pway["id"]))
    assert goods_in_events(events)[-1] == ("completed", "completed")
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_a_partial_putaway_leaves_a_task_for_the_rest(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt, pway = await awaiting_putaway(caller, where, 10)
    await complete_task(caller, pway["id"], confirmed_quantity=4, location_to_id=where.shelf_id)
    done, rest = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    assert (done["status"], rest["status"], rest["start_quantity"]) == (
        "COMPLETED",
        "AVAILABLE",
        6.0,
    )
    assert (rest["stock_id"], rest["location_from_id"]) == (
        pway["stock_id"],
        pway["location_from_id"],
    )
    assert (await receipt_status(caller, receipt["id"]))[0] == "received"
    response = await caller.post(
        "/api/tasks/complete_collection",
        {
            "warehouse_id": where.stock.warehouse_id,
            "task_type_code": "PWAY",
            "filters": {"location_from_id": where.bay_id},
            "attributes": {"location_to_id": where.shelf_id},
        },
    )
    assert response.status_code == 204, response.text
    assert (await receipt_status(caller, receipt["id"]))[0] == "completed"
    quantities = {
        row["location_id"]: row["quantity"] for row in await stock_rows(db, caller.tenant_id)
    }
    assert quantities == {where.bay_id: 0, where.shelf_id: 10}
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_receiving_to_the_putaway_location_needs_no_putaway(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(
        caller, where, {"expected_quantity": 5}, {"expected_quantity": 3}
    )
    first, second = await tasks_of(caller, receipt["id"])
    await receive_task(
        caller, first["id"], "receive_to_putaway_location", location_to_id=where.shelf_id
    )
    assert await receipt_status(caller, receipt["id"]) == ("received", [5.0, 0.0])
    await receive_task(
        caller,
        second["id"],
        "receive_to_putaway_location",
        location_to_id=where.shelf_id,
        confirmed_quantity=0,
    )
    tasks = await tasks_of(caller, receipt["id"])
    assert [(t["task_type_code"], t["status"], t["confirmed_quantity"]) for t in tasks] == [
        ("RCV", "COMPLETED", 5.0),
        ("RCV", "COMPLETED", 0.0),
    ]
    [stock] = await stock_rows(db, caller.tenant_id)
    assert (stock["location_id"], stock["quantity"]) == (where.shelf_id, 5)
    assert await receipt_status(caller, receipt["id"]) == ("completed", [5.0, 0.0])
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_receiving_refusals_change_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    where = await dock(caller, with_bay=False)
    receipt = await received_receipt(caller, where, {"expected_quantity": 5})
    [rcv] = await tasks_of(caller, receipt["id"])
    path = f"/api/receive_tasks/{rcv['id']}/receive"
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        task_body(),
        symbol="no_receiving_location",
        pointer="/data/attributes/location_to_id",
    )
    elsewhere = await caller.create_location()
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        task_body(location_to_id=elsewhere["id"]),
        symbol="invalid_value",
        pointer="/data/attributes/location_to_id",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        task_body(location_to_id=where.shelf_id, confirmed_quantity=-1),
        symbol="out_of_range",
        pointer="/data/attributes/confirmed_quantity",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/receive_tasks/{rcv['id']}/receive_to_putaway_location",
        task_body(),
        symbol="missing_field",
        pointer="/data/attributes/location_to_id",
    )
    await receive_task(caller, rcv["id"], location_to_id=where.shelf_id)
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        path,
        task_body(location_to_id=where.shelf_id),
        symbol="status_forbids_change",
        pointer=None,
    )
    assert error["context"]["status"] == "COMPLETED"
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    response = await caller.post(f"/api/receive_tasks/{pway['id']}/receive", task_body())
    assert response.status_code == 404, response.text
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/tasks/{pway['id']}",
        task_body(status="completed"),
        symbol="missing_field",
        pointer="/data/attributes/location_to_id",
    )
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/tasks/{pway['id']}",
        task_body(status="completed", location_to_id=where.shelf_id, confirmed_quantity=6),
        symbol="out_of_range",
        pointer="/data/attributes/confirmed_quantity",
    )
    other = await clients.new()
    response = await other.patch(f"/api/tasks/{pway['id']}", task_body(notes="mine"))
    assert response.status_code == 404, response.text


async def test_revert_takes_the_tasks_back_until_something_is_received(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(
        caller, where, {"expected_quantity": 5}, {"expected_quantity": 1}
    )
    response = await caller.post(f"/api/goods_in_receipts/{receipt['id']}/revert", None)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["status"] == "pending"
    assert await tasks_of(caller, receipt["id"]) == []
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        f"/api/goods_in_receipts/{receipt['id']}/revert",
        None,
        symbol="status_forbids_change",
        pointer=None,
    )
    assert error["context"] == {"status": "pending", "allowed_statuses": ["received"]}
    await caller.post(f"/api/goods_in_receipts/{receipt['id']}/receive", None)
    first, _second = await tasks_of(caller, receipt["id"])
    await receive_task(caller, first["id"])
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        f"/api/goods_in_receipts/{receipt['id']}/revert",
        None,
        symbol="receipt_tasks_completed",
        pointer=None,
    )
    assert error["context"] == {"task_ids": [int(first["id"])]}
    events = await events_of(db, caller.tenant_id)
    assert goods_in_events(events)[:4] == [
        ("created", "pending"),
        ("updated", "received"),
        ("updated", "pending"),
        ("updated", "received"),
    ]


async def test_concurrent_completions_receive_and_put_away_once(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 4})
    [rcv] = await tasks_of(caller, receipt["id"])
    receives = await asyncio.gather(
        *(caller.post(f"/api/receive_tasks/{rcv['id']}/receive", task_body()) for _ in range(4))
    )
    assert sorted(response.status_code for response in receives) == [204, 422, 422, 422]
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    putaways = await asyncio.gather(
        *(
            caller.patch(
                f"/api/tasks/{pway['id']}",
                task_body(status="completed", location_to_id=where.shelf_id),
            )
            for _ in range(4)
        ),
        caller.post(f"/api/goods_in_receipts/{receipt['id']}/revert", None),
    )
    assert sorted(response.status_code for response in putaways) == [200, 422, 422, 422, 422]
    quantities = {
        row["location_id"]: row["quantity"] for row in await stock_rows(db, caller.tenant_id)
    }
    assert quantities == {where.bay_id: 0, where.shelf_id: 4}
    assert await receipt_status(caller, receipt["id"]) == ("completed", [4.0])
    await assert_ledger_matches_stock(db, caller.tenant_id)
