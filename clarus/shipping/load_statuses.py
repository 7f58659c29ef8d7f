"""The states of loads and their drops."""

from __future__ import annotations

from enum import StrEnum


class LoadStatus(StrEnum):
    """`pending` until something is loaded, `open` while loading, then `dispatched`."""

    PENDING = "pending"
    OPEN = "open"
    CLOSED = "closed"
    DISPATCHED = "dispatched"
    CANCELLED = "cancelled"


DROPS_ALLOWED = frozenset({LoadStatus.PENDING, LoadStatus.OPEN})
"""The contract: a drop is added only to a pending or open load."""


class LoadDropStatus(StrEnum):
    PENDING = "pending"
    DISPATCHED = "dispatched"
