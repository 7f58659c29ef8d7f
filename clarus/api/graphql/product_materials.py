from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    DecimalInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import ProductByIdLoader, loaded_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.products import ProductNode
from clarus.catalog.tables import product_materials, products


@strawberry.type(name="ProductMaterial")
class ProductMaterialNode(TimestampsNode):
    id: strawberry.ID
    parent_product_id: strawberry.ID
    child_product_id: strawberry.ID
    quantity: float

    parent_product = loaded_field(ProductByIdLoader, "parent_product_id", ProductNode)
    child_product = loaded_field(ProductByIdLoader, "child_product_id", ProductNode)


@strawberry.input
class ProductMaterialFilterType:
    id: IdInputType | None = None
    parent_product_id: IdInputType | None = None
    child_product_id: IdInputType | None = None
    parent_product_code: StringInputType | None = None
    child_product_code: StringInputType | None = None
    quantity: DecimalInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_COLUMNS = {
    "parent_product_code": referenced_column(
        products, "code", product_materials.c.parent_product_id
    ),
    "child_product_code": referenced_column(products, "code", product_materials.c.child_product_id),
}


@strawberry.type
class ProductMaterialQueries:
    all = list_field(
        ProductMaterialNode, ProductMaterialFilterType, product_materials, columns=FILTER_COLUMNS
    )
