"""The inbound Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.inbound.models import GoodsInReceipt, GoodsInReceiptLine

goods_in_receipts = table_of(GoodsInReceipt)
goods_in_receipt_lines = table_of(GoodsInReceiptLine)
