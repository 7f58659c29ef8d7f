from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
    referenced_column,
)
from clarus.api.graphql.loaders import AddressByIdLoader
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.core.db import table_of
from clarus.masterdata.models import Address
from clarus.masterdata.parties import Supplier

suppliers = table_of(Supplier)
addresses = table_of(Address)
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

    @strawberry.field
    async def address(self, info: Info[GraphQLContext, None]) -> AddressNode | None:
        loader = AddressByIdLoader.of(info.context)
        address: AddressNode | None = await loader.load_optional(self.address_id)
        return address


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
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: SupplierFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SupplierNode]:
        return await paginate(
            info.context,
            suppliers,
            where=filter_clause(filter, suppliers, FILTER_COLUMNS),
            first=first,
            after=after,
            sort=sort,
        )
