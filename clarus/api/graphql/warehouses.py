from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.loaders import AddressByIdLoader
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.masterdata.service import warehouses


@strawberry.type(name="Warehouse")
class WarehouseNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    is_active: bool
    timezone: str | None
    site_id: int | None
    address_id: int | None
    consolidate_pick_enabled: bool
    loading_validation_setting: str
    opening_times_enabled: bool

    @strawberry.field
    async def address(self, info: Info[GraphQLContext, None]) -> AddressNode | None:
        address: AddressNode | None = await AddressByIdLoader.of(info.context).load_optional(
            self.address_id
        )
        return address


@strawberry.input
class WarehouseFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    site_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class WarehouseQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: WarehouseFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[WarehouseNode]:
        return await paginate(
            info.context,
            warehouses,
            where=filter_clause(filter, warehouses),
            first=first,
            after=after,
            sort=sort,
        )
