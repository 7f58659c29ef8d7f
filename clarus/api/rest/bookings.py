"""Bookings: the dock diary."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.shipping.bookings import BOOKING_WRITES, BOOKINGS
from clarus.shipping.records import BookingRecord
from clarus.shipping.schemas import BookingAttributes, BookingUpdateAttributes

router = write_router("Bookings")
add_crud_routes(
    router,
    RestResource(
        kind=BOOKINGS,
        resource_type="bookings",
        schema_name="Booking",
        create_attributes=BookingAttributes,
        update_attributes=BookingUpdateAttributes,
        record=BookingRecord,
        create_operation="createBooking",
        update_operation="updateBooking",
        delete_operation="destroyBooking",
        label="booking",
        writes=BOOKING_WRITES,
    ),
)
