from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType
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


class Warehouse(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    __tablename__ = "warehouses"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    timezone: Mapped[str | None] = mapped_column(String(64))


INLINE_ADDRESS = "inline"
DELIVERY_ADDRESS = "delivery"


class Address(TenantOwned, Timestamps, ExternalReferences, Base):
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
