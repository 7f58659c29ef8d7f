from __future__ import annotations

import strawberry

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import AddressByIdLoader, loaded_field
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.masterdata.service import SUPPLIERS
from clarus.masterdata.tables import addresses

suppliers = SUPPLIERS.table
FILTER_COLUMNS = {
    "address_postcode": referenced_column(addresses, "postcode", suppliers.c.address_id)
}


@strawberry.type(name="Supplier")
class SupplierNode(ExternalReferencesNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    active: bool
    address_id: strawberry.ID | None

    address = loaded_field(AddressByIdLoader, "address_id", AddressNode | None)


@strawberry.input
class SupplierFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    description: StringInputType | None = None
    active: BooleanInputType | None = None
    external_system_reference1: StringInputType | None = None
    address_postcode: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class SupplierQueries:
    all = list_field(SupplierNode, SupplierFilterType, suppliers, columns=FILTER_COLUMNS)
