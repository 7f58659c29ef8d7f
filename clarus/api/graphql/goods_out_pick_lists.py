"""`goods_out_pick_lists { all(filter) }` (ListGoodsOutPickLists): the lists processing picks
made, their orders, the status those orders are in, and counters of their tasks."""

from __future__ import annotations

from operator import itemgetter
from types import SimpleNamespace

import strawberry
from strawberry.types.field import StrawberryField

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
)
from clarus.api.graphql.goods_outs import GoodsOutNode, GoodsOutStatusNode
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    AccountByIdLoader,
    GoodsOutsByGoodsOutPickListIdLoader,
    LocationByIdLoader,
    TaskCountsByGoodsOutPickListIdLoader,
    loaded_field,
)
from clarus.api.graphql.locations import LocationNode
from clarus.api.graphql.nodes import CustomStringsNode, TimestampsNode
from clarus.api.graphql.references import WarehouseReferenceNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.outbound.queries import PICK_LIST_TASK_COUNTERS, task_count_of_each_list
from clarus.outbound.statuses import PickListStatus
from clarus.outbound.tables import goods_out_pick_lists


def _task_count_field(name: str, description: str) -> StrawberryField:
    """The field of a pick list's counter `name` (`PICK_LIST_TASK_COUNTERS`)."""
    return loaded_field(
        TaskCountsByGoodsOutPickListIdLoader,
        "id",
        int,
        pick=itemgetter(name),
        description=description,
    )


def _first_order_status(orders: list[SimpleNamespace]) -> GoodsOutStatusNode | None:
    return GoodsOutStatusNode.of(orders[0].goods_out_status_id) if orders else None


@strawberry.type(name="GoodsOutPickList")
class GoodsOutPickListNode(WarehouseReferenceNode, CustomStringsNode, TimestampsNode):
    id: strawberry.ID
    reference: str | None
    account_id: strawberry.ID | None
    pick_type: str
    status: str
    pick_reference: str | None
    load_reference: str | None
    expected_date_of_dispatch: ISO8601DateTime | None
    goods_out_bay_id: strawberry.ID | None

    account = loaded_field(AccountByIdLoader, "account_id", AccountNode | None)
    goods_out_bay = loaded_field(LocationByIdLoader, "goods_out_bay_id", LocationNode | None)

    goods_outs = loaded_field(
        GoodsOutsByGoodsOutPickListIdLoader,
        "id",
        list[GoodsOutNode],
        description="The orders on the list, in id order",
    )

    goods_out_status = loaded_field(
        GoodsOutsByGoodsOutPickListIdLoader,
        "id",
        GoodsOutStatusNode | None,
        pick=_first_order_status,
        description="The status of the list's first order (lowest id); null without",
    )

    pick_tasks_count = _task_count_field(
        "pick_tasks_count", "PICK tasks of the list's orders, not cancelled"
    )
    completed_pick_tasks_count = _task_count_field(
        "completed_pick_tasks_count", "Completed PICK tasks of the list's orders"
    )
    dispatch_tasks_count = _task_count_field(
        "dispatch_tasks_count", "DISP tasks of the list's orders, not cancelled"
    )
    completed_dispatch_tasks_count = _task_count_field(
        "completed_dispatch_tasks_count", "Completed DISP tasks of the list's orders"
    )
    loading_tasks_count = _task_count_field(
        "loading_tasks_count", "LOAD tasks of the list's orders, not cancelled"
    )
    completed_loading_tasks_count = _task_count_field(
        "completed_loading_tasks_count", "Completed LOAD tasks of the list's orders"
    )


@strawberry.input
class GoodsOutPickListsFilterType:
    id: IdInputType | None = None
    reference: StringInputType | None = None
    status: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(PickListStatus)}"
    )
    account_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    pick_type: StringInputType | None = None
    pick_reference: StringInputType | None = None
    load_reference: StringInputType | None = None
    goods_out_bay_id: IdInputType | None = None
    expected_date_of_dispatch: DatetimeInputType | None = None
    pick_tasks_count: IntegerInputType | None = None
    completed_pick_tasks_count: IntegerInputType | None = None
    dispatch_tasks_count: IntegerInputType | None = None
    completed_dispatch_tasks_count: IntegerInputType | None = None
    loading_tasks_count: IntegerInputType | None = None
    completed_loading_tasks_count: IntegerInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_COLUMNS = {name: task_count_of_each_list(name) for name in PICK_LIST_TASK_COUNTERS}


@strawberry.type
class GoodsOutPickListQueries:
    all = list_field(
        GoodsOutPickListNode,
        GoodsOutPickListsFilterType,
        goods_out_pick_lists,
        columns=FILTER_COLUMNS,
    )
