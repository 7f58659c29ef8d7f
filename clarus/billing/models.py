"""Billing tables. Money is `Decimal` (`DecimalType`, four places); a charge line's `total` is
rounded half-up to its currency's minor unit when the line is written."""

from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, JsonType, UTCDateTime
from clarus.core.models import NEVER_REUSED_IDS, TenantOwned, Timestamps


class Currency(TenantOwned, Timestamps, Base):
    """An ISO 4217 currency the tenant bills in; `minor_unit` (ours) is its number of decimal
    places, taken from the ISO table when the currency is created."""

    __tablename__ = "currencies"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(3), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    default: Mapped[bool] = mapped_column(nullable=False, default=False)
    minor_unit: Mapped[int] = mapped_column(nullable=False)


class TaxType(TenantOwned, Timestamps, Base):
    """A tax a price is charged with (standard VAT at 20): its `rate` in percent."""

    __tablename__ = "tax_types"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(30), nullable=False)
    description: Mapped[str] = mapped_column(String(255), nullable=False)
    rate: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)


class TaxRate(TenantOwned, Timestamps, Base):
    """A tax rate of the tenant's accounting (sales or purchases); its rate is fixed once made."""

    __tablename__ = "tax_rates"

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    component_name: Mapped[str | None] = mapped_column(String(100))
    component_rate: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    tax_type: Mapped[str] = mapped_column(String(16), nullable=False, default="sales")
    default: Mapped[bool] = mapped_column(nullable=False, default=False)


class ChargeCard(TenantOwned, Timestamps, Base):
    """A billing profile: the prices an account it is assigned to is charged."""

    __tablename__ = "charge_cards"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(30), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)


class ChargeCardAccount(TenantOwned, Base):
    """An account billed on a card: one card per account."""

    __tablename__ = "charge_card_accounts"
    __table_args__ = (UniqueConstraint("tenant_id", "account_id"),)

    charge_card_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("charge_cards.id", ondelete="CASCADE"), nullable=False, index=True
    )
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    )


class ChargePrice(TenantOwned, Timestamps, Base):
    """A price on a card: `price` per `quantity` units of `unit_of_measure` of an activity of
    `charge_type`, in `currency_id` (none: the tenant's default), taxed by `tax_type_id` (none:
    untaxed)."""

    __tablename__ = "charge_prices"
    __table_args__ = (UniqueConstraint("tenant_id", "charge_card_id", "code"),)

    charge_card_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("charge_cards.id"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    charge_type: Mapped[str] = mapped_column(String(8), nullable=False)
    subtype: Mapped[str | None] = mapped_column(String(16))
    unit_of_measure: Mapped[str] = mapped_column(String(40), nullable=False)
    quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    price: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    auto_charge: Mapped[bool | None] = mapped_column()
    description: Mapped[str | None] = mapped_column(Text)
    nominal_code: Mapped[str | None] = mapped_column(String(50))
    carrier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("carriers.id"))
    carrier_service_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("carrier_services.id")
    )
    order_type_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("order_types.id"))
    location_group_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("groups.id"))
    product_group_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("groups.id"))
    storage_unit_type_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("storage_unit_types.id")
    )
    currency_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("currencies.id"))
    """None: the tenant's default currency when a line is charged."""
    tax_type_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("tax_types.id"))


class ChargeWindow(TenantOwned, Timestamps, Base):
    """A billing schedule: the weekdays (`Day`, 0 = Sunday) or days of the month (`Month`) on
    which an account's billing period ends and the next begins (`billing.windows`)."""

    __tablename__ = "charge_windows"

    name: Mapped[str | None] = mapped_column(String(100))
    frequency: Mapped[str] = mapped_column(String(8), nullable=False)
    numbers: Mapped[list[int]] = mapped_column(JsonType, nullable=False)


class ChargeWindowAccount(TenantOwned, Base):
    """An account billed in a window's periods: one window per account."""

    __tablename__ = "charge_window_accounts"
    __table_args__ = (UniqueConstraint("tenant_id", "account_id"),)

    charge_window_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("charge_windows.id", ondelete="CASCADE"), nullable=False, index=True
    )
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    )


class ChargeBasket(TenantOwned, Timestamps, Base):
    """An account's charges of one period. Closing it collects the account's unbasketed lines
    of the period and freezes it."""

    __tablename__ = "charge_baskets"
    __table_args__ = (
        UniqueConstraint(
            "tenant_id",
            "charge_window_id",
            "account_id",
            "start_at",
            name="uq_charge_baskets_window_account_start",
        ),
        NEVER_REUSED_IDS,
    )

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    charge_card_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("charge_cards.id"), nullable=False
    )
    start_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    end_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(8), nullable=False, default="OPEN")
    invoice_status: Mapped[str] = mapped_column(String(16), nullable=False, default="not_invoiced")
    charge_window_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("charge_windows.id", ondelete="SET NULL")
    )
    """The window that opened the basket for one of its periods (ours); None: made through
    the API."""


class Invoice(TenantOwned, Timestamps, Base):
    """A draft invoice (an AR document) of one account: its lines are the charge lines that
    name it; `number` is the tenant's next, without gaps."""

    __tablename__ = "invoices"
    __table_args__ = (UniqueConstraint("tenant_id", "document_number"),)

    document_number: Mapped[str] = mapped_column(String(30), nullable=False)
    document_type: Mapped[str] = mapped_column(String(16), nullable=False, default="invoice")
    document_date: Mapped[dt.date] = mapped_column(nullable=False)
    document_due_date: Mapped[dt.date] = mapped_column(nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="draft")
    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id"), nullable=False)
    currency_id: Mapped[int] = mapped_column(IdType, ForeignKey("currencies.id"), nullable=False)
    net_total: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    tax_total: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    gross_total: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    taxes: Mapped[list[dict[str, str]]] = mapped_column(JsonType, nullable=False)
    """Per tax rate: `{"rate", "net", "tax"}`, amounts as decimal strings."""
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)


class InvoiceCounter(TenantOwned, Base):
    """The tenant's last invoice number, advanced by one guarded UPDATE per invoice."""

    __tablename__ = "invoice_counters"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    last_number: Mapped[int] = mapped_column(nullable=False, default=0)


class ChargeLine(TenantOwned, Timestamps, Base):
    """One charge. `source_key` (engine lines) names the event or storage day and price it came
    from; unique, so a replay writes nothing twice. A line on an invoice is frozen."""

    __tablename__ = "charge_lines"
    __table_args__ = (
        UniqueConstraint("tenant_id", "source_key"),
        Index("ix_charge_lines_unbasketed", "tenant_id", "account_id", "occurred_at"),
        NEVER_REUSED_IDS,
    )

    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id"), nullable=False)
    charge_basket_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("charge_baskets.id", ondelete="CASCADE"), index=True
    )
    charge_price_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("charge_prices.id", ondelete="SET NULL")
    )
    invoice_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("invoices.id"), index=True)
    code: Mapped[str] = mapped_column(String(30), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    charge_type: Mapped[str] = mapped_column(String(8), nullable=False)
    unit_of_measure: Mapped[str | None] = mapped_column(String(40))
    """The charge price's, when the line has one."""
    quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    price: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    total: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    currency_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("currencies.id"))
    """None: a manual line made while the tenant had no currency; invoiced in the default."""
    tax_rate: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    source_key: Mapped[str | None] = mapped_column(String(120))
    goods_out_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_outs.id", ondelete="SET NULL")
    )
    goods_out_pick_list_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_out_pick_lists.id", ondelete="SET NULL")
    )
    inbound_good_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipts.id", ondelete="SET NULL")
    )
    inbound_item_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipt_lines.id", ondelete="SET NULL")
    )
    product_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="SET NULL")
    )
    storage_unit_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("storage_units.id", ondelete="SET NULL")
    )


class ChargeEngineCursor(Base):
    """The charge engine's row (one): locked while a round runs, so engines take turns; the
    highest event id charged so far. Which events wait is `events.charged_at`."""

    __tablename__ = "charge_engine_cursors"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int] = mapped_column(IdType, nullable=False, default=0)
