"""`stock_checks { all(filter) }` (ours, as the spec README fills the gap): stock checks with
their records nested, read-only. A record's `system_count` and `variance` are null until its
check is completed: the count is blind."""

from __future__ import annotations

import datetime as dt

import strawberry

from clarus.api.graphql.filters import DatetimeInputType, IdInputType, StringInputType
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    ChildrenByParentIdLoader,
    LocationByIdLoader,
    loaded_field,
)
from clarus.api.graphql.locations import LocationNode
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.references import (
    AccountReferenceNode,
    ProductReferenceNode,
    WarehouseReferenceNode,
)
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.stockcontrol.statuses import StockCheckRecordStatus, StockCheckStatus
from clarus.stockcontrol.tables import stock_check_records, stock_checks


class StockCheckRecordsByStockCheckIdLoader(ChildrenByParentIdLoader):
    table = stock_check_records
    key = "stock_check_id"


@strawberry.type(name="StockCheckRecord")
class StockCheckRecordNode(ProductReferenceNode, TimestampsNode):
    id: strawberry.ID
    stock_check_id: strawberry.ID
    batch: str | None
    sell_by_date: dt.date | None
    best_before_date: dt.date | None
    status: str = strawberry.field(description=f"One of {', '.join(StockCheckRecordStatus)}")
    attempt_count: int
    physical_count: float | None = strawberry.field(description="The latest attempt's count")
    system_count: float | None = strawberry.field(
        description="What the system held at the latest attempt; null until completed"
    )
    variance: float | None = strawberry.field(
        description="physical_count less system_count; null until completed"
    )
    reason_code_id: strawberry.ID | None
    resolved_at: ISO8601DateTime | None
    user_resolved_by_id: strawberry.ID | None


@strawberry.type(name="StockCheck")
class StockCheckNode(AccountReferenceNode, WarehouseReferenceNode, TimestampsNode):
    id: strawberry.ID
    location_id: strawberry.ID
    task_id: strawberry.ID
    status: str = strawberry.field(description=f"One of {', '.join(StockCheckStatus)}")
    expected_completion_date: ISO8601DateTime
    completed_at: ISO8601DateTime | None
    resolved_at: ISO8601DateTime | None
    user_created_by_id: strawberry.ID | None
    user_completed_by_id: strawberry.ID | None

    location = loaded_field(LocationByIdLoader, "location_id", LocationNode)
    records = loaded_field(StockCheckRecordsByStockCheckIdLoader, "id", list[StockCheckRecordNode])


@strawberry.input
class StockCheckFilterType:
    id: IdInputType | None = None
    location_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    account_id: IdInputType | None = None
    task_id: IdInputType | None = None
    status: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(StockCheckStatus)}"
    )
    expected_completion_date: DatetimeInputType | None = None
    completed_at: DatetimeInputType | None = None
    resolved_at: DatetimeInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class StockCheckQueries:
    all = list_field(StockCheckNode, StockCheckFilterType, stock_checks)
