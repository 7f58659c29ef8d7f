"""Response attribute models of the shipping resources, for the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import decimal

from pydantic import BaseModel

from clarus.catalog.schemas import LengthUnit, WeightUnit
from clarus.masterdata.records import AddressRecord, NestedAddressRecord, RecordTimestamps
from clarus.shipping.schemas import (
    BookingAttributes,
    CollectionAddressAttributes,
    CrossdockAddressAttributes,
    CrossdockAttributes,
    LoadAttributes,
    LoadDropAttributes,
    PrintParams,
    TrailerAttributes,
    TrailerTypeAttributes,
)
from clarus.shipping.statuses import BookingStatus, CrossdockStatus, ShipmentStatus


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
    number_of_storage_units_loaded: int


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


class CustomCarrierTypeRecord(RecordTimestamps):
    name: str | None
    code: str | None
    print_params: PrintParams | None
    tracking_number_pattern: str | None


class PackageDimensionsRecord(BaseModel):
    unit_of_measure: LengthUnit
    length: decimal.Decimal | None
    width: decimal.Decimal | None
    height: decimal.Decimal | None
    weight: decimal.Decimal | None
    weight_unit_of_measure: WeightUnit
    value: decimal.Decimal | None


class PackageRecord(RecordTimestamps):
    shipment_id: int | None
    storage_unit_type_id: int | None
    storage_unit_id: int | None
    tracking_number: str | None
    reference: str | None
    dimensions: PackageDimensionsRecord


class ShipmentPackageRecord(BaseModel):
    """A package as its shipment shows it: weight in its unit (kg unless the package says
    otherwise), sizes in its unit of measure."""

    id: int
    reference: str | None
    tracking_number: str | None
    storage_unit_type_id: int | None
    weight: decimal.Decimal | None
    length: decimal.Decimal | None
    width: decimal.Decimal | None
    height: decimal.Decimal | None
    unit_of_measure: LengthUnit
    weight_unit_of_measure: WeightUnit


class ShipmentRecord(RecordTimestamps):
    goods_out_id: int
    warehouse_id: int | None
    carrier_id: int | None
    carrier_service_id: int | None
    reference: str | None
    name: str | None
    status: ShipmentStatus
    tracking_number: str | None
    delivery_notes: str | None
    collection_datetime: dt.datetime | None
    label_filename: str | None
    carrier_response: dict[str, object] | None
    failure_message: str | None
    submitted_at: dt.datetime | None
    external_system_reference1: str | None
    external_system_reference2: str | None
    external_system_reference3: str | None
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None
    address_id: int | None
    address: NestedAddressRecord | None
    packages: list[ShipmentPackageRecord]
    packages_count: int
