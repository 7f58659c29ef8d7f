from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from clarus.core.db import Database
from clarus.inventory.tables import stocks
from clarus.outbound import allocation
from tests.inbound.factories import added, document, updated
from tests.inventory.test_stock_actions import Place, add_stock, assert_ledger_matches_stock, place
from tests.support import ApiClientFactory, Caller, events_of, refused

PENDING, ALLOCATED, PART_ALLOCATED, CANCELLED = 2, 5, 7, 8
ALLOCATE = "/api/goods_out_processes/allocate"


async def create_order(
    caller: Caller, where: Place, *lines: dict[str, Any], **attributes: Any
) -> Any:
    body = document(
        "goods_outs",
        {
            "account_id": where.account_id,
            "warehouse_id": where.warehouse_id,
            "reference": attributes.pop("reference", f"SO-{id(lines)}-{len(lines)}"),
            "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
            "lines_changes": list(lines),
            **attributes,
        },
    )
    response = await caller.post("/api/goods_outs", body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def allocate(caller: Caller, *order_ids: int) -> list[Any]:
    response = await caller.post(ALLOCATE, {"ids": list(order_ids)})
    assert response.status_code == 200, response.text
    orders: list[Any] = response.json()["data"]
    return orders


async def allocated_of(db: Database, *stock_ids: int) -> list[float]:
    async with db.read_session() as session:
        rows = await session.execute(
            select(stocks.c.id, stocks.c.allocated_quantity).where(stocks.c.id.in_(stock_ids))
        )
        by_id = {stock_id: float(quantity) for stock_id, quantity in rows}
    return [by_id[stock_id] for stock_id in stock_ids]


async def test_allocation_takes_the_oldest_stock_first(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    newer = await add_stock(caller, where, 10, fifo_date="2026-02-01T00:00:00Z", string1="N")
    older = await add_stock(caller, where, 5, fifo_date="2026-01-01T00:00:00Z", string1="O")
    order = await create_order(caller, where, added(product_id=where.product_id, order_quantity=7))
    [allocated] = await allocate(caller, order["id"])
    assert allocated["attributes"]["goods_out_status_id"] == ALLOCATED
    assert allocated["attributes"]["lines"][0]["allocated_quantity"] == 7.0
    assert await allocated_of(db, older["id"], newer["id"]) == [5.0, 2.0]
    events = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_out"]
    assert [e["event"] for e in events] == ["created", "updated"]
    assert events[-1]["payload"]["goods_out_status_id"] == ALLOCATED


async def test_an_account_can_allocate_by_best_before(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    response = await caller.patch(
        f"/api/accounts/{where.account_id}",
        {"data": {"type": "accounts", "attributes": {"pick_rule": "fefo"}}},
    )
    assert response.status_code == 200, response.text
    later = await add_stock(
        caller, where, 4, fifo_date="2026-01-01T00:00:00Z", datetime2="2027-06-01T00:00:00Z"
    )
    sooner = await add_stock(
        caller, where, 4, fifo_date="2026-03-01T00:00:00Z", datetime2="2027-01-01T00:00:00Z"
    )
    order = await create_order(caller, where, added(product_id=where.product_id, order_quantity=3))
    await allocate(caller, order["id"])
    assert await allocated_of(db, sooner["id"], later["id"]) == [3.0, 0.0]


async def test_an_order_short_of_stock_is_part_allocated_until_more_arrives(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    await add_stock(caller, where, 5)
    order = await create_order(caller, where, added(product_id=where.product_id, order_quantity=8))
    [part] = await allocate(caller, order["id"])
    assert part["attributes"]["goods_out_status_id"] == PART_ALLOCATED
    assert part["attributes"]["lines"][0]["allocated_quantity"] == 5.0
    await add_stock(caller, where, 10, string1="LATER")
    [full] = await allocate(caller, order["id"])
    assert full["attributes"]["goods_out_status_id"] == ALLOCATED
    assert full["attributes"]["lines"][0]["allocated_quantity"] == 8.0
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_only_available_stock_of_the_account_in_the_warehouse_is_taken(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    held = await add_stock(caller, where, 10, string1="HELD")
    response = await caller.post("/api/stocks/hold", {"ids": [held["id"]], "description": "QC"})
    assert response.status_code == 200, response.text
    other_account = await caller.create_account()
    theirs = Place(
        int(other_account["id"]),
        where.product_id,
        where.warehouse_id,
        where.location_id,
        where.other_location_id,
    )
    await add_stock(caller, theirs, 10)
    order = await create_order(caller, where, added(product_id=where.product_id, order_quantity=1))
    [pending] = await allocate(caller, order["id"])
    assert pending["attributes"]["goods_out_status_id"] == PENDING
    assert await allocated_of(db, held["id"]) == [0.0]


async def test_a_line_keeps_to_its_batch_and_dates(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    where = await place(caller)
    other_batch = await add_stock(caller, where, 10, string1="B1", datetime2="2027-01-01T00:00:00Z")
    too_soon = await add_stock(caller, where, 10, string1="B2", datetime2="2026-12-15T00:00:00Z")
    right = await add_stock(caller, where, 10, string1="B2", datetime2="2027-03-01T00:00:00Z")
    order = await create_order(
        caller,
        where,
        added(
            product_id=where.product_id,
            order_quantity=4,
            string1="B2",
            datetime2_from="2027-01-01T00:00:00Z",
        ),
    )
    await allocate(caller, order["id"])
    assert await allocated_of(db, other_batch["id"], too_soon["id"], right["id"]) == [0.0, 0.0, 4.0]


async def test_allocation_refusals(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    where = await place(caller)
    await add_stock(caller, where, 10)
    order = await create_order(caller, where, added(product_id=where.product_id, order_quantity=1))
    draft = await create_order(caller, where, reference="DRAFT-1", goods_out_status_id=1)
    await allocate(caller, order["id"])
    assert await refused(caller, db, "POST", ALLOCATE, {"ids": [order["id"]]}) == [
        ("goods_out_already_allocated", "/ids")
    ]
    assert await refused(caller, db, "POST", ALLOCATE, {"ids": [draft["id"]]}) == [
        ("status_forbids_change", "/ids")
    ]
    assert await refused(caller, db, "POST", ALLOCATE, {"ids": []}) == [
        ("empty_ids_provided", "/ids")
    ]
    assert await refused(caller, db, "POST", ALLOCATE, {"ids": [987654321]}) == [
        ("invalid_ids_provided", "/ids")
    ]
    [line] = order["attributes"]["lines"]
    body = document("goods_outs", {"lines_changes": [updated(line["id"], order_quantity=2)]})
    assert await refused(caller, db, "PATCH", f"/api/goods_outs/{order['id']}", body) == [
        ("goods_out_already_allocated", "/data/attributes/lines_changes")
    ]


async def test_allocated_stock_cannot_be_adjusted_away_and_cancel_releases_it(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 10)
    order = await create_order(caller, where, added(product_id=where.product_id, order_quantity=9))
    await allocate(caller, order["id"])
    path = f"/api/stocks/{stock['id']}/negative_adjustment"
    body = {"data": {"type": "stocks", "attributes": {"quantity": 2}}}
    assert await refused(caller, db, "POST", path, body) == [
        ("insufficient_stock", "/data/attributes/quantity")
    ]
    response = await caller.post(f"/api/goods_outs/{order['id']}/cancel", None)
    assert response.status_code == 200, response.text
    cancelled = response.json()["data"]["attributes"]
    assert cancelled["goods_out_status_id"] == CANCELLED
    assert cancelled["lines"][0]["allocated_quantity"] == 0.0
    assert await allocated_of(db, stock["id"]) == [0.0]


async def test_concurrent_allocations_never_oversell(
    clients: ApiClientFactory, db: Database
) -> None:
    """50 orders of one unit each, stock for 35 in four records, allocated all at once while
    other requests hold one record and adjust the others: exactly what there is gets
    allocated (a hold wins only before any of its record is allocated)."""
    caller = await clients.new()
    where = await place(caller)
    records = [await add_stock(caller, where, 10, string1=f"LOT-{n}") for n in range(3)]
    spare = await add_stock(caller, where, 5, string1="SPARE")
    orders = [
        await create_order(
            caller, where, added(product_id=where.product_id, order_quantity=1), reference=f"C-{n}"
        )
        for n in range(50)
    ]
    requests = [caller.post(ALLOCATE, {"ids": [order["id"]]}) for order in orders]
    requests += [caller.post("/api/stocks/hold", {"ids": [spare["id"]], "description": "QC"})]
    requests += [
        caller.post(
            f"/api/stocks/{records[n % 3]['id']}/negative_adjustment",
            {"data": {"type": "stocks", "attributes": {"quantity": 1}}},
        )
        for n in range(3)
    ]
    responses = await asyncio.gather(*requests)
    assert all(response.status_code in (200, 422) for response in responses), [
        r.text for r in responses if r.status_code not in (200, 422)
    ]
    adjusted = sum(1 for r in responses[-3:] if r.status_code == 200)
    spare_held = responses[50].status_code == 200
    async with db.read_session() as session:
        total = (
            await session.execute(
                select(func.sum(stocks.c.allocated_quantity)).where(
                    stocks.c.tenant_id == caller.tenant_id
                )
            )
        ).scalar_one()
    allocated_orders = sum(
        1
        for response in responses[:50]
        if response.json()["data"][0]["attributes"]["goods_out_status_id"] == ALLOCATED
    )
    assert Decimal(total) == allocated_orders == 35 - adjusted - (5 if spare_held else 0)
    await assert_ledger_matches_stock(db, caller.tenant_id)


SHORT = "/api/goods_out_processes/short_order_lines"


async def test_short_order_lines_finish_a_part_allocated_order(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    await add_stock(caller, where, 3)
    order = await create_order(
        caller,
        where,
        added(product_id=where.product_id, order_quantity=5),
        added(product_id=where.product_id, order_quantity=2),
    )
    [part] = await allocate(caller, order["id"])
    assert part["attributes"]["goods_out_status_id"] == PART_ALLOCATED
    body = {"ids": [order["id"]], "description": "Stock unavailable"}
    assert await refused(caller, db, "POST", SHORT, body) == [
        ("account_not_short_pickable", "/ids")
    ]
    response = await caller.patch(
        f"/api/accounts/{where.account_id}",
        {"data": {"type": "accounts", "attributes": {"is_short_pickable": True}}},
    )
    assert response.status_code == 200, response.text
    reason = await caller.create(
        "reason_codes", code="OOS", name="Out of stock", description="x", reason_type="hold"
    )
    wrong = {**body, "reason_code_id": int(reason["data"]["id"])}
    assert await refused(caller, db, "POST", SHORT, wrong) == [("invalid_value", "/reason_code_id")]
    shorted = await caller.post(SHORT, body)
    assert shorted.status_code == 204, shorted.text
    query = (
        "query($f: GoodsOutsFilterType) { goods_outs { all(filter: $f) { edges { node {"
        " goods_out_status { code } short_order_lines_description"
        " lines { order_quantity allocated_quantity short_status } } } } } }"
    )
    result = await caller.graphql(query, {"f": {"id": {"eq": str(order["id"])}}})
    [edge] = result["data"]["goods_outs"]["all"]["edges"]
    node = edge["node"]
    assert node["goods_out_status"] == {"code": "ALLOCATED"}
    assert node["short_order_lines_description"] == "Stock unavailable"
    assert [(line["allocated_quantity"], line["short_status"]) for line in node["lines"]] == [
        (3.0, "short"),
        (0.0, "short"),
    ]
    assert await refused(caller, db, "POST", SHORT, body) == [("status_forbids_change", "/ids")]


async def test_a_customers_shelf_life_rule_keeps_short_dated_stock_back(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    customer = await caller.create(
        "customers", code="FRESH", name="Fresh Foods", shelf_life_min=30, shelf_life_max=90
    )
    too_short = await add_stock(caller, where, 5, string1="A", datetime1="2026-12-20T00:00:00Z")
    too_long = await add_stock(caller, where, 5, string1="B", datetime1="2027-06-01T00:00:00Z")
    fits = await add_stock(caller, where, 5, string1="C", datetime2="2027-01-15T00:00:00Z")
    order = await create_order(
        caller,
        where,
        added(product_id=where.product_id, order_quantity=4),
        customer_id=int(customer["data"]["id"]),
    )
    [allocated] = await allocate(caller, order["id"])
    assert allocated["attributes"]["goods_out_status_id"] == ALLOCATED
    assert await allocated_of(db, too_short["id"], too_long["id"], fits["id"]) == [0.0, 0.0, 4.0]


@pytest.mark.parametrize(
    ("shelf_life", "dispatch", "allocated"),
    [
        ({"shelf_life_min": 2**62}, "2026-12-01T10:00:00Z", 0.0),
        ({"shelf_life_max": 2**62}, "2026-12-01T10:00:00Z", 4.0),
        ({"shelf_life_min": 30}, "9999-12-20T00:00:00Z", 0.0),
        ({"shelf_life_max": 30}, "9999-12-20T00:00:00Z", 4.0),
    ],
    ids=["min-beyond-any-date", "max-beyond-any-date", "min-past-9999", "max-past-9999"],
)
async def test_a_shelf_life_reaching_past_the_last_date_ends_there(
    clients: ApiClientFactory,
    db: Database,
    shelf_life: dict[str, int],
    dispatch: str,
    allocated: float,
) -> None:
    """A shelf life counted past the year 9999 ends at its last moment: a minimum that far
    admits no dated stock, a maximum that far admits all of it."""
    caller = await clients.new()
    where = await place(caller)
    customer = await caller.create("customers", code="LONG", name="Long Life", **shelf_life)
    dated = await add_stock(caller, where, 5, datetime1="9999-12-31T00:00:00Z")
    order = await create_order(
        caller,
        where,
        added(product_id=where.product_id, order_quantity=4),
        customer_id=int(customer["data"]["id"]),
        expected_date_of_dispatch=dispatch,
    )
    [answered] = await allocate(caller, order["id"])
    assert answered["attributes"]["goods_out_status_id"] == (ALLOCATED if allocated else PENDING)
    assert await allocated_of(db, dated["id"]) == [allocated]


async def test_stock_taken_since_the_candidates_were_read_is_found_elsewhere(
    clients: ApiClientFactory, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contended path, made certain: this allocation reads its candidates as they were
    before another order took all of the older record, so its planned reservation of that
    record fails its guard, and the line looks again, record by record."""
    caller = await clients.new()
    where = await place(caller)
    older = await add_stock(caller, where, 5, fifo_date="2026-01-01T00:00:00Z", string1="O")
    newer = await add_stock(caller, where, 5, fifo_date="2026-02-01T00:00:00Z", string1="N")
    first = await create_order(
        caller, where, added(product_id=where.product_id, order_quantity=5), reference="FIRST"
    )
    second = await create_order(
        caller, where, added(product_id=where.product_id, order_quantity=6), reference="SECOND"
    )
    read_candidates = allocation._candidates

    async def as_read_before_the_first_order(*args: Any, **kwargs: Any) -> Any:
        found = await read_candidates(*args, **kwargs)
        for records in found.by_product.values():
            for record in records:
                found.free[record.id] = record.quantity
        return found

    await allocate(caller, first["id"])
    monkeypatch.setattr(allocation, "_candidates", as_read_before_the_first_order)
    [part] = await allocate(caller, second["id"])

    assert part["attributes"]["goods_out_status_id"] == PART_ALLOCATED
    assert part["attributes"]["lines"][0]["allocated_quantity"] == 5.0
    assert await allocated_of(db, older["id"], newer["id"]) == [5.0, 5.0]
    await assert_ledger_matches_stock(db, caller.tenant_id)
