"""Shipping's records as its steps read them and pass them around: typed records built from the
row at the read (`shape=load_row`). What is only shown (a shipment with its packages nested, a
package with its `dimensions`) stays a `RowDict`."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping

from clarus.core.json_types import JSONObject


class LoadRow(TypedDict):
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
    external_system_reference1: str | None
    external_system_reference2: str | None
    external_system_reference3: str | None
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


def load_row(row: RowMapping) -> LoadRow:
    return LoadRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        reference=row["reference"],
        status=row["status"],
        warehouse_id=row["warehouse_id"],
        carrier_id=row["carrier_id"],
        carrier_service_id=row["carrier_service_id"],
        trailer_id=row["trailer_id"],
        expected_date_of_dispatch=row["expected_date_of_dispatch"],
        expected_storage_unit_quantity=row["expected_storage_unit_quantity"],
        number_of_storage_units_loaded=row["number_of_storage_units_loaded"],
        dispatched_at=row["dispatched_at"],
        external_system_reference1=row["external_system_reference1"],
        external_system_reference2=row["external_system_reference2"],
        external_system_reference3=row["external_system_reference3"],
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


def load_drop_row(row: RowMapping) -> LoadDropRow:
    return LoadDropRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        load_id=row["load_id"],
        sequence=row["sequence"],
        status=row["status"],
        delivery_address_id=row["delivery_address_id"],
        goods_out_id=row["goods_out_id"],
        booking_date=row["booking_date"],
        booking_reference=row["booking_reference"],
        expected_storage_unit_quantity=row["expected_storage_unit_quantity"],
        number_of_storage_units_loaded=row["number_of_storage_units_loaded"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class ShipmentRow(TypedDict):
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
    external_system_reference1: str | None
    external_system_reference2: str | None
    external_system_reference3: str | None
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def shipment_row(row: RowMapping) -> ShipmentRow:
    return ShipmentRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        goods_out_id=row["goods_out_id"],
        warehouse_id=row["warehouse_id"],
        carrier_id=row["carrier_id"],
        carrier_service_id=row["carrier_service_id"],
        address_id=row["address_id"],
        reference=row["reference"],
        name=row["name"],
        status=row["status"],
        tracking_number=row["tracking_number"],
        delivery_notes=row["delivery_notes"],
        collection_datetime=row["collection_datetime"],
        label_filename=row["label_filename"],
        carrier_response=row["carrier_response"],
        failure_message=row["failure_message"],
        submitted_at=row["submitted_at"],
        external_system_reference1=row["external_system_reference1"],
        external_system_reference2=row["external_system_reference2"],
        external_system_reference3=row["external_system_reference3"],
        string1=row["string1"],
        string2=row["string2"],
        string3=row["string3"],
        string4=row["string4"],
        string5=row["string5"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


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


def booking_row(row: RowMapping) -> BookingRow:
    return BookingRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        account_id=row["account_id"],
        location_id=row["location_id"],
        consignment_reference=row["consignment_reference"],
        direction=row["direction"],
        hazardous=row["hazardous"],
        start_time=row["start_time"],
        end_time=row["end_time"],
        status=row["status"],
        account_reference=row["account_reference"],
        booking_reference=row["booking_reference"],
        container_number=row["container_number"],
        haulier=row["haulier"],
        intake_type=row["intake_type"],
        notes=row["notes"],
        storage_unit_quantity=row["storage_unit_quantity"],
        goods_in_receipt_id=row["goods_in_receipt_id"],
        goods_out_id=row["goods_out_id"],
        load_id=row["load_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class CrossdockRow(TypedDict):
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


def crossdock_row(row: RowMapping) -> CrossdockRow:
    return CrossdockRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        account_id=row["account_id"],
        reference=row["reference"],
        expected_date_of_receipt=row["expected_date_of_receipt"],
        status=row["status"],
        inbound_method=row["inbound_method"],
        crossdock_type=row["crossdock_type"],
        notes=row["notes"],
        warehouse_id=row["warehouse_id"],
        carrier_id=row["carrier_id"],
        supplier_id=row["supplier_id"],
        collection_address_id=row["collection_address_id"],
        goods_in_location_id=row["goods_in_location_id"],
        address_id=row["address_id"],
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


def custom_carrier_type_row(row: RowMapping) -> CustomCarrierTypeRow:
    return CustomCarrierTypeRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        code=row["code"],
        name=row["name"],
        print_params=row["print_params"],
        tracking_number_pattern=row["tracking_number_pattern"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


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
