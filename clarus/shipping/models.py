"""Shipping tables: trailer types, trailers, loads and their drops; dock bookings,
crossdocks and collection addresses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType, UTCDateTime
from clarus.core.models import CustomFields, ExternalReferences, TenantOwned, Timestamps
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
