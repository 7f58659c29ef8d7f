from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType, UTCDateTime
from clarus.core.models import CustomFields, ExternalReferences, TenantOwned, Timestamps


class Account(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    """A stock owner (a 3PL's client); every stock record and order belongs to one."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    email: Mapped[str | None] = mapped_column(String(255))
    vat_number: Mapped[str | None] = mapped_column(String(50))
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    is_short_pickable: Mapped[bool] = mapped_column(nullable=False, default=False)
    dispatch_strategy: Mapped[str | None] = mapped_column(String(32))
    tote_dispatch_strategy: Mapped[str | None] = mapped_column(String(32))
    pack_strategy: Mapped[str | None] = mapped_column(String(32))
    pick_rule: Mapped[str] = mapped_column(
        String(16), nullable=False, default="fifo", server_default="fifo"
    )


class Site(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    """A group of warehouses (multi-site operations); at most one is the tenant's default."""

    __tablename__ = "sites"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    default: Mapped[bool] = mapped_column(nullable=False, default=False)
    tier: Mapped[str | None] = mapped_column(String(16))
    address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id", ondelete="SET NULL")
    )


class Warehouse(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    __tablename__ = "warehouses"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    site_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("sites.id"), index=True)
    address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id", ondelete="SET NULL")
    )
    consolidate_pick_enabled: Mapped[bool] = mapped_column(nullable=False, default=False)
    loading_validation_setting: Mapped[str] = mapped_column(
        String(32), nullable=False, default="none"
    )
    opening_times_enabled: Mapped[bool] = mapped_column(nullable=False, default=False)


class LocationType(TenantOwned, Timestamps, Base):
    """Classifies locations; some codes carry behaviour (BAY, GIBAY, GOBAY, PICKANDDROP, WORK)."""

    __tablename__ = "location_types"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(150), nullable=False)
    description: Mapped[str | None] = mapped_column(String(255))


LOCATION_CODE_LENGTH = 60


class Location(TenantOwned, Timestamps, CustomFields, Base):
    """A place in a warehouse where stock is stored or handled; its code is unique in the
    warehouse. Coordinates: `aisle`, `bay`, `level`, `position` as REST documents them, and
    `zone`, `aisle`, `column`, `row`, `slot` as location ranges generate them."""

    __tablename__ = "locations"
    __table_args__ = (UniqueConstraint("tenant_id", "warehouse_id", "code"),)

    code: Mapped[str] = mapped_column(String(LOCATION_CODE_LENGTH), nullable=False)
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    location_type_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("location_types.id"), nullable=False, index=True
    )
    description: Mapped[str | None] = mapped_column(String(255))
    barcode: Mapped[str | None] = mapped_column(String(255))
    zone: Mapped[str | None] = mapped_column(String(255))
    aisle: Mapped[str | None] = mapped_column(String(255))
    bay: Mapped[str | None] = mapped_column(String(255))
    level: Mapped[str | None] = mapped_column(String(255))
    position: Mapped[str | None] = mapped_column(String(255))
    column: Mapped[str | None] = mapped_column(String(255))
    row: Mapped[str | None] = mapped_column(String(255))
    slot: Mapped[str | None] = mapped_column(String(255))
    pick_sequence: Mapped[int | None] = mapped_column(IdType)
    """The pick walk order; GraphQL calls it `walk_sequence`."""
    putaway_sequence: Mapped[int | None] = mapped_column(IdType)
    max_weight: Mapped[float | None] = mapped_column(Float)
    max_cube: Mapped[float | None] = mapped_column(Float)
    max_storage_units: Mapped[int | None] = mapped_column(IdType)
    storage_unit_type_id: Mapped[int | None] = mapped_column(IdType)
    is_pickface: Mapped[bool] = mapped_column(nullable=False, default=False)
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    last_counted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """When a stock check of the location was last completed."""
    available_in_booking_diary: Mapped[bool] = mapped_column(
        nullable=False, default=False, server_default=false()
    )
    """A dock that bookings may be made on (`clarus.shipping.bookings`)."""
    booking_slots: Mapped[int] = mapped_column(
        IdType, nullable=False, default=1, server_default="1"
    )
    """How many bookings the dock takes at the same moment."""


class AccountWarehouse(TenantOwned, Timestamps, Base):
    """An account may operate in a warehouse; each pair is linked once."""

    __tablename__ = "account_warehouses"
    __table_args__ = (UniqueConstraint("tenant_id", "account_id", "warehouse_id"),)

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True
    )
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id", ondelete="CASCADE"), nullable=False, index=True
    )


INLINE_ADDRESS = "inline"
DELIVERY_ADDRESS = "delivery"


class PostalAddressColumns:
    """The lines of a postal address (town/city in `address_3`) and its contact, shared by
    addresses and collection addresses (`clarus.shipping`)."""

    address_1: Mapped[str | None] = mapped_column(String(80))
    address_2: Mapped[str | None] = mapped_column(String(80))
    address_3: Mapped[str | None] = mapped_column(String(80))
    address_4: Mapped[str | None] = mapped_column(String(80))
    address_5: Mapped[str | None] = mapped_column(String(80))
    postcode: Mapped[str | None] = mapped_column(String(10))
    country_code: Mapped[str | None] = mapped_column(String(6))
    email_address: Mapped[str | None] = mapped_column(String(254))
    phone_number: Mapped[str | None] = mapped_column(String(50))
    default_notes: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    external_delivery_id: Mapped[str | None] = mapped_column(String(255))


class Address(PostalAddressColumns, TenantOwned, Timestamps, ExternalReferences, Base):
    """A postal address: inline on warehouses, customers, suppliers, receipts and orders, or a
    delivery address of its own (`address_type` "delivery", with a `code` unique among them)."""

    __tablename__ = "addresses"
    __table_args__ = (
        Index(
            "uq_addresses_delivery_code",
            "tenant_id",
            "code",
            unique=True,
            sqlite_where=text("address_type = 'delivery'"),
            postgresql_where=text("address_type = 'delivery'"),
        ),
    )

    address_type: Mapped[str] = mapped_column(
        String(16), nullable=False, default=INLINE_ADDRESS, server_default=INLINE_ADDRESS
    )
    customer_id: Mapped[int | None] = mapped_column(
        IdType,
        ForeignKey("customers.id", ondelete="SET NULL", use_alter=True),
        index=True,
    )
    code: Mapped[str | None] = mapped_column(String(50))
    name: Mapped[str | None] = mapped_column(String(255))


class OrderType(TenantOwned, Timestamps, Base):
    """A tenant's category of orders (e.g. for duty purposes); goods outs point at one."""

    __tablename__ = "order_types"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(30), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    duty_payable: Mapped[bool] = mapped_column(nullable=False)


class ReasonCode(TenantOwned, Timestamps, ExternalReferences, Base):
    """Why stock was adjusted, held, released, transferred or an order line shorted."""

    __tablename__ = "reason_codes"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(30), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str] = mapped_column(String(150), nullable=False)
    reason_type: Mapped[str] = mapped_column(String(32), nullable=False)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    generic: Mapped[bool] = mapped_column(nullable=False, default=False)


class ReasonCodeAccount(TenantOwned, Base):
    """A reason code assigned to one account (a code that is not `generic`)."""

    __tablename__ = "reason_code_accounts"
    __table_args__ = (UniqueConstraint("reason_code_id", "account_id"),)

    reason_code_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("reason_codes.id", ondelete="CASCADE"), nullable=False
    )
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True
    )
