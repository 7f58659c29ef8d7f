"""Goods outs (sales orders, work orders, crossdocks) and their lines: what leaves a warehouse."""

from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, UTCDateTime, utcnow
from clarus.core.models import (
    NEVER_REUSED_IDS,
    CustomFields,
    CustomStrings,
    ExternalReferences,
    TenantOwned,
    Timestamps,
)
from clarus.inbound.models import AlternativeLineReferences
from clarus.outbound.statuses import GoodsOutStatus

ORDER_NOT_CANCELLED = text(f"goods_out_status_id <> {int(GoodsOutStatus.CANCELLED)}")
KNOWN_STATUS = f"goods_out_status_id BETWEEN {min(GoodsOutStatus)} AND {max(GoodsOutStatus)}"


class GoodsOut(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    """An order to send goods out of a warehouse. `reference` is unique per account among orders
    that are not cancelled; `address_id` is its inline delivery address."""

    __tablename__ = "goods_outs"
    __table_args__ = (
        Index("ix_goods_outs_tenant_account", "tenant_id", "account_id", "id"),
        Index(
            "uq_goods_outs_account_reference",
            "tenant_id",
            "account_id",
            "reference",
            unique=True,
            sqlite_where=ORDER_NOT_CANCELLED,
            postgresql_where=ORDER_NOT_CANCELLED,
        ),
        CheckConstraint(KNOWN_STATUS, name="ck_goods_outs_known_status"),
        NEVER_REUSED_IDS,
    )

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    warehouse_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("warehouses.id"), index=True
    )
    reference: Mapped[str] = mapped_column(String(50), nullable=False)
    goods_out_type: Mapped[str] = mapped_column(String(16), nullable=False)
    goods_out_status_id: Mapped[int] = mapped_column(SmallInteger, nullable=False, index=True)
    order_type_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("order_types.id"))
    customer_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("customers.id"), index=True)
    carrier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("carriers.id"), index=True)
    carrier_service_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("carrier_services.id")
    )
    location_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("locations.id"))
    address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id", ondelete="SET NULL")
    )
    original_delivery_address_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("addresses.id")
    )
    integration_id: Mapped[int | None] = mapped_column(IdType)
    """No foreign key: integrations are not a resource of ours yet."""
    goods_out_pick_list_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_out_pick_lists.id", ondelete="SET NULL"), index=True
    )
    """The pick list processing put the order on."""
    short_order_lines_reason_code_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("reason_codes.id")
    )
    short_order_lines_description: Mapped[str | None] = mapped_column(Text)
    expected_date_of_dispatch: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, nullable=False, index=True
    )
    actual_date_of_dispatch: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    priority: Mapped[int | None] = mapped_column(SmallInteger)
    drop_sequence: Mapped[int | None] = mapped_column(IdType)
    pick_type: Mapped[str] = mapped_column(String(16), nullable=False)
    pack_strategy: Mapped[str] = mapped_column(String(16), nullable=False)
    dispatch_strategy: Mapped[str] = mapped_column(String(16), nullable=False)
    load_reference: Mapped[str | None] = mapped_column(String(255))
    pick_reference: Mapped[str | None] = mapped_column(String(255))
    delivery_notes: Mapped[str | None] = mapped_column(Text)
    order_notes: Mapped[str | None] = mapped_column(Text)
    pick_notes: Mapped[str | None] = mapped_column(Text)
    packing_notes: Mapped[str | None] = mapped_column(String(255))


class CustomDateRanges:
    """Per line, the range a stock record's `datetime1..5` must fall in to be picked for it."""

    datetime1_from: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime1_to: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime2_from: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime2_to: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime3_from: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime3_to: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime4_from: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime4_to: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime5_from: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime5_to: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class GoodsOutLine(
    TenantOwned,
    Timestamps,
    AlternativeLineReferences,
    ExternalReferences,
    CustomFields,
    CustomDateRanges,
    Base,
):
    """One product ordered. The warehouse fills `allocated_quantity`, `pick_quantity` and
    `dispatch_quantity` as the order moves on."""

    __tablename__ = "goods_out_lines"
    __table_args__ = (
        Index("ix_goods_out_lines_tenant_goods_out", "tenant_id", "goods_out_id"),
        NEVER_REUSED_IDS,
    )

    goods_out_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("goods_outs.id", ondelete="CASCADE"), nullable=False, index=True
    )
    product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id"), nullable=False, index=True
    )
    order_quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    ordered_configurations_quantity: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    order_quantity_dimension: Mapped[str | None] = mapped_column(String(8))
    stock_configuration: Mapped[str | None] = mapped_column(String(8))
    allocated_quantity: Mapped[decimal.Decimal] = mapped_column(
        DecimalType, nullable=False, default=0, server_default="0"
    )
    pick_quantity: Mapped[decimal.Decimal] = mapped_column(
        DecimalType, nullable=False, default=0, server_default="0"
    )
    dispatch_quantity: Mapped[decimal.Decimal] = mapped_column(
        DecimalType, nullable=False, default=0, server_default="0"
    )
    short_status: Mapped[str | None] = mapped_column(String(16))
    carrier_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("carriers.id"))
    carrier_service_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("carrier_services.id")
    )
    dispatch_strategy: Mapped[str | None] = mapped_column(String(16))
    pack_strategy: Mapped[str | None] = mapped_column(String(16))
    goods_in_receipt_line_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipt_lines.id", ondelete="SET NULL")
    )
    stock_to_pick_id: Mapped[int | None] = mapped_column(IdType)
    """No foreign key yet: stock records come with the warehouse."""
    storage_unit_reference: Mapped[str | None] = mapped_column(String(255))
    stock_description: Mapped[str | None] = mapped_column(Text)


class Allocation(TenantOwned, Base):
    """Stock reserved for an order line: the line's picks take it from this stock record."""

    __tablename__ = "allocations"
    __table_args__ = (
        UniqueConstraint("goods_out_line_id", "stock_id"),
        CheckConstraint("quantity > 0", name="ck_allocations_quantity_positive"),
        NEVER_REUSED_IDS,
    )

    goods_out_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("goods_outs.id", ondelete="CASCADE"), nullable=False, index=True
    )
    goods_out_line_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("goods_out_lines.id", ondelete="CASCADE"), nullable=False
    )
    stock_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("stocks.id"), nullable=False, index=True
    )
    quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class GoodsOutPickList(TenantOwned, Timestamps, CustomStrings, Base):
    """What processing picks makes: one list per order, or one for several (consolidated),
    whose PICK tasks the warehouse works through."""

    __tablename__ = "goods_out_pick_lists"
    __table_args__ = (NEVER_REUSED_IDS,)

    reference: Mapped[str | None] = mapped_column(String(255))
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    account_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("accounts.id"))
    """The orders' account when they share one."""
    pick_type: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    pick_reference: Mapped[str | None] = mapped_column(String(255))
    load_reference: Mapped[str | None] = mapped_column(String(255))
    expected_date_of_dispatch: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    goods_out_bay_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("locations.id"))


class PickProcessingRequest(TenantOwned, Timestamps, Base):
    """One order's pass through pick processing, found again by its `process_reference`."""

    __tablename__ = "pick_processing_requests"
    __table_args__ = (NEVER_REUSED_IDS,)

    process_reference: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    goods_out_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_outs.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    message: Mapped[str | None] = mapped_column(Text)
