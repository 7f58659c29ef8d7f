"""Task types and the task state machine, as the Tasks operations of `clarus-api.json` imply.

A task is AVAILABLE until a user takes it (allocate, or enter on a handheld: ALLOCATED), and
ends COMPLETED or CANCELLED. The contract's enter/exit only move between AVAILABLE and
ALLOCATED (entering records `start_at` and `last_accessed_at`), so there is no separate
"in progress" state: an entered task is ALLOCATED with `start_at` set.
"""

from __future__ import annotations

from enum import StrEnum


class TaskType(StrEnum):
    PICK = "PICK"
    DISPATCH = "DISP"
    RECEIVE = "RCV"
    PUTAWAY = "PWAY"
    TRANSFER = "TRAN"
    REPLENISH = "REPLEN"
    LOAD = "LOAD"
    CONVERSION = "CONV"
    STOCK_CHECK = "COUNT"
    """Count a location's stock (a stock check's task); the contract's task types name none."""


class TaskStatus(StrEnum):
    AVAILABLE = "AVAILABLE"
    ALLOCATED = "ALLOCATED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


OPEN = frozenset({TaskStatus.AVAILABLE, TaskStatus.ALLOCATED})
"""Work still to do: a receipt is completed when none of its tasks is open."""
STANDARD_SUBTYPE = "standard"
LOAD_SUBTYPE = "LOAD"
"""A DISP task of an order dispatched with its load: done only by dispatching the load."""
