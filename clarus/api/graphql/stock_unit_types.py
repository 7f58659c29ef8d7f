from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
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
    all = list_field(StockUnitTypeNode, StockUnitTypeFilterType, stock_unit_types)
