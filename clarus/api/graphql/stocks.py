"""`stocks`: the stock records, each with what it is, whose, and where."""

from __future__ import annotations

import strawberry
from sqlalchemy import ColumnElement
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    DecimalInputType,
    IdInputType,
    StringInputType,
    filter_clause,
    referenced_column,
)
from clarus.api.graphql.loaders import LocationByIdLoader, StorageUnitByIdLoader
from clarus.api.graphql.locations import LocationNode
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.references import (
    AccountReferenceNode,
    ProductReferenceNode,
    WarehouseReferenceNode,
)
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.storage_units import StorageUnitNode
from clarus.catalog.tables import products
from clarus.inventory.ledger import stocks
from clarus.inventory.statuses import StockStatus
from clarus.masterdata.service import locations

FILTER_COLUMNS = {
    "product_code": referenced_column(products, "code", stocks.c.product_id),
    "location_code": referenced_column(locations, "code", stocks.c.location_id),
}
LISTED = (
    "Stock records of the tenant, in id order. A record whose quantity has reached 0 is history"
    " (its transactions remain) and is left out, unless the filter gives `quantity`:"
    " `{quantity: {eq: 0}}` finds exactly those."
)


@strawberry.type(name="Stock")
class StockNode(ProductReferenceNode, AccountReferenceNode, WarehouseReferenceNode, TimestampsNode):
    id: strawberry.ID
    location_id: strawberry.ID
    storage_unit_id: strawberry.ID | None
    status: str = strawberry.field(description=f"One of {', '.join(StockStatus)}")
    quantity: float
    allocated_quantity: float = strawberry.field(
        description="How much of `quantity` is reserved for orders"
    )
    fifo_date: ISO8601DateTime = strawberry.field(description="When the stock arrived")
    string1: str | None = strawberry.field(description="The batch (lot) number")
    datetime1: ISO8601DateTime | None = strawberry.field(description="Sell by")
    datetime2: ISO8601DateTime | None = strawberry.field(description="Best before")
    hold_description: str | None
    hold_reason_code_id: strawberry.ID | None

    @strawberry.field
    async def location(self, info: Info[GraphQLContext, None]) -> LocationNode:
        location: LocationNode = await LocationByIdLoader.of(info.context).load(
            int(self.location_id)
        )
        return location

    @strawberry.field
    async def storage_unit(self, info: Info[GraphQLContext, None]) -> StorageUnitNode | None:
        loader = StorageUnitByIdLoader.of(info.context)
        storage_unit: StorageUnitNode | None = await loader.load_optional(self.storage_unit_id)
        return storage_unit


@strawberry.input
class StockFilterType:
    id: IdInputType | None = None
    product_id: IdInputType | None = None
    product_code: StringInputType | None = None
    account_id: IdInputType | None = strawberry.field(
        default=None, description="Stock account ID (stock owner)"
    )
    warehouse_id: IdInputType | None = None
    location_id: IdInputType | None = None
    location_code: StringInputType | None = None
    storage_unit_id: IdInputType | None = None
    status: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(StockStatus)}"
    )
    quantity: DecimalInputType | None = strawberry.field(
        default=None, description="Given, records at 0 are listed too when they match"
    )
    fifo_date: DatetimeInputType | None = None
    string1: StringInputType | None = strawberry.field(default=None, description="The batch")
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


def _stock_clause(filter: StockFilterType | None) -> ColumnElement[bool]:
    """The filter, and records at 0 left out unless it speaks of the quantity."""
    where = filter_clause(filter, stocks, FILTER_COLUMNS)
    if filter is None or filter.quantity is None:
        where = where & (stocks.c.quantity > 0)
    return where


@strawberry.type
class StockQueries:
    @strawberry.field(description=LISTED)
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: StockFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[StockNode]:
        return await paginate(
            info.context, stocks, where=_stock_clause(filter), first=first, after=after, sort=sort
        )
