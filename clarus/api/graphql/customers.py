from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.loaders import AddressByIdLoader
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.core.db import table_of
from clarus.masterdata.parties import Customer

customers = table_of(Customer)


@strawberry.type(name="Customer")
class CustomerNode(ExternalReferencesNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    shelf_life_min: int | None
    shelf_life_max: int | None
    pick_label_id: strawberry.ID | None
    address_id: strawberry.ID | None

    @strawberry.field
    async def address(self, info: Info[GraphQLContext, None]) -> AddressNode | None:
        loader = AddressByIdLoader.of(info.context)
        address: AddressNode | None = await loader.load_optional(self.address_id)
        return address


@strawberry.input
class CustomerFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    external_system_reference1: StringInputType | None = None
    shelf_life_min: IntegerInputType | None = None
    shelf_life_max: IntegerInputType | None = None
    pick_label_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class CustomerQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: CustomerFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CustomerNode]:
        return await paginate(
            info.context,
            customers,
            where=filter_clause(filter, customers),
            first=first,
            after=after,
            sort=sort,
        )
