"""Records kept in an order of their own (`position` 1, 2, ... without gaps): an account's
put-away rules, the tenant's warehouse routes. Every change to a list first locks the row that
owns it (the account, the tenant), so two writers never hand out the same position; moving a
record renumbers the others, each that moves with its `updated` event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.tenancy.tables import tenants


@dataclass(frozen=True)
class OrderedKind:
    """A `RecordKind` whose records form ordered lists: one per value of `list_column` (rules
    of an account, guarded by `owner`'s row), or one per tenant when it is None."""

    kind: crud.RecordKind
    list_column: str | None = None
    owner: Table = tenants
    position_column: str = "position"
    """The column holding the place (`sequence` for a load's drops)."""


def _list_of(ordered: OrderedKind, tenant_id: int, record: RowDict) -> ColumnElement[bool]:
    table = ordered.kind.table
    clause = table.c.tenant_id == tenant_id
    if ordered.list_column is not None:
        clause &= table.c[ordered.list_column] == record[ordered.list_column]
    return clause


async def lock_list(
    session: AsyncSession, ordered: OrderedKind, *, tenant_id: int, record: RowDict
) -> None:
    """Hold the list `record` is (or goes) in until the transaction ends (PostgreSQL; SQLite
    writes one at a time)."""
    owner_id = tenant_id if ordered.list_column is None else record[ordered.list_column]
    statement = select(ordered.owner.c.id).where(ordered.owner.c.id == owner_id)
    await session.execute(statement.with_for_update())


async def ordered_ids(
    session: AsyncSession, ordered: OrderedKind, *, tenant_id: int, record: RowDict
) -> list[int]:
    """The ids of the list `record` is (or goes) in, in their order."""
    table = ordered.kind.table
    statement = (
        select(table.c.id)
        .where(_list_of(ordered, tenant_id, record))
        .order_by(table.c[ordered.position_column], table.c.id)
    )
    return [int(record_id) for record_id in (await session.execute(statement)).scalars()]


def clamped(position: int | None, length: int) -> int:
    """Where a record asked to be at `position` goes in a list of `length` others: 0 is read
    as first (1), past the end or None as last."""
    if position is None:
        return length + 1
    return min(max(position, 1), length + 1)


def placed(ids: Sequence[int], record_id: int, position: int) -> list[int]:
    """The list with `record_id` moved to `position` (clamped)."""
    others = [other for other in ids if other != record_id]
    index = clamped(position, len(others)) - 1
    return [*others[:index], record_id, *others[index:]]


async def renumber(
    session: AsyncSession, ordered: OrderedKind, *, tenant_id: int, order: Sequence[int | None]
) -> None:
    """Give the records positions 1, 2, ... in this order; a None keeps its position free (for
    a record about to be made). Only records whose position changes are written."""
    table = ordered.kind.table
    ids = [record_id for record_id in order if record_id is not None]
    if not ids:
        return
    column = ordered.position_column
    statement = select(table.c.id, table.c[column]).where(
        table.c.tenant_id == tenant_id, table.c.id.in_(ids)
    )
    current = {int(row[0]): int(row[1]) for row in await session.execute(statement)}
    for position, record_id in enumerate(order, start=1):
        if record_id is not None and current[record_id] != position:
            await crud.change_records(
                session,
                ordered.kind,
                tenant_id=tenant_id,
                where=table.c.id == record_id,
                values={column: position},
            )


async def insert_at(
    session: AsyncSession,
    ordered: OrderedKind,
    *,
    tenant_id: int,
    values: dict[str, object],
    position: int | None,
) -> RowDict:
    """Make a record (its values checked) at `position` of its list, last when None."""
    await lock_list(session, ordered, tenant_id=tenant_id, record=values)
    ids = await ordered_ids(session, ordered, tenant_id=tenant_id, record=values)
    at = clamped(position, len(ids))
    await renumber(
        session, ordered, tenant_id=tenant_id, order=[*ids[: at - 1], None, *ids[at - 1 :]]
    )
    return await crud.insert_checked_record(
        session,
        ordered.kind,
        tenant_id=tenant_id,
        values={**values, ordered.position_column: at},
    )


async def locked_member(
    session: AsyncSession, ordered: OrderedKind, *, tenant_id: int, record_id: int
) -> RowDict:
    """The record (404 when the tenant has none with this id), its list locked; read again
    once locked, as a write that held the lock may have deleted it."""
    kind = ordered.kind
    record = await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
    )
    await lock_list(session, ordered, tenant_id=tenant_id, record=record)
    return await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
    )


async def move(
    session: AsyncSession, ordered: OrderedKind, *, tenant_id: int, record_id: int, position: int
) -> RowDict:
    """Move the record to `position` of its list (clamped); the others close up around it."""
    record = await locked_member(session, ordered, tenant_id=tenant_id, record_id=record_id)
    ids = await ordered_ids(session, ordered, tenant_id=tenant_id, record=record)
    await renumber(session, ordered, tenant_id=tenant_id, order=placed(ids, record_id, position))
    kind = ordered.kind
    return await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
    )


async def delete_member(
    session: AsyncSession, ordered: OrderedKind, *, tenant_id: int, record_id: int
) -> None:
    """Delete the record; the ones after it move up."""
    record = await locked_member(session, ordered, tenant_id=tenant_id, record_id=record_id)
    await crud.delete_record(session, ordered.kind, tenant_id=tenant_id, record_id=record_id)
    ids = await ordered_ids(session, ordered, tenant_id=tenant_id, record=record)
    await renumber(session, ordered, tenant_id=tenant_id, order=ids)


def ordered_writes(ordered: OrderedKind, *, fixed: tuple[str, ...] = ()) -> crud.RecordWrites:
    """The create, update and delete of an ordered kind: made at its `position` (last when
    left out), moved by a `position` in an update, its list closed up when deleted. `fixed`:
    attributes an update may send only as they are (`read_only_attribute`)."""

    async def create(
        session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
    ) -> RowDict:
        values = attributes.model_dump(exclude_none=True)
        position = values.pop("position", None)
        await crud.check_record(session, kind, tenant_id=tenant_id, values=values)
        return await insert_at(
            session, ordered, tenant_id=tenant_id, values=values, position=position
        )

    async def update(
        session: AsyncSession,
        kind: crud.RecordKind,
        /,
        *,
        tenant_id: int,
        record_id: int,
        attributes: InputModel,
    ) -> RowDict:
        changes = kind.changes_of(attributes)
        record = await locked_member(session, ordered, tenant_id=tenant_id, record_id=record_id)
        for name in fixed:
            _ensure_unchanged(kind, name, changes.pop(name, None), record[name])
        position = changes.pop("position", None)
        if changes:
            record = await crud.change_record(
                session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
            )
        if position is None:
            return record
        return await move(
            session, ordered, tenant_id=tenant_id, record_id=record_id, position=position
        )

    async def delete(
        session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
    ) -> None:
        await delete_member(session, ordered, tenant_id=tenant_id, record_id=record_id)

    return crud.RecordWrites(create=create, update=update, delete=delete)


def _ensure_unchanged(kind: crud.RecordKind, name: str, sent: object, current: object) -> None:
    if sent is not None and sent != current:
        raise ClarusError.of(
            ErrorKind.READ_ONLY_ATTRIBUTE,
            f"A {kind.event_name}'s {name} cannot change; it is {current}.",
            path=f"/{name}",
        )
