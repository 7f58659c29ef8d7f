"""Loads: what leaves a warehouse on one trailer with one carrier. A load starts `pending`;
a dispatched load is neither changed nor deleted. Deleting a load deletes its drops."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import carrier_services, carriers, warehouses
from clarus.shipping.load_statuses import LoadStatus
from clarus.shipping.rows import LoadRow, load_row
from clarus.shipping.tables import load_drops, loads, trailer_types, trailers

LOADS = crud.RecordKind(
    loads,
    event_name="load",
    natural_key="reference",
    natural_key_taken=ErrorKind.REFERENCE_TAKEN,
    references={
        "warehouse_id": warehouses,
        "carrier_id": carriers,
        "carrier_service_id": carrier_services,
        "trailer_id": trailers,
    },
)
LOAD_DROPS = crud.RecordKind(load_drops, event_name="load_drop", unique_code=False)


async def locked_load(session: AsyncSession, *, tenant_id: int, load_id: int) -> LoadRow:
    """The load (404 when the tenant has none with this id), held until the transaction ends."""
    return await fetch_record(
        session,
        loads,
        tenant_id=tenant_id,
        record_id=load_id,
        resource="load",
        lock=True,
        shape=load_row,
    )


def ensure_not_dispatched(load: LoadRow) -> None:
    if load["status"] == LoadStatus.DISPATCHED:
        raise ClarusError.of(ErrorKind.LOAD_DISPATCHED, f"Load {load['id']} has been dispatched.")


async def _check_transport(
    session: AsyncSession, *, tenant_id: int, values: Mapping[str, object], loaded: int
) -> None:
    """The service is one of the carrier's; the trailer is active and takes what is loaded."""
    service_id, carrier_id = values.get("carrier_service_id"), values.get("carrier_id")
    if service_id is not None:
        statement = select(carrier_services.c.carrier_id).where(
            carrier_services.c.id == service_id, carrier_services.c.tenant_id == tenant_id
        )
        service_carrier = (await session.execute(statement)).scalar_one()
        if carrier_id is not None and service_carrier != carrier_id:
            raise ClarusError.of(
                ErrorKind.INVALID_VALUE,
                f"Carrier service {service_id} is not a service of carrier {carrier_id}.",
                path="/carrier_service_id",
            )
    trailer_id = values.get("trailer_id")
    if trailer_id is None:
        return
    statement = (
        select(trailers.c.active, trailer_types.c.storage_unit_capacity)
        .join(trailer_types, trailer_types.c.id == trailers.c.trailer_type_id)
        .where(trailers.c.id == trailer_id, trailers.c.tenant_id == tenant_id)
    )
    active, capacity = (await session.execute(statement)).one()
    if not active:
        raise ClarusError.of(
            ErrorKind.TRAILER_INACTIVE, f"Trailer {trailer_id} is not active.", path="/trailer_id"
        )
    if capacity is not None and loaded > capacity:
        raise ClarusError.of(
            ErrorKind.TRAILER_FULL,
            f"Trailer {trailer_id} takes {capacity} storage units; {loaded} are loaded.",
            path="/trailer_id",
        )


async def create_load(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    await crud.check_record(session, kind, tenant_id=tenant_id, values=values)
    if "warehouse_id" not in values:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD, "A load needs its warehouse_id.", path="/warehouse_id"
        )
    await _check_transport(session, tenant_id=tenant_id, values=values, loaded=0)
    return await crud.insert_checked_record(
        session, kind, tenant_id=tenant_id, values={**values, "status": LoadStatus.PENDING}
    )


async def update_load(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    load = await locked_load(session, tenant_id=tenant_id, load_id=record_id)
    ensure_not_dispatched(load)
    changes = kind.changes_of(attributes)
    await crud.check_record(session, kind, tenant_id=tenant_id, values=changes, record_id=record_id)
    if "warehouse_id" in changes and changes["warehouse_id"] != load["warehouse_id"]:
        await _ensure_empty(session, load)
    await _check_transport(
        session,
        tenant_id=tenant_id,
        values={**load, **changes},
        loaded=load["number_of_storage_units_loaded"],
    )
    return await crud.change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


async def _ensure_empty(session: AsyncSession, load: LoadRow) -> None:
    """A load moves to another warehouse only while it has no drops and nothing loaded."""
    statement = select(func.count()).where(load_drops.c.load_id == load["id"])
    drops = int((await session.execute(statement)).scalar_one())
    if drops or load["number_of_storage_units_loaded"]:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"Load {load['id']} has {drops} drops; its warehouse cannot change.",
            path="/warehouse_id",
        )


async def delete_load(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    load = await locked_load(session, tenant_id=tenant_id, load_id=record_id)
    ensure_not_dispatched(load)
    if load["number_of_storage_units_loaded"]:
        raise ClarusError.of(
            ErrorKind.LOAD_NOT_EMPTY,
            f"Load {record_id} has {load['number_of_storage_units_loaded']} storage units"
            " loaded; unload them first.",
        )
    await crud.delete_records_where(
        session, LOAD_DROPS, tenant_id=tenant_id, where=load_drops.c.load_id == record_id
    )
    await crud.delete_record(session, kind, tenant_id=tenant_id, record_id=record_id)


async def recount_expected(session: AsyncSession, *, tenant_id: int, load_id: int) -> None:
    """The load's `expected_storage_unit_quantity`: the sum of its drops'."""
    total = (
        select(func.coalesce(func.sum(load_drops.c.expected_storage_unit_quantity), 0))
        .where(load_drops.c.load_id == load_id)
        .scalar_subquery()
    )
    await crud.change_records(
        session,
        LOADS,
        tenant_id=tenant_id,
        where=loads.c.id == load_id,
        values={"expected_storage_unit_quantity": total},
    )


LOAD_WRITES = crud.RecordWrites(create=create_load, update=update_load, delete=delete_load)
