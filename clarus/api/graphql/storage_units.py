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
    referenced_column,
)
from clarus.api.graphql.loaders import StorageUnitTypeByIdLoader, WarehouseByIdLoader
from clarus.api.graphql.nodes import CustomStringsNode, TimestampsNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.storage_unit_types import StorageUnitTypeNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.catalog.tables import storage_unit_types, storage_units


@strawberry.type(name="StorageUnit")
class StorageUnitNode(CustomStringsNode, TimestampsNode):
    id: strawberry.ID
    reference: str | None
    barcode: str | None
    active: bool
    dispatched: bool
    dispatched_at: ISO8601DateTime | None
    storage_unit_type_id: strawberry.ID
    warehouse_id: strawberry.ID | None
    location_id: strawberry.ID | None

    @strawberry.field
    async def storage_unit_type(self, info: Info[GraphQLContext, None]) -> StorageUnitTypeNode:
        loader = StorageUnitTypeByIdLoader.of(info.context)
        storage_unit_type: StorageUnitTypeNode = await loader.load(int(self.storage_unit_type_id))
        return storage_unit_type

    @strawberry.field
    async def warehouse(self, info: Info[GraphQLContext, None]) -> WarehouseNode | None:
        loader = WarehouseByIdLoader.of(info.context)
        warehouse: WarehouseNode | None = await loader.load_optional(self.warehouse_id)
        return warehouse


@strawberry.input
class StorageUnitFilterType:
    id: IdInputType | None = None
    reference: StringInputType | None = None
    active: BooleanInputType | None = None
    dispatched: BooleanInputType | None = None
    storage_unit_type_code: StringInputType | None = None
    warehouse_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_COLUMNS = {
    "storage_unit_type_code": referenced_column(
        storage_unit_types, "code", storage_units.c.storage_unit_type_id
    )
}


@strawberry.type
class StorageUnitQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: StorageUnitFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[StorageUnitNode]:
        return await paginate(
            info.context,
            storage_units,
            where=filter_clause(filter, storage_units, FILTER_COLUMNS),
            first=first,
            after=after,
            sort=sort,
        )
