"""`stocks`: the stock records, each with what it is, whose, and where."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    DecimalInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import LocationByIdLoader, StorageUnitByIdLoader, loaded_field
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
from clarus.inventory.queries import STOCK_IN_HAND
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import locations

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
    last_counted_at: ISO8601DateTime | None = strawberry.field(
        description="(ours) When a completed stock check last counted the record's group"
    )

    location = loaded_field(LocationByIdLoader, "location_id", LocationNode)
    storage_unit = loaded_field(StorageUnitByIdLoader, "storage_unit_id", StorageUnitNode | None)


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


@strawberry.type
class StockQueries:
    all = list_field(
        StockNode,
        StockFilterType,
        stocks,
        columns=FILTER_COLUMNS,
        default_conditions={"quantity": STOCK_IN_HAND},
        description=LISTED,
    )
