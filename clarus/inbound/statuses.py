"""The states of a goods in receipt, as the spec README and GraphQL filters name them."""

from __future__ import annotations

from enum import StrEnum


class ReceiptStatus(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    """Created, waiting for the goods (every receipt starts here)."""
    RECEIVING = "receiving"
    RECEIVED = "received"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


CHANGEABLE = frozenset({ReceiptStatus.DRAFT, ReceiptStatus.PENDING})
"""The states in which a receipt's lines may change and the receipt may be deleted: nothing has
been received against it yet."""

CANCELLABLE = frozenset({ReceiptStatus.DRAFT, ReceiptStatus.PENDING, ReceiptStatus.RECEIVED})
"""(ours) The states a receipt may be cancelled from, as long as nothing has arrived yet."""
