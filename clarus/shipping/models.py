"""Shipping tables: trailer types, trailers, loads and their drops; dock bookings, crossdocks
and collection addresses; custom carrier types, shipments and their packages, the carriers'
tracking number sequences and the submissions the worker carries out."""

from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, JsonType, UTCDateTime
from clarus.core.models import (
    NEVER_REUSED_IDS,
    CustomFields,
    CustomStrings,
    ExternalReferences,
    TenantOwned,
    Timestamps,
)
from clarus.masterdata.models import PostalAddressColumns
from clarus.shipping.statuses import BookingStatus, CrossdockStatus


class TrailerType(TenantOwned, Timestamps, Base):
    """A kind of trailer; `storage_unit_capacity` (ours, beyond the contract) is how many
    storage units a trailer of the type takes: null for no limit."""

    __tablename__ = "trailer_types"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        CheckConstraint("storage_unit_capacity >= 0", name="capacity_not_negative"),
    )

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    storage_unit_capacity: Mapped[int | None] = mapped_column(IdType)


class Trailer(TenantOwned, Timestamps, Base):
    __tablename__ = "trailers"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    trailer_type_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("trailer_types.id"), nullable=False, index=True
    )


class Load(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    """What leaves a warehouse on one vehicle: its drops are the stops, in `sequence` order.
    `expected_storage_unit_quantity` is the sum of its drops'."""

    __tablename__ = "loads"
    __table_args__ = (
        UniqueConstraint("tenant_id", "reference"),
        CheckConstraint(
            "status IN ('pending', 'open', 'closed', 'dispatched', 'cancelled')",
            name="status_known",
        ),
    )

    reference: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    carrier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("carriers.id"), index=True)
    carrier_service_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("carrier_services.id"), index=True
    )
    trailer_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("trailers.id"), index=True)
    expected_date_of_dispatch: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    expected_storage_unit_quantity: Mapped[int] = mapped_column(IdType, nullable=False, default=0)
    number_of_storage_units_loaded: Mapped[int] = mapped_column(IdType, nullable=False, default=0)
    dispatched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class LoadDrop(TenantOwned, Timestamps, Base):
    """A stop of a load: a delivery address or an order. `sequence` runs 1..n in each load."""

    __tablename__ = "load_drops"
    __table_args__ = (
        CheckConstraint("sequence >= 1", name="sequence_positive"),
        CheckConstraint(
            "expected_storage_unit_quantity >= 0", name="expected_quantity_not_negative"
        ),
    )

    load_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("loads.id", ondelete="CASCADE"), nullable=False, index=True
    )
    sequence: Mapped[int] = mapped_column(IdType, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    delivery_address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id"), index=True
    )
    goods_out_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_outs.id"), index=True
    )
    booking_date: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    booking_reference: Mapped[str | None] = mapped_column(String(255))
    expected_storage_unit_quantity: Mapped[int | None] = mapped_column(IdType)
    number_of_storage_units_loaded: Mapped[int] = mapped_column(
        IdType, nullable=False, default=0, server_default="0"
    )


EXTERNAL_CROSSDOCK = "external"


class CollectionAddress(PostalAddressColumns, TenantOwned, Timestamps, ExternalReferences, Base):
    """Where a carrier collects goods from a supplier; `code` is unique in the tenant."""

    __tablename__ = "collection_addresses"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    supplier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("suppliers.id"), index=True)


class Crossdock(TenantOwned, Timestamps, CustomFields, Base):
    """An external crossdock: goods an account expects in that leave again without being put
    away; `reference` is unique in the tenant."""

    __tablename__ = "crossdocks"
    __table_args__ = (UniqueConstraint("tenant_id", "reference"),)

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    reference: Mapped[str] = mapped_column(String(255), nullable=False)
    expected_date_of_receipt: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=CrossdockStatus.PENDING)
    inbound_method: Mapped[str | None] = mapped_column(String(16))
    crossdock_type: Mapped[str] = mapped_column(
        String(16), nullable=False, default=EXTERNAL_CROSSDOCK
    )
    notes: Mapped[str | None] = mapped_column(Text)
    warehouse_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("warehouses.id"), index=True
    )
    carrier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("carriers.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("suppliers.id"), index=True)
    collection_address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("collection_addresses.id"), index=True
    )
    goods_in_location_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("locations.id"), index=True
    )
    address_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("addresses.id"))


class Booking(TenantOwned, Timestamps, Base):
    """A dock appointment in the booking diary: a location that is `available_in_booking_diary`
    holds at most `booking_slots` active bookings at any moment."""

    __tablename__ = "bookings"
    __table_args__ = (Index("ix_bookings_location_time", "tenant_id", "location_id", "start_time"),)

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    location_id: Mapped[int] = mapped_column(IdType, ForeignKey("locations.id"), nullable=False)
    consignment_reference: Mapped[str] = mapped_column(String(255), nullable=False)
    direction: Mapped[str] = mapped_column(String(16), nullable=False)
    hazardous: Mapped[bool] = mapped_column(nullable=False, default=False)
    start_time: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    end_time: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=BookingStatus.PENDING)
    account_reference: Mapped[str | None] = mapped_column(String(255))
    booking_reference: Mapped[str | None] = mapped_column(String(255))
    container_number: Mapped[str | None] = mapped_column(String(255))
    haulier: Mapped[str | None] = mapped_column(String(255))
    intake_type: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    storage_unit_quantity: Mapped[int | None] = mapped_column(IdType)
    goods_in_receipt_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipts.id", ondelete="SET NULL"), index=True
    )
    goods_out_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_outs.id", ondelete="SET NULL"), index=True
    )
    load_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("loads.id", ondelete="SET NULL"), index=True
    )


class CustomCarrierType(TenantOwned, Timestamps, Base):
    """A carrier Clarus itself plays: its tracking numbers come from `tracking_number_pattern`
    (ours) over a gap-free per-carrier sequence, its labels are drawn as `print_params` say."""

    __tablename__ = "custom_carrier_types"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str | None] = mapped_column(String(50))
    name: Mapped[str | None] = mapped_column(String(255))
    print_params: Mapped[dict[str, object] | None] = mapped_column(JsonType)
    tracking_number_pattern: Mapped[str | None] = mapped_column(String(100))


class Shipment(TenantOwned, Timestamps, ExternalReferences, CustomStrings, Base):
    """What leaves with one carrier for one goods out, in packages; `status` follows
    `shipping.statuses.ShipmentStatus`."""

    __tablename__ = "shipments"
    __table_args__ = (
        Index("ix_shipments_tenant_status", "tenant_id", "status"),
        NEVER_REUSED_IDS,
    )

    goods_out_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("goods_outs.id"), nullable=False, index=True
    )
    warehouse_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("warehouses.id"))
    carrier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("carriers.id"), index=True)
    carrier_service_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("carrier_services.id")
    )
    address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id", ondelete="SET NULL")
    )
    reference: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    tracking_number: Mapped[str | None] = mapped_column(String(255))
    delivery_notes: Mapped[str | None] = mapped_column(Text)
    collection_datetime: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    label_filename: Mapped[str | None] = mapped_column(String(255))
    carrier_response: Mapped[dict[str, object] | None] = mapped_column(JsonType)
    failure_message: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Package(TenantOwned, Timestamps, Base):
    """A parcel or pallet of a shipment, on a storage unit type, with its size and weight."""

    __tablename__ = "packages"
    __table_args__ = (NEVER_REUSED_IDS,)

    shipment_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("shipments.id", ondelete="CASCADE"), index=True
    )
    storage_unit_type_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("storage_unit_types.id")
    )
    storage_unit_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("storage_units.id"))
    reference: Mapped[str | None] = mapped_column(String(255))
    tracking_number: Mapped[str | None] = mapped_column(String(255))
    unit_of_measure: Mapped[str] = mapped_column(String(16), nullable=False)
    length: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    width: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    height: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    weight: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    weight_unit_of_measure: Mapped[str] = mapped_column(String(16), nullable=False)
    value: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)


class ShipmentLabel(TenantOwned, Timestamps, Base):
    """The label a carrier gave a shipment (a PDF), kept apart so that reading a shipment never
    reads its label."""

    __tablename__ = "shipment_labels"
    __table_args__ = (UniqueConstraint("shipment_id"),)

    shipment_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("shipments.id", ondelete="CASCADE"), nullable=False
    )
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class CarrierTrackingSequence(TenantOwned, Base):
    """The last tracking number sequence value a carrier handed out: taken by one guarded
    `UPDATE ... RETURNING` in the submitting transaction, so numbers are gap-free per carrier."""

    __tablename__ = "carrier_tracking_sequences"
    __table_args__ = (UniqueConstraint("carrier_id"),)

    carrier_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("carriers.id", ondelete="CASCADE"), nullable=False
    )
    last_value: Mapped[int] = mapped_column(IdType, nullable=False)


class ShipmentSubmission(TenantOwned, Timestamps, Base):
    """A carrier call to make (`submit` or `cancel`), worked by the shipping worker outside any
    request: claimed under a lease, retried on the retry policy's schedule."""

    __tablename__ = "shipment_submissions"
    __table_args__ = (Index("ix_shipment_submissions_due", "status", "next_attempt_at"),)

    shipment_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("shipments.id", ondelete="CASCADE"), nullable=False, index=True
    )
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    attempts: Mapped[int] = mapped_column(IdType, nullable=False, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    leased_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class ShipmentCarrierAttempt(TenantOwned, Base):
    """One carrier call of a submission, as the worker finished it: `outcome` is `submitted`,
    `cancelled`, `failed` or `retry`, with the carrier's message."""

    __tablename__ = "shipment_carrier_attempts"

    submission_id: Mapped[int] = mapped_column(
        IdType,
        ForeignKey("shipment_submissions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    attempt: Mapped[int] = mapped_column(IdType, nullable=False)
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)
    message: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
