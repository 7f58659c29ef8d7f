from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType
from clarus.core.models import Timestamps
from clarus.tenancy.defaults import (
    DEFAULT_DISPATCH_STRATEGY,
    DEFAULT_GOODS_OUT_TYPE,
    DEFAULT_LANGUAGE,
    DEFAULT_PACK_STRATEGY,
    DEFAULT_PICK_TYPE,
    DEFAULT_RECEIPT_TYPE,
)


class Tenant(Timestamps, Base):
    """A tenant, addressed by its subdomain (`X-Clarus-Subdomain`); Clarus calls it a subdomain."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    subdomain: Mapped[str] = mapped_column(String(63), nullable=False, unique=True)
    company_name: Mapped[str] = mapped_column(String(255), nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False, default=DEFAULT_LANGUAGE)
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    is_live: Mapped[bool] = mapped_column(nullable=False, default=False)
    import_timezone: Mapped[str | None] = mapped_column(String(64))
    default_pick_type: Mapped[str] = mapped_column(
        String(32), nullable=False, default=DEFAULT_PICK_TYPE
    )
    default_pack_strategy: Mapped[str] = mapped_column(
        String(32), nullable=False, default=DEFAULT_PACK_STRATEGY
    )
    default_dispatch_strategy: Mapped[str] = mapped_column(
        String(32), nullable=False, default=DEFAULT_DISPATCH_STRATEGY
    )
    default_receipt_type: Mapped[str] = mapped_column(
        String(32), nullable=False, default=DEFAULT_RECEIPT_TYPE
    )
    default_order_type_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("order_types.id", ondelete="SET NULL", use_alter=True)
    )
    default_role_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("roles.id", ondelete="RESTRICT", use_alter=True)
    )
    """The role a user gets when made without one; made with the tenant, so null only for the
    moment between the two inserts (the role belongs to the tenant)."""
    default_goods_out_type: Mapped[str] = mapped_column(
        String(32), nullable=False, default=DEFAULT_GOODS_OUT_TYPE
    )
    is_free_trial: Mapped[bool] = mapped_column(
        nullable=False, default=False, server_default=false()
    )
    is_internal: Mapped[bool] = mapped_column(nullable=False, default=False, server_default=false())
    subscription_rf_implementations_active_limit: Mapped[int] = mapped_column(
        nullable=False, default=2, server_default="2"
    )
    email_address: Mapped[str | None] = mapped_column(String(255))
    main_phone: Mapped[str | None] = mapped_column(String(50))
    website: Mapped[str | None] = mapped_column(String(255))
    vat_registration_number: Mapped[str | None] = mapped_column(String(50))
    company_registration_number: Mapped[str | None] = mapped_column(String(50))
    global_location_number: Mapped[str | None] = mapped_column(String(50))
    invoice_header_notes: Mapped[str | None] = mapped_column(Text)
    invoice_footer_notes: Mapped[str | None] = mapped_column(Text)
    address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id", ondelete="SET NULL", use_alter=True)
    )
    currency_id: Mapped[int | None] = mapped_column(IdType)
    tax_rate_id: Mapped[int | None] = mapped_column(IdType)
    load_drop_manifest_template_id: Mapped[int | None] = mapped_column(IdType)
