"""Pick lists, their orders, tasks and processing requests in chosen states, for the tests of
reading and relabelling them.

`finished_pick_list` is made as the warehouse makes one (stock received, an order fulfilled).
The others write the rows with Core inserts, because those tests need states the API reaches
only through long or racy work (a failed processing request, a list left half picked, tasks in
every status at once); processing itself is tested through HTTP in `test_fulfilment.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, update

from clarus.core.db import Database
from clarus.outbound.statuses import PickListStatus
from clarus.outbound.tables import goods_out_pick_lists, goods_outs, pick_processing_requests
from clarus.tasks.statuses import TaskStatus, TaskType
from clarus.tasks.tables import tasks
from tests.inbound.factories import added, document, stockholding
from tests.support import Caller


@dataclass(frozen=True)
class Place:
    """An account and a warehouse of one tenant, where its orders are picked."""

    caller: Caller
    db: Database
    account_id: int
    warehouse_id: int

    @property
    def tenant_id(self) -> int:
        return self.caller.tenant_id


async def place(caller: Caller, db: Database, code: str = "ACME") -> Place:
    account = await caller.create_account(code=code, name=f"{code} Ltd")
    warehouse = await caller.create_warehouse(code=f"WH-{code}", name="Main Warehouse")
    return Place(caller, db, int(account["id"]), int(warehouse["id"]))


async def order(where: Place, reference: str) -> int:
    """A pending order with no lines, through `POST /api/goods_outs`; its id."""
    attributes = {
        "account_id": where.account_id,
        "warehouse_id": where.warehouse_id,
        "reference": reference,
        "expected_date_of_dispatch": "2026-06-15T10:00:00Z",
    }
    response = await where.caller.post("/api/goods_outs", document("goods_outs", attributes))
    assert response.status_code == 200, response.text
    return int(response.json()["data"]["id"])


async def pick_list(
    where: Place,
    order_ids: list[int],
    *,
    status: PickListStatus = PickListStatus.PENDING,
    **columns: Any,
) -> int:
    """A pick list of `order_ids` (the account's, in its warehouse); its id."""
    values = {
        "tenant_id": where.tenant_id,
        "warehouse_id": where.warehouse_id,
        "account_id": where.account_id,
        "pick_type": "single",
        "status": status.value,
        **columns,
    }
    async with where.db.write_session() as session:
        statement = insert(goods_out_pick_lists).values(values).returning(goods_out_pick_lists.c.id)
        pick_list_id: int = (await session.execute(statement)).scalar_one()
        if order_ids:
            await session.execute(
                update(goods_outs)
                .where(goods_outs.c.id.in_(order_ids))
                .values(goods_out_pick_list_id=pick_list_id)
            )
    return pick_list_id


async def order_tasks(
    where: Place, order_id: int, task_type: TaskType, *statuses: TaskStatus
) -> None:
    """One task of `task_type` for the order per status given."""
    rows = [
        {
            "tenant_id": where.tenant_id,
            "task_type_code": task_type.value,
            "subtype": "standard",
            "status": status.value,
            "account_id": where.account_id,
            "warehouse_id": where.warehouse_id,
            "goods_out_id": order_id,
        }
        for status in statuses
    ]
    async with where.db.write_session() as session:
        await session.execute(insert(tasks), rows)


async def processing_request(
    where: Place, goods_out_id: int | None, process_reference: str, status: str, **columns: Any
) -> int:
    async with where.db.write_session() as session:
        statement = (
            insert(pick_processing_requests)
            .values(
                tenant_id=where.tenant_id,
                goods_out_id=goods_out_id,
                process_reference=process_reference,
                status=status,
                **columns,
            )
            .returning(pick_processing_requests.c.id)
        )
        request_id: int = (await session.execute(statement)).scalar_one()
    return request_id


async def finished_pick_list(caller: Caller) -> int:
    """A completed pick list (the kind that may be deleted), made through HTTP: stock received
    and an order fulfilled by the sandbox simulator; what the documented PATCH and DELETE
    examples act on."""
    stock = await stockholding(caller)
    where = {"account_id": stock.account_id, "warehouse_id": stock.warehouse_id}
    receipt = await caller.post(
        "/api/goods_in_receipts",
        document(
            "goods_in_receipts",
            {**where, "lines_changes": [added(product_id=stock.product_id, expected_quantity=1)]},
        ),
    )
    assert receipt.status_code == 200, receipt.text
    receipt_id = receipt.json()["data"]["id"]
    received = await caller.post(f"/api/simulations/goods_in_receipts/{receipt_id}/receive", None)
    assert received.status_code == 200, received.text
    order = await caller.post(
        "/api/goods_outs",
        document(
            "goods_outs",
            {
                **where,
                "reference": "SO-PL-CONF",
                "expected_date_of_dispatch": "2026-06-15T10:00:00Z",
                "lines_changes": [added(product_id=stock.product_id, order_quantity=1)],
            },
        ),
    )
    assert order.status_code == 200, order.text
    order_id = order.json()["data"]["id"]
    fulfilled = await caller.post(f"/api/simulations/goods_outs/{order_id}/fulfil", None)
    assert fulfilled.status_code == 200, fulfilled.text
    pick_list_id: int = fulfilled.json()["data"]["attributes"]["goods_out_pick_list_id"]
    return pick_list_id
