"""Inline addresses: records that carry an address keep it as a row of `addresses`."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import table_of
from clarus.core.records import Record, insert_returning, update_returning
from clarus.core.schemas import InputModel
from clarus.masterdata.models import Address

addresses = table_of(Address)


async def insert_address(
    session: AsyncSession, *, tenant_id: int, attributes: InputModel
) -> Record:
    """`attributes`: `AddressAttributes`, or a resource's narrower set of address fields."""
    return await insert_returning(
        session, addresses, tenant_id=tenant_id, values=attributes.model_dump(exclude_none=True)
    )


async def replace_address(
    session: AsyncSession, *, tenant_id: int, address_id: int | None, attributes: InputModel
) -> Record:
    """Set an owner's inline address: the fields sent replace the old address whole."""
    if address_id is None:
        return await insert_address(session, tenant_id=tenant_id, attributes=attributes)
    values = {name: getattr(attributes, name) for name in type(attributes).model_fields}
    return await update_returning(
        session,
        addresses,
        tenant_id=tenant_id,
        record_id=address_id,
        values=values,
        resource="address",
    )
