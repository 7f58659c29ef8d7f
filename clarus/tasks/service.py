"""Writes of warehouse tasks, in the caller's transaction: making them, completing them with a
guarded update, and the records responses and events show. Services never commit."""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Required, TypedDict

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit
from clarus.core.records import Record, fetch_record, per_record, with_plain_numbers
from clarus.tasks.statuses import OPEN, STANDARD_SUBTYPE, TaskStatus, TaskType
from clarus.tasks.tables import tasks

TASK_RESOURCE = "task"
RESOURCE_NAMES = {TaskType.RECEIVE: "receive task", TaskType.PUTAWAY: "putaway task"}


class NewTask(TypedDict, total=False):
    """A task to make: its type, whose it is and where, what it moves, the document it serves."""

    task_type_code: Required[TaskType]
    subtype: str
    priority: int | None
    account_id: Required[int]
    warehouse_id: Required[int]
    product_id: int | None
    location_from_id: int | None
    location_to_id: int | None
    end_at: dt.datetime | None
    storage_unit_from_id: int | None
    stock_id: int | None
    start_quantity: decimal.Decimal | None
    parent_task_id: int | None
    user_created_by_id: int | None
    goods_in_receipt_id: int | None
    goods_in_receipt_line_id: int | None
    goods_out_id: int | None
    goods_out_line_id: int | None


class TaskCompletion(TypedDict, total=False):
    """What completing a task sets beside its status and who completed it when."""

    confirmed_quantity: decimal.Decimal | None
    location_to_id: int | None
    end_at: dt.datetime | None
    storage_unit_to_id: int | None
    serial_numbers: list[str] | None


async def insert_tasks(
    session: AsyncSession, *, tenant_id: int, rows: Sequence[NewTask]
) -> list[Record]:
    """New AVAILABLE tasks (of the `standard` subtype unless a row says otherwise), in one
    statement; returned in id order."""
    if not rows:
        return []
    now = utcnow()
    values = [
        {
            "tenant_id": tenant_id,
            "status": TaskStatus.AVAILABLE,
            "subtype": STANDARD_SUBTYPE,
            "created_at": now,
            "updated_at": now,
            **row,
        }
        for row in rows
    ]
    result = await session.execute(insert(tasks).returning(*tasks.c), values)
    return sorted((dict(row) for row in result.mappings()), key=lambda row: int(row["id"]))


async def fetch_task(
    session: AsyncSession,
    *,
    tenant_id: int,
    task_id: int,
    task_type: TaskType | None = None,
    lock: bool = False,
) -> Record:
    """The task (404 when the tenant has none with this id, or none of `task_type`: a PWAY
    task is no receive task)."""
    where: ColumnElement[bool] | None = None
    resource = TASK_RESOURCE
    if task_type is not None:
        where = tasks.c.task_type_code == task_type
        resource = RESOURCE_NAMES.get(task_type, TASK_RESOURCE)
    return await fetch_record(
        session,
        tasks,
        tenant_id=tenant_id,
        record_id=task_id,
        resource=resource,
        where=where,
        lock=lock,
    )


def ensure_open(task: Mapping[str, object], *, user_id: int | None = None) -> None:
    """Refuse work on a completed or cancelled task, or on one another user holds."""
    status = TaskStatus(str(task["status"]))
    if status not in OPEN:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"task {task['id']} is {status.value}.",
            status=status.value,
            allowed_statuses=sorted(OPEN),
        )
    if user_id is not None and task["user_id"] not in (None, user_id):
        raise ClarusError.of(
            ErrorKind.TASK_ALLOCATED_TO_ANOTHER_USER,
            f"task {task['id']} is allocated to user {task['user_id']}.",
            user_id=task["user_id"],
        )


def confirmed_quantity(
    task: Record, sent: decimal.Decimal | None, *, path: str, described: str
) -> decimal.Decimal:
    """What a completion confirms of the task: more than zero and at most its start quantity,
    all of it when none was sent; refused (422 `out_of_range` at `path`/confirmed_quantity,
    the message opening with `described`) otherwise."""
    start: decimal.Decimal = task["start_quantity"]
    quantity = start if sent is None else sent
    if not 0 < quantity <= start:
        raise ClarusError.of(
            ErrorKind.OUT_OF_RANGE,
            f"{described} more than 0 and at most {start}.",
            path=f"{path}/confirmed_quantity",
            maximum=float(start),
        )
    return quantity


async def complete_task(
    session: AsyncSession,
    *,
    tenant_id: int,
    task_id: int,
    user_id: int,
    values: TaskCompletion,
) -> Record:
    """`complete_tasks` of one."""
    [completed] = await complete_tasks(
        session, tenant_id=tenant_id, user_id=user_id, values={task_id: values}
    )
    return completed


async def complete_tasks(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    values: Mapping[int, TaskCompletion],
) -> list[Record]:
    """COMPLETED, by `user_id`, each task with its `values` (confirmed quantity,
    destination...; every task names the same columns), in one UPDATE guarded on the tasks
    being open, so that two requests cannot both complete one. The tasks, in the order named."""
    now = utcnow()
    by_column: dict[str, dict[int, object]] = defaultdict(dict)
    for task_id, task_values in values.items():
        for name, value in task_values.items():
            by_column[name][task_id] = value
    statement = (
        update(tasks)
        .where(tasks.c.id.in_(sorted(values)), tasks.c.status.in_(sorted(OPEN)))
        .values(
            status=TaskStatus.COMPLETED,
            completed_at=now,
            user_completed_by_id=user_id,
            updated_at=now,
            **{
                name: per_record(tasks, by_column[name], tasks.c[name].type)
                for name in sorted(by_column)
            },
        )
        .returning(*tasks.c)
    )
    rows = {row["id"]: dict(row) for row in (await session.execute(statement)).mappings()}
    for task_id in values:
        if task_id not in rows:
            current = await fetch_task(session, tenant_id=tenant_id, task_id=task_id)
            ensure_open(current)
            raise ClarusError.of(ErrorKind.CONFLICT)
    return [rows[task_id] for task_id in values]


async def open_task_count(session: AsyncSession, *, where: ColumnElement[bool]) -> int:
    statement = select(func.count()).where(where, tasks.c.status.in_(sorted(OPEN)))
    count: int = (await session.execute(statement)).scalar_one()
    return count


def shown_task(record: Mapping[str, object]) -> Record:
    """The task as responses and events show it."""
    return {
        name: value for name, value in with_plain_numbers(record).items() if name != "tenant_id"
    }


async def emit_task_event(
    session: AsyncSession, *, tenant_id: int, resource_name: str, event: str, task: Record
) -> None:
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=resource_name,
        event=event,
        record_id=task["id"],
        payload=shown_task(task),
    )


async def cancel_open_tasks(
    session: AsyncSession, *, tenant_id: int, where: ColumnElement[bool]
) -> None:
    """The open tasks `where` selects (a cancelled order's picks, a receipt's receives that
    will not happen) are cancelled; done ones stay as the record of what was done."""
    await session.execute(
        update(tasks)
        .where(tasks.c.tenant_id == tenant_id, where, tasks.c.status.in_(sorted(OPEN)))
        .values(status=TaskStatus.CANCELLED, updated_at=utcnow())
    )
