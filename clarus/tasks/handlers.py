"""What the domains that create tasks tell tasks about them: how a task of each type is
completed (a task updated with `status: completed`), and which documents a change to
tasks locks first. Inbound and outbound sit above tasks and register here when imported, so
tasks never imports them."""

from __future__ import annotations

import decimal
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.tasks.rows import TaskRow
from clarus.tasks.statuses import TaskType


@dataclass(frozen=True, slots=True)
class Completion:
    """What a task's completion says: how much, where to, on what (each None when not sent),
    and the serial numbers (as sent, else as the task has them). The one input of every task
    completer, whichever way the task is completed (the tasks API, a receive endpoint, the
    simulator); a completer reads what its task type uses and leaves the rest."""

    confirmed_quantity: decimal.Decimal | None = None
    location_to_id: int | None = None
    storage_unit_to_id: int | None = None
    serial_numbers: list[str] | None = None


class TaskCompleter(Protocol):
    """How a task of a type is completed: the owning domain's own service function (`receive`,
    `put_away`, `complete_pick`, ...) has this signature and is registered as it is, with no
    adapter; it may take more keyword arguments with defaults for its other callers."""

    async def __call__(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        user_id: int,
        task: TaskRow,
        completion: Completion,
        path: str,
    ) -> TaskRow:
        """Complete the open `task` as `completion` says (`path`: where its attributes are);
        the task as it ends."""
        ...


TaskLock = Callable[[AsyncSession, Collection[int]], Awaitable[None]]
"""`(session, task_ids)`: lock, in id order, the documents these tasks belong to."""

TASK_COMPLETERS: dict[TaskType, TaskCompleter] = {}
TASK_LOCKS: list[TaskLock] = []


async def lock_documents_of_tasks(session: AsyncSession, task_ids: Collection[int]) -> None:
    """Lock what every registered domain holds these tasks' changes behind, as its own work
    over them does, so the two never take the locks in crossing orders."""
    for lock in TASK_LOCKS:
        await lock(session, task_ids)
