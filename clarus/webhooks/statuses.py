"""The states of a webhook delivery."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Required, TypedDict


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    """Waiting for `next_attempt_at` (and for the record's earlier deliveries)."""
    DELIVERING = "delivering"
    """Claimed by a worker (`leased_by`) until `lease_expires_at`."""
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    """Given up: the retry schedule ran out, `410 Gone`, the target is not a public address,
    the request could not be made, or the automation's conditions could not be judged."""
    CANCELLED = "cancelled"
    """Not sent: its action was deleted or disabled, or its automation was turned off."""


class DeliveryStateChange(TypedDict, total=False):
    """What moving a delivery to another state writes: its status, and when it is tried next,
    delivered or leased (and to whom)."""

    status: Required[str]
    attempt_count: int
    next_attempt_at: dt.datetime
    delivered_at: dt.datetime
    lease_expires_at: dt.datetime | None
    leased_by: str | None
    updated_at: dt.datetime


UNFINISHED = (DeliveryStatus.PENDING.value, DeliveryStatus.DELIVERING.value)
"""Statuses that hold back the same record's later deliveries to the same action."""
