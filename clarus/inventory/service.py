"""Stock actions: adjustments, moves, account transfers, holds. Each writes its ledger rows and
its `stock` events in the caller's transaction; services never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import ColumnElement, Table, bindparam, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products, storage_units
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record, records_named
from clarus.core.references import (
    Reference,
    count_found,
    ensure_references_exist,
    ids_parameter,
)
from clarus.inventory.adjustment_events import emit_adjustment_event
from clarus.inventory.ledger import (
    STOCK_RESOURCE,
    Entry,
    LedgerLine,
    StockIdentity,
    StockRecord,
    emit_stock_events,
    put,
    take,
    taken_from,
    write_ledger,
)
from clarus.inventory.schemas import (
    HoldRequest,
    MoveAttributes,
    NegativeAdjustmentAttributes,
    PositiveAdjustmentAttributes,
    TransferAttributes,
)
from clarus.inventory.statuses import Movement, StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.reasons import ensure_reason_fits
from clarus.masterdata.rows import location_row
from clarus.masterdata.tables import accounts, locations, reason_codes


async def adjust_up(
    session: AsyncSession, *, tenant_id: int, user_id: int, attributes: PositiveAdjustmentAttributes
) -> RowDict:
    """Stock found or counted in: added to the matching record in the location, or a new one."""
    await _ensure_references(
        session,
        tenant_id,
        product_id=products,
        account_id=accounts,
        location_id=locations,
        storage_unit_id=storage_units,
        values=attributes.model_dump(),
    )
    await ensure_reason_fits(session, tenant_id, attributes.reason_code_id, "positive_adjustment")
    location = await fetch_record(
        session,
        locations,
        tenant_id=tenant_id,
        record_id=attributes.location_id,
        resource="location",
        shape=location_row,
    )
    identity = StockIdentity(
        product_id=attributes.product_id,
        account_id=attributes.account_id,
        warehouse_id=location["warehouse_id"],
        location_id=attributes.location_id,
        storage_unit_id=attributes.storage_unit_id,
        status=StockStatus.AVAILABLE,
        string1=attributes.string1,
        datetime1=attributes.datetime1,
        datetime2=attributes.datetime2,
    )
    stock = await put(
        session,
        tenant_id=tenant_id,
        identity=identity,
        quantity=attributes.quantity,
        fifo_date=attributes.fifo_date,
        entry=Entry(
            Movement.POSITIVE_ADJUSTMENT,
            user_id,
            attributes.reason_code_id,
            attributes.description,
        ),
    )
    await emit_adjustment_event(
        session,
        tenant_id=tenant_id,
        event="positively_adjusted",
        stock=stock,
        adjusted=attributes.quantity,
    )
    return stock.row()


async def adjust_down(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    stock_id: int,
    attributes: NegativeAdjustmentAttributes,
) -> RowDict:
    """Stock lost, damaged or written off: at most what is not allocated to an order."""
    await ensure_reason_fits(session, tenant_id, attributes.reason_code_id, "negative_adjustment")
    stock = await take(
        session,
        tenant_id=tenant_id,
        stock_id=stock_id,
        quantity=attributes.quantity,
        entry=Entry(Movement.NEGATIVE_ADJUSTMENT, user_id, attributes.reason_code_id),
    )
    await emit_adjustment_event(
        session,
        tenant_id=tenant_id,
        event="negatively_adjusted",
        stock=stock,
        adjusted=-attributes.quantity,
    )
    return stock.row()


async def move(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    stock_id: int,
    attributes: MoveAttributes,
) -> RowDict:
    """Move some of a record to another location of its warehouse; the answer is the record
    the stock arrived in. Any reason code will do: the contract has no reason type for moves.

    One read checks the lot (`_move_allowed`); the take and the put share one ledger INSERT."""
    if not await _move_allowed(session, tenant_id, stock_id, attributes):
        await _ensure_move_allowed(session, tenant_id, stock_id, attributes)
    destination_id = attributes.to_location_id
    entry = Entry(Movement.MOVE, user_id, attributes.reason_code_id)
    taken = await taken_from(
        session, tenant_id=tenant_id, stock_id=stock_id, quantity=attributes.quantity
    )
    arrived = await put(
        session,
        tenant_id=tenant_id,
        identity=replace(taken.identity, location_id=destination_id),
        quantity=attributes.quantity,
        fifo_date=taken.fifo_date,
        entry=entry,
        location_from_id=taken.location_id,
        earlier=[LedgerLine(taken, -attributes.quantity, taken.location_id, destination_id)],
    )
    await emit_stock_events(session, tenant_id=tenant_id, event="moved", records=[taken, arrived])
    return arrived.row()


_MOVE_CHECKS = select(
    stocks.c.location_id,
    stocks.c.warehouse_id,
    select(locations.c.warehouse_id)
    .where(
        locations.c.id == bindparam("to_location_id"), locations.c.tenant_id == stocks.c.tenant_id
    )
    .scalar_subquery()
    .label("to_warehouse_id"),
    count_found(reason_codes, stocks.c.tenant_id).label("reason_codes"),
).where(stocks.c.id == bindparam("stock_id"), stocks.c.tenant_id == bindparam("tenant_id"))
"""Built once: where the stock is, where its destination is, and whether the reason code
sent exists (counted among the ids bound, none or one)."""


async def _move_allowed(
    session: AsyncSession, tenant_id: int, stock_id: int, attributes: MoveAttributes
) -> bool:
    """Whether the move passes every check of `_ensure_move_allowed`, all read in one
    statement; when not, those checks run one by one to refuse it as they always have."""
    reason_ids = [] if attributes.reason_code_id is None else [attributes.reason_code_id]
    parameters = {
        "tenant_id": tenant_id,
        "stock_id": stock_id,
        "to_location_id": attributes.to_location_id,
        ids_parameter(reason_codes): reason_ids,
    }
    row = (await session.execute(_MOVE_CHECKS, parameters)).one_or_none()
    if row is None:
        return False
    location_id, warehouse_id, to_warehouse_id, reason_codes_found = row
    return bool(
        reason_codes_found == len(reason_ids)
        and to_warehouse_id == warehouse_id
        and location_id != attributes.to_location_id
    )


async def _ensure_move_allowed(
    session: AsyncSession, tenant_id: int, stock_id: int, attributes: MoveAttributes
) -> None:
    """The destination and reason code exist, the record exists, and the destination is
    another location of its warehouse."""
    await _ensure_references(
        session,
        tenant_id,
        to_location_id=locations,
        reason_code_id=reason_codes,
        values=attributes.model_dump(),
    )
    source = await fetch_record(
        session,
        stocks,
        tenant_id=tenant_id,
        record_id=stock_id,
        resource=STOCK_RESOURCE,
        shape=StockRecord.of,
    )
    destination = await fetch_record(
        session,
        locations,
        tenant_id=tenant_id,
        record_id=attributes.to_location_id,
        resource="location",
        shape=location_row,
    )
    if destination["id"] == source.location_id:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"stock {stock_id} is already in location {destination['id']}.",
            path="/to_location_id",
        )
    if destination["warehouse_id"] != source.warehouse_id:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"location {destination['id']} is in another warehouse than stock {stock_id}.",
            path="/to_location_id",
        )


async def transfer(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    stock_id: int,
    attributes: TransferAttributes,
) -> RowDict:
    """Give some of a record to another account where it lies; the answer is the new owner's
    record."""
    await _ensure_references(
        session,
        tenant_id,
        to_account_id=accounts,
        values=attributes.model_dump(),
    )
    await ensure_reason_fits(session, tenant_id, attributes.reason_code_id, "transfer")
    await _ensure_other_account(session, tenant_id, stock_id, attributes.to_account_id)
    entry = Entry(Movement.ACCOUNT_TRANSFER, user_id, attributes.reason_code_id)
    taken = await taken_from(
        session, tenant_id=tenant_id, stock_id=stock_id, quantity=attributes.quantity
    )
    received = await put(
        session,
        tenant_id=tenant_id,
        identity=replace(taken.identity, account_id=attributes.to_account_id),
        quantity=attributes.quantity,
        fifo_date=taken.fifo_date,
        entry=entry,
        location_from_id=taken.location_id,
        earlier=[LedgerLine(taken, -attributes.quantity, taken.location_id, None)],
    )
    await emit_stock_events(
        session, tenant_id=tenant_id, event="account_transferred", records=[taken, received]
    )
    return received.row()


async def _ensure_other_account(
    session: AsyncSession, tenant_id: int, stock_id: int, to_account_id: int
) -> None:
    source = await fetch_record(
        session,
        stocks,
        tenant_id=tenant_id,
        record_id=stock_id,
        resource=STOCK_RESOURCE,
        shape=StockRecord.of,
    )
    if source.account_id == to_account_id:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"stock {stock_id} already belongs to account {to_account_id}.",
            path="/to_account_id",
        )


async def hold(
    session: AsyncSession, *, tenant_id: int, user_id: int, request: HoldRequest
) -> list[RowDict]:
    """Put every record named on hold (those already held stay as they are). Stock allocated to
    an order cannot be held: all or nothing."""
    await _ensure_stocks(session, tenant_id, request.ids)
    await ensure_reason_fits(session, tenant_id, request.reason_code_id, "hold")
    held = await _change_status(
        session,
        tenant_id=tenant_id,
        request=request,
        to=StockStatus.HELD,
        entry=Entry(Movement.HOLD, user_id, request.reason_code_id, request.description),
        event="placed_on_hold",
        guard=stocks.c.allocated_quantity == 0,
    )
    await _ensure_all_held(session, tenant_id, request.ids)
    return [record.row() for record in held]


async def _ensure_all_held(session: AsyncSession, tenant_id: int, ids: Sequence[int]) -> None:
    """After the guarded update, a record still not held was allocated (perhaps an instant
    before): the hold is refused whole, and its transaction rolls back."""
    statement = select(stocks.c.id).where(
        stocks.c.tenant_id == tenant_id,
        stocks.c.id.in_(ids),
        stocks.c.status != StockStatus.HELD,
    )
    allocated_ids = sorted((await session.execute(statement)).scalars())
    if allocated_ids:
        raise ClarusError.of(
            ErrorKind.STOCK_ALLOCATED,
            f"stocks {allocated_ids} are allocated to orders.",
            path="/ids",
            ids=allocated_ids,
        )


async def release(
    session: AsyncSession, *, tenant_id: int, user_id: int, request: HoldRequest
) -> list[RowDict]:
    """Take every record named off hold (those not held stay as they are)."""
    await _ensure_stocks(session, tenant_id, request.ids)
    await ensure_reason_fits(session, tenant_id, request.reason_code_id, "release")
    released = await _change_status(
        session,
        tenant_id=tenant_id,
        request=request,
        to=StockStatus.AVAILABLE,
        entry=Entry(Movement.RELEASE, user_id, request.reason_code_id, request.description),
        event="released_from_hold",
    )
    return [record.row() for record in released]


async def _change_status(
    session: AsyncSession,
    *,
    tenant_id: int,
    request: HoldRequest,
    to: StockStatus,
    entry: Entry,
    event: str,
    guard: ColumnElement[bool] | None = None,
) -> list[StockRecord]:
    """Set `to` on the records named that are not in it yet (and pass `guard`), each with its
    ledger row and event."""
    held = to is StockStatus.HELD
    statement = (
        update(stocks)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.id.in_(request.ids),
            stocks.c.status != to,
            true() if guard is None else guard,
        )
        .values(
            status=to,
            hold_description=request.description if held else None,
            hold_reason_code_id=request.reason_code_id if held else None,
            updated_at=utcnow(),
        )
        .returning(*stocks.c)
    )
    changed = sorted(
        (StockRecord.of(row) for row in (await session.execute(statement)).mappings()),
        key=lambda record: record.id,
    )
    await write_ledger(
        session,
        tenant_id=tenant_id,
        rows=[
            LedgerLine(record, Decimal(0), record.location_id, record.location_id)
            for record in changed
        ],
        entry=entry,
    )
    await emit_stock_events(session, tenant_id=tenant_id, event=event, records=changed)
    return changed


async def _ensure_stocks(session: AsyncSession, tenant_id: int, ids: Sequence[int]) -> None:
    await records_named(session, stocks, tenant_id=tenant_id, ids=ids, resource="stock")


async def _ensure_references(
    session: AsyncSession,
    tenant_id: int,
    *,
    values: dict[str, object],
    path: str = "",
    **tables: Table,
) -> None:
    """The records `values` names through the columns given as keyword arguments exist in the
    tenant (`reason_code_id=reason_codes`)."""
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(table, record_id, f"{path}/{name}")
            for name, table in tables.items()
            if isinstance(record_id := values.get(name), int)
        ],
    )
