"""Response attribute models (what the API echoes back), for the OpenAPI document."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from clarus.masterdata.schemas import (
    AccountAttributes,
    AccountWarehouseAttributes,
    AddressRecordAttributes,
    CarrierAttributes,
    CarrierServiceAttributes,
    CustomerAttributes,
    LocationAttributes,
    LocationTypeAttributes,
    OrderTypeAttributes,
    PickRule,
    ReasonCodeAttributes,
    SiteAttributes,
    SupplierAttributes,
    WarehouseAttributes,
)


class RecordTimestamps(BaseModel):
    created_at: dt.datetime
    updated_at: dt.datetime


class AccountRecord(AccountAttributes, RecordTimestamps):
    is_active: bool
    is_short_pickable: bool
    pick_rule: PickRule


class OrderTypeRecord(OrderTypeAttributes, RecordTimestamps):
    pass


class ReasonCodeRecord(ReasonCodeAttributes, RecordTimestamps):
    active: bool
    generic: bool


class AddressRecord(AddressRecordAttributes, RecordTimestamps):
    address_type: str
    """`delivery` for a delivery address, `inline` for the address of another record."""
    customer_id: int | None
    is_active: bool


class NestedAddressRecord(AddressRecord):
    id: int


class CustomerRecord(CustomerAttributes, RecordTimestamps):
    address_id: int | None
    address: NestedAddressRecord | None


class SupplierRecord(SupplierAttributes, RecordTimestamps):
    active: bool
    address_id: int | None
    address: NestedAddressRecord | None


class CarrierRecord(CarrierAttributes, RecordTimestamps):
    active: bool
    carrier_externally_registered: bool
    carrier_authentication: dict[str, object] | None
    """Only the keys sent; every value reads `[FILTERED]`."""


class CarrierServiceRecord(CarrierServiceAttributes, RecordTimestamps):
    pass


class WarehouseRecord(WarehouseAttributes, RecordTimestamps):
    is_active: bool
    address_id: int | None
    address: NestedAddressRecord | None
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
    address: NestedAddressRecord | None


class LocationTypeRecord(LocationTypeAttributes, RecordTimestamps):
    pass


class LocationRecord(LocationAttributes, RecordTimestamps):
    is_pickface: bool
    is_active: bool
    available_in_booking_diary: bool
    booking_slots: int
    zone: str | None
    column: str | None
    row: str | None
    slot: str | None
    max_storage_units: int | None
    storage_unit_type_id: int | None
    last_counted_at: dt.datetime | None
    """When a stock check of the location last completed."""
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None
    datetime3: dt.datetime | None
    datetime4: dt.datetime | None
    datetime5: dt.datetime | None


class AccountWarehouseRecord(AccountWarehouseAttributes, RecordTimestamps):
    pass
