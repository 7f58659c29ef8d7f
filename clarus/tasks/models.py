"""Warehouse tasks: one unit of work (receive a line, put stock away, pick, dispatch...) with
where it goes from and to, how much, who holds it, and the document it serves."""

from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, JsonType, UTCDateTime
from clarus.core.models import NEVER_REUSED_IDS, CustomFields, TenantOwned, Timestamps
from clarus.tasks.statuses import TaskStatus, TaskType


def _one_of(column: str, values: type[TaskStatus] | type[TaskType]) -> str:
    return f"{column} IN ({', '.join(repr(str(value)) for value in values)})"


class Task(TenantOwned, Timestamps, CustomFields, Base):
    """`task_type_code` says what the work is; `goods_in_receipt_id`/`_line_id` link receiving
    and put-away to their receipt, `goods_out_id`/`_line_id` picking and dispatch to their
    order, `load_id`/`load_drop_id` a LOAD task to its load. `stock_id` is the stock the task
    moves (a put-away's received stock)."""

    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint(_one_of("task_type_code", TaskType), name="task_type_code_known"),
        CheckConstraint(_one_of("status", TaskStatus), name="status_known"),
        CheckConstraint("start_quantity >= 0", name="start_quantity_not_negative"),
        CheckConstraint("confirmed_quantity >= 0", name="confirmed_quantity_not_negative"),
        Index("ix_tasks_open_work", "tenant_id", "warehouse_id", "task_type_code", "status"),
        NEVER_REUSED_IDS,
    )

    task_type_code: Mapped[str] = mapped_column(String(8), nullable=False)
    subtype: Mapped[str] = mapped_column(String(32), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    priority: Mapped[int | None] = mapped_column(IdType)
    notes: Mapped[str | None] = mapped_column(Text)
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id"), nullable=False, index=True
    )
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    product_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("products.id"), index=True)
    location_from_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("locations.id"), index=True
    )
    location_to_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("locations.id"), index=True
    )
    storage_unit_from_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("storage_units.id"), index=True
    )
    storage_unit_to_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("storage_units.id"))
    stock_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("stocks.id"), index=True)
    start_quantity: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    confirmed_quantity: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    stock_description: Mapped[str | None] = mapped_column(String(255))
    serial_numbers: Mapped[list[str] | None] = mapped_column(JsonType)
    drop_sequence: Mapped[int | None] = mapped_column(IdType)
    parent_task_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("tasks.id", ondelete="SET NULL"), index=True
    )
    """A put-away's receive task."""
    user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"), index=True)
    """Who the task is allocated to."""
    user_created_by_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))
    user_completed_by_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))
    last_accessed_by_user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))
    assigned_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    start_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    end_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_accessed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    goods_in_receipt_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipts.id", ondelete="CASCADE"), index=True
    )
    goods_in_receipt_line_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_in_receipt_lines.id", ondelete="CASCADE"), index=True
    )
    goods_out_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_outs.id", ondelete="CASCADE"), index=True
    )
    goods_out_line_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("goods_out_lines.id", ondelete="CASCADE"), index=True
    )
    load_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("loads.id", ondelete="SET NULL"), index=True
    )
    """A LOAD task's load: assigned, or loaded onto."""
    load_drop_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("load_drops.id", ondelete="SET NULL"), index=True
    )


class RfFlow(TenantOwned, Timestamps, Base):
    """A handheld (HHD, internally RF) flow: which steps and scans a handheld operation demands.
    A flow belongs to an HHD implementation, a number naming one set of flows a tenant's
    devices run (`implementation_id`, 1 unless the tenant keeps several); its `code` is unique
    in the implementation and at most one flow of each `flow_type` is its default."""

    __tablename__ = "rf_flows"
    __table_args__ = (
        UniqueConstraint("tenant_id", "implementation_id", "code"),
        CheckConstraint("flow_type IN ('standard', 'task', 'loading')", name="flow_type_known"),
    )

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    flow_type: Mapped[str] = mapped_column(String(16), nullable=False)
    implementation_id: Mapped[int] = mapped_column(IdType, nullable=False)
    is_default: Mapped[bool] = mapped_column(nullable=False, default=False)
    definition: Mapped[dict[str, object] | None] = mapped_column(JsonType)


class RfUser(TenantOwned, Timestamps, Base):
    """A user's handheld profile: the name and username the device shows, the warehouse the
    user works in and the HHD implementation whose flows the user's device runs."""

    __tablename__ = "rf_users"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id"),)

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    username: Mapped[str] = mapped_column(String(255), nullable=False)
    warehouse_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("warehouses.id", ondelete="SET NULL"), index=True
    )
    default_rf_implementation_id: Mapped[int | None] = mapped_column(IdType)
