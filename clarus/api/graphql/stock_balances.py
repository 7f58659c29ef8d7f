"""`stock_balances`: per product, account and warehouse, how much is available, allocated,
held, ordered, picked and received, aggregated in one statement a page."""

from __future__ import annotations

from types import SimpleNamespace

import strawberry
from sqlalchemy import ColumnElement, FromClause
from strawberry.types import Info

from clarus.api.graphql.connection import (
    LIST_SOURCES,
    Connection,
    ListSource,
    SortInputType,
    paginate_list,
)
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    DecimalInputType,
    IdInputType,
    StringInputType,
    filter_clause,
    referenced_column,
)
from clarus.api.graphql.references import (
    AccountReferenceNode,
    ProductReferenceNode,
    WarehouseReferenceNode,
)
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.catalog.tables import products
from clarus.outbound.stock_balances import BALANCE_KEY, stock_balances

LISTED = (
    "A balance per product, account and warehouse that has stock above 0 or lines of open orders"
    " (neither completed nor cancelled); sorted by product, account and warehouse id."
)


@strawberry.type(name="StockBalance")
class StockBalanceNode(ProductReferenceNode, AccountReferenceNode, WarehouseReferenceNode):
    available: float = strawberry.field(
        description="Quantity less what is allocated, of available (not held) stock"
    )
    allocated: float = strawberry.field(description="Reserved for orders")
    ordered: float = strawberry.field(
        description="Ordered and not yet dispatched, on orders neither completed nor cancelled"
    )
    received: float = strawberry.field(description="The sum of every receipt into stock")
    picked: float = strawberry.field(
        description="Picked and not yet dispatched, on orders neither completed nor cancelled"
    )
    held: float = strawberry.field(description="On hold: neither allocated nor picked (ours)")
    created_at: ISO8601DateTime = strawberry.field(
        description="The earliest creation among the stock, open order lines and receipts it"
        " sums (ours)"
    )
    updated_at: ISO8601DateTime = strawberry.field(
        description="The latest change among the stock, open order lines and receipts it sums"
        " (ours)"
    )


@strawberry.input
class StockBalancesFilterType:
    product_id: IdInputType | None = None
    product_code: StringInputType | None = None
    account_id: IdInputType | None = strawberry.field(
        default=None, description="Stock account ID (stock owner)"
    )
    warehouse_id: IdInputType | None = None
    available: DecimalInputType | None = None
    allocated: DecimalInputType | None = None
    picked: DecimalInputType | None = None
    ordered: DecimalInputType | None = strawberry.field(default=None, description="(ours)")
    held: DecimalInputType | None = strawberry.field(default=None, description="(ours)")
    created_at: DatetimeInputType | None = strawberry.field(default=None, description="(ours)")
    updated_at: DatetimeInputType | None = strawberry.field(default=None, description="(ours)")


def _balances_where(
    balances: FromClause, filter_input: object | None, _tenant_id: int
) -> ColumnElement[bool]:
    product_code = referenced_column(products, "code", balances.c.product_id)
    return filter_clause(filter_input, balances, {"product_code": product_code})


BALANCES = ListSource(source_of=stock_balances, where_of=_balances_where, key=BALANCE_KEY)
"""The balances of a tenant (`stock_balances` is limited to it)."""


async def _page(
    self: object,
    info: Info[GraphQLContext, None],
    filter: StockBalancesFilterType | None = None,
    sort: SortInputType | None = None,
    first: int | None = None,
    after: str | None = None,
) -> Connection[SimpleNamespace]:
    return await paginate_list(
        info.context, BALANCES, filter_input=filter, first=first, after=after, sort=sort
    )


LIST_SOURCES[_page] = BALANCES


@strawberry.type
class StockBalanceQueries:
    all = strawberry.field(_page, description=LISTED, graphql_type=Connection[StockBalanceNode])
