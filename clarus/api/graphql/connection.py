"""Relay-style connections: `all(filter:, first:, after:) { edges { cursor node } pageInfo }`,
paginated by keyset on id within the tenant (or on the columns that identify a row without an
id), with a `total_count` counted only when asked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import ColumnElement, FromClause, Row, Select, Table, func, select, tuple_
from strawberry.types import Info

from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.errors import PublicError
from clarus.core.errors import ClarusError
from clarus.core.pagination import (
    decode_cursor,
    decode_key_cursor,
    encode_cursor,
    encode_key_cursor,
)

NodeT = TypeVar("NodeT")


@strawberry.type
class PageInfo:
    has_next_page: bool = strawberry.field(name="hasNextPage")
    has_previous_page: bool = strawberry.field(name="hasPreviousPage")
    start_cursor: str | None = strawberry.field(name="startCursor")
    end_cursor: str | None = strawberry.field(name="endCursor")


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo = strawberry.field(name="pageInfo")
    _table: strawberry.Private[FromClause]
    _where: strawberry.Private[ColumnElement[bool]]

    @strawberry.field(description="How many records match the filter, across all pages (ours).")
    async def total_count(self, info: Info[GraphQLContext, None]) -> int:
        statement = select(func.count()).select_from(self._table).where(self._where)
        count: int = (await info.context.execute(statement)).scalar_one()
        return count


def as_node(row: Row[Any]) -> SimpleNamespace:
    """A row as the plain attribute object GraphQL resolves fields on (see `paginate`)."""
    return SimpleNamespace(**row._mapping)


def page_size(first: int | None, context: GraphQLContext) -> int:
    settings = context.settings
    if first is None:
        return settings.default_page_size
    if not 0 <= first <= settings.max_page_size:
        raise PublicError(f"first must be between 0 and {settings.max_page_size}")
    return first


async def paginate(
    context: GraphQLContext,
    table: Table,
    *,
    where: ColumnElement[bool],
    first: int | None,
    after: str | None,
) -> Connection[Any]:
    """One page of `table`'s rows in this tenant.

    Nodes are plain attribute objects, not SQLAlchemy rows: graphql-core probes every value for
    `__await__`, and a row answers a missing attribute slowly (a page ran 25 -> 18 ms).
    """
    limit = page_size(first, context)
    where = (table.c.tenant_id == context.tenant_id) & where
    statement = select(table).where(where)
    if after is not None:
        statement = statement.where(
            table.c.id > _decoded(lambda: decode_cursor(after, tenant_id=context.tenant_id))
        )
    return await _page(
        context,
        statement.order_by(table.c.id),
        limit=limit,
        after=after,
        cursor_of=lambda row: encode_cursor(context.tenant_id, row.id),
        source=table,
        where=where,
    )


async def paginate_by_key(
    context: GraphQLContext,
    source: FromClause,
    *,
    key: Sequence[str],
    where: ColumnElement[bool],
    first: int | None,
    after: str | None,
) -> Connection[Any]:
    """One page of `source`'s rows sorted on the integer columns `key`, which together
    identify a row (for rows without an id, such as aggregates). `source` must already be
    limited to this tenant; the cursors are bound to it all the same."""
    limit = page_size(first, context)
    key_columns = [source.c[name] for name in key]
    statement = select(source).where(where)
    if after is not None:
        last = _decoded(
            lambda: decode_key_cursor(after, tenant_id=context.tenant_id, length=len(key))
        )
        statement = statement.where(tuple_(*key_columns) > tuple_(*last))
    return await _page(
        context,
        statement.order_by(*key_columns),
        limit=limit,
        after=after,
        cursor_of=lambda row: encode_key_cursor(
            context.tenant_id, [row._mapping[name] for name in key]
        ),
        source=source,
        where=where,
    )


KeyT = TypeVar("KeyT")


def _decoded(decode: Callable[[], KeyT]) -> KeyT:
    """A cursor's key; a cursor that is not valid here is the caller's error."""
    try:
        return decode()
    except ClarusError as error:
        raise PublicError(str(error)) from None


async def _page(
    context: GraphQLContext,
    statement: Select[Any],
    *,
    limit: int,
    after: str | None,
    cursor_of: Callable[[Row[Any]], str],
    source: FromClause,
    where: ColumnElement[bool],
) -> Connection[Any]:
    """The connection of the first `limit` rows of the sorted `statement` (one more is read to
    know whether there is a next page)."""
    rows = (await context.execute(statement.limit(limit + 1))).all()
    edges = [Edge(cursor=cursor_of(row), node=as_node(row)) for row in rows[:limit]]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > limit,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _table=source,
        _where=where,
    )
