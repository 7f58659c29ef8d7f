"""A stock check resolved while orders allocate the same stock, all at once through the API:
stock never goes negative, nothing is adjusted twice, every unit allocated exists, and the
stock equals its ledger (run on PostgreSQL for real concurrency)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from sqlalchemy import func, select

from clarus.core.db import Database
from clarus.inventory.tables import stocks
from tests.inbound.factories import added
from tests.inventory.test_stock_actions import add_stock, assert_ledger_matches_stock, place
from tests.outbound.test_allocation import ALLOCATE, ALLOCATED, create_order
from tests.stockcontrol.stock_checks import (
    adjustments,
    complete,
    count,
    create_check,
    stock_check_reason,
)
from tests.support import ApiClientFactory


async def test_resolving_while_orders_allocate_never_oversells_or_adjusts_twice(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    lots = [await add_stock(caller, where, 10, string1=f"LOT-{n}") for n in range(3)]
    check = await create_check(caller, where.location_id)
    for n in range(3):
        await count(caller, check["stock_check_id"], where.product_id, 8, batch=f"LOT-{n}")
    completed = await complete(caller, check["stock_check_id"])
    record_ids = [record["id"] for record in completed["records"]]
    assert [record["variance"] for record in completed["records"]] == [-2.0] * 3
    reason_id = await stock_check_reason(caller)
    orders = [
        await create_order(
            caller, where, added(product_id=where.product_id, order_quantity=1), reference=f"C-{n}"
        )
        for n in range(30)
    ]
    resolving = [record_ids[0], record_ids[0], record_ids[1], record_ids[2]]
    requests = [
        caller.post(
            "/api/stock_checks/resolve",
            {"stock_check_record_ids": [record_id], "reason_code_id": reason_id},
        )
        for record_id in resolving
    ]
    requests += [caller.post(ALLOCATE, {"ids": [order["id"]]}) for order in orders]
    responses = await asyncio.gather(*requests)
    unexpected = [r.text for r in responses if r.status_code not in (200, 204, 422)]
    assert unexpected == []
    resolved = {
        record_id
        for record_id, response in zip(resolving, responses[:4], strict=True)
        if response.status_code == 204
    }
    assert sum(1 for response in responses[:2] if response.status_code == 204) <= 1
    allocated_orders = sum(
        1
        for response in responses[4:]
        if response.json()["data"][0]["attributes"]["goods_out_status_id"] == ALLOCATED
    )
    async with db.read_session() as session:
        quantity, allocated = (
            await session.execute(
                select(func.sum(stocks.c.quantity), func.sum(stocks.c.allocated_quantity)).where(
                    stocks.c.tenant_id == caller.tenant_id
                )
            )
        ).one()
    assert Decimal(quantity) == 30 - 2 * len(resolved)
    assert Decimal(allocated) == allocated_orders == min(30, 30 - 2 * len(resolved))
    assert sorted((row[0], row[2]) for row in await adjustments(db, caller.tenant_id)) == [
        (lot["id"], -2.0)
        for lot, record_id in zip(lots, record_ids, strict=True)
        if record_id in resolved
    ]
    await assert_ledger_matches_stock(db, caller.tenant_id)
