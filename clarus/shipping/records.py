"""Response attribute models of the shipping resources, for the OpenAPI document."""

from __future__ import annotations

import datetime as dt

from clarus.masterdata.records import AddressRecord, RecordTimestamps
from clarus.shipping.schemas import (
    BookingAttributes,
    CollectionAddressAttributes,
    CrossdockAddressAttributes,
    CrossdockAttributes,
    LoadAttributes,
    LoadDropAttributes,
    TrailerAttributes,
    TrailerTypeAttributes,
)
from clarus.shipping.statuses import BookingStatus, CrossdockStatus


class TrailerTypeRecord(TrailerTypeAttributes, RecordTimestamps):
    pass


class TrailerRecord(TrailerAttributes, RecordTimestamps):
    active: bool


class LoadRecord(LoadAttributes, RecordTimestamps):
    status: str
    expected_storage_unit_quantity: int
    number_of_storage_units_loaded: int
    dispatched_at: dt.datetime | None


class LoadDropRecord(LoadDropAttributes, RecordTimestamps):
    sequence: int
    status: str


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
