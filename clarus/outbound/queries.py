"""Reads of goods outs and pick lists: an order's status by code, and how many tasks of each kind
the orders on a list have, per page of lists (one grouped query) or per list inside a filter (a
correlated subquery), from one definition."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    and_,
    case,
    false,
    func,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.listing import (
    ListFilter,
    ListRow,
    ListSelect,
    PageQuery,
    equal_to,
    matching_text,
    within,
)
from clarus.core.queries import ColumnTest, count_where
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, locations, warehouses
from clarus.outbound.statuses import FINISHED, GoodsOutStatus
from clarus.outbound.tables import allocations, goods_out_lines, goods_out_pick_lists, goods_outs
from clarus.tasks.queries import open_tasks_to_work
from clarus.tasks.statuses import LOAD_SUBTYPE, TaskStatus, TaskType
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
class GoodsOutListRow:
    id: int
    reference: str | None
    status: GoodsOutStatus
    account_code: str | None
    warehouse_code: str | None
    expected_date_of_dispatch: dt.datetime | None
    created_at: dt.datetime


def _goods_out_list_row(row: ListRow) -> GoodsOutListRow:
    values = row._mapping
    return GoodsOutListRow(
        id=values["id"],
        reference=values["reference"],
        status=GoodsOutStatus(values["goods_out_status_id"]),
        account_code=values["account_code"],
        warehouse_code=values["warehouse_code"],
        expected_date_of_dispatch=values["expected_date_of_dispatch"],
        created_at=values["created_at"],
    )


def goods_out_list(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """The tenant's orders that pass `filters`: status by code, dates on when due to dispatch,
    the search on the reference and the first external reference; with their account and warehouse
    codes."""
    status = next((s for s in GoodsOutStatus if s.code == filters.status), None)
    source = goods_outs.outerjoin(accounts, accounts.c.id == goods_outs.c.account_id).outerjoin(
        warehouses, warehouses.c.id == goods_outs.c.warehouse_id
    )
    return (
        select(
            goods_outs.c.id,
            goods_outs.c.reference,
            goods_outs.c.goods_out_status_id,
            accounts.c.code.label("account_code"),
            warehouses.c.code.label("warehouse_code"),
            goods_outs.c.expected_date_of_dispatch,
            goods_outs.c.created_at,
        )
        .select_from(source)
        .where(
            goods_outs.c.tenant_id == tenant_id,
            *([false()] if filters.status and status is None else []),
            *equal_to(goods_outs.c.goods_out_status_id, status),
            *equal_to(goods_outs.c.account_id, filters.account_id),
            *equal_to(goods_outs.c.warehouse_id, filters.warehouse_id),
            *within(goods_outs.c.expected_date_of_dispatch, filters.since, filters.until),
            *matching_text(
                filters.search,
                goods_outs.c.reference,
                goods_outs.c.external_system_reference1,
            ),
        )
    )


goods_out_page: PageQuery[GoodsOutListRow] = PageQuery(
    goods_out_list, (goods_outs.c.id,), _goods_out_list_row
)
"""A page of `goods_out_list`, newest order first: one statement."""


@dataclass(frozen=True, slots=True)
class GoodsOutHeader:
    id: int
    reference: str | None
    status: GoodsOutStatus
    account_id: int
    warehouse_id: int | None
    account_code: str | None
    warehouse_code: str | None
    pick_list_id: int | None
    pick_list_reference: str | None
    expected_date_of_dispatch: dt.datetime | None
    actual_date_of_dispatch: dt.datetime | None
    order_notes: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class GoodsOutLineView:
    id: int
    product_code: str | None
    order_quantity: decimal.Decimal
    allocated_quantity: decimal.Decimal
    pick_quantity: decimal.Decimal
    dispatch_quantity: decimal.Decimal


@dataclass(frozen=True, slots=True)
class AllocationView:
    line_id: int
    product_code: str | None
    location_code: str | None
    quantity: decimal.Decimal


@dataclass(frozen=True, slots=True)
class GoodsOutView:
    """An order as its record page shows it."""

    header: GoodsOutHeader
    lines: list[GoodsOutLineView]
    allocations: list[AllocationView]


def _quantity(value: object) -> decimal.Decimal:
    return decimal.Decimal(str(value)) if value is not None else decimal.Decimal(0)


async def goods_out_view(
    session: AsyncSession, *, tenant_id: int, goods_out_id: int
) -> GoodsOutView | None:
    """The tenant's order `goods_out_id` with its lines and the stock allocated to them, or
    None when it has no such order: three statements, whatever its size."""
    header_statement = (
        select(
            goods_outs,
            accounts.c.code.label("account_code"),
            warehouses.c.code.label("warehouse_code"),
            goods_out_pick_lists.c.reference.label("pick_list_reference"),
        )
        .select_from(
            goods_outs.outerjoin(accounts, accounts.c.id == goods_outs.c.account_id)
            .outerjoin(warehouses, warehouses.c.id == goods_outs.c.warehouse_id)
            .outerjoin(
                goods_out_pick_lists,
                goods_out_pick_lists.c.id == goods_outs.c.goods_out_pick_list_id,
            )
        )
        .where(goods_outs.c.tenant_id == tenant_id, goods_outs.c.id == goods_out_id)
    )
    found = (await session.execute(header_statement)).first()
    if found is None:
        return None
    row = found._mapping
    header = GoodsOutHeader(
        id=row["id"],
        reference=row["reference"],
        status=GoodsOutStatus(row["goods_out_status_id"]),
        account_id=row["account_id"],
        warehouse_id=row["warehouse_id"],
        account_code=row["account_code"],
        warehouse_code=row["warehouse_code"],
        pick_list_id=row["goods_out_pick_list_id"],
        pick_list_reference=row["pick_list_reference"],
        expected_date_of_dispatch=row["expected_date_of_dispatch"],
        actual_date_of_dispatch=row["actual_date_of_dispatch"],
        order_notes=row["order_notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
    lines_statement = (
        select(
            goods_out_lines.c.id,
            products.c.code,
            goods_out_lines.c.order_quantity,
            goods_out_lines.c.allocated_quantity,
            goods_out_lines.c.pick_quantity,
            goods_out_lines.c.dispatch_quantity,
        )
        .select_from(
            goods_out_lines.outerjoin(products, products.c.id == goods_out_lines.c.product_id)
        )
        .where(
            goods_out_lines.c.tenant_id == tenant_id,
            goods_out_lines.c.goods_out_id == goods_out_id,
        )
        .order_by(goods_out_lines.c.id)
    )
    lines = [
        GoodsOutLineView(
            line_id,
            code,
            _quantity(ordered),
            _quantity(allocated),
            _quantity(picked),
            _quantity(dispatched),
        )
        for line_id, code, ordered, allocated, picked, dispatched in await session.execute(
            lines_statement
        )
    ]
    allocations_statement = (
        select(
            allocations.c.goods_out_line_id,
            products.c.code,
            locations.c.code,
            allocations.c.quantity,
        )
        .select_from(
            allocations.join(stocks, stocks.c.id == allocations.c.stock_id)
            .outerjoin(products, products.c.id == stocks.c.product_id)
            .outerjoin(locations, locations.c.id == stocks.c.location_id)
        )
        .where(allocations.c.tenant_id == tenant_id, allocations.c.goods_out_id == goods_out_id)
        .order_by(allocations.c.goods_out_line_id, allocations.c.id)
    )
    placed = [
        AllocationView(line_id, product_code, location_code, _quantity(quantity))
        for line_id, product_code, location_code, quantity in await session.execute(
            allocations_statement
        )
    ]
    return GoodsOutView(header, lines, placed)


@dataclass(frozen=True, slots=True)
class PickToDo:
    """An open pick (or dispatch) task as the handheld shows it."""

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
    return await _next_task(session, tenant_id, TaskType.PICK, task_id=task_id)


async def next_dispatch(
    session: AsyncSession, *, tenant_id: int, task_id: int | None = None
) -> PickToDo | None:
    """The first open DISP task of the tenant that a person completes (not one waiting for
    its load), in id order, or the open one `task_id`; its location is where the picked stock
    waits. In one statement."""
    return await _next_task(
        session,
        tenant_id,
        TaskType.DISPATCH,
        tasks.c.subtype != LOAD_SUBTYPE,
        task_id=task_id,
    )


async def _next_task(
    session: AsyncSession,
    tenant_id: int,
    task_type: TaskType,
    *also: ColumnElement[bool],
    task_id: int | None,
) -> PickToDo | None:
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
        .where(open_tasks_to_work(tenant_id=tenant_id, task_type=task_type, task_id=task_id), *also)
        .order_by(tasks.c.id)
        .limit(1)
    )
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


async def goods_out_ids_with_reference(
    session: AsyncSession, *, tenant_id: int, reference: str, limit: int
) -> list[int]:
    """The tenant's orders whose reference is `reference` (unique per account, so several
    accounts may share one), oldest first: at most `limit` ids."""
    statement = (
        select(goods_outs.c.id)
        .where(goods_outs.c.tenant_id == tenant_id, goods_outs.c.reference == reference)
        .order_by(goods_outs.c.id)
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars())


async def open_goods_outs_of_account(
    session: AsyncSession, *, tenant_id: int, account_id: int, limit: int
) -> list[GoodsOutListRow]:
    """The account's orders not yet dispatched or cancelled, soonest due first (then oldest):
    at most `limit`, one statement."""
    statement = (
        goods_out_list(tenant_id=tenant_id, filters=ListFilter(account_id=account_id))
        .where(goods_outs.c.goods_out_status_id.not_in([status.value for status in FINISHED]))
        .order_by(
            goods_outs.c.expected_date_of_dispatch.is_(None),
            goods_outs.c.expected_date_of_dispatch,
            goods_outs.c.id,
        )
        .limit(limit)
    )
    return [_goods_out_list_row(row) for row in await session.execute(statement)]


async def count_open_goods_outs_of_account(
    session: AsyncSession, *, tenant_id: int, account_id: int
) -> int:
    """How many of the account's orders are not yet dispatched or cancelled."""
    statement = select(func.count()).where(
        goods_outs.c.tenant_id == tenant_id,
        goods_outs.c.account_id == account_id,
        goods_outs.c.goods_out_status_id.not_in([status.value for status in FINISHED]),
    )
    return int((await session.execute(statement)).scalar_one())
