"""Shipping's records as its steps read them and pass them around: typed records built from the
row at the read (`shape=load_row`). What is only shown (a shipment with its packages nested, a
package with its `dimensions`) stays a `RowDict`."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping

from clarus.core.json_types import JSONObject
from clarus.core.rows import CustomFields, ExternalReferences, row_shape
from clarus.shipping.tables import (
    bookings,
    crossdocks,
    custom_carrier_types,
    load_drops,
    loads,
    shipments,
)


class LoadRow(ExternalReferences, CustomFields):
    """A row of `loads`."""

    id: int
    tenant_id: int
    reference: str | None
    status: str
    warehouse_id: int
    carrier_id: int | None
    carrier_service_id: int | None
    trailer_id: int | None
    expected_date_of_dispatch: dt.datetime | None
    expected_storage_unit_quantity: int
    number_of_storage_units_loaded: int
    dispatched_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


load_row = row_shape(LoadRow, loads)


class LoadDropRow(TypedDict):
    """A row of `load_drops`."""

    id: int
    tenant_id: int
    load_id: int
    sequence: int
    status: str
    delivery_address_id: int | None
    goods_out_id: int | None
    booking_date: dt.datetime | None
    booking_reference: str | None
    expected_storage_unit_quantity: int | None
    number_of_storage_units_loaded: int
    created_at: dt.datetime
    updated_at: dt.datetime


load_drop_row = row_shape(LoadDropRow, load_drops)


class ShipmentRow(ExternalReferences):
    """A row of `shipments`."""

    id: int
    tenant_id: int
    goods_out_id: int
    warehouse_id: int | None
    carrier_id: int | None
    carrier_service_id: int | None
    address_id: int | None
    reference: str | None
    name: str | None
    status: str
    tracking_number: str | None
    delivery_notes: str | None
    collection_datetime: dt.datetime | None
    label_filename: str | None
    carrier_response: JSONObject | None
    failure_message: str | None
    submitted_at: dt.datetime | None
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


shipment_row = row_shape(ShipmentRow, shipments)


class BookingRow(TypedDict):
    """A row of `bookings`."""

    id: int
    tenant_id: int
    account_id: int
    location_id: int
    consignment_reference: str
    direction: str
    hazardous: bool
    start_time: dt.datetime
    end_time: dt.datetime
    status: str
    account_reference: str | None
    booking_reference: str | None
    container_number: str | None
    haulier: str | None
    intake_type: str | None
    notes: str | None
    storage_unit_quantity: int | None
    goods_in_receipt_id: int | None
    goods_out_id: int | None
    load_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


booking_row = row_shape(BookingRow, bookings)


class CrossdockRow(CustomFields):
    """A row of `crossdocks`."""

    id: int
    tenant_id: int
    account_id: int
    reference: str
    expected_date_of_receipt: dt.datetime
    status: str
    inbound_method: str | None
    crossdock_type: str
    notes: str | None
    warehouse_id: int | None
    carrier_id: int | None
    supplier_id: int | None
    collection_address_id: int | None
    goods_in_location_id: int | None
    address_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


crossdock_row = row_shape(CrossdockRow, crossdocks)


class CustomCarrierTypeRow(TypedDict):
    """A row of `custom_carrier_types`."""

    id: int
    tenant_id: int
    code: str | None
    name: str | None
    print_params: JSONObject | None
    tracking_number_pattern: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


custom_carrier_type_row = row_shape(CustomCarrierTypeRow, custom_carrier_types)


class ShipmentPackageRow(TypedDict):
    """A package as its shipment shows it nested (and its carrier reads it): the columns of
    `packages` that `shipments.PACKAGE_FIELDS` names, in that order."""

    id: int
    reference: str | None
    tracking_number: str | None
    storage_unit_type_id: int | None
    weight: decimal.Decimal | None
    length: decimal.Decimal | None
    width: decimal.Decimal | None
    height: decimal.Decimal | None
    unit_of_measure: str
    weight_unit_of_measure: str


def shipment_package_row(row: RowMapping) -> ShipmentPackageRow:
    return ShipmentPackageRow(
        id=row["id"],
        reference=row["reference"],
        tracking_number=row["tracking_number"],
        storage_unit_type_id=row["storage_unit_type_id"],
        weight=row["weight"],
        length=row["length"],
        width=row["width"],
        height=row["height"],
        unit_of_measure=row["unit_of_measure"],
        weight_unit_of_measure=row["weight_unit_of_measure"],
    )
