"""Reads of goods outs and pick lists: an order's status by code, and how many tasks of each kind
the orders on a list have, per page of lists (one grouped query) or per list inside a filter (a
correlated subquery), from one definition."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, ScalarSelect, Select, and_, case, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.queries import ColumnTest, count_where
from clarus.masterdata.tables import locations
from clarus.outbound.statuses import FINISHED, GoodsOutStatus
from clarus.outbound.tables import goods_out_pick_lists, goods_outs
from clarus.tasks.statuses import OPEN, TaskStatus, TaskType
from clarus.tasks.tables import tasks


@dataclass(frozen=True)
class TaskCounter:
    """The tasks of one type on a list's orders: all but cancelled ones, or only completed."""

    task_type: TaskType
    is_completed_only: bool = False

    def counts(self) -> ColumnElement[bool]:
        status = tasks.c.status
        return (tasks.c.task_type_code == self.task_type.value) & (
            status == TaskStatus.COMPLETED.value
            if self.is_completed_only
            else status != TaskStatus.CANCELLED.value
        )


PICK_LIST_TASK_COUNTERS = {
    "pick_tasks_count": TaskCounter(TaskType.PICK),
    "completed_pick_tasks_count": TaskCounter(TaskType.PICK, is_completed_only=True),
    "dispatch_tasks_count": TaskCounter(TaskType.DISPATCH),
    "completed_dispatch_tasks_count": TaskCounter(TaskType.DISPATCH, is_completed_only=True),
    "loading_tasks_count": TaskCounter(TaskType.LOAD),
    "completed_loading_tasks_count": TaskCounter(TaskType.LOAD, is_completed_only=True),
}
"""The counters `goods_out_pick_lists` shows and filters on, by field name."""

_ORDER_TASKS = tasks.join(
    goods_outs,
    (tasks.c.goods_out_id == goods_outs.c.id) & (tasks.c.tenant_id == goods_outs.c.tenant_id),
)


def task_counts(*, tenant_id: int, pick_list_ids: Collection[int]) -> Select[*tuple[int, ...]]:
    """Per pick list (`pick_list_id`) with any order task, every counter: one grouped query."""
    pick_list_id = goods_outs.c.goods_out_pick_list_id
    return (
        select(
            pick_list_id.label("pick_list_id"),
            *(
                func.count(case((counter.counts(), tasks.c.id))).label(name)
                for name, counter in PICK_LIST_TASK_COUNTERS.items()
            ),
        )
        .select_from(_ORDER_TASKS)
        .where(goods_outs.c.tenant_id == tenant_id, pick_list_id.in_(pick_list_ids))
        .group_by(pick_list_id)
    )


def task_count_of_each_list(name: str) -> ScalarSelect[int]:
    """Counter `name` of the `goods_out_pick_lists` row of the enclosing query."""
    return (
        select(func.count(tasks.c.id))
        .select_from(_ORDER_TASKS)
        .where(
            goods_outs.c.tenant_id == goods_out_pick_lists.c.tenant_id,
            goods_outs.c.goods_out_pick_list_id == goods_out_pick_lists.c.id,
            PICK_LIST_TASK_COUNTERS[name].counts(),
        )
        .scalar_subquery()
    )


GOODS_OUT_STATUS_CODE = case(
    {status.value: status.code for status in GoodsOutStatus},
    value=goods_outs.c.goods_out_status_id,
)
"""The code of an order's status, in SQL: what partial matches on a status code compare."""


def _status_ids(codes: Iterable[str]) -> list[int]:
    """The ids of the statuses named by `codes`; a code no status has names none."""
    wanted = set(codes)
    return [status.value for status in GoodsOutStatus if status.code in wanted]


def goods_outs_with_status(
    *, among: Sequence[Iterable[str]], code: ColumnTest
) -> ColumnElement[bool]:
    """Orders whose status is one of each set of codes in `among` (compared on the indexed
    status id: an unknown code matches no order) and whose status code passes `code`."""
    column = goods_outs.c.goods_out_status_id
    clauses: list[ColumnElement[bool]] = [column.in_(_status_ids(codes)) for codes in among]
    clauses.extend(code(GOODS_OUT_STATUS_CODE))
    return and_(true(), *clauses)


@dataclass(frozen=True, slots=True)
class OrdersDue:
    """How many orders of one status are due to dispatch before `day_start` (overdue), on that
    day, on the next, and after."""

    status: GoodsOutStatus
    overdue: int
    today: int
    tomorrow: int
    later: int

    @property
    def total(self) -> int:
        return self.overdue + self.today + self.tomorrow + self.later


async def open_orders_by_status_and_due(
    session: AsyncSession, *, tenant_id: int, day_start: dt.datetime
) -> list[OrdersDue]:
    """The orders not yet dispatched or cancelled, per status and by when they are due to
    dispatch (`expected_date_of_dispatch`): one grouped statement, whatever their number."""
    due = goods_outs.c.expected_date_of_dispatch
    tomorrow, day_after = day_start + dt.timedelta(days=1), day_start + dt.timedelta(days=2)
    statement = (
        select(
            goods_outs.c.goods_out_status_id,
            count_where(due < day_start),
            count_where((due >= day_start) & (due < tomorrow)),
            count_where((due >= tomorrow) & (due < day_after)),
            count_where(due >= day_after),
        )
        .where(
            goods_outs.c.tenant_id == tenant_id,
            goods_outs.c.goods_out_status_id.not_in([status.value for status in FINISHED]),
        )
        .group_by(goods_outs.c.goods_out_status_id)
        .order_by(goods_outs.c.goods_out_status_id)
    )
    return [
        OrdersDue(GoodsOutStatus(status_id), int(overdue), int(today), int(next_day), int(later))
        for status_id, overdue, today, next_day, later in await session.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class PickToDo:
    """An open pick task as the handheld shows it."""

    task_id: int
    warehouse_id: int
    product_id: int
    product_code: str
    quantity: decimal.Decimal
    location_id: int | None
    location_code: str | None
    order_reference: str | None


async def next_pick(
    session: AsyncSession, *, tenant_id: int, task_id: int | None = None
) -> PickToDo | None:
    """The first open pick task of the tenant in walk order (processing makes an order's picks
    in its route's order, so in id order), or the open pick task `task_id`; in one statement."""
    statement = (
        select(
            tasks.c.id,
            tasks.c.warehouse_id,
            tasks.c.product_id,
            products.c.code.label("product_code"),
            tasks.c.start_quantity,
            tasks.c.location_from_id,
            locations.c.code.label("location_code"),
            goods_outs.c.reference,
        )
        .join(products, products.c.id == tasks.c.product_id)
        .join(goods_outs, goods_outs.c.id == tasks.c.goods_out_id)
        .outerjoin(locations, locations.c.id == tasks.c.location_from_id)
        .where(
            tasks.c.tenant_id == tenant_id,
            tasks.c.task_type_code == TaskType.PICK,
            tasks.c.status.in_([status.value for status in OPEN]),
        )
        .order_by(tasks.c.id)
        .limit(1)
    )
    if task_id is not None:
        statement = statement.where(tasks.c.id == task_id)
    row = (await session.execute(statement)).one_or_none()
    if row is None:
        return None
    return PickToDo(
        row.id,
        row.warehouse_id,
        row.product_id,
        row.product_code,
        row.start_quantity,
        row.location_from_id,
        row.location_code,
        row.reference,
    )
