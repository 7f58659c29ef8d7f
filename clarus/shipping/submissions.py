"""Handing a shipment to its carrier, and taking it back.

`submit` and `cancel` only record the intent (a `shipment_submissions` row) and move the
shipment to `submitting` or `cancelling`; the shipping worker (`shipping.worker`) makes the
carrier call outside any request and writes its result here: `submitted` with tracking numbers
and label, `failed` with the carrier's message, or `cancelled` with the label voided."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit
from clarus.core.json_types import JSONObject
from clarus.core.records import RowDict, required, rows_changed
from clarus.masterdata.addresses import fetch_address
from clarus.masterdata.rows import CarrierRow, carrier_row
from clarus.masterdata.tables import carrier_services, carriers, warehouses
from clarus.outbound.tables import goods_outs
from clarus.shipping.carriers import custom_carrier_type_of, tracking_number
from clarus.shipping.labels import PageLayout, address_lines, weight_in_kg
from clarus.shipping.rows import ShipmentRow, shipment_row
from clarus.shipping.shipments import (
    SHIPMENTS,
    ensure_status,
    fetch_shipment,
    packages_of,
    shown_shipment,
)
from clarus.shipping.statuses import (
    CANCELLABLE,
    EDITABLE,
    ShipmentStatus,
    SubmissionAction,
    SubmissionStatus,
)
from clarus.shipping.tables import (
    packages,
    shipment_carrier_attempts,
    shipment_labels,
    shipment_submissions,
    shipments,
)

LABEL_CONTENT_TYPE = "application/pdf"
HTTP_CARRIER_TYPE = "http"


class CarrierKind(StrEnum):
    CUSTOM = "custom"
    """A custom carrier type: Clarus makes the tracking numbers and the label."""
    HTTP = "http"
    """`carrier_type: "http"` with `carrier_authentication: {"url", "secret"}`: Clarus POSTs
    the shipment there."""


def carrier_kind(carrier: Mapping[str, object]) -> CarrierKind | None:
    if carrier["custom_carrier_type_id"] is not None:
        return CarrierKind.CUSTOM
    credentials = carrier["carrier_authentication"]
    if (
        carrier["carrier_type"] == HTTP_CARRIER_TYPE
        and isinstance(credentials, Mapping)
        and isinstance(credentials.get("url"), str)
    ):
        return CarrierKind.HTTP
    return None


async def _carrier(session: AsyncSession, *, tenant_id: int, carrier_id: int) -> CarrierRow:
    statement = select(carriers).where(
        carriers.c.id == carrier_id, carriers.c.tenant_id == tenant_id
    )
    return carrier_row((await session.execute(statement)).mappings().one())


async def _ensure_ready(session: AsyncSession, *, tenant_id: int, shipment: ShipmentRow) -> None:
    carrier_id = shipment["carrier_id"]
    if carrier_id is None:
        raise ClarusError.of(
            ErrorKind.SHIPMENT_NOT_READY, "The shipment has no carrier.", path="/carrier_id"
        )
    found = await packages_of(session, tenant_id=tenant_id, shipment_id=shipment["id"])
    if not found:
        raise ClarusError.of(
            ErrorKind.SHIPMENT_NOT_READY, "The shipment has no packages.", path="/packages"
        )
    unweighed = [package["id"] for package in found if package["weight"] is None]
    if unweighed:
        raise ClarusError.of(
            ErrorKind.SHIPMENT_NOT_READY,
            f"Packages {unweighed} have no weight.",
            path="/packages",
            package_ids=unweighed,
        )
    carrier = await _carrier(session, tenant_id=tenant_id, carrier_id=carrier_id)
    if carrier_kind(carrier) is None:
        raise ClarusError.of(
            ErrorKind.CARRIER_NOT_CONFIGURED, path="/carrier_id", carrier_id=carrier_id
        )


async def _hand_over(
    session: AsyncSession,
    *,
    tenant_id: int,
    shipment_id: int,
    action: SubmissionAction,
    status: ShipmentStatus,
) -> RowDict:
    now = utcnow()
    await session.execute(
        insert(shipment_submissions).values(
            tenant_id=tenant_id,
            shipment_id=shipment_id,
            action=action.value,
            status=SubmissionStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
    )
    values: dict[str, object] = {"status": status.value, "updated_at": now}
    if action is SubmissionAction.SUBMIT:
        values["failure_message"] = None
    statement = (
        update(shipments)
        .where(shipments.c.id == shipment_id)
        .values(values)
        .returning(*shipments.c)
    )
    row = shipment_row((await session.execute(statement)).mappings().one())
    record = await shown_shipment(session, tenant_id=tenant_id, row=row)
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=SHIPMENTS.event_name,
        event="updated",
        record_id=shipment_id,
        payload=record,
    )
    return record


async def request_submit(session: AsyncSession, *, tenant_id: int, shipment_id: int) -> RowDict:
    """Refused unless the shipment is pending or failed, has a carrier with an integration, and
    packages that all have a weight."""
    shipment = await fetch_shipment(
        session, tenant_id=tenant_id, shipment_id=shipment_id, lock=True
    )
    ensure_status(shipment, EDITABLE, "be submitted")
    await _ensure_ready(session, tenant_id=tenant_id, shipment=shipment)
    return await _hand_over(
        session,
        tenant_id=tenant_id,
        shipment_id=shipment_id,
        action=SubmissionAction.SUBMIT,
        status=ShipmentStatus.SUBMITTING,
    )


async def request_cancel(session: AsyncSession, *, tenant_id: int, shipment_id: int) -> RowDict:
    """Only a submitted shipment is cancelled."""
    shipment = await fetch_shipment(
        session, tenant_id=tenant_id, shipment_id=shipment_id, lock=True
    )
    ensure_status(shipment, CANCELLABLE, "be cancelled")
    return await _hand_over(
        session,
        tenant_id=tenant_id,
        shipment_id=shipment_id,
        action=SubmissionAction.CANCEL,
        status=ShipmentStatus.CANCELLING,
    )


async def shipment_label(
    session: AsyncSession, *, tenant_id: int, shipment_id: int
) -> tuple[bytes, str]:
    """The label's PDF and file name; `shipment_label_missing` when there is none."""
    shipment = await fetch_shipment(session, tenant_id=tenant_id, shipment_id=shipment_id)
    statement = select(shipment_labels.c.content).where(
        shipment_labels.c.shipment_id == shipment_id, shipment_labels.c.tenant_id == tenant_id
    )
    content = (await session.execute(statement)).scalar_one_or_none()
    if content is None or shipment["label_filename"] is None:
        raise ClarusError.of(ErrorKind.SHIPMENT_LABEL_MISSING, shipment_id=shipment_id)
    return bytes(content), str(shipment["label_filename"])


# The worker's side: claims, what a carrier is told, and the results.


@dataclass(frozen=True, slots=True)
class ClaimedSubmission:
    id: int
    tenant_id: int
    shipment_id: int
    action: SubmissionAction
    attempts: int
    """Attempts made, this one included."""


async def claim_due(
    session: AsyncSession, *, now: dt.datetime, lease: dt.timedelta, limit: int
) -> list[ClaimedSubmission]:
    """Pending submissions whose time has come and that no live lease holds; on PostgreSQL
    locked with `SKIP LOCKED`, so workers never take one another's. Commit before calling."""
    table = shipment_submissions
    due = (
        select(table.c.id, table.c.tenant_id, table.c.shipment_id, table.c.action, table.c.attempts)
        .where(
            table.c.status == SubmissionStatus.PENDING.value,
            table.c.next_attempt_at <= now,
            (table.c.leased_until.is_(None)) | (table.c.leased_until < now),
        )
        .order_by(table.c.next_attempt_at, table.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list((await session.execute(due)).mappings())
    if not rows:
        return []
    await session.execute(
        update(table)
        .where(table.c.id.in_([row["id"] for row in rows]))
        .values(leased_until=now + lease, attempts=table.c.attempts + 1, updated_at=now)
    )
    return [
        ClaimedSubmission(
            row["id"],
            row["tenant_id"],
            row["shipment_id"],
            SubmissionAction(row["action"]),
            row["attempts"] + 1,
        )
        for row in rows
    ]


async def renew_lease(
    session: AsyncSession, claimed: ClaimedSubmission, *, now: dt.datetime, lease: dt.timedelta
) -> bool:
    """The heartbeat: extend the lease while this attempt still holds the submission."""
    table = shipment_submissions
    statement = (
        update(table)
        .where(
            table.c.id == claimed.id,
            table.c.status == SubmissionStatus.PENDING.value,
            table.c.attempts == claimed.attempts,
        )
        .values(leased_until=now + lease)
    )
    return await rows_changed(session, statement) == 1


@dataclass(frozen=True, slots=True)
class PackageRequest:
    id: int
    reference: str | None
    weight_kg: str | None
    length: str | None
    width: str | None
    height: str | None
    unit_of_measure: str


@dataclass(frozen=True, slots=True)
class ShipmentRequest:
    """What a carrier is told about a shipment (and the HTTP carrier's body, as JSON)."""

    tenant_id: int
    shipment_id: int
    reference: str
    carrier_id: int
    carrier_code: str
    carrier_name: str
    carrier_kind: CarrierKind
    credentials: JSONObject
    service_code: str | None
    service_name: str | None
    tracking_number: str | None
    ship_to: tuple[str, ...]
    ship_from: tuple[str, ...]
    delivery_notes: str | None
    packages: tuple[PackageRequest, ...]
    custom_carrier_type: JSONObject | None

    def body(self, action: SubmissionAction) -> JSONObject:
        return {
            "action": action.value,
            "shipment_id": self.shipment_id,
            "reference": self.reference,
            "carrier_code": self.carrier_code,
            "service_code": self.service_code,
            "tracking_number": self.tracking_number,
            "delivery_notes": self.delivery_notes,
            "ship_to": list(self.ship_to),
            "ship_from": list(self.ship_from),
            "packages": [
                {
                    "id": package.id,
                    "reference": package.reference,
                    "weight_kg": package.weight_kg,
                    "length": package.length,
                    "width": package.width,
                    "height": package.height,
                    "unit_of_measure": package.unit_of_measure,
                }
                for package in self.packages
            ],
        }

    @property
    def layout(self) -> PageLayout:
        params = (self.custom_carrier_type or {}).get("print_params")
        return PageLayout.of(params if isinstance(params, Mapping) else None)


def _text(value: object) -> str | None:
    """A measure as the carrier reads it: `2.5`, not `2.5000`."""
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    return None if value is None else str(value)


async def shipment_request(session: AsyncSession, claimed: ClaimedSubmission) -> ShipmentRequest:
    tenant_id = claimed.tenant_id
    shipment = await fetch_shipment(session, tenant_id=tenant_id, shipment_id=claimed.shipment_id)
    carrier = await _carrier(
        session, tenant_id=tenant_id, carrier_id=required(shipment["carrier_id"], "carrier_id")
    )
    service = None
    if shipment["carrier_service_id"] is not None:
        statement = select(carrier_services.c.code, carrier_services.c.name).where(
            carrier_services.c.id == shipment["carrier_service_id"]
        )
        service = (await session.execute(statement)).mappings().one_or_none()
    order_address_id = (
        await session.execute(
            select(goods_outs.c.address_id).where(goods_outs.c.id == shipment["goods_out_id"])
        )
    ).scalar_one()
    ship_to = await fetch_address(session, tenant_id, shipment["address_id"] or order_address_id)
    ship_from = await _warehouse_lines(
        session, tenant_id=tenant_id, warehouse_id=shipment["warehouse_id"]
    )
    custom_type = await custom_carrier_type_of(
        session, tenant_id=tenant_id, custom_carrier_type_id=carrier["custom_carrier_type_id"]
    )
    package_rows = await packages_of(session, tenant_id=tenant_id, shipment_id=claimed.shipment_id)
    credentials = carrier["carrier_authentication"]
    return ShipmentRequest(
        tenant_id=tenant_id,
        shipment_id=claimed.shipment_id,
        reference=str(shipment["reference"] or shipment["id"]),
        carrier_id=carrier["id"],
        carrier_code=carrier["code"],
        carrier_name=carrier["name"],
        carrier_kind=carrier_kind(carrier) or CarrierKind.CUSTOM,
        credentials=dict(credentials) if isinstance(credentials, Mapping) else {},
        service_code=None if service is None else service["code"],
        service_name=None if service is None else service["name"],
        tracking_number=shipment["tracking_number"],
        ship_to=address_lines(ship_to),
        ship_from=ship_from,
        delivery_notes=shipment["delivery_notes"],
        packages=tuple(
            PackageRequest(
                id=row["id"],
                reference=row["reference"],
                weight_kg=_text(weight_in_kg(row["weight"], row["weight_unit_of_measure"])),
                length=_text(row["length"]),
                width=_text(row["width"]),
                height=_text(row["height"]),
                unit_of_measure=row["unit_of_measure"],
            )
            for row in package_rows
        ),
        custom_carrier_type=None
        if custom_type is None
        else {
            "code": custom_type["code"],
            "print_params": custom_type["print_params"],
            "tracking_number_pattern": custom_type["tracking_number_pattern"],
        },
    )


async def _warehouse_lines(
    session: AsyncSession, *, tenant_id: int, warehouse_id: int | None
) -> tuple[str, ...]:
    if warehouse_id is None:
        return ()
    statement = select(warehouses.c.name, warehouses.c.address_id).where(
        warehouses.c.id == warehouse_id
    )
    warehouse = (await session.execute(statement)).mappings().one()
    address = await fetch_address(session, tenant_id, warehouse["address_id"])
    lines = address_lines(address)
    return lines if lines else (str(warehouse["name"]),)


@dataclass(frozen=True, slots=True)
class CarrierAnswer:
    """A carrier's acceptance: a tracking number per package (in the request's order), the
    shipment's (the first package's unless the carrier says), the label and what it said."""

    tracking_numbers: tuple[str, ...]
    tracking_number: str
    label: bytes | None
    response: JSONObject


async def _still_claimed(session: AsyncSession, claimed: ClaimedSubmission) -> bool:
    """The submission is still this attempt's (no other worker took it over after a lease ran
    out): locks it until the result is written."""
    table = shipment_submissions
    statement = (
        select(table.c.id)
        .where(
            table.c.id == claimed.id,
            table.c.status == SubmissionStatus.PENDING.value,
            table.c.attempts == claimed.attempts,
        )
        .with_for_update()
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def _finish(
    session: AsyncSession,
    claimed: ClaimedSubmission,
    *,
    status: SubmissionStatus,
    outcome: str,
    error: str | None = None,
    retry_at: dt.datetime | None = None,
) -> None:
    """The submission's next state, and the attempt written to the attempt log."""
    await session.execute(
        insert(shipment_carrier_attempts).values(
            tenant_id=claimed.tenant_id,
            submission_id=claimed.id,
            attempt=claimed.attempts,
            outcome=outcome,
            message=error,
            finished_at=utcnow(),
        )
    )
    values: dict[str, object] = {
        "status": status.value,
        "last_error": error,
        "leased_until": None,
        "updated_at": utcnow(),
    }
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    await session.execute(
        update(shipment_submissions).where(shipment_submissions.c.id == claimed.id).values(values)
    )


async def _shipment_changed(
    session: AsyncSession, claimed: ClaimedSubmission, *, event: str, values: Mapping[str, object]
) -> None:
    statement = (
        update(shipments)
        .where(shipments.c.id == claimed.shipment_id)
        .values(updated_at=utcnow(), **values)
        .returning(*shipments.c)
    )
    row = shipment_row((await session.execute(statement)).mappings().one())
    record = await shown_shipment(session, tenant_id=claimed.tenant_id, row=row)
    await emit(
        session,
        tenant_id=claimed.tenant_id,
        resource_name=SHIPMENTS.event_name,
        event=event,
        record_id=claimed.shipment_id,
        payload=record,
    )


async def record_submitted(
    session: AsyncSession,
    claimed: ClaimedSubmission,
    request: ShipmentRequest,
    answer: CarrierAnswer,
) -> bool:
    """Store what the carrier answered; False when the attempt lost its claim (nothing
    written)."""
    if not await _still_claimed(session, claimed):
        return False
    if answer.tracking_numbers:
        await session.execute(
            update(packages)
            .where(packages.c.id == bindparam("package_id"))
            .values(tracking_number=bindparam("number"), updated_at=utcnow()),
            [
                {"package_id": package.id, "number": number}
                for package, number in zip(request.packages, answer.tracking_numbers, strict=False)
            ],
        )
    filename = None
    await session.execute(
        delete(shipment_labels).where(shipment_labels.c.shipment_id == claimed.shipment_id)
    )
    if answer.label is not None:
        filename = f"shipment-{claimed.shipment_id}-label.pdf"
        now = utcnow()
        await session.execute(
            insert(shipment_labels).values(
                tenant_id=claimed.tenant_id,
                shipment_id=claimed.shipment_id,
                content_type=LABEL_CONTENT_TYPE,
                content=answer.label,
                created_at=now,
                updated_at=now,
            )
        )
    await _finish(session, claimed, status=SubmissionStatus.DONE, outcome="submitted")
    await _shipment_changed(
        session,
        claimed,
        event="submitted",
        values={
            "status": ShipmentStatus.SUBMITTED.value,
            "tracking_number": answer.tracking_number,
            "label_filename": filename,
            "carrier_response": answer.response,
            "failure_message": None,
            "submitted_at": utcnow(),
        },
    )
    return True


async def record_cancelled(
    session: AsyncSession, claimed: ClaimedSubmission, response: JSONObject
) -> bool:
    """The carrier voided it: the label goes."""
    if not await _still_claimed(session, claimed):
        return False
    await session.execute(
        delete(shipment_labels).where(shipment_labels.c.shipment_id == claimed.shipment_id)
    )
    await _finish(session, claimed, status=SubmissionStatus.DONE, outcome="cancelled")
    await _shipment_changed(
        session,
        claimed,
        event="cancelled",
        values={
            "status": ShipmentStatus.CANCELLED.value,
            "label_filename": None,
            "carrier_response": response,
        },
    )
    return True


async def record_refused(session: AsyncSession, claimed: ClaimedSubmission, message: str) -> bool:
    """The carrier said no (or the attempts ran out): a submit fails with its message; a cancel
    leaves the shipment submitted, with the message."""
    if not await _still_claimed(session, claimed):
        return False
    await _finish(session, claimed, status=SubmissionStatus.FAILED, outcome="failed", error=message)
    if claimed.action is SubmissionAction.SUBMIT:
        values = {"status": ShipmentStatus.FAILED.value, "failure_message": message}
        await _shipment_changed(session, claimed, event="failed", values=values)
    else:
        values = {"status": ShipmentStatus.SUBMITTED.value, "failure_message": message}
        await _shipment_changed(session, claimed, event="updated", values=values)
    return True


async def record_retry(
    session: AsyncSession, claimed: ClaimedSubmission, *, error: str, at: dt.datetime
) -> bool:
    """The carrier could not be reached: try again at `at`."""
    if not await _still_claimed(session, claimed):
        return False
    await _finish(
        session,
        claimed,
        status=SubmissionStatus.PENDING,
        outcome="retry",
        error=error,
        retry_at=at,
    )
    return True


def numbers_for(request: ShipmentRequest, values: Sequence[int]) -> tuple[str, ...]:
    pattern = (request.custom_carrier_type or {}).get("tracking_number_pattern")
    code = (request.custom_carrier_type or {}).get("code") or request.carrier_code
    return tuple(
        tracking_number(
            pattern if isinstance(pattern, str) else None, carrier_code=str(code), sequence=value
        )
        for value in values
    )
