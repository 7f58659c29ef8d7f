from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    DecimalInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    filter_clause,
    referenced_column,
)
from clarus.api.graphql.loaders import ProductByIdLoader, StorageUnitTypeByIdLoader
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

    @strawberry.field
    async def product(self, info: Info[GraphQLContext, None]) -> ProductNode:
        product: ProductNode = await ProductByIdLoader.of(info.context).load(int(self.product_id))
        return product

    @strawberry.field
    async def storage_unit_type(self, info: Info[GraphQLContext, None]) -> StorageUnitTypeNode:
        loader = StorageUnitTypeByIdLoader.of(info.context)
        storage_unit_type: StorageUnitTypeNode = await loader.load(int(self.storage_unit_type_id))
        return storage_unit_type


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
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: ProductStorageUnitFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ProductStorageUnitNode]:
        return await paginate(
            info.context,
            product_storage_units,
            where=filter_clause(filter, product_storage_units, FILTER_COLUMNS),
            first=first,
            after=after,
            sort=sort,
        )
