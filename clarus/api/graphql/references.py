"""Node mixins for the references many records carry: the `*_id` column and the record it
points at, read through the request's batched loader."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.carriers import CarrierNode
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


@strawberry.type
class AccountReferenceNode:
    account_id: strawberry.ID

    @strawberry.field
    async def account(self, info: Info[GraphQLContext, None]) -> AccountNode:
        account: AccountNode = await AccountByIdLoader.of(info.context).load(int(self.account_id))
        return account


@strawberry.type
class AddressReferenceNode:
    address_id: strawberry.ID | None

    @strawberry.field
    async def address(self, info: Info[GraphQLContext, None]) -> AddressNode | None:
        address: AddressNode | None = await AddressByIdLoader.of(info.context).load_optional(
            self.address_id
        )
        return address


@strawberry.type
class CarrierReferenceNode:
    carrier_id: strawberry.ID | None

    @strawberry.field
    async def carrier(self, info: Info[GraphQLContext, None]) -> CarrierNode | None:
        carrier: CarrierNode | None = await CarrierByIdLoader.of(info.context).load_optional(
            self.carrier_id
        )
        return carrier


@strawberry.type
class ProductReferenceNode:
    product_id: strawberry.ID

    @strawberry.field
    async def product(self, info: Info[GraphQLContext, None]) -> ProductNode:
        product: ProductNode = await ProductByIdLoader.of(info.context).load(int(self.product_id))
        return product


@strawberry.type
class WarehouseReferenceNode:
    warehouse_id: strawberry.ID

    @strawberry.field
    async def warehouse(self, info: Info[GraphQLContext, None]) -> WarehouseNode:
        loader = WarehouseByIdLoader.of(info.context)
        warehouse: WarehouseNode = await loader.load(int(self.warehouse_id))
        return warehouse
