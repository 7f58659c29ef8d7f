"""Deliveries (an event for one webhook action) and attempts (one HTTP try of a delivery).

Automation and action ids are plain integers, not foreign keys: a delivery is history and
outlives its automation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType, UTCDateTime, utcnow
from clarus.core.models import TenantOwned, Timestamps
from clarus.webhooks.statuses import DeliveryStatus


class WebhookDelivery(TenantOwned, Timestamps, Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
        Index(
            "ix_webhook_deliveries_record_order",
            "tenant_id",
            "action_id",
            "resource_name",
            "record_id",
            "sequence",
        ),
        Index("ix_webhook_deliveries_automation", "tenant_id", "automation_id", "status"),
    )

    event_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True
    )
    automation_id: Mapped[int] = mapped_column(IdType, nullable=False)
    action_id: Mapped[int] = mapped_column(IdType, nullable=False)
    resource_name: Mapped[str] = mapped_column(String(64), nullable=False)
    event: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[int] = mapped_column(IdType, nullable=False)
    sequence: Mapped[int] = mapped_column(nullable=False)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    """The action's URL when the delivery was made; each attempt reads it afresh."""
    method: Mapped[str] = mapped_column(String(8), nullable=False)
    status: Mapped[str] = mapped_column(
        String(16), nullable=False, default=DeliveryStatus.PENDING.value
    )
    attempt_count: Mapped[int] = mapped_column(nullable=False, default=0)
    """Attempts since the delivery was last queued (made, retried or recovered); the schedule
    counts these. Every attempt ever made is in `webhook_attempts`."""
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    leased_by: Mapped[str | None] = mapped_column(String(128))
    last_status_code: Mapped[int | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class WebhookAttempt(TenantOwned, Base):
    __tablename__ = "webhook_attempts"

    delivery_id: Mapped[int] = mapped_column(
        IdType,
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    duration_ms: Mapped[int] = mapped_column(nullable=False)
    status_code: Mapped[int | None] = mapped_column()
    response_body: Mapped[str | None] = mapped_column(Text)
    """The first `RESPONSE_BODY_LIMIT` bytes of the answer, decoded leniently."""
    error: Mapped[str | None] = mapped_column(Text)
    worker_id: Mapped[str] = mapped_column(String(128), nullable=False)
