"""Rows of master data that other domains read, as typed records: built from the row at the
read (`fetch_record(..., shape=location_row)`), so a reader learns their columns from the type."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from sqlalchemy import RowMapping

from clarus.core.json_types import JSONObject


class LocationRow(TypedDict):
    """A row of `locations`."""

    id: int
    tenant_id: int
    code: str
    warehouse_id: int
    location_type_id: int
    description: str | None
    barcode: str | None
    zone: str | None
    aisle: str | None
    bay: str | None
    level: str | None
    position: str | None
    column: str | None
    row: str | None
    slot: str | None
    pick_sequence: int | None
    putaway_sequence: int | None
    max_weight: float | None
    max_cube: float | None
    max_storage_units: int | None
    storage_unit_type_id: int | None
    is_pickface: bool
    is_active: bool
    last_counted_at: dt.datetime | None
    available_in_booking_diary: bool
    booking_slots: int
    integer1: int | None
    integer2: int | None
    integer3: int | None
    integer4: int | None
    integer5: int | None
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None
    datetime3: dt.datetime | None
    datetime4: dt.datetime | None
    datetime5: dt.datetime | None
    boolean1: bool | None
    boolean2: bool | None
    boolean3: bool | None
    boolean4: bool | None
    boolean5: bool | None
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def location_row(row: RowMapping) -> LocationRow:
    return LocationRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        code=row["code"],
        warehouse_id=row["warehouse_id"],
        location_type_id=row["location_type_id"],
        description=row["description"],
        barcode=row["barcode"],
        zone=row["zone"],
        aisle=row["aisle"],
        bay=row["bay"],
        level=row["level"],
        position=row["position"],
        column=row["column"],
        row=row["row"],
        slot=row["slot"],
        pick_sequence=row["pick_sequence"],
        putaway_sequence=row["putaway_sequence"],
        max_weight=row["max_weight"],
        max_cube=row["max_cube"],
        max_storage_units=row["max_storage_units"],
        storage_unit_type_id=row["storage_unit_type_id"],
        is_pickface=row["is_pickface"],
        is_active=row["is_active"],
        last_counted_at=row["last_counted_at"],
        available_in_booking_diary=row["available_in_booking_diary"],
        booking_slots=row["booking_slots"],
        integer1=row["integer1"],
        integer2=row["integer2"],
        integer3=row["integer3"],
        integer4=row["integer4"],
        integer5=row["integer5"],
        datetime1=row["datetime1"],
        datetime2=row["datetime2"],
        datetime3=row["datetime3"],
        datetime4=row["datetime4"],
        datetime5=row["datetime5"],
        boolean1=row["boolean1"],
        boolean2=row["boolean2"],
        boolean3=row["boolean3"],
        boolean4=row["boolean4"],
        boolean5=row["boolean5"],
        string1=row["string1"],
        string2=row["string2"],
        string3=row["string3"],
        string4=row["string4"],
        string5=row["string5"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class CarrierRow(TypedDict):
    """A row of `carriers`."""

    id: int
    tenant_id: int
    code: str
    name: str
    description: str | None
    active: bool
    carrier_type: str | None
    custom_carrier_type_id: int | None
    shipment_reference_template: str | None
    carrier_authentication: JSONObject | None
    carrier_externally_registered: bool
    external_system_reference1: str | None
    external_system_reference2: str | None
    external_system_reference3: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def carrier_row(row: RowMapping) -> CarrierRow:
    return CarrierRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        code=row["code"],
        name=row["name"],
        description=row["description"],
        active=row["active"],
        carrier_type=row["carrier_type"],
        custom_carrier_type_id=row["custom_carrier_type_id"],
        shipment_reference_template=row["shipment_reference_template"],
        carrier_authentication=row["carrier_authentication"],
        carrier_externally_registered=row["carrier_externally_registered"],
        external_system_reference1=row["external_system_reference1"],
        external_system_reference2=row["external_system_reference2"],
        external_system_reference3=row["external_system_reference3"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
