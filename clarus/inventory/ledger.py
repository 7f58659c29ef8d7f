"""The only way stock quantities change: an atomic, guarded UPDATE (or an INSERT) of the stock
record and, in the same statement batch, its ledger row.

`take` removes quantity with `UPDATE ... SET quantity = quantity - :q WHERE quantity -
allocated_quantity >= :q`, so two requests can never both take the last unit; `put` adds
quantity to the record of the same product, account, place, batch, dates and status, or makes
one. Nothing here reads a quantity, changes it in Python and writes it back.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

from sqlalchemy import RowMapping, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit_many
from clarus.core.records import fetch_record, per_record
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks, transactions

STOCK_RESOURCE = "stock"


@dataclass(frozen=True, slots=True)
class StockIdentity:
    """What makes two quantities the same stock: put into the same place, they are one record."""

    product_id: int
    account_id: int
    warehouse_id: int
    location_id: int
    storage_unit_id: int | None
    status: str
    string1: str | None = None
    """The batch (lot) number."""
    datetime1: dt.datetime | None = None
    """Sell by."""
    datetime2: dt.datetime | None = None
    """Best before."""

    @classmethod
    def of(cls, row: RowMapping) -> StockIdentity:
        """The identity of a `stocks` row."""
        return cls(
            row["product_id"],
            row["account_id"],
            row["warehouse_id"],
            row["location_id"],
            row["storage_unit_id"],
            row["status"],
            row["string1"],
            row["datetime1"],
            row["datetime2"],
        )

    def columns(self) -> dict[str, object]:
        """Column name to value, for an INSERT of a `stocks` row."""
        return {name: getattr(self, name) for name in IDENTITY}


IDENTITY = tuple(field.name for field in fields(StockIdentity))


@dataclass(frozen=True, slots=True)
class StockRecord:
    """A row of `stocks` as a change left it."""

    id: int
    tenant_id: int
    product_id: int
    account_id: int
    warehouse_id: int
    location_id: int
    storage_unit_id: int | None
    status: str
    quantity: decimal.Decimal
    allocated_quantity: decimal.Decimal
    fifo_date: dt.datetime
    string1: str | None
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None
    hold_description: str | None
    hold_reason_code_id: int | None
    last_counted_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, row: RowMapping) -> StockRecord:
        return cls(**row)

    @property
    def identity(self) -> StockIdentity:
        return StockIdentity(
            self.product_id,
            self.account_id,
            self.warehouse_id,
            self.location_id,
            self.storage_unit_id,
            self.status,
            self.string1,
            self.datetime1,
            self.datetime2,
        )

    def row(self) -> dict[str, object]:
        """Every column, in column order (for callers that take a row of any table)."""
        return {name: getattr(self, name) for name in _COLUMNS}

    def shown(self) -> dict[str, object]:
        """As events show it: every column but `tenant_id`, in column order."""
        return {name: getattr(self, name) for name in _COLUMNS if name != "tenant_id"}


_COLUMNS = tuple(field.name for field in fields(StockRecord))


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
    path: str = "/quantity",
) -> StockRecord:
    """Remove `quantity` of the stock record's unallocated quantity; refused (422
    `insufficient_stock`) when there is not that much, 404 when there is no such record."""
    stock = await taken_from(
        session, tenant_id=tenant_id, stock_id=stock_id, quantity=quantity, path=path
    )
    await write_ledger(
        session,
        tenant_id=tenant_id,
        rows=[LedgerLine(stock, -quantity, stock.location_id, location_to_id)],
        entry=entry,
    )
    return stock


_TAKE = (
    update(stocks)
    .where(
        stocks.c.id == bindparam("stock_id"),
        stocks.c.tenant_id == bindparam("of_tenant_id"),
        stocks.c.quantity - stocks.c.allocated_quantity
        >= bindparam("taken", type_=stocks.c.quantity.type),
    )
    .values(
        quantity=stocks.c.quantity - bindparam("taken", type_=stocks.c.quantity.type),
        updated_at=bindparam("changed_at", type_=stocks.c.updated_at.type),
    )
    .returning(*stocks.c)
)
"""Built once: `take`'s guarded UPDATE (parameters not named after columns: an UPDATE's own
column names are reserved for its SET clause)."""


async def taken_from(
    session: AsyncSession,
    *,
    tenant_id: int,
    stock_id: int,
    quantity: decimal.Decimal,
    path: str = "/quantity",
) -> StockRecord:
    """`take` without its ledger row, for a caller that writes it with others (`put_many`'s
    `earlier`)."""
    parameters = {
        "stock_id": stock_id,
        "of_tenant_id": tenant_id,
        "taken": quantity,
        "changed_at": utcnow(),
    }
    row = (await session.execute(_TAKE, parameters)).mappings().one_or_none()
    if row is None:
        current = await fetch_record(
            session,
            stocks,
            tenant_id=tenant_id,
            record_id=stock_id,
            resource=STOCK_RESOURCE,
            shape=StockRecord.of,
        )
        free = current.quantity - current.allocated_quantity
        raise ClarusError.of(
            ErrorKind.INSUFFICIENT_STOCK,
            f"stock {stock_id} has {free} unallocated; {quantity} was asked for.",
            path=path,
            available=float(free),
        )
    return StockRecord.of(row)


@dataclass(frozen=True, slots=True)
class Put:
    """Quantity arriving in the record of this `identity`."""

    identity: StockIdentity
    quantity: decimal.Decimal
    fifo_date: dt.datetime | None = None
    """For a record this makes: when the stock first came in (now, when not said)."""
    location_from_id: int | None = None


async def put(
    session: AsyncSession,
    *,
    tenant_id: int,
    identity: StockIdentity,
    quantity: decimal.Decimal,
    fifo_date: dt.datetime | None,
    entry: Entry,
    location_from_id: int | None = None,
    allocated: bool = False,
    earlier: Sequence[LedgerLine] = (),
) -> StockRecord:
    """`put_many` of one."""
    [stock] = await put_many(
        session,
        tenant_id=tenant_id,
        puts=[Put(identity, quantity, fifo_date, location_from_id)],
        entry=entry,
        allocated=allocated,
        earlier=earlier,
    )
    return stock


async def put_many(
    session: AsyncSession,
    *,
    tenant_id: int,
    puts: Sequence[Put],
    entry: Entry,
    allocated: bool = False,
    earlier: Sequence[LedgerLine] = (),
) -> list[StockRecord]:
    """Add each quantity to the record of its identity, or make one: one locking read, one
    UPDATE and one INSERT however many puts, and a ledger row per put. `allocated`: the
    quantities arrive reserved (picked stock, still its order line's); `earlier`: ledger rows
    of the same change written first, in the same statement (a move's take). The record each
    put went to, in order."""
    totals: dict[StockIdentity, decimal.Decimal] = {}
    first: dict[StockIdentity, Put] = {}
    for each in puts:
        key = each.identity
        totals[key] = totals.get(key, decimal.Decimal(0)) + each.quantity
        first.setdefault(key, each)
    existing = await _locked_records_of(session, tenant_id, first.keys())
    by_key = await _added_to(session, existing, totals, allocated=allocated)
    missing = [key for key in totals if key not in by_key]
    by_key.update(
        await _made(session, tenant_id, [first[key] for key in missing], totals, allocated)
    )
    placed = [by_key[each.identity] for each in puts]
    await write_ledger(
        session,
        tenant_id=tenant_id,
        rows=[
            *earlier,
            *(
                LedgerLine(stock, each.quantity, each.location_from_id, stock.location_id)
                for stock, each in zip(placed, puts, strict=True)
            ),
        ],
        entry=entry,
    )
    return placed


def _ids(values: Iterable[int]) -> list[int]:
    return sorted(set(values))


async def _locked_records_of(
    session: AsyncSession, tenant_id: int, wanted: Collection[StockIdentity]
) -> dict[StockIdentity, int]:
    """The oldest record of each identity wanted that exists, locked in id order."""
    statement = (
        select(stocks)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.product_id.in_(_ids(each.product_id for each in wanted)),
            stocks.c.location_id.in_(_ids(each.location_id for each in wanted)),
            stocks.c.account_id.in_(_ids(each.account_id for each in wanted)),
        )
        .order_by(stocks.c.id)
        .with_for_update()
    )
    found: dict[StockIdentity, int] = {}
    for row in (await session.execute(statement)).mappings():
        key = StockIdentity.of(row)
        if key in wanted:
            found.setdefault(key, row["id"])
    return found


async def _added_to(
    session: AsyncSession,
    existing: Mapping[StockIdentity, int],
    totals: Mapping[StockIdentity, decimal.Decimal],
    *,
    allocated: bool,
) -> dict[StockIdentity, StockRecord]:
    if not existing:
        return {}
    added = {existing[key]: totals[key] for key in existing}
    reserved = added if allocated else dict.fromkeys(added, decimal.Decimal(0))
    statement = (
        update(stocks)
        .where(stocks.c.id.in_(sorted(added)))
        .values(
            quantity=stocks.c.quantity + per_record(stocks, added, stocks.c.quantity.type),
            allocated_quantity=stocks.c.allocated_quantity
            + per_record(stocks, reserved, stocks.c.allocated_quantity.type),
            updated_at=utcnow(),
        )
        .returning(*stocks.c)
    )
    rows = {row["id"]: StockRecord.of(row) for row in (await session.execute(statement)).mappings()}
    return {key: rows[record_id] for key, record_id in existing.items()}


async def _made(
    session: AsyncSession,
    tenant_id: int,
    puts: Sequence[Put],
    totals: Mapping[StockIdentity, decimal.Decimal],
    allocated: bool,
) -> dict[StockIdentity, StockRecord]:
    if not puts:
        return {}
    now = utcnow()
    parameters = []
    for each in puts:
        quantity = totals[each.identity]
        parameters.append(
            {
                **each.identity.columns(),
                "tenant_id": tenant_id,
                "quantity": quantity,
                "allocated_quantity": quantity if allocated else decimal.Decimal(0),
                "fifo_date": each.fifo_date or now,
                "created_at": now,
                "updated_at": now,
            }
        )
    statement = insert(stocks).returning(*stocks.c, sort_by_parameter_order=True)
    rows = (await session.execute(statement, parameters)).mappings().all()
    made = [StockRecord.of(row) for row in rows]
    return {stock.identity: stock for stock in made}


@dataclass(frozen=True, slots=True)
class Take:
    """Allocated quantity leaving a stock record (a pick, a dispatch), and where it goes."""

    stock_id: int
    quantity: decimal.Decimal
    location_to_id: int | None = None


async def take_allocated_many(
    session: AsyncSession, *, tenant_id: int, takes: Sequence[Take], entry: Entry
) -> list[StockRecord]:
    """Remove each quantity from its record's allocated quantity: quantity and allocation go
    down together (refused with 39, naming the records, when one no longer holds that much).
    The rest as `_take_many`."""
    return await _take_many(
        session, tenant_id=tenant_id, takes=takes, entry=entry, allocated=True, path=None
    )


async def take_many(
    session: AsyncSession,
    *,
    tenant_id: int,
    takes: Sequence[Take],
    entry: Entry,
    path: str = "/quantity",
) -> list[StockRecord]:
    """`take` of many records at once: each quantity removed from its record's unallocated
    quantity (422 `insufficient_stock` at `path` naming the records short, and nothing taken).
    The rest as `_take_many`."""
    return await _take_many(
        session, tenant_id=tenant_id, takes=takes, entry=entry, allocated=False, path=path
    )


async def _take_many(
    session: AsyncSession,
    *,
    tenant_id: int,
    takes: Sequence[Take],
    entry: Entry,
    allocated: bool,
    path: str | None,
) -> list[StockRecord]:
    """One UPDATE guarded on every record, the records locked in id order first; a ledger row
    per take; the record of each take after the change, in order."""
    if not takes:
        return []
    totals: dict[int, decimal.Decimal] = {}
    for each in takes:
        totals[each.stock_id] = totals.get(each.stock_id, decimal.Decimal(0)) + each.quantity
    ids = sorted(totals)
    await lock_stocks(session, ids)
    amount = per_record(stocks, totals, stocks.c.quantity.type)
    if allocated:
        guard = stocks.c.allocated_quantity >= amount
        changes = {"allocated_quantity": stocks.c.allocated_quantity - amount}
    else:
        guard = stocks.c.quantity - stocks.c.allocated_quantity >= amount
        changes = {}
    statement = (
        update(stocks)
        .where(stocks.c.id.in_(ids), stocks.c.tenant_id == tenant_id, guard)
        .values(quantity=stocks.c.quantity - amount, updated_at=utcnow(), **changes)
        .returning(*stocks.c)
    )
    rows = {row["id"]: StockRecord.of(row) for row in (await session.execute(statement)).mappings()}
    short = [stock_id for stock_id in ids if stock_id not in rows]
    if short and allocated:
        raise ClarusError.of(
            ErrorKind.NOT_ENOUGH_STOCKS_FOR_PICKING,
            f"stock records {short} no longer hold what is allocated of them.",
            stock_ids=short,
        )
    if short:
        raise ClarusError.of(
            ErrorKind.INSUFFICIENT_STOCK,
            f"stock records {short} no longer hold that much unallocated.",
            path=path,
            stock_ids=short,
        )
    taken = [rows[each.stock_id] for each in takes]
    await write_ledger(
        session,
        tenant_id=tenant_id,
        rows=[
            LedgerLine(stock, -each.quantity, stock.location_id, each.location_to_id)
            for stock, each in zip(taken, takes, strict=True)
        ],
        entry=entry,
    )
    return taken


async def lock_stocks(session: AsyncSession, stock_ids: Collection[int]) -> None:
    """Row locks on these stock records until the transaction ends, taken in id order as every
    change of many records takes them, so that two such changes never wait on each other in a
    circle."""
    statement = (
        select(stocks.c.id)
        .where(stocks.c.id.in_(sorted(stock_ids)))
        .order_by(stocks.c.id)
        .with_for_update()
    )
    await session.execute(statement)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One ledger row of a change: the stock record as the change left it, the signed change of
    its quantity, and where the stock came from and went to."""

    stock: StockRecord
    change: decimal.Decimal
    location_from_id: int | None
    location_to_id: int | None


async def write_ledger(
    session: AsyncSession, *, tenant_id: int, rows: Sequence[LedgerLine], entry: Entry
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
                "stock_id": line.stock.id,
                "subtype": entry.movement.subtype,
                "category": entry.movement.value,
                "quantity": line.change,
                "product_id": line.stock.product_id,
                "account_id": line.stock.account_id,
                "warehouse_id": line.stock.warehouse_id,
                "location_from_id": line.location_from_id,
                "location_to_id": line.location_to_id,
                "reason_code_id": entry.reason_code_id,
                "description": entry.description,
                "completing_user_id": entry.user_id,
                "goods_out_id": entry.goods_out_id,
                "goods_in_receipt_id": entry.goods_in_receipt_id,
                "created_at": now,
            }
            for line in rows
        ],
    )


async def emit_stock_events(
    session: AsyncSession, *, tenant_id: int, event: str, records: Sequence[StockRecord]
) -> None:
    await emit_many(
        session,
        tenant_id=tenant_id,
        resource_name=STOCK_RESOURCE,
        event=event,
        records=[record.shown() for record in records],
    )
