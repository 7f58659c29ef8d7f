"""What outbound registers with tasks, which sits below it and cannot import it: how pick and
dispatch tasks are completed when a task is updated to `completed`; with inbound, where stock
received for a crossdock order goes (`crossdocking`). The package imports this
module, so the registrations hold wherever outbound is loaded."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.records import Record
from clarus.inbound.routing import RECEIVED_STOCK_ROUTES
from clarus.outbound.crossdocking import allocate_received
from clarus.outbound.dispatch import complete_dispatch_task
from clarus.outbound.picking import Pick, complete_pick
from clarus.tasks.handlers import TASK_COMPLETERS, Completion
from clarus.tasks.statuses import TaskType


async def _complete_pick(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: Record,
    completion: Completion,
    path: str,
) -> Record:
    return await complete_pick(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        task=task,
        pick=Pick(
            confirmed_quantity=completion.confirmed_quantity,
            location_to_id=completion.location_to_id,
        ),
        path=path,
    )


async def _complete_dispatch(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: Record,
    completion: Completion,
    path: str,
) -> Record:
    """Dispatch takes no completion attributes: the task dispatches what was picked."""
    return await complete_dispatch_task(session, tenant_id=tenant_id, user_id=user_id, task=task)


TASK_COMPLETERS[TaskType.PICK] = _complete_pick
TASK_COMPLETERS[TaskType.DISPATCH] = _complete_dispatch
RECEIVED_STOCK_ROUTES.append(allocate_received)
