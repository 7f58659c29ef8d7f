"""What shipping registers with the packages below it: a carrier's `custom_carrier_type_id`
names one of shipping's custom carrier types (checked like any reference, another tenant's
answered as a missing one); a LOAD task is completed by loading its storage unit, never by a
task update (the contract: "Not completable via this endpoint"); a crossdock's status follows
the stock received on its receipt and the crossdock orders dispatched from it
(`crossdock_progress`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.inbound.routing import RECEIVED_STOCK_ROUTES
from clarus.masterdata.service import CARRIER_REFERENCES
from clarus.outbound.dispatch import ORDER_DISPATCHED
from clarus.shipping.crossdock_progress import note_crossdock_dispatched, note_crossdock_received
from clarus.shipping.tables import custom_carrier_types
from clarus.tasks.handlers import TASK_COMPLETERS, Completion
from clarus.tasks.rows import TaskRow
from clarus.tasks.statuses import TaskType


async def _refuse_load_completion(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    task: TaskRow,
    completion: Completion,
    path: str,
) -> TaskRow:
    raise ClarusError.of(
        ErrorKind.TASK_NOT_COMPLETABLE_HERE,
        f"LOAD task {task['id']} is completed by loading its storage unit onto a load"
        " (load_storage_unit).",
        path=f"{path}/status",
        task_type_code=TaskType.LOAD.value,
    )


CARRIER_REFERENCES["custom_carrier_type_id"] = custom_carrier_types
TASK_COMPLETERS[TaskType.LOAD] = _refuse_load_completion
RECEIVED_STOCK_ROUTES.append(note_crossdock_received)
ORDER_DISPATCHED.append(note_crossdock_dispatched)
