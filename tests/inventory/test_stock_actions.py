from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, update

from clarus.core.db import Database
from clarus.inventory.tables import stocks, transactions
from tests.catalog import factories as catalog
from tests.support import (
    ApiClientFactory,
    Caller,
    assert_refused,
    events_of,
    refused,
)


@dataclass(frozen=True)
class Place:
    account_id: int
    product_id: int
    warehouse_id: int
    location_id: int
    other_location_id: int


async def place(caller: Caller) -> Place:
    account = await caller.create_account()
    product = await catalog.product(caller)
    warehouse = await caller.create_warehouse()
    location_type_id = int((await caller.create_location_type())["id"])
    first, second = [
        await caller.create_location(
            warehouse_id=int(warehouse["id"]), location_type_id=location_type_id
        )
        for _ in range(2)
    ]
    return Place(
        int(account["id"]),
        int(product["id"]),
        int(warehouse["id"]),
        int(first["id"]),
        int(second["id"]),
    )


def stock_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "stocks", "attributes": attributes}}


async def add_stock(caller: Caller, where: Place, quantity: float, **attributes: Any) -> Any:
    body = stock_body(
        product_id=where.product_id,
        account_id=where.account_id,
        location_id=where.location_id,
        quantity=quantity,
        **attributes,
    )
    response = await caller.post("/api/stocks/positive_adjustment", body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def act(caller: Caller, stock_id: int, action: str, **attributes: Any) -> Any:
    response = await caller.post(f"/api/stocks/{stock_id}/{action}", stock_body(**attributes))
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def assert_ledger_matches_stock(db: Database, tenant_id: int) -> None:
    """Every stock record's quantity is the sum of its transactions, and none is negative."""
    ledger = (
        select(transactions.c.stock_id, func.sum(transactions.c.quantity))
        .where(transactions.c.tenant_id == tenant_id)
        .group_by(transactions.c.stock_id)
    )
    async with db.read_session() as session:
        sums = {stock_id: total for stock_id, total in await session.execute(ledger)}
        quantities = {
            row.id: row.quantity
            for row in await session.execute(
                select(stocks.c.id, stocks.c.quantity).where(stocks.c.tenant_id == tenant_id)
            )
        }
    assert {stock_id: Decimal(total) for stock_id, total in sums.items()} == quantities
    assert all(quantity >= 0 for quantity in quantities.values())


async def test_positive_adjustment_adds_to_the_same_stock_or_makes_a_new_one(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    first = await add_stock(
        caller, where, 10, string1="LOT-1", datetime2="2027-01-31T00:00:00+01:00"
    )
    assert first["type"] == "stocks"
    attributes = first["attributes"]
    assert (attributes["quantity"], attributes["allocated_quantity"]) == (10.0, 0.0)
    assert (attributes["status"], attributes["warehouse_id"]) == ("available", where.warehouse_id)
    assert (attributes["string1"], attributes["datetime2"]) == ("LOT-1", "2027-01-30T23:00:00Z")
    assert attributes["fifo_date"].endswith("Z")
    again = await add_stock(caller, where, 2.5, string1="LOT-1", datetime2="2027-01-30T23:00:00Z")
    assert (again["id"], again["attributes"]["quantity"]) == (first["id"], 12.5)
    other_batch = await add_stock(caller, where, 1, string1="LOT-2")
    assert other_batch["id"] != first["id"]
    events = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "stock"]
    assert [(e["event"], e["record_id"], e["sequence"]) for e in events] == [
        ("positively_adjusted", first["id"], 1),
        ("positively_adjusted", first["id"], 2),
        ("positively_adjusted", other_batch["id"], 1),
    ]
    assert (events[1]["payload"]["quantity"], events[1]["payload"]["new_quantity"]) == (2.5, 12.5)
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_negative_adjustment_takes_at_most_what_is_unallocated(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 10)
    reason = await caller.create(
        "reason_codes",
        code="DMG",
        name="Damaged",
        description="Damaged",
        reason_type="negative_adjustment",
    )
    reason_id = int(reason["data"]["id"])
    left = await act(
        caller, stock["id"], "negative_adjustment", quantity=4, reason_code_id=reason_id
    )
    assert left["attributes"]["quantity"] == 6.0
    path = f"/api/stocks/{stock['id']}/negative_adjustment"
    hold_reason = await caller.create(
        "reason_codes", code="QC", name="QC", description="Quality check", reason_type="hold"
    )
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        stock_body(quantity=1, reason_code_id=int(hold_reason["data"]["id"])),
        symbol="invalid_value",
        pointer="/data/attributes/reason_code_id",
    )
    errors = await assert_refused(
        caller,
        db,
        "POST",
        path,
        stock_body(quantity=6.5),
        symbol="insufficient_stock",
        pointer="/data/attributes/quantity",
    )
    assert errors[0]["context"]["available"] == 6.0
    async with db.write_session() as session:
        await session.execute(
            update(stocks).where(stocks.c.id == stock["id"]).values(allocated_quantity=5)
        )
    assert await refused(caller, db, "POST", path, stock_body(quantity=2)) == [
        ("insufficient_stock", "/data/attributes/quantity")
    ]
    assert (await act(caller, stock["id"], "negative_adjustment", quantity=1))["attributes"][
        "quantity"
    ] == 5.0
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_move_splits_stock_within_the_warehouse(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 10, string1="LOT-9")
    moved = await act(
        caller, stock["id"], "move", quantity=3, to_location_id=where.other_location_id
    )
    assert moved["id"] != stock["id"]
    assert moved["attributes"]["location_id"] == where.other_location_id
    assert (moved["attributes"]["quantity"], moved["attributes"]["string1"]) == (3.0, "LOT-9")
    assert moved["attributes"]["fifo_date"] == stock["attributes"]["fifo_date"]
    back = await act(caller, moved["id"], "move", quantity=3, to_location_id=where.location_id)
    assert (back["id"], back["attributes"]["quantity"]) == (stock["id"], 10.0)
    elsewhere = await caller.create_location()
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/stocks/{stock['id']}/move",
        stock_body(quantity=1, to_location_id=int(elsewhere["id"])),
        symbol="invalid_value",
        pointer="/data/attributes/to_location_id",
    )
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_transfer_gives_stock_to_another_account(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 8)
    other = await caller.create_account()
    given = await act(caller, stock["id"], "transfer", quantity=8, to_account_id=int(other["id"]))
    assert given["attributes"]["account_id"] == int(other["id"])
    assert given["attributes"]["location_id"] == where.location_id
    events = [
        e for e in await events_of(db, caller.tenant_id) if e["event"] == "account_transferred"
    ]
    assert [(e["record_id"], e["payload"]["quantity"]) for e in events] == [
        (stock["id"], 0.0),
        (given["id"], 8.0),
    ]
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_hold_and_release_change_the_status_of_every_record_named(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    first = await add_stock(caller, where, 1, string1="A")
    second = await add_stock(caller, where, 2, string1="B")
    ids = [first["id"], second["id"]]
    body = {"ids": ids, "description": "Quality check required"}
    response = await caller.post("/api/stocks/hold", body)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"] == {
        "ids": ids,
        "status": "held",
        "changed_ids": ids,
    }
    again = await caller.post("/api/stocks/hold", body)
    assert again.json()["data"]["attributes"]["changed_ids"] == []
    adjusted = await act(caller, first["id"], "negative_adjustment", quantity=1)
    assert adjusted["attributes"]["status"] == "held"
    released = await caller.post(
        "/api/stocks/offhold", {"ids": [second["id"]], "description": "OK"}
    )
    assert released.json()["data"]["attributes"]["changed_ids"] == [second["id"]]
    events = [
        e["event"] for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "stock"
    ]
    assert events.count("placed_on_hold") == 2
    assert events.count("released_from_hold") == 1
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_hold_is_all_or_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller, stranger = await clients.new(), await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 5)
    theirs = await add_stock(stranger, await place(stranger), 1)
    body = {"ids": [stock["id"], theirs["id"]], "description": "x"}
    errors = await assert_refused(
        caller, db, "POST", "/api/stocks/hold", body, symbol="invalid_ids_provided", pointer="/ids"
    )
    assert errors[0]["context"]["invalid_ids"] == [theirs["id"]]
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/stocks/hold",
        {"ids": [], "description": "x"},
        symbol="empty_ids_provided",
        pointer="/ids",
    )
    async with db.write_session() as session:
        await session.execute(
            update(stocks).where(stocks.c.id == stock["id"]).values(allocated_quantity=1)
        )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/stocks/hold",
        {"ids": [stock["id"]], "description": "x"},
        symbol="stock_allocated",
        pointer="/ids",
    )


async def test_another_tenants_stock_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    stock = await add_stock(owner, await place(owner), 5)
    for action, attributes in (
        ("negative_adjustment", {"quantity": 1}),
        ("transfer", {"quantity": 1, "to_account_id": 1}),
    ):
        response = await stranger.post(
            f"/api/stocks/{stock['id']}/{action}", stock_body(**attributes)
        )
        assert response.status_code in (404, 422), response.text
        assert response.status_code == 404 or response.json()["errors"][0]["symbol"] == (
            "reference_not_found"
        )


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("zero quantity", {"quantity": 0}, "out_of_range", "/data/attributes/quantity"),
    ("text quantity", {"quantity": "5"}, "invalid_type", "/data/attributes/quantity"),
    ("missing location", {"location_id": None}, "missing_field", "/data/attributes/location_id"),
    ("unknown attribute", {"bin": "A1"}, "unknown_attribute", "/data/attributes/bin"),
    ("blank batch", {"string1": " "}, "blank_value", "/data/attributes/string1"),
    (
        "datetime UTC cannot hold",
        {"datetime2": "9999-12-31T23:59:59-14:00"},
        "out_of_range",
        "/data/attributes/datetime2",
    ),
    (
        "naive datetime",
        {"datetime1": "2027-01-01T00:00:00"},
        "timezone_required",
        "/data/attributes/datetime1",
    ),
    (
        "missing product",
        {"product_id": 987654321},
        "reference_not_found",
        "/data/attributes/product_id",
    ),
]


@pytest.mark.parametrize(
    ("case", "changes", "symbol", "pointer"), REFUSED, ids=[case[0] for case in REFUSED]
)
async def test_invalid_positive_adjustments_are_refused_and_write_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    changes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    where = await place(caller)
    attributes = {
        "product_id": where.product_id,
        "account_id": where.account_id,
        "location_id": where.location_id,
        "quantity": 5,
        **changes,
    }
    body = stock_body(**{k: v for k, v in attributes.items() if v is not None})
    await assert_refused(
        caller, db, "POST", "/api/stocks/positive_adjustment", body, symbol=symbol, pointer=pointer
    )


async def test_another_tenants_location_is_refused(clients: ApiClientFactory, db: Database) -> None:
    caller, stranger = await clients.new(), await clients.new()
    where, theirs = await place(caller), await place(stranger)
    body = stock_body(
        product_id=where.product_id,
        account_id=where.account_id,
        location_id=theirs.location_id,
        quantity=1,
    )
    assert await refused(caller, db, "POST", "/api/stocks/positive_adjustment", body) == [
        ("reference_not_found", "/data/attributes/location_id")
    ]


async def test_stock_cannot_move_to_where_it_is_nor_go_to_its_own_account(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 3)
    path = f"/api/stocks/{stock['id']}"
    body = stock_body(quantity=1, to_location_id=where.location_id)
    assert await refused(caller, db, "POST", f"{path}/move", body) == [
        ("invalid_value", "/data/attributes/to_location_id")
    ]
    body = stock_body(quantity=1, to_account_id=where.account_id)
    assert await refused(caller, db, "POST", f"{path}/transfer", body) == [
        ("invalid_value", "/data/attributes/to_account_id")
    ]
