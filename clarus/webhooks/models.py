"""Automations: a resource/event pair, the conditions that gate it, the actions it runs, their
parameters, and the signing secrets of its webhook actions. Then what delivery makes of them:
deliveries (an event for one webhook action) and attempts (one HTTP try of a delivery).
A delivery names its automation and action by plain ids, not foreign keys: it is history and
outlives them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType, JsonType, UTCDateTime, utcnow
from clarus.core.json_types import JSONValue
from clarus.core.models import NEVER_REUSED_IDS, TenantOwned, Timestamps
from clarus.webhooks.statuses import DeliveryStatus


class Automation(TenantOwned, Timestamps, Base):
    __tablename__ = "automations"
    __table_args__ = (
        Index("ix_automations_tenant_trigger", "tenant_id", "resource_name", "event"),
        NEVER_REUSED_IDS,
    )

    name: Mapped[str | None] = mapped_column(String(255))
    resource_name: Mapped[str] = mapped_column(String(64), nullable=False)
    event: Mapped[str] = mapped_column(String(64), nullable=False)
    enabled: Mapped[bool] = mapped_column(nullable=False)
    integration_id: Mapped[int | None] = mapped_column(IdType)
    disabled_reason: Mapped[str | None] = mapped_column(Text)


class AutomationCondition(TenantOwned, Timestamps, Base):
    """`value` is JSON so that a string, a number or a list (for `in`) keeps its type."""

    __tablename__ = "automation_conditions"
    __table_args__ = (NEVER_REUSED_IDS,)

    automation_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("automations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    condition_code: Mapped[str] = mapped_column(String(64), nullable=False)
    source_path: Mapped[str] = mapped_column(String(255), nullable=False)
    operator: Mapped[str] = mapped_column(String(32), nullable=False)
    value: Mapped[JSONValue] = mapped_column(JsonType)


class AutomationAction(TenantOwned, Timestamps, Base):
    __tablename__ = "automation_actions"
    __table_args__ = (NEVER_REUSED_IDS,)

    automation_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("automations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    destination_type: Mapped[str] = mapped_column(String(32), nullable=False)
    destination_code: Mapped[str | None] = mapped_column(String(255))


class AutomationActionParameter(TenantOwned, Timestamps, Base):
    __tablename__ = "automation_action_parameters"
    __table_args__ = (NEVER_REUSED_IDS,)

    automation_action_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("automation_actions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    parameter_code: Mapped[str] = mapped_column(String(64), nullable=False)
    value: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str | None] = mapped_column(String(32))


class WebhookSecret(TenantOwned, Base):
    """A webhook action's signing secret. `expires_at` null: the current one; a rotated-out
    secret keeps signing beside the new one until `expires_at`."""

    __tablename__ = "webhook_secrets"
    __table_args__ = (NEVER_REUSED_IDS,)

    automation_action_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("automation_actions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    secret: Mapped[str] = mapped_column(Text, nullable=False)
    """Sealed (`clarus.core.secret_box`), never the secret itself."""
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AutomationActionParameterAttachment(TenantOwned, Timestamps, Base):
    """The file an action parameter carries (a template body, an import file): one at most,
    replaced by the next upload."""

    __tablename__ = "automation_action_parameter_attachments"
    __table_args__ = (NEVER_REUSED_IDS,)

    automation_action_parameter_id: Mapped[int] = mapped_column(
        IdType,
        ForeignKey("automation_action_parameters.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    )
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(255), nullable=False)
    byte_size: Mapped[int] = mapped_column(nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


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
        Index("ix_webhook_deliveries_record", "tenant_id", "resource_name", "record_id", "id"),
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
