"""The `all` field every list type has: `all(filter:, sort:, first:, after:)`, one page of a
table's rows in this tenant that match the filter (`connection.paginate_list`), described once."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace

import strawberry
from sqlalchemy import ColumnElement, FromClause, Table
from strawberry.types import Info
from strawberry.types.field import StrawberryField

from clarus.api.graphql.connection import (
    LIST_SOURCES,
    Connection,
    ListSource,
    SortInputType,
    paginate_list,
)
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import FilterColumn, FilterCondition, filter_clause

Clause = ColumnElement[bool]


def list_field(
    node: type,
    filter_type: type,
    table: Table,
    *,
    columns: Mapping[str, FilterColumn] | None = None,
    conditions: Mapping[str, FilterCondition] | None = None,
    default_conditions: Mapping[str, ColumnElement[bool]] | None = None,
    required_scope: tuple[str, str] | None = None,
    updated_at: str = "updated_at",
    description: str | None = None,
) -> StrawberryField:
    """The `all` field listing `table`'s rows as `node`s, filtered by a `filter_type`.

    A filter field reads the column of its name unless `columns` or `conditions` say otherwise
    (`filter_clause`). `default_conditions` hold unless the filter gives the field each is
    keyed by (records at 0 are left out of `stocks` unless the filter speaks of the quantity).
    `required_scope` is the scope the field needs and the message that refuses it without.
    `updated_at` names the column that says when a row last changed.
    """

    def clause_of(filter_input: object | None) -> Clause:
        clause = filter_clause(filter_input, table, columns, conditions)
        for field, condition in (default_conditions or {}).items():
            if getattr(filter_input, field, None) is None:
                clause = clause & condition
        return clause

    def where_of(_source: FromClause, filter_input: object | None, tenant_id: int) -> Clause:
        return (table.c.tenant_id == tenant_id) & clause_of(filter_input)

    listed = ListSource(
        source_of=lambda _tenant_id: table,
        where_of=where_of,
        required_scope=required_scope,
        updated_at=updated_at,
    )

    async def page(
        self: object,
        info: Info[GraphQLContext, None],
        filter: object | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SimpleNamespace]:
        return await paginate_list(
            info.context, listed, filter_input=filter, first=first, after=after, sort=sort
        )

    LIST_SOURCES[page] = listed

    # Strawberry reads the arguments' and the result's types from the resolver's annotations:
    # this list's filter and node types, known only here.
    page.__annotations__ = {
        "info": Info[GraphQLContext, None],
        "filter": filter_type | None,
        "sort": SortInputType | None,
        "first": int | None,
        "after": str | None,
        "return": Connection[node],  # type: ignore[valid-type]
    }
    return strawberry.field(page, description=description)
