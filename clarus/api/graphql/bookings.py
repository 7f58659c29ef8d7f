"""Bookings: the dock diary, with the account and the dock."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import AccountByIdLoader, LocationByIdLoader, loaded_field
from clarus.api.graphql.locations import LocationNode
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.shipping.tables import bookings


@strawberry.type(name="Booking")
class BookingNode(TimestampsNode):
    id: strawberry.ID
    booking_reference: str | None
    account_reference: str | None
    consignment_reference: str
    status: str
    direction: str
    hazardous: bool
    start_time: ISO8601DateTime
    end_time: ISO8601DateTime
    haulier: str | None
    intake_type: str | None
    container_number: str | None
    storage_unit_quantity: int | None
    notes: str | None
    account_id: strawberry.ID
    location_id: strawberry.ID
    goods_in_receipt_id: strawberry.ID | None
    goods_out_id: strawberry.ID | None
    load_id: strawberry.ID | None

    account = loaded_field(AccountByIdLoader, "account_id", AccountNode | None)
    location = loaded_field(LocationByIdLoader, "location_id", LocationNode | None)


@strawberry.input
class BookingFilterType:
    id: IdInputType | None = None
    booking_reference: StringInputType | None = None
    consignment_reference: StringInputType | None = None
    status: StringInputType | None = None
    direction: StringInputType | None = None
    hazardous: BooleanInputType | None = None
    account_id: IdInputType | None = None
    location_id: IdInputType | None = None
    goods_in_receipt_id: IdInputType | None = None
    goods_out_id: IdInputType | None = None
    load_id: IdInputType | None = None
    start_time: DatetimeInputType | None = None
    end_time: DatetimeInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class BookingQueries:
    all = list_field(BookingNode, BookingFilterType, bookings)
