"""The event of a stock adjustment, as the knowledge-base guides `webhook-stock-positive` and
`webhook-stock-negative` show its payload: the stock record with its `account`, `product` and
`warehouse` (each `{id, code}`, beside the record's `*_id`), `quantity` the amount adjusted
(negative for a negative adjustment) and `new_quantity` the record's quantity after it.

The codes are read in the adjustment's transaction, so the event says what they were then."""

from __future__ import annotations

import decimal

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.events import emit
from clarus.inventory.ledger import STOCK_RESOURCE, StockRecord
from clarus.masterdata.tables import accounts, warehouses

LINKED: dict[str, Table] = {"account": accounts, "product": products, "warehouse": warehouses}
"""What an adjustment event names with its code: the stock record's `<name>_id`."""


async def emit_adjustment_event(
    session: AsyncSession,
    *,
    tenant_id: int,
    event: str,
    stock: StockRecord,
    adjusted: decimal.Decimal,
) -> None:
    """`adjusted`: signed, the change `stock` (as it is after the change) went through."""
    payload = {
        **stock.shown(),
        **await _linked_records(session, tenant_id, stock),
        "quantity": adjusted,
        "new_quantity": stock.quantity,
    }
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=STOCK_RESOURCE,
        event=event,
        record_id=stock.id,
        payload=payload,
    )


async def _linked_records(
    session: AsyncSession, tenant_id: int, stock: StockRecord
) -> dict[str, dict[str, int | str]]:
    ids = {
        "account": stock.account_id,
        "product": stock.product_id,
        "warehouse": stock.warehouse_id,
    }
    codes = select(
        *(
            select(table.c.code)
            .where(table.c.id == ids[name], table.c.tenant_id == tenant_id)
            .scalar_subquery()
            .label(name)
            for name, table in LINKED.items()
        )
    )
    row = (await session.execute(codes)).mappings().one()
    return {name: {"id": ids[name], "code": row[name]} for name in LINKED}
