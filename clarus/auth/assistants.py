"""Datasets, files and the write log of AI assistants (the MCP server's tools): everything is
bound to the tenant and the user a tool acted for, and what is kept for them expires."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.principal import Principal
from clarus.auth.secrets import new_token, token_hash
from clarus.auth.tables import assistant_datasets, assistant_files, assistant_writes
from clarus.core.json_types import JSONValue

DATASET_LIFETIME = dt.timedelta(hours=1)
FILE_LIFETIME = dt.timedelta(hours=1)
"""How long a download link works."""


@dataclass(frozen=True, slots=True)
class Dataset:
    reference: str
    source: str
    rows: list[JSONValue]
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredFile:
    name: str
    media_type: str
    content: str


async def _forget_expired(session: AsyncSession, *, tenant_id: int, now: dt.datetime) -> None:
    for table in (assistant_datasets, assistant_files):
        await session.execute(
            delete(table).where(table.c.tenant_id == tenant_id, table.c.expires_at <= now)
        )


async def store_dataset(
    session: AsyncSession,
    *,
    principal: Principal,
    source: str,
    rows: Sequence[JSONValue],
    now: dt.datetime,
) -> Dataset:
    """Keep `rows` for the principal's user; the tenant's expired datasets and files go."""
    await _forget_expired(session, tenant_id=principal.tenant_id, now=now)
    dataset = Dataset(new_token("ds_"), source, list(rows), now + DATASET_LIFETIME)
    await session.execute(
        insert(assistant_datasets).values(
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            reference=dataset.reference,
            source=source,
            rows=dataset.rows,
            row_count=len(dataset.rows),
            created_at=now,
            expires_at=dataset.expires_at,
        )
    )
    return dataset


async def dataset_of(
    session: AsyncSession, *, principal: Principal, reference: str, now: dt.datetime
) -> Dataset | None:
    """The user's own unexpired dataset; another user's is answered like a missing one."""
    table = assistant_datasets
    row = (
        await session.execute(
            select(table.c.reference, table.c.source, table.c.rows, table.c.expires_at).where(
                table.c.reference == reference,
                table.c.tenant_id == principal.tenant_id,
                table.c.user_id == principal.user_id,
                table.c.expires_at > now,
            )
        )
    ).one_or_none()
    if row is None:
        return None
    return Dataset(row.reference, row.source, list(row.rows), row.expires_at)


async def store_file(
    session: AsyncSession,
    *,
    principal: Principal,
    name: str,
    media_type: str,
    content: str,
    now: dt.datetime,
) -> str:
    """Keep a file for the principal's user: the token of its download link (only its hash is
    kept)."""
    token = new_token("f_")
    await session.execute(
        insert(assistant_files).values(
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            token_hash=token_hash(token),
            name=name,
            media_type=media_type,
            content=content,
            created_at=now,
            expires_at=now + FILE_LIFETIME,
        )
    )
    return token


async def file_of(
    session: AsyncSession, *, principal: Principal, token: str, now: dt.datetime
) -> StoredFile | None:
    """The user's own unexpired file; another user's is answered like a missing one."""
    table = assistant_files
    row = (
        await session.execute(
            select(table.c.name, table.c.media_type, table.c.content).where(
                table.c.token_hash == token_hash(token),
                table.c.tenant_id == principal.tenant_id,
                table.c.user_id == principal.user_id,
                table.c.expires_at > now,
            )
        )
    ).one_or_none()
    return None if row is None else StoredFile(row.name, row.media_type, row.content)


async def record_write(
    session: AsyncSession,
    *,
    principal: Principal,
    tool: str,
    method: str,
    path: str,
    record_ids: Sequence[str],
    status_code: int,
    now: dt.datetime,
) -> None:
    """Log one write an assistant made as the principal's user."""
    await session.execute(
        insert(assistant_writes).values(
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            api_client_id=principal.api_client_id,
            tool=tool,
            method=method,
            path=path,
            record_ids=list(record_ids),
            status_code=status_code,
            created_at=now,
        )
    )
