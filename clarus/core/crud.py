"""Create, update and delete of simple tenant records (master data), one definition each.

A `RecordKind` says what a resource is: its table, the name its events carry, whether its `code`
(or another natural key) is unique in the tenant, which other columns are unique together, which
attributes point at other records, which non-null flags an explicit null resets, and what must
hold before a record is deleted. The three writes check all that, write set-based and emit the
outbox event, all inside the caller's transaction. A resource with more behaviour supplies its
own functions of the same shape as a `RecordWrites`.

Every delete here is refused (`record_in_use`) while rows of other tables still point at the
record through a foreign key that does not let go of it (`ensure_not_in_use`); a kind's
`dependents` and `ensure_deletable` add the resource's own rules, checked first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Column, ColumnElement, RowMapping, Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit, emit_many
from clarus.core.json_types import JSONValue
from clarus.core.records import (
    RowDict,
    delete_returning,
    ensure_code_free,
    ensure_not_referenced,
    ensure_unique,
    fetch_record,
    id_of,
    insert_returning,
    update_returning,
)
from clarus.core.references import (
    Reference,
    ensure_not_in_use,
    ensure_references_exist,
    sent_id,
)
from clarus.core.schemas import InputModel

FILTERED = "[FILTERED]"

DeleteCheck = Callable[[AsyncSession, int, int], Awaitable[None]]
"""`(session, tenant_id, record_id)`: raises a `ClarusError` (`RECORD_IN_USE`) to refuse."""
Stamp = Callable[[RowDict], Mapping[str, object]]
"""`(new row)`: the values a record takes from its own row once inserted (none: `{}`)."""


@dataclass(frozen=True)
class UniqueKey:
    """Columns whose values are unique together in the tenant (a null never clashes). A clash is
    `kind` pointing at `field`, or at the attributes when no one field is at fault."""

    columns: tuple[str, ...]
    kind: ErrorKind = ErrorKind.RECORD_EXISTS
    field: str | None = None


@dataclass(frozen=True)
class RecordKind:
    table: Table
    event_name: str
    unique_code: bool = True
    unique_keys: tuple[UniqueKey, ...] = ()
    """Keys over several columns, checked besides the natural key: a location's
    (`warehouse_id`, `code`)."""
    references: Mapping[str, Table] = field(default_factory=dict)
    flag_defaults: Mapping[str, JSONValue] = field(default_factory=dict)
    """Non-null flags: an explicit null on update puts them back to this default."""
    natural_key: str = "code"
    """The attribute `unique_code` keeps unique in the tenant (when set)."""
    natural_key_taken: ErrorKind = ErrorKind.CODE_TAKEN
    """The refusal of a natural key another record has (`reference_taken` for a `reference`)."""
    dependents: tuple[Column[int], ...] = ()
    """Columns of other tables whose rows, while they point at a record, forbid deleting it
    (`locations.warehouse_id`): the refusal says which rows and how many."""
    ensure_deletable: DeleteCheck | None = None
    """A further rule a record must pass before it is deleted."""
    scope: ColumnElement[bool] | None = None
    """The rows of `table` that are this resource (several resources may share a table)."""
    constant_values: Mapping[str, object] = field(default_factory=dict)
    """Columns every record of this resource is created with (what puts it in `scope`)."""
    secret_columns: frozenset[str] = frozenset()
    """JSON object columns (credentials) stored as sent but shown, in responses and events,
    with their keys only: every value is `[FILTERED]`."""
    stamp: Stamp | None = None
    """What a new record takes from its own row (a reference made from its id), written before
    its `created` event."""

    def changes_of(self, attributes: InputModel) -> dict[str, Any]:
        """The attributes an update sent, a null flag put back to its default."""
        changes = attributes.changes()
        for flag, default in self.flag_defaults.items():
            if flag in changes and changes[flag] is None:
                changes[flag] = default
        return changes

    def shown(self, record: RowDict) -> RowDict:
        """The record as responses and events may show it."""
        if not self.secret_columns:
            return record
        return {
            name: _filtered(value) if name in self.secret_columns else value
            for name, value in record.items()
        }


def _filtered(value: object) -> object:
    if not isinstance(value, Mapping):
        return value
    return dict.fromkeys(value, FILTERED)


async def check_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    record_id: int | None = None,
) -> None:
    key = kind.natural_key
    code = values.get(key)
    if kind.unique_code and isinstance(code, str):
        await ensure_code_free(
            session,
            kind.table,
            tenant_id=tenant_id,
            code=code,
            path=f"/{key}",
            excluding_id=record_id,
            column=key,
            where=kind.scope,
            taken=kind.natural_key_taken,
        )
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(table, sent_id(values.get(name)), f"/{name}")
            for name, table in kind.references.items()
        ],
    )
    for unique_key in kind.unique_keys:
        await _check_unique_key(
            session, kind, unique_key, tenant_id=tenant_id, values=values, record_id=record_id
        )


async def _check_unique_key(
    session: AsyncSession,
    kind: RecordKind,
    unique_key: UniqueKey,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    record_id: int | None,
) -> None:
    if not any(column in values for column in unique_key.columns):
        return
    effective = await _effective_values(
        session, kind, unique_key.columns, tenant_id=tenant_id, values=values, record_id=record_id
    )
    if effective is None or any(value is None for value in effective.values()):
        return
    path = ""
    if unique_key.field is not None:
        path = f"/{unique_key.field}"
    await ensure_unique(
        session,
        kind.table,
        tenant_id=tenant_id,
        values=effective,
        kind=unique_key.kind,
        path=path,
        resource=kind.event_name,
        excluding_id=record_id,
        where=kind.scope,
    )


async def _effective_values(
    session: AsyncSession,
    kind: RecordKind,
    columns: tuple[str, ...],
    *,
    tenant_id: int,
    values: Mapping[str, object],
    record_id: int | None,
) -> dict[str, object] | None:
    """The columns' values once a change is applied: sent ones, else the stored ones. None when
    the record to update does not exist (the update itself reports that)."""
    unsent = [column for column in columns if column not in values]
    stored: dict[str, object] = {}
    if unsent and record_id is not None:
        statement = select(*(kind.table.c[column] for column in unsent)).where(
            kind.table.c.id == record_id, kind.table.c.tenant_id == tenant_id
        )
        if kind.scope is not None:
            statement = statement.where(kind.scope)
        row = (await session.execute(statement)).mappings().one_or_none()
        if row is None:
            return None
        stored = dict(row)
    return {
        column: values[column] if column in values else stored.get(column) for column in columns
    }


async def check_deletable(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, record_id: int
) -> None:
    """Refuse to delete a record its `dependents` still point at, that its own rule refuses, or
    that any other row still needs through a foreign key that neither cascades nor lets go."""
    for column in kind.dependents:
        await ensure_not_referenced(
            session, column, tenant_id=tenant_id, record_id=record_id, resource=kind.event_name
        )
    if kind.ensure_deletable is not None:
        await kind.ensure_deletable(session, tenant_id, record_id)
    await ensure_not_in_use(session, kind.table, tenant_id=tenant_id, record_ids=[record_id])


async def create_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    attributes: InputModel,
    extra_values: Mapping[str, object] | None = None,
) -> RowDict:
    values = {**attributes.model_dump(exclude_none=True), **(extra_values or {})}
    return await insert_record(session, kind, tenant_id=tenant_id, values=values)


async def insert_record(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, values: Mapping[str, object]
) -> RowDict:
    """Create from column values, for a service that shapes them itself."""
    await check_record(session, kind, tenant_id=tenant_id, values=values)
    return await insert_checked_record(session, kind, tenant_id=tenant_id, values=values)


async def insert_checked_record(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, values: Mapping[str, object]
) -> RowDict:
    """Create from column values that `check_record` has passed, for a service with rules of
    its own to check after it."""
    record = await insert_returning(
        session,
        kind.table,
        tenant_id=tenant_id,
        values={**values, **kind.constant_values},
    )
    stamped = kind.stamp(record) if kind.stamp is not None else {}
    if stamped:
        record = await update_returning(
            session,
            kind.table,
            tenant_id=tenant_id,
            record_id=id_of(record),
            values=stamped,
            resource=kind.event_name,
        )
    record = kind.shown(record)
    await emit_change(session, kind, tenant_id=tenant_id, event="created", record=record)
    return record


async def update_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    return await change_record(
        session,
        kind,
        tenant_id=tenant_id,
        record_id=record_id,
        changes=kind.changes_of(attributes),
    )


async def change_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    record_id: int,
    changes: Mapping[str, object],
) -> RowDict:
    """Update the columns in `changes` (explicit nulls included; see `RecordKind.changes_of`),
    for a service that shapes them itself."""
    await check_record(session, kind, tenant_id=tenant_id, values=changes, record_id=record_id)
    return await change_checked_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


async def change_checked_record(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    record_id: int,
    changes: Mapping[str, object],
) -> RowDict:
    """Update with `changes` that `check_record` has passed, for a service with rules of its
    own to check after it."""
    record = await update_returning(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        values=changes,
        resource=kind.event_name,
        where=kind.scope,
    )
    record = kind.shown(record)
    await emit_change(session, kind, tenant_id=tenant_id, event="updated", record=record)
    return record


async def delete_record(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, record_id: int
) -> None:
    """Delete a record once `check_deletable` lets it go. The record is found in the tenant
    first, so another tenant's id is answered as a missing one, never by what uses it."""
    await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
        where=kind.scope,
        lock=True,
    )
    await check_deletable(session, kind, tenant_id=tenant_id, record_id=record_id)
    record = await delete_returning(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
        where=kind.scope,
    )
    await emit_change(session, kind, tenant_id=tenant_id, event="deleted", record=record)


async def delete_records(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, record_ids: Collection[int]
) -> None:
    """Delete several records at once: all of them, or none when any id is not one of them or
    any of them may not be deleted (`ensure_deletable`, `record_in_use`)."""
    table = kind.table
    mine = (table.c.tenant_id == tenant_id) & table.c.id.in_(record_ids)
    if kind.scope is not None:
        mine &= kind.scope
    found = set((await session.execute(select(table.c.id).where(mine))).scalars())
    missing = sorted(set(record_ids) - found)
    if missing:
        raise ClarusError.of(
            ErrorKind.INVALID_IDS_PROVIDED,
            f"No {kind.event_name} has the ids {missing}.",
            invalid_ids=missing,
        )
    if kind.ensure_deletable is not None:
        for record_id in sorted(found):
            await kind.ensure_deletable(session, tenant_id, record_id)
    await delete_records_where(session, kind, tenant_id=tenant_id, where=table.c.id.in_(found))


async def delete_records_where(
    session: AsyncSession, kind: RecordKind, *, tenant_id: int, where: ColumnElement[bool]
) -> list[RowDict]:
    """Delete the records of `kind` matching `where`, each with its event; none of them while
    any is still in use (`record_in_use`)."""
    table = kind.table
    mine = (table.c.tenant_id == tenant_id) & where
    if kind.scope is not None:
        mine &= kind.scope
    record_ids = list((await session.execute(select(table.c.id).where(mine))).scalars())
    if not record_ids:
        return []
    await ensure_not_in_use(session, table, tenant_id=tenant_id, record_ids=record_ids)
    statement = delete(table).where(table.c.id.in_(record_ids), mine)
    records = _by_id((await session.execute(statement.returning(*table.c))).mappings())
    await emit_changes(session, kind, tenant_id=tenant_id, event="deleted", records=records)
    return records


async def change_records(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    where: ColumnElement[bool],
    values: Mapping[str, object],
    event: str = "updated",
) -> list[RowDict]:
    """A side effect of a write on other records of `kind`: changed set-based, each with its
    `event`."""
    table = kind.table
    statement = update(table).where(table.c.tenant_id == tenant_id, where)
    if kind.scope is not None:
        statement = statement.where(kind.scope)
    statement = statement.values(updated_at=utcnow(), **values).returning(*table.c)
    records = _by_id((await session.execute(statement)).mappings())
    await emit_changes(session, kind, tenant_id=tenant_id, event=event, records=records)
    return records


def _by_id(rows: Iterable[RowMapping]) -> list[RowDict]:
    return sorted((dict(row) for row in rows), key=lambda row: int(row["id"]))


async def emit_change(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    event: str,
    record: RowDict,
    created: bool = False,
) -> None:
    """The outbox event of a write, showing the record as responses do. The event of a record
    `created` in this transaction, in a table that never reuses an id (`NEVER_REUSED_IDS`), is
    its first: written without reading the record's last sequence."""
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=kind.event_name,
        event=event,
        record_id=id_of(record),
        payload=kind.shown(record),
        first=created and never_reuses_ids(kind.table),
    )


def never_reuses_ids(table: Table) -> bool:
    """PostgreSQL's identity columns never hand an id out twice; SQLite's do only with
    AUTOINCREMENT (`NEVER_REUSED_IDS`), else the id of a deleted last row comes back."""
    return bool(table.dialect_options["sqlite"].get("autoincrement"))


async def emit_changes(
    session: AsyncSession,
    kind: RecordKind,
    *,
    tenant_id: int,
    event: str,
    records: Sequence[RowDict],
) -> None:
    """The outbox events of a bulk write, one per record, written in one batch."""
    await emit_many(
        session,
        tenant_id=tenant_id,
        resource_name=kind.event_name,
        event=event,
        records=[kind.shown(record) for record in records],
    )


class CreateWrite(Protocol):
    async def __call__(
        self, session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
    ) -> RowDict: ...


class UpdateWrite(Protocol):
    async def __call__(
        self,
        session: AsyncSession,
        kind: RecordKind,
        /,
        *,
        tenant_id: int,
        record_id: int,
        attributes: InputModel,
    ) -> RowDict: ...


class DeleteWrite(Protocol):
    async def __call__(
        self, session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
    ) -> None: ...


@dataclass(frozen=True)
class RecordWrites:
    """The create, update and delete of one resource: the generic ones unless it has its own."""

    create: CreateWrite = create_record
    update: UpdateWrite = update_record
    delete: DeleteWrite = delete_record


GENERIC_WRITES = RecordWrites()
