"""`emit`: write a domain event to the outbox inside the caller's transaction.

The event exists if and only if the change that caused it is committed; a delivery worker reads
the outbox later. `sequence` counts the events of one record so consumers can order them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import ScalarSelect, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.records import with_plain_numbers
from clarus.core.tables import events


def _next_sequence(tenant_id: int, resource_name: str, record_id: int) -> ScalarSelect[int]:
    return (
        select(func.coalesce(func.max(events.c.sequence), 0) + 1)
        .where(
            events.c.tenant_id == tenant_id,
            events.c.resource_name == resource_name,
            events.c.record_id == record_id,
        )
        .scalar_subquery()
    )


async def emit(
    session: AsyncSession,
    *,
    tenant_id: int,
    resource_name: str,
    event: str,
    record_id: int,
    payload: Mapping[str, object],
) -> None:
    await session.execute(
        insert(events).values(
            tenant_id=tenant_id,
            resource_name=resource_name,
            event=event,
            record_id=record_id,
            sequence=_next_sequence(tenant_id, resource_name, record_id),
            payload=to_jsonable_python(with_plain_numbers(payload)),
            occurred_at=utcnow(),
        )
    )


async def emit_many(
    session: AsyncSession,
    *,
    tenant_id: int,
    resource_name: str,
    event: str,
    records: Sequence[Mapping[str, Any]],
) -> None:
    """The same event for many records (a bulk write): one read of their last sequences, then
    one batched insert; each record's payload is the record itself. A record named twice (one
    stock record dispatched for two order lines) gets two events, in order."""
    if not records:
        return
    last_sequences = (
        select(events.c.record_id, func.max(events.c.sequence))
        .where(
            events.c.tenant_id == tenant_id,
            events.c.resource_name == resource_name,
            events.c.record_id.in_([record["id"] for record in records]),
        )
        .group_by(events.c.record_id)
    )
    last: dict[int, int] = {
        record_id: sequence for record_id, sequence in (await session.execute(last_sequences)).all()
    }
    occurred_at = utcnow()
    rows = []
    for record in records:
        last[record["id"]] = last.get(record["id"], 0) + 1
        rows.append(
            {
                "tenant_id": tenant_id,
                "resource_name": resource_name,
                "event": event,
                "record_id": record["id"],
                "sequence": last[record["id"]],
                "payload": to_jsonable_python(with_plain_numbers(record)),
                "occurred_at": occurred_at,
            }
        )
    await session.execute(insert(events), rows)
