"""Node mixins for the references many records carry: the `*_id` column and the record it
points at, read through the request's batched loader; a page loads them before its nodes ask
(`connection.prefetch`), so these resolvers usually answer without awaiting."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.carriers import CarrierNode
from clarus.api.graphql.connection import PREFETCHES, Prefetch
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.loaders import (
    AccountByIdLoader,
    AddressByIdLoader,
    CarrierByIdLoader,
    ProductByIdLoader,
    WarehouseByIdLoader,
)
from clarus.api.graphql.products import ProductNode
from clarus.api.graphql.warehouses import WarehouseNode

PREFETCHES.update(
    {
        "account": Prefetch(AccountByIdLoader.of, "account_id"),
        "address": Prefetch(AddressByIdLoader.of, "address_id"),
        "carrier": Prefetch(CarrierByIdLoader.of, "carrier_id"),
        "product": Prefetch(ProductByIdLoader.of, "product_id"),
        "warehouse": Prefetch(WarehouseByIdLoader.of, "warehouse_id"),
    }
)


@strawberry.type
class AccountReferenceNode:
    account_id: strawberry.ID

    @strawberry.field(graphql_type=AccountNode)
    def account(self, info: Info[GraphQLContext, None]) -> Any:
        return AccountByIdLoader.of(info.context).loaded(self.account_id)


@strawberry.type
class AddressReferenceNode:
    address_id: strawberry.ID | None

    @strawberry.field(graphql_type=AddressNode | None)
    def address(self, info: Info[GraphQLContext, None]) -> Any:
        return AddressByIdLoader.of(info.context).loaded(self.address_id)


@strawberry.type
class CarrierReferenceNode:
    carrier_id: strawberry.ID | None

    @strawberry.field(graphql_type=CarrierNode | None)
    def carrier(self, info: Info[GraphQLContext, None]) -> Any:
        return CarrierByIdLoader.of(info.context).loaded(self.carrier_id)


@strawberry.type
class ProductReferenceNode:
    product_id: strawberry.ID

    @strawberry.field(graphql_type=ProductNode)
    def product(self, info: Info[GraphQLContext, None]) -> Any:
        return ProductByIdLoader.of(info.context).loaded(self.product_id)


@strawberry.type
class WarehouseReferenceNode:
    warehouse_id: strawberry.ID

    @strawberry.field(graphql_type=WarehouseNode)
    def warehouse(self, info: Info[GraphQLContext, None]) -> Any:
        return WarehouseByIdLoader.of(info.context).loaded(self.warehouse_id)
