"""What outbound registers with tasks, which sits below it and cannot import it: pick and
dispatch tasks updated to `completed` are completed by picking and dispatch themselves. The
package imports this module, so the registrations hold wherever outbound is loaded."""

from __future__ import annotations

from clarus.outbound.dispatch import complete_dispatch_task
from clarus.outbound.picking import complete_pick
from clarus.tasks.handlers import TASK_COMPLETERS
from clarus.tasks.statuses import TaskType

TASK_COMPLETERS[TaskType.PICK] = complete_pick
TASK_COMPLETERS[TaskType.DISPATCH] = complete_dispatch_task
