"""`pick_processing_requests { all(filter) }` (ListPickProcessingRequests): each order's pass
through asynchronous pick processing."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    enum_input,
    filter_clause,
    referenced_column,
)
from clarus.api.graphql.goods_outs import GoodsOutNode
from clarus.api.graphql.loaders import GoodsOutByIdLoader
from clarus.api.graphql.nodes import TimestampsNode
from clarus.outbound.statuses import PickProcessingStatus
from clarus.outbound.tables import goods_outs, pick_processing_requests


@strawberry.enum(name="PickProcessingStatus")
class PickProcessingStatusValue(Enum):
    pending = PickProcessingStatus.PENDING.value
    completed = PickProcessingStatus.COMPLETED.value
    failed = PickProcessingStatus.FAILED.value


@enum_input
@strawberry.input(description="A pick processing request status: eq, in (any of)")
class StatusInputType:
    eq: PickProcessingStatusValue | None = None
    in_: list[PickProcessingStatusValue] | None = strawberry.field(name="in", default=None)


@strawberry.type(name="PickProcessingRequest")
class PickProcessingRequestNode(TimestampsNode):
    id: strawberry.ID
    status: str
    process_reference: str
    message: str | None
    goods_out_id: strawberry.ID | None

    @strawberry.field
    async def goods_out(self, info: Info[GraphQLContext, None]) -> GoodsOutNode | None:
        goods_out: GoodsOutNode | None = await GoodsOutByIdLoader.of(info.context).load_optional(
            self.goods_out_id
        )
        return goods_out


@strawberry.input
class PickProcessingRequestFilterType:
    id: IdInputType | None = None
    goods_out_id: IdInputType | None = None
    goods_out_reference: StringInputType | None = None
    status: StatusInputType | None = None
    process_reference: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_COLUMNS = {
    "goods_out_reference": referenced_column(
        goods_outs, "reference", pick_processing_requests.c.goods_out_id
    )
}


@strawberry.type
class PickProcessingRequestQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: PickProcessingRequestFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PickProcessingRequestNode]:
        return await paginate(
            info.context,
            pick_processing_requests,
            where=filter_clause(filter, pick_processing_requests, FILTER_COLUMNS),
            first=first,
            after=after,
            sort=sort,
        )
