from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.nodes import TimestampsNode
from clarus.masterdata.service import ORDER_TYPES

order_types = ORDER_TYPES.table


@strawberry.type(name="OrderType")
class OrderTypeNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    duty_payable: bool


@strawberry.input
class OrderTypeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    duty_payable: BooleanInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class OrderTypeQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: OrderTypeFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[OrderTypeNode]:
        return await paginate(
            info.context,
            order_types,
            where=filter_clause(filter, order_types),
            first=first,
            after=after,
            sort=sort,
        )
