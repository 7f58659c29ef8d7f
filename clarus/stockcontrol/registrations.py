"""What stock control registers with tasks, which sits below it and cannot import it: a REPLEN
task completed through the tasks API moves its stock to its pick face; a COUNT task completes its
stock check, and a change to COUNT tasks waits for their checks' locks. The package imports this
module, so the registrations hold wherever stock control is loaded."""

from __future__ import annotations

from clarus.stockcontrol.replenishment_tasks import complete_replenishment
from clarus.stockcontrol.stock_check_records import lock_checks_of_tasks
from clarus.stockcontrol.stock_checks import complete_stock_check_task
from clarus.tasks.handlers import TASK_COMPLETERS, TASK_LOCKS
from clarus.tasks.statuses import TaskType

TASK_COMPLETERS[TaskType.REPLENISH] = complete_replenishment
TASK_COMPLETERS[TaskType.STOCK_CHECK] = complete_stock_check_task
TASK_LOCKS.append(lock_checks_of_tasks)
