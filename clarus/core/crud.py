"""Create, update and delete of simple tenant records (master data), one definition each.

A `RecordKind` says what a resource is: its table, the name its events carry, whether its `code`
is unique in the tenant, which other columns are unique together, which attributes point at other
records, which rows pointing at a record forbid its deletion, and which non-null flags an explicit
null resets. The three writes check all that, write set-based and emit the outbox event, all
inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Column, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.events import emit
from clarus.core.records import (
    Record,
    delete_returning,
    ensure_code_free,
    ensure_unique,
    insert_returning,
    update_returning,
)
from clarus.core.references import Reference, ensure_references_exist
from clarus.core.schemas import InputModel

ATTRIBUTES_POINTER = "/data/attributes"


@dataclass(frozen=True)
class UniqueKey:
    """Columns whose values are unique together in the tenant (a null never clashes). A clash is
    `kind` pointing at `field`, or at the attributes when no one field is at fault."""

    columns: tuple[str, ...]
    kind: ErrorKind = ErrorKind.RECORD_EXISTS
    field: str | None = None


@dataclass(frozen=True)
class Dependent:
    """Rows that point at a record and forbid deleting it: `locations.warehouse_id`."""

    column: Column[Any]
    label: str
    """Plural lower-case name for the refusal: `locations`."""


@dataclass(frozen=True)
class RecordKind:
    table: Table
    event_name: str
    unique_code: bool = True
    unique_keys: tuple[UniqueKey, ...] = ()
    references: Mapping[str, Table] = field(default_factory=dict)
    dependents: tuple[Dependent, ...] = ()
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
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(table, values.get(name), f"{ATTRIBUTES_POINTER}/{name}")
            for name, table in kind.references.items()
        ],
    )
    for key in kind.unique_keys:
        await _check_unique_key(
            session, kind, key, tenant_id=tenant_id, values=values, record_id=record_id
        )


async def _check_unique_key(
    session: AsyncSession,
    kind: RecordKind,
    key: UniqueKey,
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    record_id: int | None,
) -> None:
    if not any(column in values for column in key.columns):
        return
    effective = await _effective_values(
        session, kind, key.columns, tenant_id=tenant_id, values=values, record_id=record_id
    )
    if effective is None or any(value is None for value in effective.values()):
        return
    pointer = ATTRIBUTES_POINTER if key.field is None else f"{ATTRIBUTES_POINTER}/{key.field}"
    await ensure_unique(
        session,
        kind.table,
        tenant_id=tenant_id,
        values=effective,
        kind=key.kind,
        pointer=pointer,
        resource=kind.event_name,
        excluding_id=record_id,
    )


async def _effective_values(
    session: AsyncSession,
    kind: RecordKind,
    columns: tuple[str, ...],
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    record_id: int | None,
) -> dict[str, Any] | None:
    """The columns' values once a change is applied: sent ones, else the stored ones. None when
    the record to update does not exist (the update itself reports that)."""
    unsent = [column for column in columns if column not in values]
    stored: dict[str, Any] = {}
    if unsent and record_id is not None:
        statement = select(*(kind.table.c[column] for column in unsent)).where(
            kind.table.c.id == record_id, kind.table.c.tenant_id == tenant_id
        )
        row = (await session.execute(statement)).mappings().one_or_none()
        if row is None:
            return None
        stored = dict(row)
    return {
        column: values[column] if column in values else stored.get(column) for column in columns
    }


async def ensure_no_dependents(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, record_id: int
) -> None:
    """Refuse to delete a record other rows still point at, naming each kind of row and how many."""
    problems: list[Problem] = []
    for dependent in kind.dependents:
        rows = dependent.column.table
        statement = (
            select(func.count())
            .select_from(rows)
            .where(dependent.column == record_id, rows.c.tenant_id == tenant_id)
        )
        count: int = (await session.execute(statement)).scalar_one()
        if count:
            problems.append(
                Problem(
                    ErrorKind.RECORD_IN_USE,
                    f"{kind.event_name} {record_id} still has {count} {dependent.label}.",
                    context={"dependent": dependent.label, "count": count},
                )
            )
    if problems:
        raise ClarusError(*problems)


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
    extra_values: Mapping[str, Any] | None = None,
) -> Record:
    changes = {**attributes.changes(), **(extra_values or {})}
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
) -> Record:
    """Delete a record. A record other rows still point at is refused by the kind's `dependents`
    (a 422 naming them), or by the database's foreign keys (a 409 conflict) as a last resort."""
    await ensure_no_dependents(session, kind, tenant_id=tenant_id, record_id=record_id)
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
    return record


class RecordWrites(Protocol):
    """The writes behind a resource's REST routes, for a resource that needs more than its
    `RecordKind` (relationships, documented rules); `KindWrites` is the plain case."""

    async def create(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record: ...

    async def update(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        record_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record: ...

    async def delete(self, session: AsyncSession, *, tenant_id: int, record_id: int) -> None: ...


@dataclass(frozen=True)
class KindWrites:
    kind: RecordKind

    async def create(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record:
        return await create_record(session, self.kind, tenant_id=tenant_id, attributes=attributes)

    async def update(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        record_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record:
        return await update_record(
            session, self.kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
        )

    async def delete(self, session: AsyncSession, *, tenant_id: int, record_id: int) -> None:
        await delete_record(session, self.kind, tenant_id=tenant_id, record_id=record_id)
