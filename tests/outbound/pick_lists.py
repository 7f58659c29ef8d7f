"""Pick lists, their orders, tasks and processing requests as processing picks leaves them.

These helpers stand in for `POST /api/goods_out_processes/process_picks_async` (and
`process_and_consolidate_picks`) until that lands on this branch: the orders are made through
REST, but the pick list, the orders' link to it, their tasks and the processing requests are
written with Core inserts. Once processing exists, tests should make them through it instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, update

from clarus.core.db import Database
from clarus.outbound.statuses import PickListStatus
from clarus.outbound.tables import goods_out_pick_lists, goods_outs, pick_processing_requests
from clarus.tasks.service import tasks
from clarus.tasks.statuses import TaskStatus, TaskType
from tests.inbound.factories import document
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


async def finished_pick_list(caller: Caller, db: Database) -> int:
    """A completed pick list of one order in a new account and warehouse (the kind that may be
    deleted): what the documented PATCH and DELETE examples act on."""
    where = await place(caller, db, code="PLCONF")
    return await pick_list(
        where, [await order(where, "SO-PL-CONF")], status=PickListStatus.COMPLETED
    )
