"""A warehouse ready to receive into (a goods in bay and a storage location), receipts made and
received through the REST API, and their tasks read through GraphQL (ListTasks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.inbound.factories import Stockholding, added, document, stockholding
from tests.support import Caller

TASK_FIELDS = (
    "id task_type_code status start_quantity confirmed_quantity location_from_id location_to_id"
    " storage_unit_from_id storage_unit_to_id stock_id user_id goods_in_receipt_id"
    " goods_in_receipt_line_id parent_task_id product_id account_id warehouse_id serial_numbers"
    " assigned_at start_at last_accessed_at"
)


@dataclass(frozen=True)
class Dock:
    stock: Stockholding
    bay_id: int
    """The warehouse's goods in bay (location type GIBAY)."""
    shelf_id: int
    """Where stock is put away."""


async def dock(caller: Caller, *, with_bay: bool = True) -> Dock:
    stock = await stockholding(caller)
    if with_bay:
        gibay = await _location_type(caller, "GIBAY")
    shelf_type = await _location_type(caller, "SHELF")
    bay_id = 0
    if with_bay:
        bay = await caller.create_location(
            "GOODS-IN", warehouse_id=stock.warehouse_id, location_type_id=gibay
        )
        bay_id = int(bay["id"])
    shelf = await caller.create_location(
        "A-01-01", warehouse_id=stock.warehouse_id, location_type_id=shelf_type
    )
    return Dock(stock, bay_id, int(shelf["id"]))


async def _location_type(caller: Caller, code: str) -> int:
    return int((await caller.create_location_type(code))["id"])


async def new_receipt(
    caller: Caller, where: Dock, *lines: dict[str, Any], **header: Any
) -> dict[str, Any]:
    attributes = {
        **header,
        "account_id": where.stock.account_id,
        "warehouse_id": where.stock.warehouse_id,
        "lines_changes": [added(product_id=where.stock.product_id, **line) for line in lines],
    }
    response = await caller.post(
        "/api/goods_in_receipts", document("goods_in_receipts", attributes)
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def received_receipt(
    caller: Caller, where: Dock, *lines: dict[str, Any], **header: Any
) -> dict[str, Any]:
    receipt = await new_receipt(caller, where, *lines, **header)
    response = await caller.post(f"/api/goods_in_receipts/{receipt['id']}/receive", None)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def tasks_of(caller: Caller, receipt_id: int, **filters: Any) -> list[dict[str, Any]]:
    """The receipt's tasks in id order (ListTasks), filtered by `eq` on each keyword."""
    conditions = {"goods_in_receipt_id": {"eq": str(receipt_id)}}
    conditions.update({name: {"eq": str(value)} for name, value in filters.items()})
    result = await caller.graphql(
        "query($filter: TaskFilterType) { tasks { all(filter: $filter) { edges { node { "
        + TASK_FIELDS
        + " } } } } }",
        {"filter": conditions},
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["tasks"]["all"]["edges"]]


def task_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "tasks", "attributes": attributes}}


async def receive_task(
    caller: Caller, task_id: Any, action: str = "receive", **attributes: Any
) -> None:
    response = await caller.post(f"/api/receive_tasks/{task_id}/{action}", task_body(**attributes))
    assert response.status_code == 204, response.text


async def complete_task(caller: Caller, task_id: Any, **attributes: Any) -> dict[str, Any]:
    response = await caller.patch(
        f"/api/tasks/{task_id}", task_body(status="completed", **attributes)
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def awaiting_putaway(
    caller: Caller, where: Dock, quantity: float
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A received one-line receipt whose receive task is done: the receipt, its PWAY task."""
    receipt = await received_receipt(caller, where, {"expected_quantity": quantity})
    [rcv] = await tasks_of(caller, receipt["id"])
    await receive_task(caller, rcv["id"])
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    return receipt, pway
