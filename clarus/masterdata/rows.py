"""Rows of master data that other domains read, as typed records: built from the row at the
read (`fetch_record(..., shape=location_row)`), so a reader learns their columns from the type."""

from __future__ import annotations

import datetime as dt

from clarus.core.json_types import JSONObject
from clarus.core.rows import CustomFields, ExternalReferences, row_shape
from clarus.masterdata.tables import carriers, locations


class LocationRow(CustomFields):
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
    created_at: dt.datetime
    updated_at: dt.datetime


location_row = row_shape(LocationRow, locations)


class CarrierRow(ExternalReferences):
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
    created_at: dt.datetime
    updated_at: dt.datetime


carrier_row = row_shape(CarrierRow, carriers)
