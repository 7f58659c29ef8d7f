"""Dock bookings: the booking diary of a warehouse's docks.

A booking holds a dock location (one that is `available_in_booking_diary`) from `start_time` to
`end_time`. A dock takes `booking_slots` bookings at the same moment; a write that would put
more there is refused naming a booking already holding the slot. The dock's row is locked first,
so two requests for the same dock are checked one after the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import (
    RecordKind,
    RecordWrites,
    change_checked_record,
    check_record,
    insert_checked_record,
)
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.inbound.tables import goods_in_receipts
from clarus.masterdata.rows import LocationRow, location_row
from clarus.masterdata.tables import accounts, locations
from clarus.outbound.tables import goods_outs
from clarus.shipping.rows import booking_row
from clarus.shipping.statuses import (
    BOOKING_TRANSITIONS,
    OCCUPYING_STATUSES,
    BookingDirection,
    BookingStatus,
)
from clarus.shipping.tables import bookings, loads


def _default_reference(row: RowDict) -> dict[str, object]:
    """`BK-<id>`, zero-padded to six digits, for a booking created without a reference."""
    if row["booking_reference"] is not None:
        return {}
    return {"booking_reference": f"BK-{row['id']:06d}"}


BOOKINGS = RecordKind(
    bookings,
    event_name="booking",
    unique_code=False,
    references={
        "account_id": accounts,
        "location_id": locations,
        "goods_in_receipt_id": goods_in_receipts,
        "goods_out_id": goods_outs,
        "load_id": loads,
    },
    flag_defaults={"hazardous": False},
    stamp=_default_reference,
)
SLOT_FIELDS = frozenset({"start_time", "end_time", "location_id"})
"""Changing any of these checks the slot again (the status never moves back to one that holds
a slot)."""
LINK_FIELDS = frozenset(
    {"account_id", "direction", "goods_in_receipt_id", "goods_out_id", "load_id"}
)
LINKED: tuple[tuple[str, Table, str, BookingDirection], ...] = (
    ("goods_in_receipt_id", goods_in_receipts, "Goods in receipt", BookingDirection.INBOUND),
    ("goods_out_id", goods_outs, "Goods out", BookingDirection.OUTBOUND),
    ("load_id", loads, "Load", BookingDirection.OUTBOUND),
)
"""What a booking may name, and on bookings of which direction: each must be in the dock's
warehouse and, where it has an account (a load has none), the booking's account's. Deleting one
unlinks it from its bookings."""


@dataclass(frozen=True)
class HeldSlot:
    booking_id: int
    booking_reference: str | None
    start_time: dt.datetime
    end_time: dt.datetime


async def create_booking(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    await check_record(session, kind, tenant_id=tenant_id, values=values)
    await _check_booking(session, tenant_id=tenant_id, booking=values, record_id=None)
    return await insert_checked_record(session, kind, tenant_id=tenant_id, values=values)


async def update_booking(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    changes = kind.changes_of(attributes)
    await check_record(session, kind, tenant_id=tenant_id, values=changes, record_id=record_id)
    current = await fetch_record(
        session,
        kind.table,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
        lock=True,
        shape=booking_row,
    )
    _check_transition(current["status"], changes.get("status"))
    if (SLOT_FIELDS | LINK_FIELDS) & changes.keys():
        after = {**current, **changes}
        await _check_booking(session, tenant_id=tenant_id, booking=after, record_id=record_id)
    return await change_checked_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


def _check_transition(current: str, wanted: object) -> None:
    if wanted is None or wanted == current:
        return
    if BookingStatus(str(wanted)) not in BOOKING_TRANSITIONS[BookingStatus(current)]:
        raise ClarusError.of(
            ErrorKind.BOOKING_STATUS_NOT_ALLOWED,
            f"A {current} booking cannot become {wanted}.",
            path="/status",
            status=current,
        )


async def _check_booking(
    session: AsyncSession, *, tenant_id: int, booking: Mapping[str, object], record_id: int | None
) -> None:
    start, end = booking["start_time"], booking["end_time"]
    assert isinstance(start, dt.datetime)
    assert isinstance(end, dt.datetime)
    if end <= start:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE, "end_time must be after start_time.", path="/end_time"
        )
    _check_links(booking)
    location_id = booking["location_id"]
    assert isinstance(location_id, int)
    dock = await fetch_record(
        session,
        locations,
        tenant_id=tenant_id,
        record_id=location_id,
        resource="location",
        lock=True,
        shape=location_row,
    )
    if not dock["available_in_booking_diary"]:
        raise ClarusError.of(
            ErrorKind.LOCATION_NOT_IN_BOOKING_DIARY,
            f"Location {dock['code']} is not available in the booking diary.",
            path="/location_id",
        )
    await _check_linked_records(session, tenant_id=tenant_id, booking=booking, dock=dock)
    if booking.get("status", BookingStatus.PENDING) not in OCCUPYING_STATUSES:
        return
    held = await _slots_held(
        session,
        tenant_id=tenant_id,
        location_id=location_id,
        start=start,
        end=end,
        excluding=record_id,
    )
    conflict = _conflict(held, start=start, slots=dock["booking_slots"])
    if conflict is not None:
        raise _overlap(conflict, dock)


def _check_links(booking: Mapping[str, object]) -> None:
    for column, _table, label, direction in LINKED:
        if booking.get(column) is not None and booking["direction"] != direction:
            raise ClarusError.of(
                ErrorKind.BOOKING_LINK_WRONG_DIRECTION,
                f"A {label.lower()} can be linked to an {direction} booking only.",
                path=f"/{column}",
            )


async def _check_linked_records(
    session: AsyncSession, *, tenant_id: int, booking: Mapping[str, object], dock: LocationRow
) -> None:
    for column, table, label, _direction in LINKED:
        linked_id = booking.get(column)
        if linked_id is None:
            continue
        statement = select(table).where(table.c.tenant_id == tenant_id, table.c.id == linked_id)
        linked = (await session.execute(statement)).mappings().one()
        if linked.get("account_id", booking["account_id"]) != booking["account_id"]:
            raise ClarusError.of(
                ErrorKind.INVALID_VALUE,
                f"{label} {linked_id} belongs to another account than the booking.",
                path=f"/{column}",
            )
        if linked["warehouse_id"] is not None and linked["warehouse_id"] != dock["warehouse_id"]:
            raise ClarusError.of(
                ErrorKind.INVALID_VALUE,
                f"{label} {linked_id} is in another warehouse than location {dock['code']}.",
                path=f"/{column}",
            )


async def _slots_held(
    session: AsyncSession,
    *,
    tenant_id: int,
    location_id: int,
    start: dt.datetime,
    end: dt.datetime,
    excluding: int | None,
) -> list[HeldSlot]:
    """The active bookings of the dock that overlap `[start, end)`; touching ends do not."""
    statement = (
        select(
            bookings.c.id, bookings.c.booking_reference, bookings.c.start_time, bookings.c.end_time
        )
        .where(
            bookings.c.tenant_id == tenant_id,
            bookings.c.location_id == location_id,
            bookings.c.status.in_([str(status) for status in OCCUPYING_STATUSES]),
            bookings.c.start_time < end,
            bookings.c.end_time > start,
        )
        .order_by(bookings.c.start_time, bookings.c.id)
    )
    if excluding is not None:
        statement = statement.where(bookings.c.id != excluding)
    return [HeldSlot(*row) for row in (await session.execute(statement)).all()]


def _conflict(held: list[HeldSlot], *, start: dt.datetime, slots: int) -> HeldSlot | None:
    """The first booking holding the dock at a moment when it is full, if any. The number of
    bookings at the dock only rises when one starts, so those moments are the only ones to
    count at."""
    moments = [start, *(slot.start_time for slot in held if slot.start_time > start)]
    for moment in moments:
        present = [slot for slot in held if slot.start_time <= moment < slot.end_time]
        if len(present) >= slots:
            return present[0]
    return None


def _overlap(conflict: HeldSlot, dock: LocationRow) -> ClarusError:
    reference = conflict.booking_reference or str(conflict.booking_id)
    return ClarusError(
        Problem(
            ErrorKind.OVERLAPPING_BOOKINGS,
            f"Booking {reference} (id {conflict.booking_id}) holds location {dock['code']} from "
            f"{conflict.start_time.isoformat()} to {conflict.end_time.isoformat()}; the location "
            f"takes {dock['booking_slots']} booking(s) at a time.",
            "/start_time",
            {"booking_id": conflict.booking_id, "booking_reference": conflict.booking_reference},
            source="time_slot",
        )
    )


BOOKING_WRITES = RecordWrites(create=create_booking, update=update_booking)
