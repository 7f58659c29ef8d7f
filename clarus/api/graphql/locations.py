from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import WarehouseByIdLoader, loaded_field
from clarus.api.graphql.nodes import CustomFieldsNode, TimestampsNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.masterdata.tables import locations, warehouses

FILTER_COLUMNS = {
    "walk_sequence": locations.c.pick_sequence,
    "warehouse_code": referenced_column(warehouses, "code", locations.c.warehouse_id),
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
    last_counted_at: ISO8601DateTime | None = strawberry.field(
        description="(ours) When a stock check of the location was last completed"
    )
    available_in_booking_diary: bool
    booking_slots: int

    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)


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
    available_in_booking_diary: BooleanInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class LocationQueries:
    all = list_field(LocationNode, LocationsFilterType, locations, columns=FILTER_COLUMNS)
