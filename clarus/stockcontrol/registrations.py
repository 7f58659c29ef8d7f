"""What stock control registers with tasks, which sits below it: a COUNT task completed through
the tasks API completes its stock check, and a change to COUNT tasks waits for their checks'
locks. The package imports this module, so the registrations hold wherever it is loaded."""

from __future__ import annotations

from clarus.stockcontrol.stock_check_records import lock_checks_of_tasks
from clarus.stockcontrol.stock_checks import complete_stock_check_task
from clarus.tasks.handlers import TASK_COMPLETERS, TASK_LOCKS
from clarus.tasks.statuses import TaskType

TASK_COMPLETERS[TaskType.STOCK_CHECK] = complete_stock_check_task
TASK_LOCKS.append(lock_checks_of_tasks)
