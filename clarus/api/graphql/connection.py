"""Relay-style connections: `all(filter:, sort:, first:, after:) { edges { cursor node }
pageInfo }`, paginated by keyset within the tenant on id (or on the columns that identify a row
without an id), or on `updated_at` then id, with a `total_count` counted only when asked."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from types import SimpleNamespace
from typing import Generic, Protocol, TypeAlias, TypeVar

import strawberry
from graphql import GraphQLObjectType, get_named_type
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    FromClause,
    Row,
    Select,
    func,
    literal,
    select,
    tuple_,
)
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.errors import PublicError
from clarus.core.db import UTCDateTime
from clarus.core.errors import ClarusError
from clarus.core.pagination import (
    decode_key_cursor,
    encode_key_cursor,
    timestamp_key,
    timestamp_of_key,
)

NodeT = TypeVar("NodeT")


@strawberry.enum(description="What a list is sorted on; the id (or key) breaks ties")
class SortField(Enum):
    ID = "id"
    UPDATED_AT = "updated_at"


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input(
    description="The order of a list (ours): by id ascending unless asked. A cursor is only"
    " good under the sort it was made in."
)
class SortInputType:
    field: SortField = SortField.ID
    direction: SortDirection = SortDirection.ASC


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


class PrefetchingLoader(Protocol):
    """A request's DataLoader that a page can fill before its nodes ask (`loaders.py`)."""

    def prefetch(self, keys: Iterable[int]) -> Awaitable[None]: ...


@dataclass(frozen=True)
class Prefetch:
    """How a node field's records are read: `loader_of(context)`, keyed by the node's `key`."""

    loader_of: Callable[[GraphQLContext], PrefetchingLoader]
    key: str


PREFETCHES: dict[str, Prefetch] = {}
"""Node fields (by name, or `<Type>.<name>` for one type's) whose records a page loads in one
batch before its nodes resolve, so that their resolvers find them loaded and answer without
awaiting (`references.py` registers them): graphql-core makes a task for every awaitable a list
holds, and a page of 500 balances with three references spent 3/4 of its time on them."""


async def prefetch(info: Info[GraphQLContext, None], nodes: Sequence[object]) -> None:
    """Load, for the fields the query selects on the nodes, every record they point at."""
    loads = []
    node_type = _node_type_name(info)
    for name in _node_fields(info):
        known = PREFETCHES.get(f"{node_type}.{name}", PREFETCHES.get(name))
        if known is None:
            continue
        keys = {int(key) for node in nodes if (key := getattr(node, known.key, None)) is not None}
        if keys:
            loads.append(known.loader_of(info.context).prefetch(keys))
    if loads:
        await asyncio.gather(*loads)


def _node_type_name(info: Info[GraphQLContext, None]) -> str:
    edge = get_named_type(info._raw_info.return_type)
    assert isinstance(edge, GraphQLObjectType)
    name: str = get_named_type(edge.fields["node"].type).name
    return name


def _node_fields(info: Info[GraphQLContext, None]) -> set[str]:
    names: set[str] = set()
    for edges in info.selected_fields:
        for node in _flattened(edges.selections):
            if isinstance(node, SelectedField) and node.name == "node":
                names |= {field.name for field in _flattened(node.selections)}
    return names


def _flattened(selections: Sequence[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _flattened(selection.selections)


@strawberry.type
class Connection(Generic[NodeT]):
    page_info: PageInfo = strawberry.field(name="pageInfo")
    _edges: strawberry.Private[list[Edge[NodeT]]]
    _query: strawberry.Private[PageQuery]

    @strawberry.field
    async def edges(self, info: Info[GraphQLContext, None]) -> list[Edge[NodeT]]:
        await prefetch(info, [edge.node for edge in self._edges])
        return self._edges

    @strawberry.field(description="How many records match the filter, across all pages (ours).")
    async def total_count(self, info: Info[GraphQLContext, None]) -> int:
        count: int = (await info.context.execute(self._query.count_statement())).scalar_one()
        return count


TableRow: TypeAlias = Row[*tuple[object, ...]]
"""A row of a table or a query read whole: its columns are known by name only."""


def as_node(row: TableRow) -> SimpleNamespace:
    """A row as the plain attribute object GraphQL resolves fields on (see `page_query`)."""
    return SimpleNamespace(**row._mapping)


def page_size(first: int | None, context: GraphQLContext) -> int:
    settings = context.settings
    if first is None:
        return settings.default_page_size
    if not 0 <= first <= settings.max_page_size:
        raise PublicError(f"first must be between 0 and {settings.max_page_size}")
    return first


@dataclass(frozen=True)
class PageQuery:
    """One page of a sorted list, before it is read: which rows, in which order, how many, and
    how its cursors are made (the general executor and the compiled one share it)."""

    source: FromClause
    where: ColumnElement[bool]
    """The list's filter in the tenant, without the cursor: what `total_count` counts."""
    limit: int
    after: str | None
    key_columns: tuple[KeyColumn, ...]
    """The columns the page is sorted on, in order: what a cursor holds."""
    key_names: tuple[str, ...]
    order: str
    tenant_id: int
    comes_after: ColumnElement[bool] | None
    is_descending: bool

    def statement(
        self, columns: Sequence[ColumnElement[object]] | None = None
    ) -> Select[*tuple[object, ...]]:
        """The page's rows (`columns` of them, or whole), one more than the page holds so as to
        know whether there is a next page."""
        statement = select(*columns) if columns is not None else select(self.source)
        statement = statement.select_from(self.source).where(self.where)
        if self.comes_after is not None:
            statement = statement.where(self.comes_after)
        ordering = [
            column.desc() if self.is_descending else column.asc() for column in self.key_columns
        ]
        return statement.order_by(*ordering).limit(self.limit + 1)

    def count_statement(self) -> Select[int]:
        return select(func.count()).select_from(self.source).where(self.where)

    def cursor(self, values: Sequence[object]) -> str:
        """The cursor of the row whose key columns hold `values`."""
        return encode_key_cursor(
            self.tenant_id, [_key_part(value) for value in values], order=self.order
        )


def page_query(
    context: GraphQLContext,
    source: FromClause,
    *,
    key: Sequence[str],
    where: ColumnElement[bool],
    first: int | None,
    after: str | None,
    sort: SortInputType | None = None,
    updated_at: str = "updated_at",
) -> PageQuery:
    """One page of `source`'s rows sorted on the integer columns `key`, which together
    identify a row (an id, or several columns for rows without one, such as aggregates), or on
    `updated_at` and then `key`. `source` must be limited to this tenant (`ListSource` does it);
    the cursors are bound to it all the same, and to the order. A `first` out of range or a
    cursor not made here is the caller's error.

    Nodes are plain attribute objects, not SQLAlchemy rows: graphql-core probes every value for
    `__await__`, and a row answers a missing attribute slowly (a page ran 25 -> 18 ms)."""
    limit = page_size(first, context)
    sort = sort or SortInputType()
    order = f"{sort.field.value}.{sort.direction.value}"
    columns: list[KeyColumn] = [source.c[name] for name in key]
    if sort.field is SortField.UPDATED_AT:
        columns.insert(0, source.c[updated_at])
    is_descending = sort.direction is SortDirection.DESC
    comes_after = None
    if after is not None:
        last = _decoded(
            lambda: _key_values(
                columns,
                decode_key_cursor(
                    after, tenant_id=context.tenant_id, length=len(columns), order=order
                ),
            )
        )
        comes_after = _after(columns, last, is_descending)
    return PageQuery(
        source=source,
        where=where,
        limit=limit,
        after=after,
        key_columns=tuple(columns),
        key_names=(*((updated_at,) if sort.field is SortField.UPDATED_AT else ()), *key),
        order=order,
        tenant_id=context.tenant_id,
        comes_after=comes_after,
        is_descending=is_descending,
    )


@dataclass(frozen=True)
class ListSource:
    """What a list field (`all`) reads: the general executor's resolver and the compiled
    executor (`compiled.py`) both page through it, so that they read the same rows."""

    source_of: Callable[[int], FromClause]
    """The rows listed, given the tenant: a table, or a statement already limited to it."""
    where_of: Callable[[FromClause, object | None, int], ColumnElement[bool]]
    """The condition of the tenant's rows that a filter input (or None) keeps."""
    key: tuple[str, ...] = ("id",)
    required_scope: tuple[str, str] | None = None
    """The scope the list needs and the message that refuses it without."""
    updated_at: str = "updated_at"

    def page(
        self,
        context: GraphQLContext,
        *,
        filter_input: object | None,
        first: int | None,
        after: str | None,
        sort: SortInputType | None,
    ) -> PageQuery:
        if self.required_scope is not None:
            context.require_scope(*self.required_scope)
        source = self.source_of(context.tenant_id)
        return page_query(
            context,
            source,
            key=self.key,
            where=self.where_of(source, filter_input, context.tenant_id),
            first=first,
            after=after,
            sort=sort,
            updated_at=self.updated_at,
        )


LIST_SOURCES: dict[Callable[..., object], ListSource] = {}
"""The list fields' resolvers and what each reads: the lists the compiled executor knows."""


async def paginate_list(
    context: GraphQLContext,
    listed: ListSource,
    *,
    filter_input: object | None,
    first: int | None,
    after: str | None,
    sort: SortInputType | None,
) -> Connection[SimpleNamespace]:
    """One page of `listed` as the general executor resolves it."""
    query = listed.page(context, filter_input=filter_input, first=first, after=after, sort=sort)
    return await _page(context, query)


KeyColumn: TypeAlias = ColumnElement[int] | ColumnElement[dt.datetime]
"""A column a page is sorted on: an integer key or the timestamp of the last change."""


def _key_values(
    columns: Sequence[KeyColumn], parts: Sequence[int]
) -> list[int | BindParameter[dt.datetime]]:
    """A cursor's integers as values of the columns they were read from."""
    return [
        literal(timestamp_of_key(part), column.type)
        if isinstance(column.type, UTCDateTime)
        else part
        for column, part in zip(columns, parts, strict=True)
    ]


def _key_part(value: object) -> int:
    """A key column's value as a cursor holds it (a row's values are known by name only)."""
    if isinstance(value, dt.datetime):
        return timestamp_key(value)
    assert isinstance(value, int)
    return value


def _after(
    columns: Sequence[KeyColumn],
    values: Sequence[int | BindParameter[dt.datetime]],
    is_descending: bool,
) -> ColumnElement[bool]:
    """The rows that come after `values` in the order of `columns`."""
    row = columns[0] if len(columns) == 1 else tuple_(*columns)
    last = values[0] if len(columns) == 1 else tuple_(*values)
    comes_after: ColumnElement[bool] = row < last if is_descending else row > last
    return comes_after


KeyT = TypeVar("KeyT")


def _decoded(decode: Callable[[], KeyT]) -> KeyT:
    """A cursor's key; a cursor that is not valid here is the caller's error."""
    try:
        return decode()
    except ClarusError as error:
        raise PublicError(str(error)) from None


async def _page(context: GraphQLContext, query: PageQuery) -> Connection[SimpleNamespace]:
    """The connection of the first `limit` rows of the sorted `statement` (one more is read to
    know whether there is a next page)."""
    rows = (await context.execute(query.statement())).all()
    limit = query.limit
    edges = [
        Edge(
            cursor=query.cursor([row._mapping[name] for name in query.key_names]),
            node=as_node(row),
        )
        for row in rows[:limit]
    ]
    return Connection(
        _edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > limit,
            has_previous_page=query.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _query=query,
    )
