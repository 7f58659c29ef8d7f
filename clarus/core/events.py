"""`emit`: write a domain event to the outbox inside the caller's transaction.

The event exists if and only if the change that caused it is committed; a delivery worker reads
the outbox later. `sequence` counts the events of one record so consumers can order them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import table_of, utcnow
from clarus.core.models import Event
from clarus.core.records import with_plain_numbers

events = table_of(Event)


async def emit(
    session: AsyncSession,
    *,
    tenant_id: int,
    resource_name: str,
    event: str,
    record_id: int,
    payload: Mapping[str, Any],
) -> None:
    next_sequence = (
        select(func.coalesce(func.max(events.c.sequence), 0) + 1)
        .where(
            events.c.tenant_id == tenant_id,
            events.c.resource_name == resource_name,
            events.c.record_id == record_id,
        )
        .scalar_subquery()
    )
    await session.execute(
        insert(events).values(
            tenant_id=tenant_id,
            resource_name=resource_name,
            event=event,
            record_id=record_id,
            sequence=next_sequence,
            payload=to_jsonable_python(with_plain_numbers(payload)),
            occurred_at=utcnow(),
        )
    )
