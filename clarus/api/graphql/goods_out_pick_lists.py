"""`goods_out_pick_lists { all(filter) }` (ListGoodsOutPickLists): the lists processing picks
made, their orders, the status those orders are in, and counters of their tasks."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.goods_outs import GoodsOutNode, GoodsOutStatusNode
from clarus.api.graphql.loaders import (
    AccountByIdLoader,
    GoodsOutsByGoodsOutPickListIdLoader,
    LocationByIdLoader,
    TaskCountsByGoodsOutPickListIdLoader,
)
from clarus.api.graphql.locations import LocationNode
from clarus.api.graphql.nodes import CustomStringsNode, TimestampsNode
from clarus.api.graphql.references import WarehouseReferenceNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.outbound.queries import PICK_LIST_TASK_COUNTERS, task_count_of_each_list
from clarus.outbound.statuses import PickListStatus
from clarus.outbound.tables import goods_out_pick_lists


async def _task_count(info: Info[GraphQLContext, None], pick_list_id: str, name: str) -> int:
    """Counter `name` of a pick list (nodes are plain rows: no methods of the node type)."""
    counts = await TaskCountsByGoodsOutPickListIdLoader.of(info.context).load(int(pick_list_id))
    count: int = counts[name]
    return count


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

    @strawberry.field
    async def account(self, info: Info[GraphQLContext, None]) -> AccountNode | None:
        account: AccountNode | None = await AccountByIdLoader.of(info.context).load_optional(
            self.account_id
        )
        return account

    @strawberry.field
    async def goods_out_bay(self, info: Info[GraphQLContext, None]) -> LocationNode | None:
        location: LocationNode | None = await LocationByIdLoader.of(info.context).load_optional(
            self.goods_out_bay_id
        )
        return location

    @strawberry.field(description="The orders on the list, in id order")
    async def goods_outs(self, info: Info[GraphQLContext, None]) -> list[GoodsOutNode]:
        loader = GoodsOutsByGoodsOutPickListIdLoader.of(info.context)
        orders: list[GoodsOutNode] = await loader.load(int(self.id))
        return orders

    @strawberry.field(description="The status of the list's first order (lowest id); null without")
    async def goods_out_status(self, info: Info[GraphQLContext, None]) -> GoodsOutStatusNode | None:
        orders = await GoodsOutsByGoodsOutPickListIdLoader.of(info.context).load(int(self.id))
        return GoodsOutStatusNode.of(orders[0].goods_out_status_id) if orders else None

    @strawberry.field(description="PICK tasks of the list's orders, not cancelled")
    async def pick_tasks_count(self, info: Info[GraphQLContext, None]) -> int:
        return await _task_count(info, self.id, "pick_tasks_count")

    @strawberry.field(description="Completed PICK tasks of the list's orders")
    async def completed_pick_tasks_count(self, info: Info[GraphQLContext, None]) -> int:
        return await _task_count(info, self.id, "completed_pick_tasks_count")

    @strawberry.field(description="DISP tasks of the list's orders, not cancelled")
    async def dispatch_tasks_count(self, info: Info[GraphQLContext, None]) -> int:
        return await _task_count(info, self.id, "dispatch_tasks_count")

    @strawberry.field(description="Completed DISP tasks of the list's orders")
    async def completed_dispatch_tasks_count(self, info: Info[GraphQLContext, None]) -> int:
        return await _task_count(info, self.id, "completed_dispatch_tasks_count")

    @strawberry.field(description="LOAD tasks of the list's orders, not cancelled")
    async def loading_tasks_count(self, info: Info[GraphQLContext, None]) -> int:
        return await _task_count(info, self.id, "loading_tasks_count")

    @strawberry.field(description="Completed LOAD tasks of the list's orders")
    async def completed_loading_tasks_count(self, info: Info[GraphQLContext, None]) -> int:
        return await _task_count(info, self.id, "completed_loading_tasks_count")


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
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: GoodsOutPickListsFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[GoodsOutPickListNode]:
        return await paginate(
            info.context,
            goods_out_pick_lists,
            where=filter_clause(filter, goods_out_pick_lists, FILTER_COLUMNS),
            first=first,
            after=after,
            sort=sort,
        )
