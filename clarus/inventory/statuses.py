"""Stock statuses and the kinds of ledger rows (`transactions.subtype` and `category`)."""

from __future__ import annotations

from enum import StrEnum


class StockStatus(StrEnum):
    AVAILABLE = "available"
    HELD = "held"
    """Not to be allocated or picked until released (quality checks, damage, recalls)."""


class Movement(StrEnum):
    """What a ledger row records: its `category`; `subtype` is the short code the contract's
    transaction filters use."""

    RECEIPT = "receipt"
    PUTAWAY = "putaway"
    MOVE = "move"
    ACCOUNT_TRANSFER = "account_transfer"
    PICK = "pick"
    DISPATCH = "dispatch"
    POSITIVE_ADJUSTMENT = "positive_adjustment"
    NEGATIVE_ADJUSTMENT = "negative_adjustment"
    HOLD = "hold"
    RELEASE = "release"

    @property
    def subtype(self) -> str:
        return _SUBTYPES[self]


_SUBTYPES = {
    Movement.RECEIPT: "RCV",
    Movement.PUTAWAY: "PWAY",
    Movement.MOVE: "MOVE",
    Movement.ACCOUNT_TRANSFER: "TRAN",
    Movement.PICK: "PICK",
    Movement.DISPATCH: "DISP",
    Movement.POSITIVE_ADJUSTMENT: "ADJ",
    Movement.NEGATIVE_ADJUSTMENT: "ADJ",
    Movement.HOLD: "HOLD",
    Movement.RELEASE: "HOLD",
}
