from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    DecimalInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import ProductByIdLoader, StorageUnitTypeByIdLoader, loaded_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.products import ProductNode
from clarus.api.graphql.storage_unit_types import StorageUnitTypeNode
from clarus.catalog.tables import product_storage_units, products, storage_unit_types


@strawberry.type(name="ProductStorageUnit")
class ProductStorageUnitNode(TimestampsNode):
    id: strawberry.ID
    product_id: strawberry.ID
    storage_unit_type_id: strawberry.ID
    priority: int
    stock_configuration: str
    unit_of_measure: str
    per_layer: float
    number_of_layers: int
    total: float | None
    height: float | None

    product = loaded_field(ProductByIdLoader, "product_id", ProductNode)

    storage_unit_type = loaded_field(
        StorageUnitTypeByIdLoader, "storage_unit_type_id", StorageUnitTypeNode
    )


@strawberry.input
class ProductStorageUnitFilterType:
    id: IdInputType | None = None
    product_id: IdInputType | None = None
    product_code: StringInputType | None = None
    storage_unit_type_id: IdInputType | None = None
    storage_unit_type_code: StringInputType | None = None
    priority: IntegerInputType | None = None
    total: DecimalInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_COLUMNS = {
    "product_code": referenced_column(products, "code", product_storage_units.c.product_id),
    "storage_unit_type_code": referenced_column(
        storage_unit_types, "code", product_storage_units.c.storage_unit_type_id
    ),
}


@strawberry.type
class ProductStorageUnitQueries:
    all = list_field(
        ProductStorageUnitNode,
        ProductStorageUnitFilterType,
        product_storage_units,
        columns=FILTER_COLUMNS,
    )
