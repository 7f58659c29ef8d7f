"""Writes of the billing configuration: currencies, tax types and rates, charge cards (with the
accounts they bill), prices and windows. Services never commit: the caller owns the
transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.billing.money import minor_unit
from clarus.billing.rows import charge_window_row
from clarus.billing.tables import (
    charge_card_accounts,
    charge_cards,
    charge_prices,
    charge_window_accounts,
    charge_windows,
    currencies,
    tax_rates,
    tax_types,
)
from clarus.catalog.tables import storage_unit_types
from clarus.core.crud import (
    RecordKind,
    RecordWrites,
    UniqueKey,
    change_record,
    change_records,
    insert_record,
)
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record, id_of
from clarus.core.references import Reference, ensure_references_exist
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import accounts, carrier_services, carriers, order_types
from clarus.stockcontrol.tables import groups

CURRENCIES = RecordKind(currencies, event_name="currency", flag_defaults={"default": False})
TAX_TYPES = RecordKind(tax_types, event_name="tax_type")
TAX_RATES = RecordKind(
    tax_rates, event_name="tax_rate", unique_code=False, flag_defaults={"default": False}
)
CHARGE_CARDS = RecordKind(charge_cards, event_name="charge_card", flag_defaults={"active": True})
CHARGE_PRICES = RecordKind(
    charge_prices,
    event_name="charge_price",
    unique_code=False,
    unique_keys=(UniqueKey(("charge_card_id", "code"), kind=ErrorKind.CODE_TAKEN, field="code"),),
    references={
        "charge_card_id": charge_cards,
        "carrier_id": carriers,
        "carrier_service_id": carrier_services,
        "order_type_id": order_types,
        "location_group_id": groups,
        "product_group_id": groups,
        "storage_unit_type_id": storage_unit_types,
        "currency_id": currencies,
        "tax_type_id": tax_types,
    },
)
CHARGE_WINDOWS = RecordKind(charge_windows, event_name="charge_window", unique_code=False)


async def _take_default(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, record_id: int | None = None
) -> None:
    """The record becoming the default takes the flag from the tenant's others."""
    where: ColumnElement[bool] = kind.table.c.default
    if record_id is not None:
        where &= kind.table.c.id != record_id
    await change_records(session, kind, tenant_id=tenant_id, where=where, values={"default": False})


async def create_defaultable(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    changes = attributes.changes()
    if changes.get("default"):
        await _take_default(session, kind, tenant_id=tenant_id)
    values = attributes.model_dump(exclude_none=True)
    if kind is CURRENCIES:
        values["minor_unit"] = minor_unit(values["code"])
    return await insert_record(session, kind, tenant_id=tenant_id, values=values)


async def update_defaultable(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    changes = kind.changes_of(attributes)
    await fetch_record(
        session, kind.table, tenant_id=tenant_id, record_id=record_id, resource=kind.event_name
    )
    if changes.get("default"):
        await _take_default(session, kind, tenant_id=tenant_id, record_id=record_id)
    if "code" in changes and kind is CURRENCIES:
        changes["minor_unit"] = minor_unit(changes["code"])
    return await change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


DEFAULTABLE_WRITES = RecordWrites(create=create_defaultable, update=update_defaultable)


@dataclass(frozen=True)
class AccountLinks:
    """The accounts a card or a window bills (one card and one window per account)."""

    table: Table
    owner: str
    """The link table's column naming the card or window."""

    async def assign(
        self, session: AsyncSession, *, tenant_id: int, owner_id: int, account_ids: list[int]
    ) -> None:
        """The owner bills exactly `account_ids`; an account billed by another moves to it."""
        await ensure_references_exist(
            session,
            tenant_id=tenant_id,
            references=[
                Reference(accounts, account_id, f"/account_ids/{position}")
                for position, account_id in enumerate(account_ids)
            ],
        )
        links = self.table
        await session.execute(
            delete(links).where(
                links.c.tenant_id == tenant_id,
                (links.c[self.owner] == owner_id) | links.c.account_id.in_(account_ids),
            )
        )
        if account_ids:
            await session.execute(
                insert(links),
                [
                    {"tenant_id": tenant_id, self.owner: owner_id, "account_id": account_id}
                    for account_id in sorted(set(account_ids))
                ],
            )

    async def account_ids(
        self, session: AsyncSession, *, tenant_id: int, owner_id: int
    ) -> list[int]:
        links = self.table
        statement = (
            select(links.c.account_id)
            .where(links.c.tenant_id == tenant_id, links.c[self.owner] == owner_id)
            .order_by(links.c.account_id)
        )
        return list((await session.execute(statement)).scalars())


CARD_ACCOUNTS = AccountLinks(charge_card_accounts, "charge_card_id")
WINDOW_ACCOUNTS = AccountLinks(charge_window_accounts, "charge_window_id")


async def card_account_ids(session: AsyncSession, *, tenant_id: int, card_id: int) -> list[int]:
    return await CARD_ACCOUNTS.account_ids(session, tenant_id=tenant_id, owner_id=card_id)


async def _create_linked(
    session: AsyncSession,
    kind: RecordKind,
    links: AccountLinks,
    *,
    tenant_id: int,
    values: dict[str, object],
) -> RowDict:
    account_ids = _sent_account_ids(values.pop("account_ids", None))
    record = await insert_record(session, kind, tenant_id=tenant_id, values=values)
    await links.assign(
        session, tenant_id=tenant_id, owner_id=id_of(record), account_ids=account_ids
    )
    return {**record, "account_ids": sorted(set(account_ids))}


async def _update_linked(
    session: AsyncSession,
    kind: RecordKind,
    links: AccountLinks,
    *,
    tenant_id: int,
    record_id: int,
    changes: dict[str, object],
) -> RowDict:
    sent = changes.pop("account_ids", None)
    record = await change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )
    if sent is not None:
        await links.assign(
            session, tenant_id=tenant_id, owner_id=record_id, account_ids=_sent_account_ids(sent)
        )
    assigned = await links.account_ids(session, tenant_id=tenant_id, owner_id=record_id)
    return {**record, "account_ids": assigned}


def _sent_account_ids(value: object) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, int) for item in value):
        raise TypeError(f"account_ids is a list of ids, not {value!r}.")
    return value


async def create_card(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    return await _create_linked(session, kind, CARD_ACCOUNTS, tenant_id=tenant_id, values=values)


async def update_card(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    return await _update_linked(
        session,
        kind,
        CARD_ACCOUNTS,
        tenant_id=tenant_id,
        record_id=record_id,
        changes=kind.changes_of(attributes),
    )


CARD_WRITES = RecordWrites(create=create_card, update=update_card)


async def default_currency_id(session: AsyncSession, *, tenant_id: int) -> int | None:
    statement = select(currencies.c.id).where(
        currencies.c.tenant_id == tenant_id, currencies.c.default
    )
    return (await session.execute(statement)).scalar_one_or_none()


WEEKDAYS = range(7)
DAYS_OF_MONTH = range(1, 32)


def _ensure_numbers_fit(frequency: str, numbers: list[int]) -> None:
    allowed = WEEKDAYS if frequency == "Day" else DAYS_OF_MONTH
    for position, number in enumerate(numbers):
        if number not in allowed:
            raise ClarusError.of(
                ErrorKind.OUT_OF_RANGE,
                f"{number} is not a {'weekday (0-6)' if frequency == 'Day' else 'day (1-31)'}.",
                path=f"/numbers/{position}",
            )


async def create_window(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    changes = attributes.changes()
    _ensure_numbers_fit(changes["frequency"], changes["numbers"])
    values = attributes.model_dump(exclude_none=True)
    return await _create_linked(session, kind, WINDOW_ACCOUNTS, tenant_id=tenant_id, values=values)


async def update_window(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    current = await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
        shape=charge_window_row,
    )
    changes = kind.changes_of(attributes)
    frequency = changes.get("frequency", current["frequency"])
    numbers = changes.get("numbers", current["numbers"])
    if not isinstance(frequency, str) or not isinstance(numbers, list):
        raise TypeError(f"A window's frequency and numbers: {frequency!r}, {numbers!r}.")
    _ensure_numbers_fit(frequency, numbers)
    return await _update_linked(
        session, kind, WINDOW_ACCOUNTS, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


WINDOW_WRITES = RecordWrites(create=create_window, update=update_window)
