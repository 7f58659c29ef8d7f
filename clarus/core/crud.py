"""Create, update and delete of simple tenant records (master data), one definition each.

A `RecordKind` says what a resource is: its table, the name its events carry, whether its `code`
(or another natural key) is unique in the tenant, which attributes point at other records, which
non-null flags an explicit null resets, and what must hold before a record is deleted. The three
writes check codes and references, write set-based and emit the outbox event, all inside the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.events import emit
from clarus.core.records import (
    Record,
    delete_returning,
    ensure_code_free,
    insert_returning,
    update_returning,
)
from clarus.core.references import Reference, ensure_references_exist
from clarus.core.schemas import InputModel

ATTRIBUTES_POINTER = "/data/attributes"

DeleteCheck = Callable[[AsyncSession, int, int], Awaitable[None]]
"""`(session, tenant_id, record_id)`: raises a `ClarusError` (`RECORD_IN_USE`) to refuse."""


@dataclass(frozen=True)
class RecordKind:
    table: Table
    event_name: str
    unique_code: bool = True
    references: Mapping[str, Table] = field(default_factory=dict)
    flag_defaults: Mapping[str, Any] = field(default_factory=dict)
    """Non-null flags: an explicit null on update puts them back to this default."""
    natural_key: str = "code"
    """The attribute `unique_code` keeps unique in the tenant."""
    ensure_deletable: DeleteCheck | None = None


async def _check(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    record_id: int | None = None,
) -> None:
    key = kind.natural_key
    if kind.unique_code and values.get(key) is not None:
        await ensure_code_free(
            session,
            kind.table,
            tenant_id=tenant_id,
            code=values[key],
            pointer=f"{ATTRIBUTES_POINTER}/{key}",
            excluding_id=record_id,
            column=key,
        )
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(table, values.get(name), f"{ATTRIBUTES_POINTER}/{name}")
            for name, table in kind.references.items()
        ],
    )


async def create_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    attributes: InputModel,
    extra_values: Mapping[str, Any] | None = None,
) -> Record:
    values = {**attributes.model_dump(exclude_none=True), **(extra_values or {})}
    await _check(session, kind, tenant_id=tenant_id, values=values)
    record = await insert_returning(session, kind.table, tenant_id=tenant_id, values=values)
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=kind.event_name,
        event="created",
        record_id=record["id"],
        payload=record,
    )
    return record


async def update_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> Record:
    changes = attributes.changes()
    for flag, default in kind.flag_defaults.items():
        if flag in changes and changes[flag] is None:
            changes[flag] = default
    await _check(session, kind, tenant_id=tenant_id, values=changes, record_id=record_id)
    record = await update_returning(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        values=changes,
        resource=kind.event_name,
    )
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=kind.event_name,
        event="updated",
        record_id=record_id,
        payload=record,
    )
    return record


async def delete_record(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, record_id: int
) -> None:
    """Delete a record. A record other rows still point at is refused by the kind's
    `ensure_deletable` check, or by the database's foreign keys (a 409 conflict) as a last
    resort."""
    if kind.ensure_deletable is not None:
        await kind.ensure_deletable(session, tenant_id, record_id)
    record = await delete_returning(
        session, kind.table, tenant_id=tenant_id, record_id=record_id, resource=kind.event_name
    )
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=kind.event_name,
        event="deleted",
        record_id=record_id,
        payload=record,
    )
