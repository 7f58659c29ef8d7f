"""Goods in receipts and their lines as inbound's steps and the domains above it read them:
typed records built from the row at the read (`shape=goods_in_receipt_row`)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping


class GoodsInReceiptRow(TypedDict):
    """A row of `goods_in_receipts`."""

    id: int
    tenant_id: int
    account_id: int
    warehouse_id: int
    supplier_id: int | None
    address_id: int | None
    reference: str | None
    status: str
    receipt_type: str
    expected_date_of_arrival: dt.datetime | None
    actual_date_of_arrival: dt.datetime | None
    notes: str | None
    part_of_goods_in_receipt_id: int | None
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


def goods_in_receipt_row(row: RowMapping) -> GoodsInReceiptRow:
    return GoodsInReceiptRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        account_id=row["account_id"],
        warehouse_id=row["warehouse_id"],
        supplier_id=row["supplier_id"],
        address_id=row["address_id"],
        reference=row["reference"],
        status=row["status"],
        receipt_type=row["receipt_type"],
        expected_date_of_arrival=row["expected_date_of_arrival"],
        actual_date_of_arrival=row["actual_date_of_arrival"],
        notes=row["notes"],
        part_of_goods_in_receipt_id=row["part_of_goods_in_receipt_id"],
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


class GoodsInReceiptLineRow(TypedDict):
    """A row of `goods_in_receipt_lines`."""

    id: int
    tenant_id: int
    goods_in_receipt_id: int
    product_id: int
    product_storage_unit_id: int | None
    expected_quantity: decimal.Decimal
    expected_configurations_quantity: decimal.Decimal | None
    stock_configuration: str | None
    expected_quantity_dimension: str | None
    received_quantity: decimal.Decimal
    alt_line_note: str | None
    alt_line_number: str | None
    alt_line_reference: str | None
    alt_product_code: str | None
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


def goods_in_receipt_line_row(row: RowMapping) -> GoodsInReceiptLineRow:
    return GoodsInReceiptLineRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        goods_in_receipt_id=row["goods_in_receipt_id"],
        product_id=row["product_id"],
        product_storage_unit_id=row["product_storage_unit_id"],
        expected_quantity=row["expected_quantity"],
        expected_configurations_quantity=row["expected_configurations_quantity"],
        stock_configuration=row["stock_configuration"],
        expected_quantity_dimension=row["expected_quantity_dimension"],
        received_quantity=row["received_quantity"],
        alt_line_note=row["alt_line_note"],
        alt_line_number=row["alt_line_number"],
        alt_line_reference=row["alt_line_reference"],
        alt_product_code=row["alt_product_code"],
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
