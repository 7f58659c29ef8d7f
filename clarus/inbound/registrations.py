"""What inbound registers with tasks, which sits below it and cannot import it: receive and
put-away tasks updated to `completed` are completed by `receive` and `put_away` themselves (each
takes the task's `Completion`), and a change to a receipt's tasks waits for the receipt's lock.
The package imports this module, so the registrations hold wherever inbound is loaded."""

from __future__ import annotations

from clarus.inbound.putaway import put_away
from clarus.inbound.receive_tasks import receive
from clarus.inbound.receiving import lock_receipts_of_tasks
from clarus.tasks.handlers import TASK_COMPLETERS, TASK_LOCKS
from clarus.tasks.statuses import TaskType

TASK_COMPLETERS[TaskType.RECEIVE] = receive
TASK_COMPLETERS[TaskType.PUTAWAY] = put_away
TASK_LOCKS.append(lock_receipts_of_tasks)
