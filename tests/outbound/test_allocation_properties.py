"""Allocation as a property: generated scenarios of stock (two products, two locations, some
records on hold) and orders that are allocated, changed (lines_changes ADD, UPDATE, DESTROY),
shorted, processed into pick tasks, picked (in full or short) and so dispatched, cancelled,
and whose stock is adjusted, moved, held and released, all through the REST API.
After every step the invariants of `tests.inventory.invariants` hold, and:

- a request is answered 2xx or refused with a 4xx that changed nothing, never a 5xx;
- total stock of a product changes only by adjustments and dispatches (moves, allocations
  and picks keep it);
- an allocation leaves each line either fully allocated or its product with nothing free
  that it could have taken (available stock of the order's account and warehouse);
- held stock is never allocated;
- cancelling an order gives back exactly what its allocations held.

`HYPOTHESIS_PROFILE=long` runs many more examples (see the README)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clarus.core.db import Database
from tests.catalog import factories as catalog
from tests.inbound.factories import added, destroyed, document, updated
from tests.inventory.invariants import Snapshot, assert_invariants
from tests.inventory.test_stock_actions import Place, place, stock_body
from tests.outbound.test_allocation import ALLOCATE, SHORT, create_order
from tests.outbound.test_fulfilment import PROCESS, order_tasks
from tests.support import ApiClientFactory, Caller

pytestmark = pytest.mark.slow

ZERO = Decimal(0)
quantities = st.integers(min_value=1, max_value=12)
index = st.integers(min_value=0, max_value=7)

stock_records = st.lists(
    st.tuples(
        st.integers(0, 1),  # product
        st.integers(0, 1),  # location
        quantities,
        st.sampled_from(["A", "B", "C"]),  # batch
        st.booleans(),  # on hold
    ),
    min_size=1,
    max_size=5,
)
batches = st.sampled_from([None, None, "A", "B"])
"""A line's batch (`string1`): mostly any, sometimes one the stock has or lacks."""
order_lines = st.lists(st.tuples(st.integers(0, 1), quantities, batches), min_size=1, max_size=3)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("order"), order_lines),
        st.tuples(st.just("allocate"), index),
        st.tuples(st.just("allocate"), index),
        st.tuples(st.just("cancel"), index),
        st.tuples(st.just("change_line"), index, index, quantities),
        st.tuples(st.just("destroy_line"), index, index),
        st.tuples(st.just("add_line"), index, st.integers(0, 1), quantities, batches),
        st.tuples(st.just("adjust_down"), index, quantities),
        st.tuples(st.just("adjust_up"), index, quantities),
        st.tuples(st.just("move"), index, quantities),
        st.tuples(st.just("hold"), index),
        st.tuples(st.just("release"), index),
        st.tuples(st.just("short"), index),
        st.tuples(st.just("process"), index),
        st.tuples(st.just("pick"), index, index, quantities),
        st.tuples(st.just("pick"), index, index, quantities),
    ),
    min_size=1,
    max_size=16,
)


@dataclass
class Scenario:
    caller: Caller
    db: Database
    where: Place
    product_ids: list[int]
    expected_totals: dict[int, Decimal]
    """Per product, what adjustments added and took away (dispatches take the rest)."""
    order_ids: list[int] = field(default_factory=list)

    @property
    def location_ids(self) -> list[int]:
        return [self.where.location_id, self.where.other_location_id]

    async def check(self) -> Snapshot:
        state = await assert_invariants(self.db, self.caller.tenant_id)
        for product_id, adjusted in self.expected_totals.items():
            dispatched = sum(
                (
                    line["dispatch_quantity"]
                    for line in state.lines.values()
                    if line["product_id"] == product_id
                ),
                ZERO,
            )
            assert state.total_of(product_id) == adjusted - dispatched, ("total", product_id)
        for row in state.stocks.values():
            if row["status"] == "held":
                assert row["allocated_quantity"] == 0, ("held stock allocated", row)
        return state


async def scenario_with_stock(
    clients: ApiClientFactory, db: Database, records: list[tuple[int, int, int, str, bool]]
) -> Scenario:
    caller = await clients.new()
    where = await place(caller)
    second = int((await catalog.product(caller))["id"])
    await goods_out_bay(caller, where)
    response = await caller.patch(
        f"/api/accounts/{where.account_id}",
        {"data": {"type": "accounts", "attributes": {"is_short_pickable": True}}},
    )
    assert response.status_code == 200, response.text
    scenario = Scenario(
        caller, db, where, [where.product_id, second], {where.product_id: ZERO, second: ZERO}
    )
    for product, location, quantity, batch, on_hold in records:
        response = await caller.post(
            "/api/stocks/positive_adjustment",
            stock_body(
                product_id=scenario.product_ids[product],
                account_id=where.account_id,
                location_id=scenario.location_ids[location],
                quantity=quantity,
                string1=batch,
            ),
        )
        assert response.status_code == 200, response.text
        stock = response.json()["data"]
        scenario.expected_totals[scenario.product_ids[product]] += quantity
        if on_hold:
            response = await caller.post(
                "/api/stocks/hold", {"ids": [stock["id"]], "description": "QC"}
            )
            assert response.status_code in (200, 422), response.text
    return scenario


def line_of(scenario: Scenario, product: int, quantity: int, batch: str | None) -> dict[str, Any]:
    attributes = {} if batch is None else {"string1": batch}
    return added(product_id=scenario.product_ids[product], order_quantity=quantity, **attributes)


async def goods_out_bay(caller: Caller, where: Place) -> None:
    bay_type = int((await caller.create_location_type("GOBAY"))["id"])
    await caller.create_location(
        "GOODS-OUT", warehouse_id=where.warehouse_id, location_type_id=bay_type
    )


def pick(items: list[int], at: int) -> int | None:
    return items[at % len(items)] if items else None


async def answered(scenario: Scenario, response: httpx.Response, before: Snapshot) -> bool:
    """2xx, or a 4xx that changed nothing."""
    assert response.status_code < 500, response.text
    if response.is_success:
        return True
    assert 400 <= response.status_code < 500, response.text
    after = await scenario.check()
    assert after == before, ("a refused request changed something", response.text)
    return False


async def run_step(scenario: Scenario, step: tuple[Any, ...], before: Snapshot) -> None:
    caller, kind = scenario.caller, step[0]
    order_id = pick(scenario.order_ids, step[1]) if kind in ORDER_STEPS else None
    stock_id = pick(sorted(before.stocks), step[1]) if kind in STOCK_STEPS else None
    if kind == "order":
        lines = [
            line_of(scenario, product, quantity, batch) for product, quantity, batch in step[1]
        ]
        order = await create_order(
            caller, scenario.where, *lines, reference=f"SO-{len(scenario.order_ids)}"
        )
        scenario.order_ids.append(order["id"])
    elif kind in ORDER_STEPS and order_id is not None:
        await run_order_step(scenario, step, order_id, before)
    elif kind in STOCK_STEPS and stock_id is not None:
        await run_stock_step(scenario, step, stock_id, before)


ORDER_STEPS = frozenset(
    {"allocate", "cancel", "change_line", "destroy_line", "add_line", "short", "process", "pick"}
)
STOCK_STEPS = frozenset({"adjust_down", "adjust_up", "move", "hold", "release"})


async def run_order_step(
    scenario: Scenario, step: tuple[Any, ...], order_id: int, before: Snapshot
) -> None:
    caller, kind = scenario.caller, step[0]
    lines = sorted(
        line_id for line_id, line in before.lines.items() if line["goods_out_id"] == order_id
    )
    if kind == "allocate":
        response = await caller.post(ALLOCATE, {"ids": [order_id]})
        if await answered(scenario, response, before):
            assert_allocation_is_complete(await scenario.check(), order_id)
    elif kind == "short":
        body = {"ids": [order_id], "description": "Stock unavailable"}
        await answered(scenario, await caller.post(SHORT, body), before)
    elif kind == "process":
        await answered(scenario, await caller.post(PROCESS, {"ids": [order_id]}), before)
    elif kind == "pick":
        await pick_task(scenario, order_id, step[2], step[3], before)
    elif kind == "cancel":
        response = await caller.post(f"/api/goods_outs/{order_id}/cancel", None)
        if await answered(scenario, response, before):
            assert_cancel_gave_back(before, await scenario.check(), order_id)
    else:
        if kind == "add_line":
            change = line_of(scenario, step[2], step[3], step[4])
        elif not lines:
            return
        elif kind == "change_line":
            change = updated(lines[step[2] % len(lines)], order_quantity=step[3])
        else:
            change = destroyed(lines[step[2] % len(lines)])
        body = document("goods_outs", {"lines_changes": [change]})
        await answered(scenario, await caller.patch(f"/api/goods_outs/{order_id}", body), before)


async def run_stock_step(
    scenario: Scenario, step: tuple[Any, ...], stock_id: int, before: Snapshot
) -> None:
    caller, kind, row = scenario.caller, step[0], before.stocks[stock_id]
    if kind in ("hold", "release"):
        path = "/api/stocks/hold" if kind == "hold" else "/api/stocks/offhold"
        response = await caller.post(path, {"ids": [stock_id], "description": "QC"})
        await answered(scenario, response, before)
        return
    quantity = step[2]
    if kind == "adjust_up":
        response = await caller.post(
            "/api/stocks/positive_adjustment",
            stock_body(
                product_id=row["product_id"],
                account_id=row["account_id"],
                location_id=row["location_id"],
                quantity=quantity,
                string1=row["string1"],
            ),
        )
        if await answered(scenario, response, before):
            scenario.expected_totals[row["product_id"]] += quantity
        return
    if kind == "adjust_down":
        path, body = f"/api/stocks/{stock_id}/negative_adjustment", stock_body(quantity=quantity)
    else:
        other = [location for location in scenario.location_ids if location != row["location_id"]]
        path = f"/api/stocks/{stock_id}/move"
        body = stock_body(quantity=quantity, to_location_id=other[0])
    free = row["quantity"] - row["allocated_quantity"]
    succeeded = await answered(scenario, await caller.post(path, body), before)
    assert succeeded == (quantity <= free), ("refused though free, or took allocated", row)
    if succeeded and kind == "adjust_down":
        scenario.expected_totals[row["product_id"]] -= quantity


async def pick_task(
    scenario: Scenario, order_id: int, at: int, quantity: int, before: Snapshot
) -> None:
    """Complete one of the order's open pick tasks, confirming at most `quantity`."""
    tasks = await order_tasks(scenario.caller, order_id, "PICK")
    open_tasks = [task for task in tasks if task["status"] not in ("COMPLETED", "CANCELLED")]
    if not open_tasks:
        return
    task = open_tasks[at % len(open_tasks)]
    confirmed = min(float(task["start_quantity"]), float(quantity))
    body = {
        "data": {
            "type": "tasks",
            "attributes": {"status": "completed", "confirmed_quantity": confirmed},
        }
    }
    await answered(scenario, await scenario.caller.patch(f"/api/tasks/{task['id']}", body), before)


def assert_allocation_is_complete(state: Snapshot, order_id: int) -> None:
    """A line left short means its product has nothing free it could have taken (of its
    batch, when it names one)."""
    for line in state.lines.values():
        if line["goods_out_id"] != order_id or line["short_status"] is not None:
            continue
        if line["allocated_quantity"] < line["order_quantity"]:
            free = sum(
                (
                    row["quantity"] - row["allocated_quantity"]
                    for row in state.stocks.values()
                    if row["status"] == "available"
                    and row["product_id"] == line["product_id"]
                    and row["account_id"] == line["account_id"]
                    and row["warehouse_id"] == line["warehouse_id"]
                    and line["string1"] in (None, row["string1"])
                ),
                ZERO,
            )
            assert free == 0, ("left short with stock free", line, free)


def assert_cancel_gave_back(before: Snapshot, after: Snapshot, order_id: int) -> None:
    held = before.allocated_by_order(order_id)
    for stock_id, row in before.stocks.items():
        assert after.stocks[stock_id]["allocated_quantity"] == row["allocated_quantity"] - held.get(
            stock_id, ZERO
        ), ("cancel gave back", stock_id)
    assert after.allocated_by_order(order_id) == {}


@given(records=stock_records, scenario_steps=steps)
@example(
    records=[(0, 0, 5, "A", False), (0, 1, 3, "B", True), (1, 0, 2, "A", False)],
    scenario_steps=[
        ("order", [(0, 4, None), (1, 2, "A")]),
        ("process", 0),
        ("pick", 0, 0, 1),
        ("cancel", 0),
        ("order", [(0, 6, "B"), (1, 3, None)]),
        ("allocate", 1),
        ("release", 1),
        ("short", 1),
        ("order", [(0, 2, None)]),
        ("process", 2),
        ("pick", 2, 0, 12),
    ],
)
async def test_allocation_keeps_its_rules_whatever_happens(
    clients: ApiClientFactory,
    db: Database,
    records: list[tuple[int, int, int, str, bool]],
    scenario_steps: list[tuple[Any, ...]],
) -> None:
    scenario = await scenario_with_stock(clients, db, records)
    state = await scenario.check()
    for step in scenario_steps:
        await run_step(scenario, step, state)
        state = await scenario.check()
