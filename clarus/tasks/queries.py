"""Reads of warehouse tasks that more than one transport needs."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select, true
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
from clarus.core.queries import count_where
from clarus.masterdata.tables import locations
from clarus.tasks.statuses import OPEN, TaskStatus, TaskType
from clarus.tasks.tables import tasks


def open_tasks_to_work(
    *, tenant_id: int, task_type: TaskType, task_id: int | None, user_id: int | None = None
) -> ColumnElement[bool]:
    """The tenant's open tasks of `task_type` that a handheld offers: only the task `task_id`
    when one is named, and with `user_id` none that another user holds."""
    conditions = [
        tasks.c.tenant_id == tenant_id,
        tasks.c.task_type_code == task_type,
        tasks.c.status.in_([status.value for status in OPEN]),
        true() if task_id is None else tasks.c.id == task_id,
    ]
    if user_id is not None:
        conditions.append(or_(tasks.c.user_id.is_(None), tasks.c.user_id == user_id))
    return and_(*conditions)


@dataclass(frozen=True, slots=True)
class OpenTasks:
    """The open tasks of one type: waiting for someone, and taken by someone."""

    task_type_code: str
    available: int
    allocated: int


async def open_tasks_by_type(session: AsyncSession, *, tenant_id: int) -> list[OpenTasks]:
    """One grouped statement, whatever the number of tasks."""
    statement = (
        select(
            tasks.c.task_type_code,
            count_where(tasks.c.status == TaskStatus.AVAILABLE.value),
            count_where(tasks.c.status == TaskStatus.ALLOCATED.value),
        )
        .where(tasks.c.tenant_id == tenant_id, tasks.c.status.in_([s.value for s in OPEN]))
        .group_by(tasks.c.task_type_code)
        .order_by(tasks.c.task_type_code)
    )
    return [
        OpenTasks(code, int(available), int(allocated))
        for code, available, allocated in await session.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class TaskListRow:
    id: int
    task_type: TaskType
    status: TaskStatus
    product_code: str | None
    location_from_code: str | None
    location_to_code: str | None
    quantity: decimal.Decimal | None
    created_at: dt.datetime


def _task_list_row(row: ListRow) -> TaskListRow:
    values = row._mapping
    quantity = values["start_quantity"]
    return TaskListRow(
        id=values["id"],
        task_type=TaskType(values["task_type_code"]),
        status=TaskStatus(values["status"]),
        product_code=values["product_code"],
        location_from_code=values["location_from_code"],
        location_to_code=values["location_to_code"],
        quantity=None if quantity is None else decimal.Decimal(quantity),
        created_at=values["created_at"],
    )


def task_list(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """The tenant's tasks that pass `filters`: dates on when created, the search on the task
    type, the product's code and the locations' codes."""
    origin, destination = locations.alias("origin"), locations.alias("destination")
    source = (
        tasks.outerjoin(products, products.c.id == tasks.c.product_id)
        .outerjoin(origin, origin.c.id == tasks.c.location_from_id)
        .outerjoin(destination, destination.c.id == tasks.c.location_to_id)
    )
    return (
        select(
            tasks.c.id,
            tasks.c.task_type_code,
            tasks.c.status,
            products.c.code.label("product_code"),
            origin.c.code.label("location_from_code"),
            destination.c.code.label("location_to_code"),
            tasks.c.start_quantity,
            tasks.c.created_at,
        )
        .select_from(source)
        .where(
            tasks.c.tenant_id == tenant_id,
            *equal_to(tasks.c.status, filters.status),
            *equal_to(tasks.c.account_id, filters.account_id),
            *equal_to(tasks.c.warehouse_id, filters.warehouse_id),
            *within(tasks.c.created_at, filters.since, filters.until),
            *matching_text(
                filters.search,
                tasks.c.task_type_code,
                products.c.code,
                origin.c.code,
                destination.c.code,
            ),
        )
    )


task_page: PageQuery[TaskListRow] = PageQuery(task_list, (tasks.c.id,), _task_list_row)
"""A page of `task_list`, newest task first: one statement."""
