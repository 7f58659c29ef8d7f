from __future__ import annotations

from enum import Enum

import strawberry

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    DatetimeInputType,
    DecimalInputType,
    FilterColumn,
    IdInputType,
    referenced_column,
)
from clarus.api.graphql.goods_outs import GoodsOutLineNode
from clarus.api.graphql.lists import list_field
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_out_lines, goods_outs


@strawberry.enum(name="GoodsOutStatusCode")
class GoodsOutStatusCode(Enum):
    """A goods out status by code; the value is the status id the filter compares."""

    DRAFT = GoodsOutStatus.DRAFT.value
    PENDING = GoodsOutStatus.PENDING.value
    PICK = GoodsOutStatus.PICK.value
    PART = GoodsOutStatus.PART.value
    ALLOCATED = GoodsOutStatus.ALLOCATED.value
    COMPLETED = GoodsOutStatus.COMPLETED.value
    PART_ALLOCATED = GoodsOutStatus.PART_ALLOCATED.value
    CANCELLED = GoodsOutStatus.CANCELLED.value


@strawberry.input(description="A goods out status code: eq, in (any of)")
class StatusCodeInputType(EnumInputType[GoodsOutStatusCode]):
    pass


def _of_the_order(column: str) -> FilterColumn:
    """The line's order's `column`: the filters that read the parent goods out."""
    return referenced_column(goods_outs, column, goods_out_lines.c.goods_out_id)


FILTER_COLUMNS = {
    "account_id": _of_the_order("account_id"),
    "warehouse_id": _of_the_order("warehouse_id"),
    "goods_out_status_code": _of_the_order("goods_out_status_id"),
}


@strawberry.input
class GoodsOutLineFilterType:
    id: IdInputType | None = None
    goods_out_id: IdInputType | None = None
    product_id: IdInputType | None = None
    account_id: IdInputType | None = strawberry.field(
        default=None, description="The order's account (stock owner)"
    )
    warehouse_id: IdInputType | None = strawberry.field(
        default=None, description="The order's warehouse"
    )
    goods_out_status_code: StatusCodeInputType | None = strawberry.field(
        default=None, description="The order's status"
    )
    carrier_id: IdInputType | None = None
    order_quantity: DecimalInputType | None = None
    pick_quantity: DecimalInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class GoodsOutLineQueries:
    all = list_field(
        GoodsOutLineNode, GoodsOutLineFilterType, goods_out_lines, columns=FILTER_COLUMNS
    )
