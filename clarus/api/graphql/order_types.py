from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
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
    all = list_field(OrderTypeNode, OrderTypeFilterType, order_types)
