"""`sites`: the groups of warehouses of multi-site operations (written as REST `sites`); the list
the polling guide reads first to check a connection (`query getSites`)."""

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
)
from clarus.api.graphql.loaders import AddressByIdLoader
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.masterdata.service import sites


@strawberry.type(name="Site")
class SiteNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    default: bool = strawberry.field(description="Whether this is the tenant's default site")
    tier: str | None = strawberry.field(description="none, lower or upper")
    address_id: int | None

    @strawberry.field
    async def address(self, info: Info[GraphQLContext, None]) -> AddressNode | None:
        address: AddressNode | None = await AddressByIdLoader.of(info.context).load_optional(
            self.address_id
        )
        return address


@strawberry.input
class SiteFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    default: BooleanInputType | None = None
    tier: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class SiteQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: SiteFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SiteNode]:
        return await paginate(
            info.context,
            sites,
            where=filter_clause(filter, sites),
            first=first,
            after=after,
            sort=sort,
        )
