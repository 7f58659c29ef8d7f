"""Row locks, always taken in primary-key order so that two writers never wait on each other."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession


async def lock_rows(
    session: AsyncSession, table: Table, *, tenant_id: int, record_ids: Collection[int]
) -> list[int]:
    """Lock the tenant's rows of `table` with these ids until the transaction ends; the ids found.

    PostgreSQL takes row locks (`FOR UPDATE`); SQLite has one writer at a time already.
    """
    statement = (
        select(table.c.id)
        .where(table.c.tenant_id == tenant_id, table.c.id.in_(record_ids))
        .order_by(table.c.id)
        .with_for_update()
    )
    return list((await session.execute(statement)).scalars())
