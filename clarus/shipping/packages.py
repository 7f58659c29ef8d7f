"""Packages: the parcels and pallets of a shipment, each on a storage unit type, with its size
and weight. A package of a shipment handed to its carrier no longer changes."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import storage_unit_types, storage_units
from clarus.core.crud import RecordKind, RecordWrites, check_record, emit_change
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import (
    RowDict,
    delete_returning,
    fetch_record,
    insert_returning,
    reference_of,
    update_returning,
)
from clarus.core.schemas import InputModel
from clarus.shipping.statuses import EDITABLE
from clarus.shipping.tables import packages, shipments

DEFAULT_LENGTH_UNIT = "centimetre"
DEFAULT_WEIGHT_UNIT = "kilogram"
PACKAGE_DEFAULTS = {
    "unit_of_measure": DEFAULT_LENGTH_UNIT,
    "weight_unit_of_measure": DEFAULT_WEIGHT_UNIT,
}
DIMENSION_COLUMNS = (
    "unit_of_measure",
    "length",
    "width",
    "height",
    "weight",
    "weight_unit_of_measure",
    "value",
)

PACKAGES = RecordKind(
    packages,
    event_name="package",
    unique_code=False,
    references={
        "shipment_id": shipments,
        "storage_unit_type_id": storage_unit_types,
        "storage_unit_id": storage_units,
    },
)


def shown_package(row: Mapping[str, object]) -> RowDict:
    """A package as `/api/packages` shows it: its size and weight nested as `dimensions`."""
    record = {
        name: value
        for name, value in row.items()
        if name not in DIMENSION_COLUMNS and name != "tenant_id"
    }
    record["dimensions"] = {name: row[name] for name in DIMENSION_COLUMNS}
    return record


def _values(attributes: InputModel) -> dict[str, object]:
    """The columns an input sets: `dimensions` sent replaces every dimension column."""
    values = attributes.changes()
    dimensions = values.pop("dimensions", None)
    if "dimensions" in attributes.model_fields_set:
        sent = dimensions if isinstance(dimensions, Mapping) else {}
        values |= {name: sent.get(name) for name in DIMENSION_COLUMNS}
        values |= {name: sent.get(name) or default for name, default in PACKAGE_DEFAULTS.items()}
    return values


async def ensure_shipment_editable(
    session: AsyncSession, *, tenant_id: int, shipment_id: object, path: str
) -> None:
    """A package joins or leaves only a shipment that is not with its carrier."""
    if not isinstance(shipment_id, int):
        return
    statement = select(shipments.c.status).where(
        shipments.c.id == shipment_id, shipments.c.tenant_id == tenant_id
    )
    status = (await session.execute(statement)).scalar_one_or_none()
    if status is not None and status not in EDITABLE:
        raise ClarusError.of(
            ErrorKind.SHIPMENT_STATUS_FORBIDS,
            f"Shipment {shipment_id} is {status}; its packages no longer change.",
            path=path,
            status=status,
        )


async def create_package(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = PACKAGE_DEFAULTS | _values(attributes)
    await check_record(session, kind, tenant_id=tenant_id, values=values)
    await ensure_shipment_editable(
        session, tenant_id=tenant_id, shipment_id=values.get("shipment_id"), path="/shipment_id"
    )
    row = await insert_returning(session, packages, tenant_id=tenant_id, values=values)
    record = shown_package(row)
    await emit_change(session, kind, tenant_id=tenant_id, event="created", record=record)
    return record


async def update_package(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    values = _values(attributes)
    current = await fetch_record(
        session,
        packages,
        tenant_id=tenant_id,
        record_id=record_id,
        resource="package",
        lock=True,
    )
    await check_record(session, kind, tenant_id=tenant_id, values=values, record_id=record_id)
    await ensure_shipment_editable(
        session, tenant_id=tenant_id, shipment_id=reference_of(current, "shipment_id"), path=""
    )
    if "shipment_id" in values:
        await ensure_shipment_editable(
            session, tenant_id=tenant_id, shipment_id=values["shipment_id"], path="/shipment_id"
        )
    row = await update_returning(
        session,
        packages,
        tenant_id=tenant_id,
        record_id=record_id,
        values=values,
        resource="package",
    )
    record = shown_package(row)
    await emit_change(session, kind, tenant_id=tenant_id, event="updated", record=record)
    return record


async def delete_package(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    current = await fetch_record(
        session,
        packages,
        tenant_id=tenant_id,
        record_id=record_id,
        resource="package",
        lock=True,
    )
    await ensure_shipment_editable(
        session, tenant_id=tenant_id, shipment_id=reference_of(current, "shipment_id"), path=""
    )
    row = await delete_returning(
        session,
        packages,
        tenant_id=tenant_id,
        record_id=record_id,
        resource="package",
    )
    await emit_change(
        session, kind, tenant_id=tenant_id, event="deleted", record=shown_package(row)
    )


PACKAGE_WRITES = RecordWrites(create=create_package, update=update_package, delete=delete_package)
