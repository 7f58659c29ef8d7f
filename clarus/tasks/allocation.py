"""Who does a task: allocating it to a user (or back), and a handheld entering and leaving it.
Task rows are locked in id order; services never commit.

An entered task is ALLOCATED to the user with `start_at` set (the contract has no separate
state for it). Exiting a task another user holds is refused: a handheld only leaves its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypedDict

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.tables import users
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import records_named
from clarus.core.references import Reference, ensure_references_exist
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.service import ensure_open, fetch_task
from clarus.tasks.statuses import OPEN, TaskStatus
from clarus.tasks.tables import tasks


class Assignment(TypedDict, total=False):
    """What allocating, entering and leaving a task change of it."""

    status: TaskStatus
    user_id: int | None
    assigned_at: dt.datetime | None
    start_at: dt.datetime | None
    last_accessed_at: dt.datetime
    last_accessed_by_user_id: int


RELEASED = Assignment(status=TaskStatus.AVAILABLE, user_id=None, assigned_at=None, start_at=None)


async def allocate(
    session: AsyncSession,
    *,
    tenant_id: int,
    task_ids: Sequence[int],
    user_id: int,
    ids_path: str | None = "/ids",
) -> list[TaskRow]:
    """Every task named, open, ALLOCATED to the user (a task held by another user passes to
    this one); all or nothing. `ids_path` None: one task named by its id alone."""
    await ensure_references_exist(
        session, tenant_id=tenant_id, references=[Reference(users, user_id, "/user_id")]
    )
    locked = await _locked(session, tenant_id=tenant_id, task_ids=task_ids, ids_path=ids_path)
    _ensure_all_open(locked, ids_path)
    now = utcnow()
    return await _set(
        session,
        locked,
        Assignment(status=TaskStatus.ALLOCATED, user_id=user_id, assigned_at=now),
    )


async def unallocate(
    session: AsyncSession,
    *,
    tenant_id: int,
    task_ids: Sequence[int],
    ids_path: str | None = "/ids",
) -> list[TaskRow]:
    """Every task named, open, back to AVAILABLE with nobody on it; all or nothing."""
    locked = await _locked(session, tenant_id=tenant_id, task_ids=task_ids, ids_path=ids_path)
    _ensure_all_open(locked, ids_path)
    return await _set(session, locked, RELEASED)


async def enter(session: AsyncSession, *, tenant_id: int, user_id: int, task_id: int) -> TaskRow:
    """An AVAILABLE task becomes the user's (assigned and started now); the user's own task is
    only touched; another user's, or a finished one, is refused."""
    [task] = await _locked(session, tenant_id=tenant_id, task_ids=[task_id], ids_path=None)
    ensure_open(task, user_id=user_id)
    now = utcnow()
    values = Assignment(last_accessed_at=now, last_accessed_by_user_id=user_id)
    if task["status"] == TaskStatus.AVAILABLE:
        values |= Assignment(
            status=TaskStatus.ALLOCATED, user_id=user_id, assigned_at=now, start_at=now
        )
    [entered] = await _set(session, [task], values)
    return entered


async def exit_task(
    session: AsyncSession, *, tenant_id: int, user_id: int, task_id: int
) -> TaskRow:
    """The user's own ALLOCATED task goes back to AVAILABLE; any other is only touched, but
    one another user holds is refused."""
    [task] = await _locked(session, tenant_id=tenant_id, task_ids=[task_id], ids_path=None)
    if task["user_id"] not in (None, user_id):
        ensure_open(task, user_id=user_id)
    values = Assignment(last_accessed_at=utcnow(), last_accessed_by_user_id=user_id)
    if task["status"] == TaskStatus.ALLOCATED:
        values |= RELEASED
    [left] = await _set(session, [task], values)
    return left


async def _locked(
    session: AsyncSession,
    *,
    tenant_id: int,
    task_ids: Sequence[int],
    ids_path: str | None = "/ids",
) -> list[TaskRow]:
    """The tasks, locked in id order. `ids_path` None: one task named by its id alone (404)."""
    if ids_path is None:
        [task_id] = task_ids
        return [await fetch_task(session, tenant_id=tenant_id, task_id=task_id, lock=True)]
    return await records_named(
        session,
        tasks,
        tenant_id=tenant_id,
        ids=task_ids,
        resource="task",
        path=ids_path,
        lock=True,
        shape=task_row,
    )


def _ensure_all_open(found: Sequence[TaskRow], path: str | None) -> None:
    problems = [
        Problem(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"task {task['id']} is {task['status']}.",
            path,
            {"id": task["id"], "status": task["status"], "allowed_statuses": sorted(OPEN)},
        )
        for task in found
        if task["status"] not in OPEN
    ]
    if problems:
        raise ClarusError(*problems)


async def _set(
    session: AsyncSession, found: Sequence[TaskRow], values: Assignment
) -> list[TaskRow]:
    statement = (
        update(tasks)
        .where(tasks.c.id.in_([task["id"] for task in found]))
        .values(updated_at=utcnow(), **values)
        .returning(*tasks.c)
    )
    rows = (await session.execute(statement)).mappings()
    return sorted((task_row(row) for row in rows), key=lambda task: task["id"])
