"""Where stock may be put: a location of the warehouse the work is in, on a storage unit of the
tenant; and a warehouse's bays (its goods in and goods out areas, by location type)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import storage_unit_types, storage_units
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.queries import ColumnTest
from clarus.core.references import Reference, ensure_references_exist
from clarus.masterdata.tables import location_types, locations


async def ensure_destination(
    session: AsyncSession,
    *,
    tenant_id: int,
    warehouse_id: int,
    location_id: int | None,
    storage_unit_id: int | None,
    storage_unit_type_id: int | None = None,
    path: str = "",
) -> None:
    """The location (when named) is one of the warehouse's; the storage unit (and type) exist.
    `path`: where the attributes are in the input."""
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(locations, location_id, f"{path}/location_to_id"),
            Reference(storage_units, storage_unit_id, f"{path}/storage_unit_to_id"),
            Reference(
                storage_unit_types, storage_unit_type_id, f"{path}/base_storage_unit_type_id"
            ),
        ],
    )
    if location_id is None:
        return
    statement = select(locations.c.warehouse_id).where(locations.c.id == location_id)
    found = (await session.execute(statement)).scalar_one()
    if found != warehouse_id:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"location {location_id} is in warehouse {found}, not in the task's {warehouse_id}.",
            path=f"{path}/location_to_id",
            warehouse_id=warehouse_id,
        )


async def bay_of(
    session: AsyncSession, *, tenant_id: int, warehouse_id: int, type_code: str
) -> int | None:
    """The warehouse's active location of the type (`GIBAY`, `GOBAY`) with the lowest id."""
    return await first_location(
        session,
        tenant_id=tenant_id,
        warehouse_id=warehouse_id,
        type_code_test=lambda code: [code == type_code],
    )


async def first_location(
    session: AsyncSession, *, tenant_id: int, warehouse_id: int, type_code_test: ColumnTest
) -> int | None:
    """The warehouse's active location with the lowest id whose type's code passes
    `type_code_test`."""
    statement = (
        select(locations.c.id)
        .join(location_types, location_types.c.id == locations.c.location_type_id)
        .where(
            locations.c.tenant_id == tenant_id,
            locations.c.warehouse_id == warehouse_id,
            locations.c.is_active.is_(True),
            *type_code_test(location_types.c.code),
        )
        .order_by(locations.c.id)
        .limit(1)
    )
    location_id = (await session.execute(statement)).scalar_one_or_none()
    return None if location_id is None else int(location_id)
