"""Goods in receipts (pre-receipts, ASNs) and their lines: the goods a warehouse expects."""

from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, UTCDateTime
from clarus.core.models import (
    NEVER_REUSED_IDS,
    CustomFields,
    ExternalReferences,
    TenantOwned,
    Timestamps,
)
from clarus.inbound.statuses import ReceiptStatus

RECEIPT_NOT_CANCELLED = text(f"status <> '{ReceiptStatus.CANCELLED}'")


class AlternativeLineReferences:
    """What the upstream system calls a line, kept as sent."""

    alt_line_note: Mapped[str | None] = mapped_column(Text)
    alt_line_number: Mapped[str | None] = mapped_column(String(255))
    alt_line_reference: Mapped[str | None] = mapped_column(String(255))
    alt_product_code: Mapped[str | None] = mapped_column(String(255))


class GoodsInReceipt(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    """Goods an account expects into a warehouse. `reference` (the upstream PO or ASN number) is
    unique per account among receipts that are not cancelled."""

    __tablename__ = "goods_in_receipts"
    __table_args__ = (
        Index("ix_goods_in_receipts_tenant_account", "tenant_id", "account_id", "id"),
        Index(
            "uq_goods_in_receipts_account_reference",
            "tenant_id",
            "account_id",
            "reference",
            unique=True,
            sqlite_where=RECEIPT_NOT_CANCELLED,
            postgresql_where=RECEIPT_NOT_CANCELLED,
        ),
        NEVER_REUSED_IDS,
    )

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    supplier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("suppliers.id"), index=True)
    address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id", ondelete="SET NULL")
    )
    reference: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    receipt_type: Mapped[str] = mapped_column(String(32), nullable=False)
    expected_date_of_arrival: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    actual_date_of_arrival: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str | None] = mapped_column(Text)
    part_of_goods_in_receipt_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipts.id"), index=True
    )
    """(ours) The receipt whose unreceived rest this one expects (`move_to_part`)."""


class GoodsInReceiptLine(
    TenantOwned, Timestamps, AlternativeLineReferences, ExternalReferences, CustomFields, Base
):
    """One product expected on a receipt. Batch goes in `string1`, sell-by in `datetime1`,
    best-before in `datetime2`; `product_storage_unit_id` (ours) says how it arrives packed."""

    __tablename__ = "goods_in_receipt_lines"
    __table_args__ = (
        Index("ix_goods_in_receipt_lines_tenant_receipt", "tenant_id", "goods_in_receipt_id"),
        NEVER_REUSED_IDS,
    )

    goods_in_receipt_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("goods_in_receipts.id", ondelete="CASCADE"), nullable=False, index=True
    )
    product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id"), nullable=False, index=True
    )
    product_storage_unit_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("product_storage_units.id"), index=True
    )
    expected_quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    expected_configurations_quantity: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    stock_configuration: Mapped[str | None] = mapped_column(String(8))
    expected_quantity_dimension: Mapped[str | None] = mapped_column(String(8))
    received_quantity: Mapped[decimal.Decimal] = mapped_column(
        DecimalType, nullable=False, default=0, server_default="0"
    )
