from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.connection import Connection, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.loaders import load_node
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.masterdata.addresses import addresses
from clarus.masterdata.service import warehouses


@strawberry.type(name="Warehouse")
class WarehouseNode:
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
    external_system_reference1: str | None
    external_system_reference2: str | None
    external_system_reference3: str | None
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None
    integer1: int | None
    integer2: int | None
    integer3: int | None
    integer4: int | None
    integer5: int | None
    datetime1: ISO8601DateTime | None
    datetime2: ISO8601DateTime | None
    datetime3: ISO8601DateTime | None
    datetime4: ISO8601DateTime | None
    datetime5: ISO8601DateTime | None
    boolean1: bool | None
    boolean2: bool | None
    boolean3: bool | None
    boolean4: bool | None
    boolean5: bool | None
    created_at: ISO8601DateTime
    updated_at: ISO8601DateTime

    @strawberry.field
    async def address(self, info: Info[GraphQLContext, None]) -> AddressNode | None:
        return await load_node(info.context, addresses, self.address_id, AddressNode)


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
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[WarehouseNode]:
        return await paginate(
            info.context,
            warehouses,
            where=filter_clause(filter, warehouses),
            first=first,
            after=after,
        )
