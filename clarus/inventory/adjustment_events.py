"""The event of a stock adjustment, as the knowledge-base guides `webhook-stock-positive` and
`webhook-stock-negative` show its payload: the stock record with its `account`, `product` and
`warehouse` (each `{id, code}`, beside the record's `*_id`), `quantity` the amount adjusted
(negative for a negative adjustment) and `new_quantity` the record's quantity after it.

The codes are read in the adjustment's transaction, so the event says what they were then."""

from __future__ import annotations

import decimal
from collections.abc import Sequence

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.events import emit_many
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
    await emit_adjustment_events(
        session, tenant_id=tenant_id, event=event, adjusted=[(stock, adjusted)]
    )


async def emit_adjustment_events(
    session: AsyncSession,
    *,
    tenant_id: int,
    event: str,
    adjusted: Sequence[tuple[StockRecord, decimal.Decimal]],
) -> None:
    """`emit_adjustment_event` of many adjustments (each stock record after its change, and
    the signed change): one read of the codes per linked table, one insert of the events."""
    if not adjusted:
        return
    codes: dict[str, dict[int, str]] = {}
    for name, table in LINKED.items():
        ids = sorted({_linked_ids(stock)[name] for stock, _change in adjusted})
        statement = select(table.c.id, table.c.code).where(
            table.c.tenant_id == tenant_id, table.c.id.in_(ids)
        )
        codes[name] = {row.id: row.code for row in await session.execute(statement)}
    payloads = [
        {
            **stock.shown(),
            **{
                name: {"id": linked_id, "code": codes[name].get(linked_id)}
                for name, linked_id in _linked_ids(stock).items()
            },
            "quantity": change,
            "new_quantity": stock.quantity,
        }
        for stock, change in adjusted
    ]
    await emit_many(
        session, tenant_id=tenant_id, resource_name=STOCK_RESOURCE, event=event, records=payloads
    )


def _linked_ids(stock: StockRecord) -> dict[str, int]:
    """The ids of the `LINKED` records the stock record names."""
    return {
        "account": stock.account_id,
        "product": stock.product_id,
        "warehouse": stock.warehouse_id,
    }
