"""Crossdocks, with their account, warehouse and inline address."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.filters import DatetimeInputType, IdInputType, StringInputType
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    AccountByIdLoader,
    AddressByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
)
from clarus.api.graphql.nodes import CustomFieldsNode, TimestampsNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.shipping.tables import collection_addresses, crossdocks


@strawberry.type(name="Crossdock")
class CrossdockNode(CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    reference: str
    status: str
    inbound_method: str | None
    crossdock_type: str
    expected_date_of_receipt: ISO8601DateTime
    notes: str | None
    account_id: strawberry.ID
    warehouse_id: strawberry.ID | None
    carrier_id: strawberry.ID | None
    supplier_id: strawberry.ID | None
    collection_address_id: strawberry.ID | None
    goods_in_location_id: strawberry.ID | None

    account = loaded_field(AccountByIdLoader, "account_id", AccountNode | None)
    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)
    address = loaded_field(AddressByIdLoader, "address_id", AddressNode | None)


@strawberry.input
class CrossdockFilterType:
    id: IdInputType | None = None
    reference: StringInputType | None = None
    status: StringInputType | None = None
    inbound_method: StringInputType | None = None
    account_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    supplier_id: IdInputType | None = None
    carrier_id: IdInputType | None = None
    collection_address_id: IdInputType | None = None
    expected_date_of_receipt: DatetimeInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class CrossdockQueries:
    all = list_field(CrossdockNode, CrossdockFilterType, crossdocks)


@strawberry.type(name="CollectionAddress")
class CollectionAddressNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    supplier_id: strawberry.ID | None
    address_1: str | None
    address_2: str | None
    address_3: str | None
    address_4: str | None
    address_5: str | None
    postcode: str | None
    country_code: str | None
    email_address: str | None
    phone_number: str | None
    default_notes: str | None
    is_active: bool
    external_delivery_id: str | None


@strawberry.input
class CollectionAddressFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    supplier_id: IdInputType | None = None
    postcode: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class CollectionAddressQueries:
    all = list_field(CollectionAddressNode, CollectionAddressFilterType, collection_addresses)
