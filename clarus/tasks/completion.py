"""A task's update, and the completion of a collection of matching tasks: change what a task's
worker may change, and complete it (`status: completed`) by its type's own rules, which the
domain owning the type registers (`clarus.tasks.handlers`): a receive task as
receiving against it does, a put-away by moving its stock, a pick and a
dispatch as picking and dispatch do. A LOAD task (and a DISP task of subtype LOAD) is
completed by the load it belongs to (shipping's load tasks and load dispatch), never here."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import update_returning
from clarus.inventory.places import ensure_destination
from clarus.tasks.handlers import TASK_COMPLETERS, Completion, lock_documents_of_tasks
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.schemas import FIXED_ATTRIBUTES, CompleteCollectionRequest, TaskUpdateAttributes
from clarus.tasks.service import TASK_RESOURCE, ensure_open, fetch_task
from clarus.tasks.statuses import OPEN, TaskStatus, TaskType
from clarus.tasks.tables import tasks

MAX_COMPLETED_AT_ONCE = 50
COMPLETION_ATTRIBUTES = ("confirmed_quantity", "location_to_id", "storage_unit_to_id")


async def update_task(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task_id: int,
    attributes: TaskUpdateAttributes,
    path: str = "",
) -> TaskRow:
    """The task changed, and completed when asked; `path`: where the attributes are. A
    task waits for the locks of the documents it belongs to first (a receipt's, as receiving
    and reverting take it)."""
    changes = attributes.changes()
    _ensure_changeable(changes, path)
    status = changes.pop("status", None)
    completing = status is not None
    task = await fetch_task(session, tenant_id=tenant_id, task_id=task_id)
    await lock_documents_of_tasks(session, [task_id])
    ensure_open(task, user_id=user_id)
    plain = {
        name: value
        for name, value in changes.items()
        if not (completing and name in COMPLETION_ATTRIBUTES)
    }
    await ensure_destination(
        session,
        tenant_id=tenant_id,
        warehouse_id=task["warehouse_id"],
        location_id=plain.get("location_to_id"),
        storage_unit_id=plain.get("storage_unit_to_id"),
        path=path,
    )
    if plain:
        task = await update_returning(
            session,
            tasks,
            tenant_id=tenant_id,
            record_id=task_id,
            values=plain,
            resource=TASK_RESOURCE,
            shape=task_row,
        )
    if not completing:
        return task
    completion = _completion(attributes, task)
    return await _complete(session, tenant_id, user_id, task, completion, path)


def _completion(attributes: TaskUpdateAttributes, task: TaskRow) -> Completion:
    """What the update completes the task with; the serial numbers it does not send are the
    task's (as the update left them)."""
    sends_serials = "serial_numbers" in attributes.model_fields_set
    return Completion(
        confirmed_quantity=attributes.confirmed_quantity,
        location_to_id=attributes.location_to_id,
        storage_unit_to_id=attributes.storage_unit_to_id,
        serial_numbers=attributes.serial_numbers if sends_serials else task["serial_numbers"],
    )


async def complete_collection(
    session: AsyncSession, *, tenant_id: int, user_id: int, request: CompleteCollectionRequest
) -> list[TaskRow]:
    """Up to 50 open tasks of the type in the warehouse matching every filter, completed in id
    order with the same attributes; all or nothing."""
    filters = request.filters.model_dump(exclude_none=True)
    if not filters:
        raise ClarusError.of(ErrorKind.MISSING_FIELD, "Name at least one filter.", path="/filters")
    statement = (
        select(tasks.c.id)
        .where(
            tasks.c.tenant_id == tenant_id,
            tasks.c.warehouse_id == request.warehouse_id,
            tasks.c.task_type_code == request.task_type_code,
            tasks.c.status.in_(sorted(OPEN)),
            *(tasks.c[name] == value for name, value in filters.items()),
        )
        .order_by(tasks.c.id)
        .limit(MAX_COMPLETED_AT_ONCE)
    )
    task_ids = list((await session.execute(statement)).scalars())
    if not task_ids:
        raise ClarusError.of(
            ErrorKind.NO_MATCHING_TASKS,
            f"No open {request.task_type_code} task of warehouse {request.warehouse_id} matches.",
            path="/filters",
        )
    await lock_documents_of_tasks(session, task_ids)
    attributes = request.attributes or TaskUpdateAttributes()
    completing = TaskUpdateAttributes.model_validate(
        {**attributes.changes(), "status": TaskStatus.COMPLETED.value}
    )
    return [
        await update_task(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            task_id=task_id,
            attributes=completing,
            path="/attributes",
        )
        for task_id in task_ids
    ]


def _ensure_changeable(changes: Mapping[str, object], path: str) -> None:
    problems = [
        Problem(
            ErrorKind.READ_ONLY_ATTRIBUTE,
            f"{name} says what the task is; it cannot be changed.",
            f"{path}/{name}",
        )
        for name in sorted(set(changes) & FIXED_ATTRIBUTES)
    ]
    status = changes.get("status")
    if isinstance(status, str) and status.upper() != TaskStatus.COMPLETED:
        problems.append(
            Problem(
                ErrorKind.INVALID_VALUE,
                "Only `completed` may be set; allocate, unallocate, enter and exit move a task"
                " between AVAILABLE and ALLOCATED.",
                f"{path}/status",
            )
        )
    if problems:
        raise ClarusError(*problems)


async def _complete(
    session: AsyncSession,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str,
) -> TaskRow:
    task_type = TaskType(task["task_type_code"])
    complete = TASK_COMPLETERS.get(task_type)
    if complete is not None:
        return await complete(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            task=task,
            completion=completion,
            path=path,
        )
    raise ClarusError.of(
        ErrorKind.TASK_NOT_COMPLETABLE_HERE,
        f"{task_type.value} tasks are completed by their own work, not through this endpoint.",
        path=f"{path}/status",
        task_type_code=task_type.value,
    )
