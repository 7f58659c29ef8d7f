"""What the API echoes back for a goods in receipt, for the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import decimal

from clarus.inbound.schemas import ReceiptHeaderAttributes, ReceiptLineAttributes
from clarus.masterdata.records import AddressRecord, RecordTimestamps


class ReceiptLineRecord(ReceiptLineAttributes, RecordTimestamps):
    id: int
    goods_in_receipt_id: int
    received_quantity: decimal.Decimal


class GoodsInReceiptRecord(ReceiptHeaderAttributes, RecordTimestamps):
    status: str
    """`pending` when created; receiving moves it on."""
    receipt_type: str
    address_id: int | None
    part_of_goods_in_receipt_id: int | None
    """(ours) The receipt whose missing rest this one expects (`move_to_part`)."""
    address: AddressRecord | None
    lines: list[ReceiptLineRecord]
    """Every line, with the ids a later `lines_changes` UPDATE or DESTROY names (ours)."""
    created_at: dt.datetime
