"""Reads shared by every domain: the shape of a condition a caller puts on a column, and the
rows of a tenant's table found by one of their keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.tables import events

ColumnTest = Callable[[ColumnElement[Any]], Sequence[ColumnElement[bool]]]
"""The conditions a column must meet, written by the caller (a transport's filter) against the
column that a domain's query names: the domain knows the join, the caller the operators."""


def rows_by_key(table: Table, *, tenant_id: int, key: str, values: Collection[int]) -> Select[Any]:
    """The tenant's rows of `table` whose `key` column holds one of `values`, in id order."""
    return (
        select(table)
        .where(table.c.tenant_id == tenant_id, table.c[key].in_(values))
        .order_by(table.c.id)
    )


def count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """In a grouped statement, how many rows of the group meet `condition` (0 for none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


@dataclass(frozen=True, slots=True)
class RecordEvent:
    """Something that happened to a record, as its outbox row says."""

    id: int
    event: str
    occurred_at: dt.datetime


async def events_of_record(
    session: AsyncSession, *, tenant_id: int, resource_name: str, record_id: int, limit: int
) -> list[RecordEvent]:
    """The latest `limit` events of `resource_name` `record_id`, newest first: one statement,
    read from the index of the record's unique `sequence` (its events in order), without a
    sort."""
    statement = (
        select(events.c.id, events.c.event, events.c.occurred_at)
        .where(
            events.c.tenant_id == tenant_id,
            events.c.resource_name == resource_name,
            events.c.record_id == record_id,
        )
        .order_by(events.c.sequence.desc())
        .limit(limit)
    )
    return [
        RecordEvent(event_id, event, occurred_at)
        for event_id, event, occurred_at in await session.execute(statement)
    ]
