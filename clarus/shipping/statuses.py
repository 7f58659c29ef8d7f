"""Shipment statuses and what each allows."""

from __future__ import annotations

from enum import StrEnum


class ShipmentStatus(StrEnum):
    PENDING = "pending"
    """Being packed: packages, carrier and address may change."""
    SUBMITTING = "submitting"
    """Handed to the shipping worker, which calls the carrier."""
    SUBMITTED = "submitted"
    """The carrier took it: tracking numbers and label stored."""
    FAILED = "failed"
    """The carrier refused it (`failure_message`); it may be changed and submitted again."""
    CANCELLING = "cancelling"
    """Handed to the shipping worker to void with the carrier."""
    CANCELLED = "cancelled"


EDITABLE = frozenset({ShipmentStatus.PENDING, ShipmentStatus.FAILED})
"""Packages, carrier and address change only here; only here is `submit` allowed."""
DELETABLE = frozenset({ShipmentStatus.PENDING, ShipmentStatus.FAILED, ShipmentStatus.CANCELLED})
CANCELLABLE = frozenset({ShipmentStatus.SUBMITTED})


class SubmissionAction(StrEnum):
    SUBMIT = "submit"
    CANCEL = "cancel"


class SubmissionStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
