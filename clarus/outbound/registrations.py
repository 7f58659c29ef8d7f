"""What outbound registers with the packages below it, which cannot import it: pick and
dispatch tasks updated to `completed` are completed by picking and dispatch themselves; with
inbound, where stock received for a crossdock order goes (`crossdocking`). The package imports
this module, so the registrations hold wherever outbound is loaded."""

from __future__ import annotations

from clarus.inbound.routing import RECEIVED_STOCK_ROUTES
from clarus.outbound.crossdocking import allocate_received
from clarus.outbound.dispatch import complete_dispatch_task
from clarus.outbound.picking import complete_pick
from clarus.tasks.handlers import TASK_COMPLETERS
from clarus.tasks.statuses import TaskType

TASK_COMPLETERS[TaskType.PICK] = complete_pick
TASK_COMPLETERS[TaskType.DISPATCH] = complete_dispatch_task
RECEIVED_STOCK_ROUTES.append(allocate_received)
