"""A warehouse ready to load: a goods out bay, a loading location (LOADBAY), pallets of stock on
the shelf, orders of dispatch strategy `load` picked, and their load tasks read through
GraphQL (ListTasks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.catalog.factories import storage_unit_type
from tests.inbound.receiving import Dock, complete_task, dock
from tests.outbound.test_fulfilment import PROCESS, goods_out_bay, new_order, order_tasks
from tests.support import Caller

LOAD_TASK_FIELDS = (
    "id task_type_code subtype status goods_out_id storage_unit_from_id location_from_id"
    " location_to_id load_id load_drop_id start_quantity"
)


@dataclass(frozen=True)
class Loading:
    where: Dock
    goods_out_bay_id: int
    door_id: int
    """The loading location (location type LOADBAY)."""
    pallet_ids: list[int]


async def loading_warehouse(caller: Caller, pallets: int, per_pallet: float = 2) -> Loading:
    """`pallets` storage units on the shelf, `per_pallet` of the product on each."""
    where = await dock(caller)
    bay_id = await goods_out_bay(caller, where)
    loadbay = int((await caller.create_location_type("LOADBAY"))["id"])
    door = await caller.create_location(
        "DOOR-1", warehouse_id=where.stock.warehouse_id, location_type_id=loadbay
    )
    pallet_type = int((await storage_unit_type(caller, code="PAL"))["id"])
    pallet_ids = []
    for number in range(1, pallets + 1):
        pallet = await caller.post(
            "/api/storage_units",
            {
                "data": {
                    "type": "storage_units",
                    "attributes": {
                        "storage_unit_type_id": pallet_type,
                        "reference": f"PAL-{number:04d}",
                    },
                }
            },
        )
        assert pallet.status_code == 200, pallet.text
        pallet_ids.append(int(pallet.json()["data"]["id"]))
    for number, pallet_id in enumerate(pallet_ids, start=1):
        added = await caller.post(
            "/api/stocks/positive_adjustment",
            {
                "data": {
                    "type": "stocks",
                    "attributes": {
                        "product_id": where.stock.product_id,
                        "account_id": where.stock.account_id,
                        "location_id": where.shelf_id,
                        "storage_unit_id": pallet_id,
                        "quantity": per_pallet,
                        "fifo_date": f"2026-01-01T00:{number // 60:02d}:{number % 60:02d}Z",
                    },
                }
            },
        )
        assert added.status_code == 200, added.text
    return Loading(where, bay_id, int(door["id"]), pallet_ids)


async def picked_for_loading(
    caller: Caller, loading: Loading, quantity: float, reference: str, **attributes: Any
) -> int:
    """An order of `quantity` (dispatch strategy `load`) processed and picked."""
    order = await new_order(
        caller, loading.where, quantity, reference=reference, dispatch_strategy="load", **attributes
    )
    response = await caller.post(PROCESS, {"ids": [order["id"]]})
    assert response.status_code == 200, response.text
    for pick in await order_tasks(caller, order["id"], "PICK"):
        await complete_task(caller, pick["id"], location_to_id=loading.goods_out_bay_id)
    return int(order["id"])


async def load_tasks(caller: Caller, **filters: Any) -> list[dict[str, Any]]:
    """LOAD tasks in id order, filtered by `eq` on each keyword."""
    conditions = {"task_type_code": {"eq": "LOAD"}}
    conditions.update({name: {"eq": str(value)} for name, value in filters.items()})
    result = await caller.graphql(
        "query($f: TaskFilterType) { tasks { all(filter: $f) { edges { node { "
        + LOAD_TASK_FIELDS
        + " } } } } }",
        {"f": conditions},
    )
    assert "errors" not in result, result
    return sorted(
        (edge["node"] for edge in result["data"]["tasks"]["all"]["edges"]),
        key=lambda task: int(task["id"]),
    )
