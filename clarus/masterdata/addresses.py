"""Inline addresses: records that carry an address keep it as a row of `addresses`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import RecordKind, create_record, delete_record, update_record
from clarus.core.db import table_of
from clarus.core.errors import NotFound
from clarus.core.records import Record, insert_returning, update_returning
from clarus.core.schemas import InputModel
from clarus.masterdata.models import Address
from clarus.masterdata.schemas import AddressAttributes, AddressRelationships

addresses = table_of(Address)


async def insert_address(
    session: AsyncSession, *, tenant_id: int, attributes: AddressAttributes
) -> Record:
    return await insert_returning(
        session, addresses, tenant_id=tenant_id, values=attributes.model_dump(exclude_none=True)
    )


async def replace_address(
    session: AsyncSession, *, tenant_id: int, address_id: int | None, attributes: AddressAttributes
) -> Record:
    """Set an owner's inline address: the fields sent replace the old address whole."""
    if address_id is None:
        return await insert_address(session, tenant_id=tenant_id, attributes=attributes)
    values = {name: getattr(attributes, name) for name in AddressAttributes.model_fields}
    return await update_returning(
        session,
        addresses,
        tenant_id=tenant_id,
        record_id=address_id,
        values=values,
        resource="address",
    )


def address_of(relationships: InputModel | None) -> AddressAttributes | None:
    """The inline address sent in `relationships.address.data.attributes`, if any."""
    if not isinstance(relationships, AddressRelationships) or relationships.address is None:
        return None
    return relationships.address.data.attributes


@dataclass(frozen=True)
class AddressedWrites:
    """Writes of a record that owns an inline address through its `address_id`: the address is
    created with it, replaced when an update sends one, and deleted with it."""

    kind: RecordKind

    async def create(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record:
        extra_values: dict[str, Any] = {}
        address = address_of(relationships)
        if address is not None:
            inserted = await insert_address(session, tenant_id=tenant_id, attributes=address)
            extra_values["address_id"] = inserted["id"]
        return await create_record(
            session,
            self.kind,
            tenant_id=tenant_id,
            attributes=attributes,
            extra_values=extra_values,
        )

    async def update(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        record_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record:
        extra_values: dict[str, Any] = {}
        address = address_of(relationships)
        if address is not None:
            current_id = await self._address_id(session, tenant_id=tenant_id, record_id=record_id)
            replaced = await replace_address(
                session, tenant_id=tenant_id, address_id=current_id, attributes=address
            )
            extra_values["address_id"] = replaced["id"]
        return await update_record(
            session,
            self.kind,
            tenant_id=tenant_id,
            record_id=record_id,
            attributes=attributes,
            extra_values=extra_values,
        )

    async def delete(self, session: AsyncSession, *, tenant_id: int, record_id: int) -> None:
        record = await delete_record(session, self.kind, tenant_id=tenant_id, record_id=record_id)
        if record["address_id"] is not None:
            await session.execute(
                delete(addresses).where(
                    addresses.c.id == record["address_id"], addresses.c.tenant_id == tenant_id
                )
            )

    async def _address_id(
        self, session: AsyncSession, *, tenant_id: int, record_id: int
    ) -> int | None:
        table = self.kind.table
        statement = select(table.c.address_id).where(
            table.c.id == record_id, table.c.tenant_id == tenant_id
        )
        row = (await session.execute(statement)).one_or_none()
        if row is None:
            raise NotFound(self.kind.event_name, record_id)
        address_id: int | None = row.address_id
        return address_id
