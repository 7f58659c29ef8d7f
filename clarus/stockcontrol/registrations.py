"""What stock control registers with tasks, which sits below it and cannot import it: a REPLEN
task completed through the tasks API moves its stock to its pick face; a COUNT task completes its
stock check, and a change to COUNT tasks waits for their checks' locks. The package imports this
module, so the registrations hold wherever stock control is loaded."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.stockcontrol.replenishment_tasks import Replenished, complete_replenishment
from clarus.stockcontrol.stock_check_records import lock_checks_of_tasks
from clarus.stockcontrol.stock_checks import complete_stock_check_task
from clarus.tasks.handlers import TASK_COMPLETERS, TASK_LOCKS, Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.statuses import TaskType


async def _complete_replenishment(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str,
) -> TaskRow:
    """By moving its stock to its pick face."""
    return await complete_replenishment(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        task_id=task["id"],
        replenished=Replenished(
            confirmed_quantity=completion.confirmed_quantity,
            location_to_id=completion.location_to_id,
        ),
        path=path,
    )


TASK_COMPLETERS[TaskType.REPLENISH] = _complete_replenishment
TASK_COMPLETERS[TaskType.STOCK_CHECK] = complete_stock_check_task
TASK_LOCKS.append(lock_checks_of_tasks)
