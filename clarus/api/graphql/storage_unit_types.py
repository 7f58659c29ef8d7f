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
from clarus.api.graphql.loaders import DimensionsByStorageUnitTypeIdLoader
from clarus.api.graphql.nodes import TimestampsNode
from clarus.catalog.tables import storage_unit_types


@strawberry.type(name="StorageUnitTypeDimensions")
class DimensionsNode:
    length: float | None
    width: float | None
    height: float | None
    weight: float | None
    unit_of_measure: str | None
    weight_unit_of_measure: str | None


@strawberry.type(name="StorageUnitType")
class StorageUnitTypeNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    unit_name: str
    sequence_id: int
    description: str | None
    max_chars: int | None
    is_pickable: bool
    has_check_digit: bool
    inherits_dimensions_from_item: bool
    leaves_warehouse: bool

    @strawberry.field(description="Null until dimensions are sent.")
    async def dimensions(self, info: Info[GraphQLContext, None]) -> DimensionsNode | None:
        loader = DimensionsByStorageUnitTypeIdLoader.of(info.context)
        dimensions: DimensionsNode | None = await loader.load(int(self.id))
        return dimensions


@strawberry.input
class StorageUnitTypeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    unit_name: StringInputType | None = None
    is_pickable: BooleanInputType | None = None
    has_check_digit: BooleanInputType | None = None
    leaves_warehouse: BooleanInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class StorageUnitTypeQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: StorageUnitTypeFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[StorageUnitTypeNode]:
        return await paginate(
            info.context,
            storage_unit_types,
            where=filter_clause(filter, storage_unit_types),
            first=first,
            after=after,
            sort=sort,
        )
