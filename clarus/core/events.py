"""`emit`: write a domain event to the outbox inside the caller's transaction.

The event exists if and only if the change that caused it is committed; a delivery worker reads
the outbox later. `sequence` counts the events of one record so consumers can order them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic_core import to_jsonable_python
from sqlalchemy import ScalarSelect, bindparam, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.records import id_of, with_plain_numbers
from clarus.core.tables import events

_INSERT_EVENT = insert(events)
"""Built once: the event row of a record with no events yet, its `sequence` sent as 1."""
_NEXT_SEQUENCE: ScalarSelect[int] = (
    select(func.coalesce(func.max(events.c.sequence), 0) + 1)
    .where(
        events.c.tenant_id == bindparam("of_tenant_id"),
        events.c.resource_name == bindparam("of_resource_name"),
        events.c.record_id == bindparam("of_record_id"),
    )
    .scalar_subquery()
)
_INSERT_NEXT_EVENT = insert(events).values(sequence=_NEXT_SEQUENCE)
"""Built once: the event row numbered after the record's last event, counted in the INSERT
itself (the parameters `of_*` name the record again: an INSERT's own column names are
reserved for its values)."""


async def emit(
    session: AsyncSession,
    *,
    tenant_id: int,
    resource_name: str,
    event: str,
    record_id: int,
    payload: Mapping[str, object],
    first: bool = False,
) -> None:
    """The event, numbered after the record's last one; `first` says the record was created in
    this transaction with an id never used before (nothing to count: its sequence is 1)."""
    values = {
        "tenant_id": tenant_id,
        "resource_name": resource_name,
        "event": event,
        "record_id": record_id,
        "payload": to_jsonable_python(with_plain_numbers(payload)),
        "occurred_at": utcnow(),
    }
    if first:
        await session.execute(_INSERT_EVENT, {**values, "sequence": 1})
        return
    await session.execute(
        _INSERT_NEXT_EVENT,
        {
            **values,
            "of_tenant_id": tenant_id,
            "of_resource_name": resource_name,
            "of_record_id": record_id,
        },
    )


async def emit_many(
    session: AsyncSession,
    *,
    tenant_id: int,
    resource_name: str,
    event: str,
    records: Sequence[Mapping[str, object]],
) -> None:
    """The same event for many records (a bulk write): a read of their last sequences (one per
    `IDS_PER_READ` records), then one batched insert; each record's payload is the record
    itself. A record named twice (one stock record dispatched for two order lines) gets two
    events, in order."""
    if not records:
        return
    last = await _last_sequences(
        session,
        tenant_id=tenant_id,
        resource_name=resource_name,
        record_ids=sorted({id_of(record) for record in records}),
    )
    occurred_at = utcnow()
    rows = []
    for record in records:
        record_id = id_of(record)
        last[record_id] = last.get(record_id, 0) + 1
        rows.append(
            {
                "tenant_id": tenant_id,
                "resource_name": resource_name,
                "event": event,
                "record_id": record_id,
                "sequence": last[record_id],
                "payload": to_jsonable_python(with_plain_numbers(record)),
                "occurred_at": occurred_at,
            }
        )
    await session.execute(insert(events), rows)


IDS_PER_READ = 10_000
"""Bound parameters per statement stay under PostgreSQL's 32,767 (asyncpg) and SQLite's
32,766."""


async def _last_sequences(
    session: AsyncSession, *, tenant_id: int, resource_name: str, record_ids: Sequence[int]
) -> dict[int, int]:
    last: dict[int, int] = {}
    for start in range(0, len(record_ids), IDS_PER_READ):
        statement = (
            select(events.c.record_id, func.max(events.c.sequence))
            .where(
                events.c.tenant_id == tenant_id,
                events.c.resource_name == resource_name,
                events.c.record_id.in_(record_ids[start : start + IDS_PER_READ]),
            )
            .group_by(events.c.record_id)
        )
        last.update((await session.execute(statement)).all())
    return last
