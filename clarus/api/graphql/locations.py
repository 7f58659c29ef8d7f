from __future__ import annotations

import strawberry
from sqlalchemy import select
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.loaders import WarehouseByIdLoader
from clarus.api.graphql.nodes import CustomFieldsNode, TimestampsNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.masterdata.service import locations, warehouses

FILTER_COLUMNS = {
    "walk_sequence": locations.c.pick_sequence,
    "warehouse_code": select(warehouses.c.code)
    .where(warehouses.c.id == locations.c.warehouse_id)
    .scalar_subquery(),
}


@strawberry.type(name="Location")
class LocationNode(CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str
    warehouse_id: int
    location_type_id: int
    description: str | None
    barcode: str | None
    is_active: bool = strawberry.field(name="active")
    is_pickface: bool
    zone: str | None
    aisle: str | None
    column: str | None
    row: str | None
    slot: str | None
    bay: str | None
    level: str | None
    position: str | None
    pick_sequence: int | None = strawberry.field(name="walk_sequence")
    putaway_sequence: int | None
    max_weight: float | None
    max_cube: float | None
    max_storage_units: int | None
    storage_unit_type_id: int | None

    @strawberry.field
    async def warehouse(self, info: Info[GraphQLContext, None]) -> WarehouseNode | None:
        warehouse: WarehouseNode | None = await WarehouseByIdLoader.of(info.context).load_optional(
            self.warehouse_id
        )
        return warehouse


@strawberry.input
class LocationsFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    aisle: StringInputType | None = None
    zone: StringInputType | None = None
    warehouse_id: IdInputType | None = None
    warehouse_code: StringInputType | None = None
    location_type_id: IdInputType | None = None
    storage_unit_type_id: IdInputType | None = None
    walk_sequence: IntegerInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class LocationQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: LocationsFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[LocationNode]:
        return await paginate(
            info.context,
            locations,
            where=filter_clause(filter, locations, FILTER_COLUMNS),
            first=first,
            after=after,
            sort=sort,
        )
