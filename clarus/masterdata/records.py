"""Response attribute models (what the API echoes back), for the OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from clarus.masterdata.schemas import (
    AccountAttributes,
    AddressRecordAttributes,
    CarrierAttributes,
    CarrierServiceAttributes,
    CustomerAttributes,
    OrderTypeAttributes,
    ReasonCodeAttributes,
    SupplierAttributes,
)


class RecordTimestamps(BaseModel):
    created_at: dt.datetime
    updated_at: dt.datetime


class AccountRecord(AccountAttributes, RecordTimestamps):
    is_active: bool
    is_short_pickable: bool


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
    carrier_authentication: dict[str, Any] | None
    """Only the keys sent; every value reads `[FILTERED]`."""


class CarrierServiceRecord(CarrierServiceAttributes, RecordTimestamps):
    pass
