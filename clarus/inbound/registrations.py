"""What inbound registers with tasks, which sits below it and cannot import it: how receive and
put-away tasks are completed when a task is updated to `completed`, and that a change to a receipt's
tasks waits for the receipt's lock. The package imports this module, so the registrations hold
wherever inbound is loaded."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.inbound.putaway import Putaway, put_away
from clarus.inbound.receive_tasks import Receipt, receive
from clarus.inbound.receiving import lock_receipts_of_tasks
from clarus.tasks.handlers import TASK_COMPLETERS, TASK_LOCKS, Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.statuses import TaskType


async def _complete_receive(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str,
) -> TaskRow:
    """As receiving against the receive task does."""
    return await receive(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        task_id=task["id"],
        receipt=Receipt(
            confirmed_quantity=completion.confirmed_quantity,
            location_to_id=completion.location_to_id,
            storage_unit_to_id=completion.storage_unit_to_id,
            serial_numbers=completion.serial_numbers,
        ),
        path=path,
    )


async def _complete_putaway(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str,
) -> TaskRow:
    """By moving its stock."""
    return await put_away(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        task_id=task["id"],
        putaway=Putaway(
            confirmed_quantity=completion.confirmed_quantity,
            location_to_id=completion.location_to_id,
            storage_unit_to_id=completion.storage_unit_to_id,
        ),
        path=path,
    )


TASK_COMPLETERS[TaskType.RECEIVE] = _complete_receive
TASK_COMPLETERS[TaskType.PUTAWAY] = _complete_putaway
TASK_LOCKS.append(lock_receipts_of_tasks)
