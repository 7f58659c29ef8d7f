"""Stock control's enums and the transitions allowed between them."""

from __future__ import annotations

from enum import StrEnum


class StockCheckStatus(StrEnum):
    """A check is `pending` until completed, then `passed` (every group counted as the system
    has it) or `failed`; a failed check is `resolved` once each of its failed records is."""

    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"
    RESOLVED = "resolved"


class AttemptResult(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"


class StockCheckRecordStatus(StrEnum):
    """A stock group of a check: `uncounted` until its first attempt, then the latest attempt's
    result; a failed one is `resolved` when its variance is posted with a reason."""

    UNCOUNTED = "uncounted"
    SUCCESS = "success"
    FAILURE = "failure"
    RESOLVED = "resolved"


MAX_ATTEMPTS = 2
"""Counts of one stock group a check takes; a third is refused and the group resolved instead."""
