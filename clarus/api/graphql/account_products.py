from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import DatetimeInputType, IdInputType, filter_clause
from clarus.api.graphql.loaders import AccountByIdLoader, ProductByIdLoader
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.products import ProductNode
from clarus.catalog.tables import account_products


@strawberry.type(name="AccountProduct")
class AccountProductNode(TimestampsNode):
    id: strawberry.ID
    account_id: strawberry.ID
    product_id: strawberry.ID

    @strawberry.field
    async def account(self, info: Info[GraphQLContext, None]) -> AccountNode:
        account: AccountNode = await AccountByIdLoader.of(info.context).load(int(self.account_id))
        return account

    @strawberry.field
    async def product(self, info: Info[GraphQLContext, None]) -> ProductNode:
        product: ProductNode = await ProductByIdLoader.of(info.context).load(int(self.product_id))
        return product


@strawberry.input
class AccountProductFilterType:
    id: IdInputType | None = None
    account_id: IdInputType | None = None
    product_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class AccountProductQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: AccountProductFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AccountProductNode]:
        return await paginate(
            info.context,
            account_products,
            where=filter_clause(filter, account_products),
            first=first,
            after=after,
            sort=sort,
        )
