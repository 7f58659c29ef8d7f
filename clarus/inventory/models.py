"""Stock records and their ledger.

A stock record is a quantity of one product, owned by one account, in one location (on one
storage unit), of one batch and dates, available or held. Every change of its quantity or status
is a row of `transactions`, so a record's quantity is always the sum of its ledger rows. The
database refuses a negative quantity or more allocated than there is, whatever the code does.
"""

from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, UTCDateTime, utcnow
from clarus.core.models import NEVER_REUSED_IDS, TenantOwned, Timestamps


class Stock(TenantOwned, Timestamps, Base):
    __tablename__ = "stocks"
    __table_args__ = (
        CheckConstraint("quantity >= 0", name="ck_stocks_quantity_not_negative"),
        CheckConstraint(
            "allocated_quantity >= 0 AND allocated_quantity <= quantity",
            name="ck_stocks_allocated_within_quantity",
        ),
        Index(
            "ix_stocks_allocatable",
            "tenant_id",
            "product_id",
            "account_id",
            "warehouse_id",
            "status",
        ),
        NEVER_REUSED_IDS,
    )

    product_id: Mapped[int] = mapped_column(IdType, ForeignKey("products.id"), nullable=False)
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    location_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("locations.id"), nullable=False, index=True
    )
    storage_unit_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("storage_units.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    allocated_quantity: Mapped[decimal.Decimal] = mapped_column(
        DecimalType, nullable=False, default=0, server_default="0"
    )
    fifo_date: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    """When the stock arrived: first in, first out."""
    string1: Mapped[str | None] = mapped_column(String(255))
    """The batch (lot) number."""
    datetime1: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """Sell by."""
    datetime2: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """Best before."""
    hold_description: Mapped[str | None] = mapped_column(Text)
    hold_reason_code_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("reason_codes.id"))
    last_counted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """When a completed stock check last counted the record's group."""


class StockTransaction(TenantOwned, Base):
    """One change of one stock record: `quantity` is the signed change of its quantity (zero
    for a change of status), with where the stock went from and to, who did it and why."""

    __tablename__ = "transactions"
    __table_args__ = (
        Index("ix_transactions_product", "tenant_id", "product_id", "created_at"),
        NEVER_REUSED_IDS,
    )

    stock_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("stocks.id"), nullable=False, index=True
    )
    subtype: Mapped[str] = mapped_column(String(8), nullable=False)
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    product_id: Mapped[int] = mapped_column(IdType, ForeignKey("products.id"), nullable=False)
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    location_from_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("locations.id"))
    location_to_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("locations.id"))
    reason_code_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("reason_codes.id"))
    description: Mapped[str | None] = mapped_column(Text)
    completing_user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))
    """Kept: a user who changed stock cannot be deleted, so every change stays attributable."""
    goods_out_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_outs.id", ondelete="SET NULL"), index=True
    )
    goods_in_receipt_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipts.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
