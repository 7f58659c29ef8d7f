"""Charge baskets and their lines. Closing a basket collects the account's unbasketed lines of
its period and freezes it; a line on an invoice is never changed or deleted."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Collection, Mapping

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.billing.configuration import default_currency_id
from clarus.billing.money import rounded
from clarus.billing.rows import ChargeBasketRow, ChargeLineRow, charge_basket_row, charge_line_row
from clarus.billing.tables import (
    charge_baskets,
    charge_cards,
    charge_lines,
    charge_prices,
    currencies,
    tax_types,
)
from clarus.catalog.tables import products, storage_units
from clarus.core.crud import (
    RecordKind,
    RecordWrites,
    change_checked_record,
    change_record,
    check_record,
    insert_checked_record,
)
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit
from clarus.core.records import RowDict, fetch_record, id_of, records_named
from clarus.core.references import Reference, ensure_references_exist
from clarus.core.schemas import InputModel
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.masterdata.tables import accounts
from clarus.outbound.tables import goods_out_pick_lists, goods_outs

DEFAULT_MINOR_UNIT = 2

CHARGE_BASKETS = RecordKind(
    charge_baskets,
    event_name="charge_basket",
    unique_code=False,
    references={"account_id": accounts, "charge_card_id": charge_cards},
)
CHARGE_LINES = RecordKind(
    charge_lines,
    event_name="charge_line",
    unique_code=False,
    references={
        "charge_price_id": charge_prices,
        "goods_out_id": goods_outs,
        "goods_out_pick_list_id": goods_out_pick_lists,
        "inbound_good_id": goods_in_receipts,
        "inbound_item_id": goods_in_receipt_lines,
        "product_id": products,
        "storage_unit_id": storage_units,
    },
)


async def emit_shown(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    event: str,
    record: Mapping[str, object],
) -> None:
    """The event of a basket or line, its payload the record as the REST answer's attributes
    show it (with its id, without the tenant): what a webhook on it carries."""
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=kind.event_name,
        event=event,
        record_id=id_of(record),
        payload={name: value for name, value in record.items() if name != "tenant_id"},
    )


def _ensure_period(values: Mapping[str, object]) -> None:
    start, end = values.get("start_at"), values.get("end_at")
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end <= start:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE, "end_at must be after start_at.", path="/end_at"
        )


async def _collect(session: AsyncSession, *, tenant_id: int, basket: ChargeBasketRow) -> None:
    """The account's lines of the basket's period that no basket holds yet join it."""
    period = charge_lines.c.occurred_at >= basket["start_at"]
    if basket["end_at"] is not None:
        period &= charge_lines.c.occurred_at < basket["end_at"]
    await session.execute(
        update(charge_lines)
        .where(
            charge_lines.c.tenant_id == tenant_id,
            charge_lines.c.account_id == basket["account_id"],
            charge_lines.c.charge_basket_id.is_(None),
            period,
        )
        .values(charge_basket_id=basket["id"], updated_at=utcnow())
    )


async def _closed(session: AsyncSession, *, tenant_id: int, basket: RowDict) -> None:
    """`basket`: the closed basket as written (rendered in the event)."""
    read = await fetch_record(
        session,
        charge_baskets,
        tenant_id=tenant_id,
        record_id=id_of(basket),
        resource="charge_basket",
        shape=charge_basket_row,
    )
    await _collect(session, tenant_id=tenant_id, basket=read)
    await emit_shown(session, CHARGE_BASKETS, tenant_id=tenant_id, event="closed", record=basket)


async def create_basket(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    _ensure_period(values)
    record = await _insert(session, kind, tenant_id=tenant_id, values=values)
    if record["status"] == "CLOSED":
        await _closed(session, tenant_id=tenant_id, basket=record)
    return record


async def _insert(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, values: Mapping[str, object]
) -> RowDict:
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(table, _id_of(values.get(name)), f"/{name}")
            for name, table in kind.references.items()
        ],
    )
    return await insert_checked_record(session, kind, tenant_id=tenant_id, values=values)


def _id_of(value: object) -> int | None:
    return value if isinstance(value, int) else None


async def update_basket(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """An open basket changes; closing it collects its lines; a closed basket is frozen."""
    current = await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
        lock=True,
        shape=charge_basket_row,
    )
    if current["status"] == "CLOSED":
        raise ClarusError.of(
            ErrorKind.CHARGE_BASKET_CLOSED, f"Charge basket {record_id} is closed.", path=""
        )
    changes = kind.changes_of(attributes)
    _ensure_period({**current, **changes})
    record = await change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )
    if record["status"] == "CLOSED":
        await _closed(session, tenant_id=tenant_id, basket=record)
    return record


async def delete_basket(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """An invoiced basket stays; otherwise its engine lines go back to no basket (a later
    basket collects them) and its manual lines go with it."""
    basket = await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
        lock=True,
        shape=charge_basket_row,
    )
    if basket["invoice_status"] != "not_invoiced":
        raise ClarusError.of(
            ErrorKind.CHARGE_BASKET_INVOICED, f"Charge basket {record_id} is invoiced.", path=""
        )
    mine = (charge_lines.c.tenant_id == tenant_id) & (charge_lines.c.charge_basket_id == record_id)
    await session.execute(
        update(charge_lines)
        .where(mine, charge_lines.c.source_key.is_not(None))
        .values(charge_basket_id=None, updated_at=utcnow())
    )
    await session.execute(delete(charge_lines).where(mine))
    await session.execute(
        delete(charge_baskets).where(
            charge_baskets.c.tenant_id == tenant_id, charge_baskets.c.id == record_id
        )
    )
    await emit_shown(session, kind, tenant_id=tenant_id, event="deleted", record=basket)


BASKET_WRITES = RecordWrites(create=create_basket, update=update_basket, delete=delete_basket)


async def _open_basket(session: AsyncSession, *, tenant_id: int, basket_id: int) -> ChargeBasketRow:
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[Reference(charge_baskets, basket_id, "/charge_basket_id")],
    )
    basket = await fetch_record(
        session,
        charge_baskets,
        tenant_id=tenant_id,
        record_id=basket_id,
        resource="charge_basket",
        shape=charge_basket_row,
    )
    if basket["status"] != "OPEN":
        raise ClarusError.of(
            ErrorKind.CHARGE_BASKET_CLOSED,
            f"Charge basket {basket_id} is closed.",
            path="/charge_basket_id",
        )
    return basket


async def _priced(
    session: AsyncSession, *, tenant_id: int, values: Mapping[str, object]
) -> dict[str, object]:
    """The line's currency, tax rate and (unless sent) price from its charge price, else the
    tenant's default currency (none yet: two places, invoiced in the default) and no tax; its
    total rounded to the currency's minor unit."""
    priced = dict(values)
    price_id = _id_of(values.get("charge_price_id"))
    currency_id: int | None = None
    tax_rate = decimal.Decimal(0)
    if price_id is not None:
        row = (
            await session.execute(
                select(
                    charge_prices.c.price,
                    charge_prices.c.currency_id,
                    charge_prices.c.unit_of_measure,
                    tax_types.c.rate,
                )
                .outerjoin(tax_types, tax_types.c.id == charge_prices.c.tax_type_id)
                .where(charge_prices.c.tenant_id == tenant_id, charge_prices.c.id == price_id)
            )
        ).one()
        currency_id = row.currency_id
        tax_rate = decimal.Decimal(row.rate or 0)
        priced.setdefault("price", row.price)
        priced["unit_of_measure"] = row.unit_of_measure
    if currency_id is None:
        currency_id = await default_currency_id(session, tenant_id=tenant_id)
    minor = DEFAULT_MINOR_UNIT
    if currency_id is not None:
        statement = select(currencies.c.minor_unit).where(currencies.c.id == currency_id)
        minor = (await session.execute(statement)).scalar_one()
    quantity = decimal.Decimal(str(priced.get("quantity", 1)))
    price = decimal.Decimal(str(priced.get("price", 0)))
    priced.update(
        quantity=quantity,
        price=price,
        currency_id=currency_id,
        tax_rate=tax_rate,
        total=rounded(quantity * price, minor),
    )
    return priced


async def create_line(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """A manual line in an open basket, of the basket's account."""
    values = attributes.model_dump(exclude_none=True)
    basket = await _open_basket(session, tenant_id=tenant_id, basket_id=values["charge_basket_id"])
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(table, _id_of(values.get(name)), f"/{name}")
            for name, table in kind.references.items()
        ],
    )
    priced = await _priced(session, tenant_id=tenant_id, values=values)
    priced.update(account_id=basket["account_id"], occurred_at=utcnow())
    return await insert_checked_record(session, kind, tenant_id=tenant_id, values=priced)


async def _changeable_line(session: AsyncSession, *, tenant_id: int, line_id: int) -> ChargeLineRow:
    line = await fetch_record(
        session,
        charge_lines,
        tenant_id=tenant_id,
        record_id=line_id,
        resource="charge_line",
        lock=True,
        shape=charge_line_row,
    )
    if line["invoice_id"] is not None:
        raise ClarusError.of(
            ErrorKind.CHARGE_LINE_INVOICED, f"Charge line {line_id} is invoiced.", path=""
        )
    return line


async def update_line(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    line = await _changeable_line(session, tenant_id=tenant_id, line_id=record_id)
    changes = kind.changes_of(attributes)
    await check_record(session, kind, tenant_id=tenant_id, values=changes, record_id=record_id)
    basket_id = changes.get("charge_basket_id", line["charge_basket_id"])
    if isinstance(basket_id, int):
        basket = await _open_basket(session, tenant_id=tenant_id, basket_id=basket_id)
        changes["account_id"] = basket["account_id"]
    after = {**line, **{name: value for name, value in changes.items() if value is not None}}
    priced = await _priced(session, tenant_id=tenant_id, values=after)
    for name in ("quantity", "price", "total", "currency_id", "tax_rate"):
        changes[name] = priced[name]
    return await change_checked_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


async def delete_line(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    await delete_lines(session, tenant_id=tenant_id, line_ids=[record_id], single=True)


LINE_WRITES = RecordWrites(create=create_line, update=update_line, delete=delete_line)


async def delete_lines(
    session: AsyncSession, *, tenant_id: int, line_ids: Collection[int], single: bool = False
) -> None:
    """Delete lines not yet invoiced: all of them, or none when any is invoiced or unknown."""
    if single:
        [line_id] = line_ids
        lines = [await _changeable_line(session, tenant_id=tenant_id, line_id=line_id)]
    else:
        lines = await records_named(
            session,
            charge_lines,
            tenant_id=tenant_id,
            ids=line_ids,
            resource="charge_line",
            lock=True,
            shape=charge_line_row,
        )
        invoiced = [line["id"] for line in lines if line["invoice_id"] is not None]
        if invoiced:
            raise ClarusError.of(
                ErrorKind.CHARGE_LINE_INVOICED,
                f"Charge lines {invoiced} are invoiced.",
                path="/ids",
                invalid_ids=invoiced,
            )
    ids = [line["id"] for line in lines]
    await session.execute(
        delete(charge_lines).where(
            charge_lines.c.tenant_id == tenant_id, charge_lines.c.id.in_(ids)
        )
    )
    for line in lines:
        await emit_shown(session, CHARGE_LINES, tenant_id=tenant_id, event="deleted", record=line)
