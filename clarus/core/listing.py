"""Lists a person browses (the operator app's office lists): one tenant's rows newest first, a
page at a time by keyset on integer columns, with the filters every list shares, and every page
of a list in turn for an export. A page is one statement, whatever its size or position."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeAlias, TypeVar

from sqlalchemy import ColumnElement, Row, Select, func, or_, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.pagination import decode_key_cursor, encode_key_cursor

RowT = TypeVar("RowT")
ListRow: TypeAlias = Row[*tuple[object, ...]]
ListSelect: TypeAlias = Select[*tuple[object, ...]]
NEWEST_FIRST = "office.desc"
"""The order name a list's cursors carry: a cursor of another list order is refused."""
EXPORT_BATCH = 500
"""Rows an export reads a statement: memory stays bounded whatever the list's length."""


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What a person narrows a list by; a list applies those its rows have."""

    search: str | None = None
    """Part of a code, reference or description, in any case."""
    status: str | None = None
    account_id: int | None = None
    warehouse_id: int | None = None
    since: dt.datetime | None = None
    """From this moment on (inclusive)."""
    until: dt.datetime | None = None
    """Before this moment (exclusive)."""


@dataclass(frozen=True, slots=True)
class Page(Generic[RowT]):
    rows: list[RowT]
    next_cursor: str | None
    """Where the next page starts; None on the last page."""


def matching_text(term: str | None, *columns: ColumnElement[str]) -> list[ColumnElement[bool]]:
    """Rows where one of `columns` contains `term` (case-insensitive, `%` and `_` literal)."""
    if not term:
        return []
    lowered = term.lower()
    return [or_(*(func.lower(column).contains(lowered, autoescape=True) for column in columns))]


def within(
    column: ColumnElement[dt.datetime], since: dt.datetime | None, until: dt.datetime | None
) -> list[ColumnElement[bool]]:
    """Rows whose `column` falls in [`since`, `until`), either end open when None."""
    conditions = []
    if since is not None:
        conditions.append(column >= since)
    if until is not None:
        conditions.append(column < until)
    return conditions


def equal_to(column: ColumnElement[object], value: object | None) -> list[ColumnElement[bool]]:
    return [] if value is None else [column == value]


async def keyset_page(
    session: AsyncSession,
    statement: ListSelect,
    *,
    key: Sequence[ColumnElement[int]],
    tenant_id: int,
    after: str | None,
    limit: int,
    row_of: Callable[[ListRow], RowT],
) -> Page[RowT]:
    """The `limit` rows of `statement` (already limited to the tenant) that follow the cursor
    `after`, by `key` descending: one statement, reading one row more to know if a page follows.
    A cursor of another tenant or list is refused (`pagination.decode_key_cursor`)."""
    key_row = key[0] if len(key) == 1 else tuple_(*key)
    if after is not None:
        last = decode_key_cursor(after, tenant_id=tenant_id, length=len(key), order=NEWEST_FIRST)
        statement = statement.where(key_row < (last[0] if len(key) == 1 else tuple_(*last)))
    ordered = statement.order_by(*(column.desc() for column in key)).limit(limit + 1)
    rows = (await session.execute(ordered)).all()
    next_cursor = None
    if len(rows) > limit:
        last_row = rows[limit - 1]._mapping
        values = [int(last_row[column]) for column in key]
        next_cursor = encode_key_cursor(tenant_id, values, order=NEWEST_FIRST)
    return Page([row_of(row) for row in rows[:limit]], next_cursor)


async def every_page(
    fetch: Callable[[str | None], Awaitable[Page[RowT]]],
) -> AsyncIterator[list[RowT]]:
    """Each page of a list in turn, from the first, `fetch(after)` reading one."""
    after: str | None = None
    while True:
        page = await fetch(after)
        yield page.rows
        if page.next_cursor is None:
            return
        after = page.next_cursor


class ListStatement(Protocol):
    """A list's rows of a tenant that pass a filter, not yet ordered or limited."""

    def __call__(self, *, tenant_id: int, filters: ListFilter) -> ListSelect: ...


@dataclass(frozen=True, slots=True)
class PageQuery(Generic[RowT]):
    """A list's page query: `statement` paged on `key` (descending), each row read as
    `row_of` makes it."""

    statement: ListStatement
    key: tuple[ColumnElement[int], ...]
    row_of: Callable[[ListRow], RowT]

    async def __call__(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        filters: ListFilter,
        after: str | None,
        limit: int,
    ) -> Page[RowT]:
        return await keyset_page(
            session,
            self.statement(tenant_id=tenant_id, filters=filters),
            key=self.key,
            tenant_id=tenant_id,
            after=after,
            limit=limit,
            row_of=self.row_of,
        )
