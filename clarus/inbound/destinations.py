"""Where received stock goes by default: the warehouse's goods in bay."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.inventory.places import bay_of
from clarus.tasks.rows import TaskRow

GOODS_IN_BAY = "GIBAY"
"""The location type code of a warehouse's receiving area (the spec's location types)."""


async def receiving_location(
    session: AsyncSession, *, tenant_id: int, task: TaskRow, path: str = ""
) -> int:
    """The warehouse's goods in bay: its active location of type GIBAY with the lowest id. None
    is a refusal naming `location_to_id`, which the caller may send instead."""
    location_id = await bay_of(
        session, tenant_id=tenant_id, warehouse_id=task["warehouse_id"], type_code=GOODS_IN_BAY
    )
    if location_id is None:
        raise ClarusError.of(
            ErrorKind.NO_RECEIVING_LOCATION,
            f"warehouse {task['warehouse_id']} has no active location of type {GOODS_IN_BAY}.",
            path=f"{path}/location_to_id",
            warehouse_id=task["warehouse_id"],
        )
    return location_id
