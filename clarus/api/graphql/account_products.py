from __future__ import annotations

import strawberry

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.filters import DatetimeInputType, IdInputType
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import AccountByIdLoader, ProductByIdLoader, loaded_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.products import ProductNode
from clarus.catalog.tables import account_products


@strawberry.type(name="AccountProduct")
class AccountProductNode(TimestampsNode):
    id: strawberry.ID
    account_id: strawberry.ID
    product_id: strawberry.ID

    account = loaded_field(AccountByIdLoader, "account_id", AccountNode)
    product = loaded_field(ProductByIdLoader, "product_id", ProductNode)


@strawberry.input
class AccountProductFilterType:
    id: IdInputType | None = None
    account_id: IdInputType | None = None
    product_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class AccountProductQueries:
    all = list_field(AccountProductNode, AccountProductFilterType, account_products)
