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
    """The tenant's rows of `table` whose `key` column holds one of `values`, by key and then
    in id order (`by_key_in_id_order`)."""
    return (
        select(table)
        .where(table.c.tenant_id == tenant_id, table.c[key].in_(values))
        .order_by(*by_key_in_id_order(table, key))
    )


def by_key_in_id_order(table: Table, key: str) -> tuple[ColumnElement[Any], ...]:
    """The order of rows read by their `key` column: the key's, then id order within a key.

    Ordered by id alone, SQLite (which keeps no statistics unless asked) reads the rows of
    `tenant_id = ? AND key IN (...)` through the `tenant_id` index, to have them in id order:
    every row of the tenant for a page's hundred keys. In key order it reads the
    `(tenant_id, key)` index, a few rows a key."""
    if key == "id":
        return (table.c.id,)
    return (table.c[key], table.c.id)


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
