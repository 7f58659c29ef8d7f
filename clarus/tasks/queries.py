"""Reads of warehouse tasks that more than one transport needs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.queries import count_where
from clarus.tasks.statuses import OPEN, TaskStatus
from clarus.tasks.tables import tasks


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
