"""`warehouse_routes { all(filter) }` (ListWarehouseRoutes): the pick walk, product by product;
read the order from `position`."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.customers import CustomerNode
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    AccountByIdLoader,
    CustomerByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
)
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.references import ProductReferenceNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.catalog.tables import products
from clarus.stockcontrol.tables import warehouse_routes


@strawberry.type(name="WarehouseRoute")
class WarehouseRouteNode(ProductReferenceNode, TimestampsNode):
    id: strawberry.ID
    position: int
    warehouse_id: strawberry.ID | None
    account_id: strawberry.ID | None
    customer_id: strawberry.ID | None

    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)
    account = loaded_field(AccountByIdLoader, "account_id", AccountNode | None)
    customer = loaded_field(CustomerByIdLoader, "customer_id", CustomerNode | None)


@strawberry.input
class WarehouseRouteFilterType:
    id: IdInputType | None = None
    product_id: IdInputType | None = None
    product_code: StringInputType | None = None
    warehouse_id: IdInputType | None = None
    account_id: IdInputType | None = None
    customer_id: IdInputType | None = None
    position: IntegerInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class WarehouseRouteQueries:
    all = list_field(
        WarehouseRouteNode,
        WarehouseRouteFilterType,
        warehouse_routes,
        columns={
            "product_code": referenced_column(products, "code", warehouse_routes.c.product_id)
        },
    )
