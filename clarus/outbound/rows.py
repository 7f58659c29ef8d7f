"""Goods outs and their lines as outbound's steps and the domains above it read them: typed
records built from the row at the read (`shape=goods_out_row`)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping


class GoodsOutRow(TypedDict):
    """A row of `goods_outs`."""

    id: int
    tenant_id: int
    account_id: int
    warehouse_id: int | None
    reference: str
    goods_out_type: str
    goods_out_status_id: int
    order_type_id: int | None
    customer_id: int | None
    carrier_id: int | None
    carrier_service_id: int | None
    location_id: int | None
    address_id: int | None
    original_delivery_address_id: int | None
    integration_id: int | None
    goods_out_pick_list_id: int | None
    short_order_lines_reason_code_id: int | None
    short_order_lines_description: str | None
    expected_date_of_dispatch: dt.datetime
    actual_date_of_dispatch: dt.datetime | None
    priority: int | None
    drop_sequence: int | None
    pick_type: str
    pack_strategy: str
    dispatch_strategy: str
    load_reference: str | None
    pick_reference: str | None
    delivery_notes: str | None
    order_notes: str | None
    pick_notes: str | None
    packing_notes: str | None
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


def goods_out_row(row: RowMapping) -> GoodsOutRow:
    return GoodsOutRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        account_id=row["account_id"],
        warehouse_id=row["warehouse_id"],
        reference=row["reference"],
        goods_out_type=row["goods_out_type"],
        goods_out_status_id=row["goods_out_status_id"],
        order_type_id=row["order_type_id"],
        customer_id=row["customer_id"],
        carrier_id=row["carrier_id"],
        carrier_service_id=row["carrier_service_id"],
        location_id=row["location_id"],
        address_id=row["address_id"],
        original_delivery_address_id=row["original_delivery_address_id"],
        integration_id=row["integration_id"],
        goods_out_pick_list_id=row["goods_out_pick_list_id"],
        short_order_lines_reason_code_id=row["short_order_lines_reason_code_id"],
        short_order_lines_description=row["short_order_lines_description"],
        expected_date_of_dispatch=row["expected_date_of_dispatch"],
        actual_date_of_dispatch=row["actual_date_of_dispatch"],
        priority=row["priority"],
        drop_sequence=row["drop_sequence"],
        pick_type=row["pick_type"],
        pack_strategy=row["pack_strategy"],
        dispatch_strategy=row["dispatch_strategy"],
        load_reference=row["load_reference"],
        pick_reference=row["pick_reference"],
        delivery_notes=row["delivery_notes"],
        order_notes=row["order_notes"],
        pick_notes=row["pick_notes"],
        packing_notes=row["packing_notes"],
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


class GoodsOutLineRow(TypedDict):
    """A row of `goods_out_lines`."""

    id: int
    tenant_id: int
    goods_out_id: int
    product_id: int
    order_quantity: decimal.Decimal
    ordered_configurations_quantity: decimal.Decimal | None
    order_quantity_dimension: str | None
    stock_configuration: str | None
    allocated_quantity: decimal.Decimal
    pick_quantity: decimal.Decimal
    dispatch_quantity: decimal.Decimal
    short_status: str | None
    carrier_id: int | None
    carrier_service_id: int | None
    dispatch_strategy: str | None
    pack_strategy: str | None
    goods_in_receipt_line_id: int | None
    stock_to_pick_id: int | None
    storage_unit_reference: str | None
    stock_description: str | None
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
    datetime1_from: dt.datetime | None
    datetime1_to: dt.datetime | None
    datetime2_from: dt.datetime | None
    datetime2_to: dt.datetime | None
    datetime3_from: dt.datetime | None
    datetime3_to: dt.datetime | None
    datetime4_from: dt.datetime | None
    datetime4_to: dt.datetime | None
    datetime5_from: dt.datetime | None
    datetime5_to: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


def goods_out_line_row(row: RowMapping) -> GoodsOutLineRow:
    return GoodsOutLineRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        goods_out_id=row["goods_out_id"],
        product_id=row["product_id"],
        order_quantity=row["order_quantity"],
        ordered_configurations_quantity=row["ordered_configurations_quantity"],
        order_quantity_dimension=row["order_quantity_dimension"],
        stock_configuration=row["stock_configuration"],
        allocated_quantity=row["allocated_quantity"],
        pick_quantity=row["pick_quantity"],
        dispatch_quantity=row["dispatch_quantity"],
        short_status=row["short_status"],
        carrier_id=row["carrier_id"],
        carrier_service_id=row["carrier_service_id"],
        dispatch_strategy=row["dispatch_strategy"],
        pack_strategy=row["pack_strategy"],
        goods_in_receipt_line_id=row["goods_in_receipt_line_id"],
        stock_to_pick_id=row["stock_to_pick_id"],
        storage_unit_reference=row["storage_unit_reference"],
        stock_description=row["stock_description"],
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
        datetime1_from=row["datetime1_from"],
        datetime1_to=row["datetime1_to"],
        datetime2_from=row["datetime2_from"],
        datetime2_to=row["datetime2_to"],
        datetime3_from=row["datetime3_from"],
        datetime3_to=row["datetime3_to"],
        datetime4_from=row["datetime4_from"],
        datetime4_to=row["datetime4_to"],
        datetime5_from=row["datetime5_from"],
        datetime5_to=row["datetime5_to"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
