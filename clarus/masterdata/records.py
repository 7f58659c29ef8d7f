"""Response attribute models (what the API echoes back), for the OpenAPI document."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from clarus.masterdata.schemas import (
    AccountAttributes,
    AccountWarehouseAttributes,
    LocationAttributes,
    LocationTypeAttributes,
    SiteAttributes,
    WarehouseAttributes,
)


class RecordTimestamps(BaseModel):
    created_at: dt.datetime
    updated_at: dt.datetime


class AccountRecord(AccountAttributes, RecordTimestamps):
    is_active: bool
    is_short_pickable: bool


class WarehouseRecord(WarehouseAttributes, RecordTimestamps):
    is_active: bool
    address_id: int | None
    consolidate_pick_enabled: bool
    loading_validation_setting: str
    opening_times_enabled: bool
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None
    datetime3: dt.datetime | None
    datetime4: dt.datetime | None
    datetime5: dt.datetime | None


class SiteRecord(SiteAttributes, RecordTimestamps):
    default: bool
    address_id: int | None


class LocationTypeRecord(LocationTypeAttributes, RecordTimestamps):
    pass


class LocationRecord(LocationAttributes, RecordTimestamps):
    is_pickface: bool
    is_active: bool
    zone: str | None
    column: str | None
    row: str | None
    slot: str | None
    max_storage_units: int | None
    storage_unit_type_id: int | None
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None
    datetime3: dt.datetime | None
    datetime4: dt.datetime | None
    datetime5: dt.datetime | None


class AccountWarehouseRecord(AccountWarehouseAttributes, RecordTimestamps):
    pass
