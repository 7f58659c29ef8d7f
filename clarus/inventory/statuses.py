"""Stock statuses and the kinds of ledger rows (`transactions.subtype` and `category`)."""

from __future__ import annotations

from enum import StrEnum


class StockStatus(StrEnum):
    AVAILABLE = "available"
    HELD = "held"
    """Not to be allocated or picked until released (quality checks, damage, recalls)."""


class Movement(StrEnum):
    """What a ledger row records: its `category` (upper case, as the contract's example shows
    `PICK`); `subtype` is the short code the contract's transaction filters use."""

    RECEIPT = "RECEIPT"
    PUTAWAY = "PUTAWAY"
    MOVE = "MOVE"
    ACCOUNT_TRANSFER = "ACCOUNT_TRANSFER"
    PICK = "PICK"
    DISPATCH = "DISPATCH"
    POSITIVE_ADJUSTMENT = "POSITIVE_ADJUSTMENT"
    NEGATIVE_ADJUSTMENT = "NEGATIVE_ADJUSTMENT"
    HOLD = "HOLD"
    RELEASE = "RELEASE"
    LOAD = "LOAD"
    """Onto a load's trailer: a storage unit's picked stock moves to the loading location."""
    UNLOAD = "UNLOAD"

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
    Movement.LOAD: "LOAD",
    Movement.UNLOAD: "LOAD",
}
