from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import StorageUnitTypeByIdLoader, WarehouseByIdLoader, loaded_field
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

    storage_unit_type = loaded_field(
        StorageUnitTypeByIdLoader, "storage_unit_type_id", StorageUnitTypeNode
    )

    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)


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
    all = list_field(StorageUnitNode, StorageUnitFilterType, storage_units, columns=FILTER_COLUMNS)
