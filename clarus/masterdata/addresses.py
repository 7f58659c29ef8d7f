"""Addresses: rows of `addresses`, either the inline address of the record that owns it
(warehouses, customers, suppliers, orders) or a delivery address of its own.

A record with an inline address keeps it in `address_id` and shows it nested as `address`; the
writes here keep the two together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import Select, Table, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import (
    RecordKind,
    RecordWrites,
    check_deletable,
    check_record,
    emit_change,
    update_record,
)
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import (
    RowDict,
    delete_returning,
    ensure_code_free,
    fetch_record,
    insert_returning,
    reference_of,
    update_returning,
)
from clarus.core.schemas import InputModel
from clarus.masterdata.models import DELIVERY_ADDRESS
from clarus.masterdata.tables import addresses, customers

IS_DELIVERY_ADDRESS = addresses.c.address_type == DELIVERY_ADDRESS

ADDRESSES = RecordKind(
    addresses, event_name="address", unique_code=False, flag_defaults={"is_active": True}
)
DELIVERY_ADDRESSES = RecordKind(
    addresses,
    event_name="delivery_address",
    references={"customer_id": customers},
    flag_defaults={"is_active": True},
    scope=IS_DELIVERY_ADDRESS,
    constant_values={"address_type": DELIVERY_ADDRESS},
)

Rule = Callable[[Mapping[str, object]], None]
"""A check of a record's values as they would be after a write; raises a `ClarusError`."""


@runtime_checkable
class SendsAddress(Protocol):
    """An input that carries an inline `address`: declared on its model (customers, suppliers,
    crossdocks), or linked from `relationships.address` by the REST layer (warehouses, sites,
    receipts, orders), which passes the writes the resource's attributes model otherwise."""

    @property
    def address(self) -> InputModel | None: ...


def sent_address(attributes: InputModel) -> InputModel | None:
    """The inline address `attributes` sends; None when it sends none, or a null one."""
    return attributes.address if isinstance(attributes, SendsAddress) else None


def shown_address(row: RowDict | None) -> RowDict | None:
    if row is None:
        return None
    return {name: value for name, value in row.items() if name != "tenant_id"}


async def insert_address(
    session: AsyncSession, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """`attributes`: `AddressAttributes`, or a resource's narrower set of address fields."""
    return await insert_returning(
        session,
        addresses,
        tenant_id=tenant_id,
        values=attributes.model_dump(exclude_none=True),
    )


async def insert_with_address(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    address_in: InputModel,
) -> tuple[RowDict, RowDict]:
    """A new record of `table` with its new inline address: the two rows as inserted. On
    PostgreSQL one statement writes both (`_owner_with_address`); elsewhere (SQLite has no
    data-modifying CTE) the address is inserted first."""
    address_values = address_in.model_dump(exclude_none=True)
    if session.get_bind().dialect.name != "postgresql":
        address = await insert_returning(
            session, addresses, tenant_id=tenant_id, values=address_values
        )
        row = await insert_returning(
            session, table, tenant_id=tenant_id, values={**values, "address_id": address["id"]}
        )
        return row, address
    now = utcnow()
    stamps = {"tenant_id": tenant_id, "created_at": now, "updated_at": now}
    record_values = {**values, **stamps}
    address_values = {**address_values, **stamps}
    statement = _owner_with_address(table, tuple(record_values), tuple(address_values))
    parameters = {
        **{f"record__{name}": value for name, value in record_values.items()},
        **{f"address__{name}": value for name, value in address_values.items()},
    }
    both = (await session.execute(statement, parameters)).mappings().one()
    row = {column.name: both[column.name] for column in table.c}
    address = {column.name: both[f"address__{column.name}"] for column in addresses.c}
    return row, address


_OWNERS_WITH_ADDRESS: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Select[Any]] = {}


def _owner_with_address(
    table: Table, names: tuple[str, ...], address_names: tuple[str, ...]
) -> Select[Any]:
    """Built once per shape (the table, the columns sent of the record and of its address):
    the address inserted in a data-modifying CTE, the record inserted pointing at it in
    another, and both rows selected, the address's columns named `address__<column>`."""
    key = (table.name, names, address_names)
    built = _OWNERS_WITH_ADDRESS.get(key)
    if built is not None:
        return built
    address = (
        insert(addresses)
        .values(
            {
                name: bindparam(f"address__{name}", type_=addresses.c[name].type)
                for name in address_names
            }
        )
        .returning(*addresses.c)
        .cte("new_address")
    )
    record = (
        insert(table)
        .values(
            {
                **{name: bindparam(f"record__{name}", type_=table.c[name].type) for name in names},
                "address_id": select(address.c.id).scalar_subquery(),
            }
        )
        .returning(*table.c)
        .cte("new_record")
    )
    built = select(
        *record.c, *(column.label(f"address__{column.name}") for column in address.c)
    ).select_from(record.join(address, address.c.id == record.c.address_id))
    _OWNERS_WITH_ADDRESS[key] = built
    return built


async def replace_address(
    session: AsyncSession, *, tenant_id: int, address_id: int | None, attributes: InputModel
) -> RowDict:
    """Set an owner's inline address: the fields sent replace the old address whole."""
    if address_id is None:
        return await insert_address(session, tenant_id=tenant_id, attributes=attributes)
    values = attributes.model_dump()
    for flag, default in ADDRESSES.flag_defaults.items():
        if flag in values and values[flag] is None:
            values[flag] = default
    return await update_returning(
        session,
        addresses,
        tenant_id=tenant_id,
        record_id=address_id,
        values=values,
        resource="address",
    )


async def update_address(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """Change any address row; one that is a delivery address keeps a code unique among them,
    and a name."""
    changes = attributes.changes()
    if "code" in changes or "name" in changes:
        current = await fetch_record(
            session,
            addresses,
            tenant_id=tenant_id,
            record_id=record_id,
            resource="address",
        )
        if current["address_type"] == DELIVERY_ADDRESS:
            await _check_delivery_identity(
                session, tenant_id=tenant_id, record_id=record_id, changes=changes
            )
    return await update_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
    )


async def _check_delivery_identity(
    session: AsyncSession, *, tenant_id: int, record_id: int, changes: Mapping[str, object]
) -> None:
    for name in ("code", "name"):
        if name in changes and changes[name] is None:
            raise ClarusError.of(
                ErrorKind.INVALID_TYPE,
                f"{name}: a delivery address must keep its {name}",
                path=f"/{name}",
            )
    code = changes.get("code")
    if isinstance(code, str):
        await ensure_code_free(
            session,
            addresses,
            tenant_id=tenant_id,
            code=code,
            path="/code",
            excluding_id=record_id,
            where=IS_DELIVERY_ADDRESS,
        )


ADDRESS_WRITES = RecordWrites(update=update_address)


@dataclass(frozen=True)
class InlineAddressChange:
    """What an update does to its record's inline address: the `address_id` to store on the
    owner (`owner_values`), the address to show, and an address the owner let go of, deleted
    by `finish` once the owner no longer points at it."""

    owner_values: dict[str, object]
    address: RowDict | None
    released_id: int | None = None

    async def finish(self, session: AsyncSession, *, tenant_id: int) -> None:
        if self.released_id is not None:
            await _delete_address(session, tenant_id=tenant_id, address_id=self.released_id)


async def change_inline_address(
    session: AsyncSession, *, tenant_id: int, address_id: int | None, attributes: InputModel
) -> InlineAddressChange:
    """An `address` sent replaces the record's address whole, a null one removes it, and none
    leaves it as it is."""
    address_in = sent_address(attributes)
    if address_in is not None:
        address = await replace_address(
            session, tenant_id=tenant_id, address_id=address_id, attributes=address_in
        )
        return InlineAddressChange({"address_id": address["id"]}, address)
    if "address" in attributes.model_fields_set:
        return InlineAddressChange({"address_id": None}, None, released_id=address_id)
    return InlineAddressChange({}, await fetch_address(session, tenant_id, address_id))


async def fetch_address(
    session: AsyncSession, tenant_id: int, address_id: int | None
) -> RowDict | None:
    if address_id is None:
        return None
    return await fetch_record(
        session,
        addresses,
        tenant_id=tenant_id,
        record_id=address_id,
        resource="address",
    )


def _with_address(record: RowDict, address: RowDict | None) -> RowDict:
    return {**record, "address": shown_address(address)}


async def create_with_address(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    attributes: InputModel,
    rule: Rule | None = None,
) -> RowDict:
    """Create a record whose `address` attribute becomes its inline address row."""
    values = attributes.model_dump(exclude_none=True, exclude={"address"})
    if rule is not None:
        rule(values)
    await check_record(session, kind, tenant_id=tenant_id, values=values)
    address_in = sent_address(attributes)
    address = None
    if address_in is not None:
        address = await insert_address(session, tenant_id=tenant_id, attributes=address_in)
        values["address_id"] = address["id"]
    row = await insert_returning(session, kind.table, tenant_id=tenant_id, values=values)
    record = _with_address(row, address)
    await emit_change(session, kind, tenant_id=tenant_id, event="created", record=record)
    return record


async def update_with_address(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
    rule: Rule | None = None,
) -> RowDict:
    """Change a record; an `address` sent replaces its address whole, a null one removes it."""
    changes = kind.changes_of(attributes)
    changes.pop("address", None)
    await check_record(session, kind, tenant_id=tenant_id, values=changes, record_id=record_id)
    current = await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
    )
    if rule is not None:
        rule({**current, **changes})
    address_change = await change_inline_address(
        session,
        tenant_id=tenant_id,
        address_id=reference_of(current, "address_id"),
        attributes=attributes,
    )
    row = await update_returning(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        values={**changes, **address_change.owner_values},
        resource=kind.event_name,
    )
    await address_change.finish(session, tenant_id=tenant_id)
    address = address_change.address
    record = _with_address(row, address)
    await emit_change(session, kind, tenant_id=tenant_id, event="updated", record=record)
    return record


async def delete_with_address(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Delete a record and its inline address."""
    await check_deletable(session, kind, tenant_id=tenant_id, record_id=record_id)
    row = await delete_returning(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
    )
    address = None
    address_id = reference_of(row, "address_id")
    if address_id is not None:
        address = await _delete_address(session, tenant_id=tenant_id, address_id=address_id)
    record = _with_address(row, address)
    await emit_change(session, kind, tenant_id=tenant_id, event="deleted", record=record)


async def release_address(session: AsyncSession, *, tenant_id: int, address_id: int | None) -> None:
    """Delete the inline address of a record being deleted (after the record)."""
    if address_id is not None:
        await _delete_address(session, tenant_id=tenant_id, address_id=address_id)


async def _delete_address(session: AsyncSession, *, tenant_id: int, address_id: int) -> RowDict:
    return await delete_returning(
        session,
        addresses,
        tenant_id=tenant_id,
        record_id=address_id,
        resource="address",
    )
