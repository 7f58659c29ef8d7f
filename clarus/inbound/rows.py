"""Goods in receipts and their lines as inbound's steps and the domains above it read them:
typed records built from the row at the read (`shape=goods_in_receipt_row`)."""

from __future__ import annotations

import datetime as dt
import decimal

from clarus.core.rows import CustomFields, ExternalReferences, row_shape
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts


class GoodsInReceiptRow(ExternalReferences, CustomFields):
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
    created_at: dt.datetime
    updated_at: dt.datetime


goods_in_receipt_row = row_shape(GoodsInReceiptRow, goods_in_receipts)


class GoodsInReceiptLineRow(ExternalReferences, CustomFields):
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
    created_at: dt.datetime
    updated_at: dt.datetime


goods_in_receipt_line_row = row_shape(GoodsInReceiptLineRow, goods_in_receipt_lines)
