"""Response attribute models of shipping records, for the OpenAPI document."""

from __future__ import annotations

from clarus.masterdata.records import AddressRecord, RecordTimestamps
from clarus.shipping.schemas import (
    BookingAttributes,
    CollectionAddressAttributes,
    CrossdockAddressAttributes,
    CrossdockAttributes,
)
from clarus.shipping.statuses import BookingStatus, CrossdockStatus


class CollectionAddressRecord(CollectionAddressAttributes, RecordTimestamps):
    is_active: bool


class CrossdockAddressRecord(AddressRecord, CrossdockAddressAttributes):
    """A crossdock's inline address as it is stored: every field of an address row."""


class CrossdockRecord(CrossdockAttributes, RecordTimestamps):
    status: CrossdockStatus
    crossdock_type: str
    address_id: int | None
    address: CrossdockAddressRecord | None


class BookingRecord(BookingAttributes, RecordTimestamps):
    status: BookingStatus
    booking_reference: str | None
