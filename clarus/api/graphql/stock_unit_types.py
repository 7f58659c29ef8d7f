from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.nodes import TimestampsNode
from clarus.catalog.tables import stock_unit_types


@strawberry.type(name="StockUnitType")
class StockUnitTypeNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None


@strawberry.input
class StockUnitTypeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    description: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class StockUnitTypeQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: StockUnitTypeFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[StockUnitTypeNode]:
        return await paginate(
            info.context,
            stock_unit_types,
            where=filter_clause(filter, stock_unit_types),
            first=first,
            after=after,
            sort=sort,
        )
