"""`pick_processing_requests { all(filter) }` (ListPickProcessingRequests): each order's pass
through asynchronous pick processing."""

from __future__ import annotations

from enum import Enum

import strawberry

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.goods_outs import GoodsOutNode
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import GoodsOutByIdLoader, loaded_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.outbound.statuses import PickProcessingStatus
from clarus.outbound.tables import goods_outs, pick_processing_requests


@strawberry.enum(name="PickProcessingStatus")
class PickProcessingStatusValue(Enum):
    pending = PickProcessingStatus.PENDING.value
    completed = PickProcessingStatus.COMPLETED.value
    failed = PickProcessingStatus.FAILED.value


@strawberry.input(description="A pick processing request status: eq, in (any of)")
class StatusInputType(EnumInputType[PickProcessingStatusValue]):
    pass


@strawberry.type(name="PickProcessingRequest")
class PickProcessingRequestNode(TimestampsNode):
    id: strawberry.ID
    status: str
    process_reference: str
    message: str | None
    goods_out_id: strawberry.ID | None

    goods_out = loaded_field(GoodsOutByIdLoader, "goods_out_id", GoodsOutNode | None)


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
    all = list_field(
        PickProcessingRequestNode,
        PickProcessingRequestFilterType,
        pick_processing_requests,
        columns=FILTER_COLUMNS,
    )
