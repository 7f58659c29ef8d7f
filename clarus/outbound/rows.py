"""Goods outs and their lines as outbound's steps and the domains above it read them: typed
records built from the row at the read (`shape=goods_out_row`)."""

from __future__ import annotations

import datetime as dt
import decimal

from clarus.core.rows import CustomFields, ExternalReferences, row_shape
from clarus.outbound.tables import goods_out_lines, goods_outs


class GoodsOutRow(ExternalReferences, CustomFields):
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
    created_at: dt.datetime
    updated_at: dt.datetime


goods_out_row = row_shape(GoodsOutRow, goods_outs)


class GoodsOutLineRow(ExternalReferences, CustomFields):
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


goods_out_line_row = row_shape(GoodsOutLineRow, goods_out_lines)
