"""The event of a stock adjustment, as the knowledge-base guides `webhook-stock-positive` and
`webhook-stock-negative` show its payload: the stock record with its `account`, `product` and
`warehouse` (each `{id, code}`, beside the record's `*_id`), `quantity` the amount adjusted
(negative for a negative adjustment) and `new_quantity` the record's quantity after it.

The codes are read in the adjustment's transaction, so the event says what they were then."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.events import emit, emit_many
from clarus.core.records import Record
from clarus.inventory.ledger import STOCK_RESOURCE, shown_stock
from clarus.masterdata.tables import accounts, warehouses

LINKED: dict[str, Table] = {"account": accounts, "product": products, "warehouse": warehouses}
"""What an adjustment event names with its code: the stock record's `<name>_id`."""


async def emit_adjustment_event(
    session: AsyncSession,
    *,
    tenant_id: int,
    event: str,
    stock: Record,
    adjusted: decimal.Decimal,
) -> None:
    """`adjusted`: signed, the change `stock` (as it is after the change) went through."""
    payload = {
        **shown_stock(stock),
        **await _linked_records(session, tenant_id, stock),
        "quantity": adjusted,
        "new_quantity": stock["quantity"],
    }
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=STOCK_RESOURCE,
        event=event,
        record_id=stock["id"],
        payload=payload,
    )


async def _linked_records(
    session: AsyncSession, tenant_id: int, stock: Record
) -> dict[str, dict[str, Any]]:
    codes = select(
        *(
            select(table.c.code)
            .where(table.c.id == stock[f"{name}_id"], table.c.tenant_id == tenant_id)
            .scalar_subquery()
            .label(name)
            for name, table in LINKED.items()
        )
    )
    row = (await session.execute(codes)).mappings().one()
    return {name: {"id": stock[f"{name}_id"], "code": row[name]} for name in LINKED}


async def emit_adjustment_events(
    session: AsyncSession,
    *,
    tenant_id: int,
    event: str,
    adjusted: Sequence[tuple[Record, decimal.Decimal]],
) -> None:
    """`emit_adjustment_event` of many adjustments (each stock record after its change, and
    the signed change): one read of the codes per linked table, one insert of the events."""
    if not adjusted:
        return
    codes: dict[str, dict[int, str]] = {}
    for name, table in LINKED.items():
        ids = sorted({stock[f"{name}_id"] for stock, _change in adjusted})
        statement = select(table.c.id, table.c.code).where(
            table.c.tenant_id == tenant_id, table.c.id.in_(ids)
        )
        codes[name] = {row.id: row.code for row in await session.execute(statement)}
    payloads = [
        {
            **shown_stock(stock),
            **{
                name: {"id": stock[f"{name}_id"], "code": codes[name].get(stock[f"{name}_id"])}
                for name in LINKED
            },
            "quantity": change,
            "new_quantity": stock["quantity"],
        }
        for stock, change in adjusted
    ]
    await emit_many(
        session,
        tenant_id=tenant_id,
        resource_name=STOCK_RESOURCE,
        event=event,
        records=payloads,
    )
