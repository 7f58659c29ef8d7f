"""Booking, crossdock and shipment statuses and the moves allowed between them."""

from __future__ import annotations

from enum import StrEnum


class BookingStatus(StrEnum):
    PENDING = "pending"
    ARRIVED = "arrived"
    DEPARTED = "departed"
    FAIL_TO_ARRIVE = "fail_to_arrive"
    CANCELLED = "cancelled"


BOOKING_TRANSITIONS: dict[BookingStatus, frozenset[BookingStatus]] = {
    BookingStatus.PENDING: frozenset(
        {
            BookingStatus.ARRIVED,
            BookingStatus.DEPARTED,
            BookingStatus.FAIL_TO_ARRIVE,
            BookingStatus.CANCELLED,
        }
    ),
    BookingStatus.ARRIVED: frozenset({BookingStatus.DEPARTED, BookingStatus.CANCELLED}),
    BookingStatus.DEPARTED: frozenset(),
    BookingStatus.FAIL_TO_ARRIVE: frozenset(),
    BookingStatus.CANCELLED: frozenset(),
}
OCCUPYING_STATUSES = (BookingStatus.PENDING, BookingStatus.ARRIVED)
"""A booking in these holds its dock slot; the others have let it go."""


class BookingDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class IntakeType(StrEnum):
    CONTAINER = "container"
    PART_LOAD = "part_load"
    FULL_LOAD = "full_load"


class CrossdockStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    RECEIVED = "received"
    COMPLETED = "completed"


CROSSDOCK_ORDER = tuple(CrossdockStatus)
"""A crossdock moves forward through these, never back."""
DELETABLE_CROSSDOCK_STATUSES = frozenset({CrossdockStatus.PENDING, CrossdockStatus.CONFIRMED})


class InboundMethod(StrEnum):
    DELIVERY = "delivery"
    COLLECTION = "collection"


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
