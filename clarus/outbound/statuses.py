"""Goods out statuses (`goods_out_status_id`), fixed ids as the contract numbers them, and what
each allows an upstream system to change."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class GoodsOutStatus(IntEnum):
    DRAFT = 1
    """Created but not ready: never allocated until released to PENDING."""
    PENDING = 2
    """Awaiting stock allocation (where every order starts unless asked to be a draft)."""
    PICK = 3
    PART = 4
    """Legacy: kept for the numbering, never entered."""
    ALLOCATED = 5
    COMPLETED = 6
    """Dispatched."""
    PART_ALLOCATED = 7
    CANCELLED = 8

    @property
    def code(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The human name GraphQL shows (`goods_out_status { name }`)."""
        return self.name.replace("_", " ").capitalize()


OPEN = frozenset({GoodsOutStatus.DRAFT, GoodsOutStatus.PENDING})
"""Nothing has happened in the warehouse yet: lines may change, the order may be deleted."""
ALLOCATED = frozenset({GoodsOutStatus.ALLOCATED, GoodsOutStatus.PART_ALLOCATED})
"""Stock is reserved: lines change only once it is released (code 59)."""
BEING_PICKED = frozenset({GoodsOutStatus.PICK, GoodsOutStatus.PART})
FINISHED = frozenset({GoodsOutStatus.COMPLETED, GoodsOutStatus.CANCELLED})
SETTABLE_BY_UPSTREAM = frozenset({GoodsOutStatus.DRAFT, GoodsOutStatus.PENDING})
"""The statuses a payload may ask for; the others are reached through warehouse work."""


class PickListStatus(StrEnum):
    """Where a pick list (`goods_out_pick_lists.status`) is in the warehouse."""

    PENDING = "pending"
    """Created by processing picks, nothing picked yet."""
    PICKING = "picking"
    PICKED = "picked"
    COMPLETED = "completed"
    """Dispatched."""
    CANCELLED = "cancelled"


PICK_LIST_FINISHED = frozenset({PickListStatus.COMPLETED, PickListStatus.CANCELLED})
"""Nothing more happens on the list: the only pick lists that may be deleted."""


class PickProcessingStatus(StrEnum):
    """Where one order's pass through pick processing (`pick_processing_requests`) is."""

    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"
