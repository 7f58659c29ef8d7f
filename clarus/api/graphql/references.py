"""Node mixins for the references many records carry: the `*_id` column and the record it
points at, read through the request's batched loader; a page loads them before its nodes ask
(`connection.prefetch`), so these resolvers usually answer without awaiting."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.carriers import CarrierNode
from clarus.api.graphql.connection import PREFETCHES, Prefetch
from clarus.api.graphql.loaders import (
    AccountByIdLoader,
    AddressByIdLoader,
    CarrierByIdLoader,
    ProductByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
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

    account = loaded_field(AccountByIdLoader, "account_id", AccountNode)


@strawberry.type
class AddressReferenceNode:
    address_id: strawberry.ID | None

    address = loaded_field(AddressByIdLoader, "address_id", AddressNode | None)


@strawberry.type
class CarrierReferenceNode:
    carrier_id: strawberry.ID | None

    carrier = loaded_field(CarrierByIdLoader, "carrier_id", CarrierNode | None)


@strawberry.type
class ProductReferenceNode:
    product_id: strawberry.ID

    product = loaded_field(ProductByIdLoader, "product_id", ProductNode)


@strawberry.type
class WarehouseReferenceNode:
    warehouse_id: strawberry.ID

    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode)
