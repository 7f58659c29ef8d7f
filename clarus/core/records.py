"""Set-based reads and writes of one tenant's rows, shared by every resource's service.

Hot paths stay on Core statements (see bench/): one INSERT ... RETURNING per create, one
UPDATE ... RETURNING per change, never a load-modify-flush round trip.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, NotFound

Record = dict[str, Any]
"""A row as returned to callers: column name to value."""


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
    existing_id = await _id_with_values(
        session, table, tenant_id=tenant_id, values={"code": code}, excluding_id=excluding_id
    )
    if existing_id is not None:
        raise ClarusError.of(
            ErrorKind.CODE_TAKEN,
            f"The code {code!r} is already used by record {existing_id}.",
            pointer=pointer,
            existing_id=existing_id,
        )


async def ensure_unique(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    kind: ErrorKind,
    pointer: str,
    resource: str,
    excluding_id: int | None = None,
) -> None:
    """Refuse `values` (column to value) that another record of the tenant already has together."""
    existing_id = await _id_with_values(
        session, table, tenant_id=tenant_id, values=values, excluding_id=excluding_id
    )
    if existing_id is not None:
        described = " and ".join(f"{name} {value!r}" for name, value in values.items())
        raise ClarusError.of(
            kind,
            f"{resource} {existing_id} already has {described}.",
            pointer=pointer,
            existing_id=existing_id,
        )


async def _id_with_values(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    excluding_id: int | None,
) -> int | None:
    statement = select(table.c.id).where(
        table.c.tenant_id == tenant_id, *(table.c[name] == value for name, value in values.items())
    )
    if excluding_id is not None:
        statement = statement.where(table.c.id != excluding_id)
    existing_id: int | None = (await session.execute(statement.limit(1))).scalar_one_or_none()
    return existing_id
