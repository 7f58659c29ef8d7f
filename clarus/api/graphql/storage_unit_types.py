from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import DimensionsByStorageUnitTypeIdLoader, loaded_field
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

    dimensions = loaded_field(
        DimensionsByStorageUnitTypeIdLoader,
        "id",
        DimensionsNode | None,
        description="Null until dimensions are sent.",
    )


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
    all = list_field(StorageUnitTypeNode, StorageUnitTypeFilterType, storage_unit_types)
