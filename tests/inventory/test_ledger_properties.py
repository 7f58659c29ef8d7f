"""The transaction ledger as a property: generated sequences of stock actions (positive and
negative adjustments in quarter units, moves between two shelves, transfers to another account,
holds and releases) and of orders picked and dispatched through their tasks, all through the
REST API. After every step the invariants of `tests.inventory.invariants` hold (each record's
quantity is the sum of its ledger rows, nothing negative, allocations add up), and:

- a request is answered 2xx or refused with a 4xx that changed nothing, never a 5xx;
- a take (negative adjustment, move, transfer) succeeds exactly when the record has that much
  unallocated;
- total stock changes only by adjustments and dispatches: moves, transfers, holds and picks
  keep it.

`HYPOTHESIS_PROFILE=long` runs many more examples (see the README)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clarus.core.db import Database
from tests.inbound.receiving import Dock, complete_task, dock
from tests.inventory.invariants import Snapshot, assert_invariants
from tests.inventory.test_stock_actions import stock_body
from tests.outbound.test_fulfilment import PROCESS, goods_out_bay, new_order, order_tasks
from tests.support import ApiClientFactory, Caller

pytestmark = pytest.mark.slow

ZERO = Decimal(0)
quarters = st.integers(min_value=1, max_value=40).map(lambda n: Decimal(n) / 4)
index = st.integers(min_value=0, max_value=7)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("adjust_up"), st.integers(0, 1), quarters, st.sampled_from("AB")),
        st.tuples(st.just("adjust_down"), index, quarters),
        st.tuples(st.just("move"), index, quarters),
        st.tuples(st.just("transfer"), index, quarters),
        st.tuples(st.just("hold"), index),
        st.tuples(st.just("release"), index),
        st.tuples(st.just("fulfil"), quarters),
    ),
    min_size=1,
    max_size=12,
)


@dataclass
class Warehouse:
    caller: Caller
    db: Database
    where: Dock
    shelf_ids: tuple[int, int]
    other_account_id: int
    adjusted: Decimal = ZERO
    """What adjustments added and took away."""
    orders: int = 0

    async def check(self) -> Snapshot:
        """The invariants, and the product's total stock: what adjustments left less what
        orders dispatched."""
        state = await assert_invariants(self.db, self.caller.tenant_id)
        dispatched = sum((line["dispatch_quantity"] for line in state.lines.values()), ZERO)
        assert state.total_of(self.where.stock.product_id) == self.adjusted - dispatched
        return state


async def warehouse(clients: ApiClientFactory, db: Database) -> Warehouse:
    caller = await clients.new()
    where = await dock(caller)
    await goods_out_bay(caller, where)
    shelf_type = int((await caller.create_location_type("SHELF-2"))["id"])
    second = await caller.create_location(
        "B-01-01", warehouse_id=where.stock.warehouse_id, location_type_id=shelf_type
    )
    other_account = await caller.create_account()
    return Warehouse(
        caller, db, where, (where.shelf_id, int(second["id"])), int(other_account["id"])
    )


async def answered(house: Warehouse, response: httpx.Response, before: Snapshot) -> bool:
    """2xx, or a 4xx that changed nothing."""
    assert response.status_code < 500, response.text
    if response.is_success:
        return True
    assert 400 <= response.status_code < 500, response.text
    assert await house.check() == before, ("a refused request changed something", response.text)
    return False


async def run_step(house: Warehouse, step: tuple[Any, ...], before: Snapshot) -> None:
    kind = step[0]
    if kind == "adjust_up":
        await adjust_up(house, step, before)
    elif kind == "fulfil":
        await fulfil(house, step[1], before)
    elif before.stocks:
        stock_id = sorted(before.stocks)[step[1] % len(before.stocks)]
        if kind in ("hold", "release"):
            path = "/api/stocks/hold" if kind == "hold" else "/api/stocks/offhold"
            response = await house.caller.post(path, {"ids": [stock_id], "description": "QC"})
            await answered(house, response, before)
        else:
            await take(house, kind, stock_id, step[2], before)


async def adjust_up(house: Warehouse, step: tuple[Any, ...], before: Snapshot) -> None:
    _kind, shelf, quantity, batch = step
    body = stock_body(
        product_id=house.where.stock.product_id,
        account_id=house.where.stock.account_id,
        location_id=house.shelf_ids[shelf],
        quantity=float(quantity),
        string1=batch,
    )
    response = await house.caller.post("/api/stocks/positive_adjustment", body)
    if await answered(house, response, before):
        house.adjusted += quantity


async def take(
    house: Warehouse, kind: str, stock_id: int, quantity: Decimal, before: Snapshot
) -> None:
    row = before.stocks[stock_id]
    attributes: dict[str, Any] = {"quantity": float(quantity)}
    if kind == "move":
        elsewhere = [shelf for shelf in house.shelf_ids if shelf != row["location_id"]]
        attributes["to_location_id"] = elsewhere[0]
    elif kind == "transfer":
        accounts = {house.where.stock.account_id, house.other_account_id}
        attributes["to_account_id"] = next(iter(accounts - {row["account_id"]}))
    path = f"/api/stocks/{stock_id}/{kind.replace('adjust_down', 'negative_adjustment')}"
    response = await house.caller.post(path, stock_body(**attributes))
    succeeded = await answered(house, response, before)
    free = row["quantity"] - row["allocated_quantity"]
    assert succeeded == (quantity <= free), ("refused though free, or took allocated", row)
    if succeeded and kind == "adjust_down":
        house.adjusted -= quantity


async def fulfil(house: Warehouse, quantity: Decimal, before: Snapshot) -> None:
    """An order of the account's product, allocated and processed into pick tasks, each pick
    completed (the last one dispatches the order), checked after each request."""
    house.orders += 1
    reference = f"SO-{house.orders}"
    order = await new_order(house.caller, house.where, float(quantity), reference=reference)
    response = await house.caller.post(PROCESS, {"ids": [order["id"]]})
    if not await answered(house, response, await house.check()):
        return
    await house.check()
    for pick in await order_tasks(house.caller, order["id"], "PICK"):
        await complete_task(house.caller, pick["id"])
        await house.check()


@given(scenario_steps=steps)
@example(
    scenario_steps=[
        ("adjust_up", 0, Decimal("2.5"), "A"),
        ("adjust_up", 1, Decimal(4), "B"),
        ("hold", 0),
        ("fulfil", Decimal(3)),
        ("release", 0),
        ("fulfil", Decimal("1.75")),
    ]
)
async def test_the_ledger_accounts_for_every_change(
    clients: ApiClientFactory, db: Database, scenario_steps: list[tuple[Any, ...]]
) -> None:
    house = await warehouse(clients, db)
    state = await house.check()
    for step in scenario_steps:
        await run_step(house, step, state)
        state = await house.check()
