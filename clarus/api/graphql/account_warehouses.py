from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import DatetimeInputType, IdInputType, filter_clause
from clarus.api.graphql.loaders import AccountByIdLoader, WarehouseByIdLoader
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.masterdata.service import account_warehouses


@strawberry.type(name="AccountWarehouse")
class AccountWarehouseNode(TimestampsNode):
    id: strawberry.ID
    account_id: int
    warehouse_id: int

    @strawberry.field
    async def account(self, info: Info[GraphQLContext, None]) -> AccountNode | None:
        account: AccountNode | None = await AccountByIdLoader.of(info.context).load_optional(
            self.account_id
        )
        return account

    @strawberry.field
    async def warehouse(self, info: Info[GraphQLContext, None]) -> WarehouseNode | None:
        warehouse: WarehouseNode | None = await WarehouseByIdLoader.of(info.context).load_optional(
            self.warehouse_id
        )
        return warehouse


@strawberry.input
class AccountWarehouseFilterType:
    id: IdInputType | None = None
    account_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class AccountWarehouseQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: AccountWarehouseFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AccountWarehouseNode]:
        return await paginate(
            info.context,
            account_warehouses,
            where=filter_clause(filter, account_warehouses),
            first=first,
            after=after,
            sort=sort,
        )
