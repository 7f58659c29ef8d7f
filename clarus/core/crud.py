"""Create, update and delete of simple tenant records (master data), one definition each.

A `RecordKind` says what a resource is: its table, the name its events carry, whether its `code`
(or `reference`) is unique in the tenant, which attributes point at other records, and which
non-null flags an explicit null resets. The three writes check natural keys and references, write
set-based and emit the outbox event, all inside the caller's transaction; a delete is refused
while other rows still point at the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ErrorKind
from clarus.core.events import emit
from clarus.core.records import (
    Record,
    delete_returning,
    ensure_code_free,
    ensure_value_free,
    insert_returning,
    update_returning,
)
from clarus.core.references import Reference, ensure_not_referenced, ensure_references_exist
from clarus.core.schemas import InputModel

ATTRIBUTES_POINTER = "/data/attributes"


@dataclass(frozen=True)
class RecordKind:
    table: Table
    event_name: str
    unique_code: bool = True
    unique_reference: bool = False
    """`reference` (a label, a licence plate) is unique in the tenant when set."""
    references: Mapping[str, Table] = field(default_factory=dict)
    flag_defaults: Mapping[str, Any] = field(default_factory=dict)
    """Non-null flags: an explicit null on update puts them back to this default."""


async def _check(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    record_id: int | None = None,
) -> None:
    if kind.unique_code and values.get("code") is not None:
        await ensure_code_free(
            session,
            kind.table,
            tenant_id=tenant_id,
            code=values["code"],
            pointer=f"{ATTRIBUTES_POINTER}/code",
            excluding_id=record_id,
        )
    if kind.unique_reference and values.get("reference") is not None:
        await ensure_value_free(
            session,
            kind.table,
            column="reference",
            taken=ErrorKind.REFERENCE_TAKEN,
            tenant_id=tenant_id,
            value=values["reference"],
            pointer=f"{ATTRIBUTES_POINTER}/reference",
            excluding_id=record_id,
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
    return await insert_record(session, kind, tenant_id=tenant_id, values=values)


async def insert_record(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, values: Mapping[str, Any]
) -> Record:
    """Create from column values, for a service that shapes them itself."""
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
    return await change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=attributes.changes()
    )


async def change_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    record_id: int,
    changes: Mapping[str, Any],
) -> Record:
    """Update the columns in `changes` (explicit nulls included), for a service that shapes them."""
    changes = dict(changes)
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
    """Delete a record; one that rows of other tables still point at is refused (`record_in_use`)
    unless those rows go with it (`ondelete="CASCADE"`)."""
    await ensure_not_referenced(session, kind.table, tenant_id=tenant_id, record_ids=[record_id])
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
