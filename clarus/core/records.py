"""Set-based reads and writes of one tenant's rows, shared by every resource's service.

Hot paths stay on Core statements (see bench/): one INSERT ... RETURNING per create, one
UPDATE ... RETURNING per change, never a load-modify-flush round trip.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, NotFound

Record = dict[str, Any]
"""A row as returned to callers: column name to value."""


def with_plain_numbers(record: Mapping[str, Any]) -> Record:
    """Decimals as floats, so that JSON shows `10.0` rather than the string `"10.0000"`; a stored
    decimal has at most 15 significant digits (`DecimalType`), which a float keeps exactly."""
    return {
        name: float(value) if isinstance(value, decimal.Decimal) else value
        for name, value in record.items()
    }


async def insert_returning(
    session: AsyncSession, table: Table, *, tenant_id: int, values: Mapping[str, Any]
) -> Record:
    now = utcnow()
    statement = (
        insert(table)
        .values(tenant_id=tenant_id, created_at=now, updated_at=now, **values)
        .returning(*table.c)
    )
    return dict((await session.execute(statement)).mappings().one())


async def update_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    values: Mapping[str, Any],
    resource: str,
) -> Record:
    statement = (
        update(table)
        .where(table.c.id == record_id, table.c.tenant_id == tenant_id)
        .values(updated_at=utcnow(), **values)
        .returning(*table.c)
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        raise NotFound(resource, record_id)
    return dict(row)


async def delete_returning(
    session: AsyncSession, table: Table, *, tenant_id: int, record_id: int, resource: str
) -> Record:
    statement = (
        delete(table)
        .where(table.c.id == record_id, table.c.tenant_id == tenant_id)
        .returning(*table.c)
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        raise NotFound(resource, record_id)
    return dict(row)


async def ensure_code_free(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    code: str,
    pointer: str,
    excluding_id: int | None = None,
) -> None:
    """Refuse a `code` another record of the tenant already has (master data codes are unique)."""
    await ensure_value_free(
        session,
        table,
        column="code",
        taken=ErrorKind.CODE_TAKEN,
        tenant_id=tenant_id,
        value=code,
        pointer=pointer,
        excluding_id=excluding_id,
    )


async def ensure_value_free(
    session: AsyncSession,
    table: Table,
    *,
    column: str,
    taken: ErrorKind,
    tenant_id: int,
    value: object,
    pointer: str,
    excluding_id: int | None = None,
) -> None:
    """Refuse a natural key (`code`, `reference`) another record of the tenant already has; the
    error names the record that has it."""
    statement = select(table.c.id).where(table.c.tenant_id == tenant_id, table.c[column] == value)
    if excluding_id is not None:
        statement = statement.where(table.c.id != excluding_id)
    existing_id = (await session.execute(statement.limit(1))).scalar_one_or_none()
    if existing_id is not None:
        raise ClarusError.of(
            taken,
            f"The {column} {value!r} is already used by record {existing_id}.",
            pointer=pointer,
            existing_id=existing_id,
        )
