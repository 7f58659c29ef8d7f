"""The only way stock quantities change: an atomic, guarded UPDATE (or an INSERT) of the stock
record and, in the same statement batch, its ledger row.

`take` removes quantity with `UPDATE ... SET quantity = quantity - :q WHERE quantity -
allocated_quantity >= :q`, so two requests can never both take the last unit; `put` adds
quantity to the record of the same product, account, place, batch, dates and status, or makes
one. Nothing here reads a quantity, changes it in Python and writes it back.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import table_of, utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit_many
from clarus.core.records import Record, fetch_record
from clarus.inventory.models import Stock, StockTransaction
from clarus.inventory.statuses import Movement

stocks = table_of(Stock)
transactions = table_of(StockTransaction)
STOCK_RESOURCE = "stock"
IDENTITY = (
    "product_id",
    "account_id",
    "warehouse_id",
    "location_id",
    "storage_unit_id",
    "status",
    "string1",
    "datetime1",
    "datetime2",
)
"""What makes two quantities the same stock: put into the same place, they are one record."""


@dataclass(frozen=True, slots=True)
class Entry:
    """Why stock changed and who changed it, written on every ledger row of the change."""

    movement: Movement
    user_id: int | None
    reason_code_id: int | None = None
    description: str | None = None
    goods_out_id: int | None = None
    goods_in_receipt_id: int | None = None


async def take(
    session: AsyncSession,
    *,
    tenant_id: int,
    stock_id: int,
    quantity: decimal.Decimal,
    entry: Entry,
    location_to_id: int | None = None,
    pointer: str = "/data/attributes/quantity",
) -> Record:
    """Remove `quantity` of the stock record's unallocated quantity; refused (422
    `insufficient_stock`) when there is not that much, 404 when there is no such record."""
    statement = (
        update(stocks)
        .where(
            stocks.c.id == stock_id,
            stocks.c.tenant_id == tenant_id,
            stocks.c.quantity - stocks.c.allocated_quantity >= quantity,
        )
        .values(quantity=stocks.c.quantity - quantity, updated_at=utcnow())
        .returning(*stocks.c)
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        current = await fetch_record(
            session, stocks, tenant_id=tenant_id, record_id=stock_id, resource=STOCK_RESOURCE
        )
        free = current["quantity"] - current["allocated_quantity"]
        raise ClarusError.of(
            ErrorKind.INSUFFICIENT_STOCK,
            f"stock {stock_id} has {free} unallocated; {quantity} was asked for.",
            pointer=pointer,
            available=float(free),
        )
    stock = dict(row)
    await write_ledger(
        session,
        tenant_id=tenant_id,
        rows=[(stock, -quantity, stock["location_id"], location_to_id)],
        entry=entry,
    )
    return stock


async def put(
    session: AsyncSession,
    *,
    tenant_id: int,
    identity: Mapping[str, Any],
    quantity: decimal.Decimal,
    fifo_date: Any,
    entry: Entry,
    location_from_id: int | None = None,
    allocated: bool = False,
) -> Record:
    """Add `quantity` to the record with this `identity` (see `IDENTITY`), or make one;
    `allocated`: the quantity arrives reserved (picked stock, still its order line's)."""
    reserved = quantity if allocated else decimal.Decimal(0)
    same = and_(
        stocks.c.tenant_id == tenant_id,
        *(
            stocks.c[name].is_(None)
            if identity.get(name) is None
            else stocks.c[name] == identity[name]
            for name in IDENTITY
        ),
    )
    existing = select(stocks.c.id).where(same).order_by(stocks.c.id).limit(1).scalar_subquery()
    statement = (
        update(stocks)
        .where(stocks.c.id == existing)
        .values(
            quantity=stocks.c.quantity + quantity,
            allocated_quantity=stocks.c.allocated_quantity + reserved,
            updated_at=utcnow(),
        )
        .returning(*stocks.c)
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        now = utcnow()
        values = {name: identity.get(name) for name in IDENTITY}
        creation = (
            insert(stocks)
            .values(
                tenant_id=tenant_id,
                quantity=quantity,
                allocated_quantity=reserved,
                fifo_date=fifo_date or now,
                created_at=now,
                updated_at=now,
                **values,
            )
            .returning(*stocks.c)
        )
        row = (await session.execute(creation)).mappings().one()
    stock = dict(row)
    await write_ledger(
        session,
        tenant_id=tenant_id,
        rows=[(stock, quantity, location_from_id, stock["location_id"])],
        entry=entry,
    )
    return stock


async def take_allocated(
    session: AsyncSession,
    *,
    tenant_id: int,
    stock_id: int,
    quantity: decimal.Decimal,
    entry: Entry,
    location_to_id: int | None = None,
) -> Record:
    """Remove `quantity` of the record's allocated quantity (a pick, a dispatch): quantity
    and allocation go down together, guarded on the allocation (refused with 39 when it no
    longer holds that much)."""
    statement = (
        update(stocks)
        .where(
            stocks.c.id == stock_id,
            stocks.c.tenant_id == tenant_id,
            stocks.c.allocated_quantity >= quantity,
        )
        .values(
            quantity=stocks.c.quantity - quantity,
            allocated_quantity=stocks.c.allocated_quantity - quantity,
            updated_at=utcnow(),
        )
        .returning(*stocks.c)
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        raise ClarusError.of(
            ErrorKind.NOT_ENOUGH_STOCKS_FOR_PICKING,
            f"stock {stock_id} no longer holds {quantity} allocated.",
        )
    stock = dict(row)
    await write_ledger(
        session,
        tenant_id=tenant_id,
        rows=[(stock, -quantity, stock["location_id"], location_to_id)],
        entry=entry,
    )
    return stock


LedgerRow = tuple[Record, decimal.Decimal, int | None, int | None]
"""(the stock record after the change, the signed change, from location, to location)."""


async def write_ledger(
    session: AsyncSession, *, tenant_id: int, rows: Sequence[LedgerRow], entry: Entry
) -> None:
    """One transaction row per changed record, in one executemany."""
    if not rows:
        return
    now = utcnow()
    await session.execute(
        insert(transactions),
        [
            {
                "tenant_id": tenant_id,
                "stock_id": stock["id"],
                "subtype": entry.movement.subtype,
                "category": entry.movement.value,
                "quantity": change,
                "product_id": stock["product_id"],
                "account_id": stock["account_id"],
                "warehouse_id": stock["warehouse_id"],
                "location_from_id": location_from,
                "location_to_id": location_to,
                "reason_code_id": entry.reason_code_id,
                "description": entry.description,
                "completing_user_id": entry.user_id,
                "goods_out_id": entry.goods_out_id,
                "goods_in_receipt_id": entry.goods_in_receipt_id,
                "created_at": now,
            }
            for stock, change, location_from, location_to in rows
        ],
    )


async def emit_stock_events(
    session: AsyncSession, *, tenant_id: int, event: str, records: Sequence[Record]
) -> None:
    await emit_many(
        session,
        tenant_id=tenant_id,
        resource_name=STOCK_RESOURCE,
        event=event,
        records=[shown_stock(record) for record in records],
    )


def shown_stock(record: Mapping[str, Any]) -> Record:
    return {name: value for name, value in record.items() if name != "tenant_id"}
