"""The parties goods move between: customers (who receive), suppliers (who send), and the
carriers (with their services) that move them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType, JsonType
from clarus.core.models import ExternalReferences, TenantOwned, Timestamps


def _address_id() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("addresses.id", ondelete="SET NULL"), index=True)


class Customer(TenantOwned, Timestamps, ExternalReferences, Base):
    """An end recipient of goods (not a stock owner: that is an account)."""

    __tablename__ = "customers"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    shelf_life_min: Mapped[int | None] = mapped_column(IdType)
    shelf_life_max: Mapped[int | None] = mapped_column(IdType)
    pick_label_id: Mapped[int | None] = mapped_column(IdType)
    address_id: Mapped[int | None] = _address_id()


class Supplier(TenantOwned, Timestamps, ExternalReferences, Base):
    __tablename__ = "suppliers"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    address_id: Mapped[int | None] = _address_id()


class Carrier(TenantOwned, Timestamps, ExternalReferences, Base):
    __tablename__ = "carriers"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    carrier_type: Mapped[str | None] = mapped_column(String(255))
    custom_carrier_type_id: Mapped[int | None] = mapped_column(IdType)
    shipment_reference_template: Mapped[str | None] = mapped_column(Text)
    carrier_authentication: Mapped[dict[str, object] | None] = mapped_column(JsonType)
    carrier_externally_registered: Mapped[bool] = mapped_column(nullable=False, default=False)


class CarrierService(TenantOwned, Timestamps, Base):
    """A service level of a carrier (next day, 1st class...); at most one is its default."""

    __tablename__ = "carrier_services"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        Index(
            "uq_carrier_services_default",
            "carrier_id",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
    )

    carrier_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("carriers.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(30), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    is_default: Mapped[bool] = mapped_column(nullable=False)
    active: Mapped[bool] = mapped_column(nullable=False)
    service_configuration: Mapped[dict[str, object] | None] = mapped_column(JsonType)
    external_preset_name: Mapped[str | None] = mapped_column(String(255))
    external_preset_id: Mapped[int | None] = mapped_column(IdType)
