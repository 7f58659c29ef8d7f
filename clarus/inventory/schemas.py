"""What the stock actions take, as `clarus-api.json` documents them (positive adjustment: ours,
per the spec README)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from clarus.core.fields import LongText, Quantity, RecordId, Text, Timestamp
from clarus.core.schemas import InputModel

MAX_STOCK_IDS = 1000


class PositiveAdjustmentAttributes(InputModel):
    """New stock of a product for an account in a location (found, or counted in)."""

    product_id: RecordId
    account_id: RecordId
    location_id: RecordId
    quantity: Quantity
    storage_unit_id: RecordId | None = None
    string1: Text | None = None
    """The batch."""
    datetime1: Timestamp | None = None
    """Sell by."""
    datetime2: Timestamp | None = None
    """Best before."""
    fifo_date: Timestamp | None = None
    """When the stock counts as having arrived; now when left out."""
    reason_code_id: RecordId | None = None
    description: LongText | None = None


class NegativeAdjustmentAttributes(InputModel):
    quantity: Quantity
    reason_code_id: RecordId | None = None


class MoveAttributes(InputModel):
    quantity: Quantity
    to_location_id: RecordId
    reason_code_id: RecordId | None = None


class TransferAttributes(InputModel):
    quantity: Quantity
    to_account_id: RecordId
    reason_code_id: RecordId | None = None


class HoldRequest(InputModel):
    """`POST /api/stocks/hold` and `/offhold` take this bare body (no `data` envelope)."""

    ids: Annotated[list[RecordId], Field(max_length=MAX_STOCK_IDS)]
    description: LongText
    reason_code_id: RecordId | None = None
