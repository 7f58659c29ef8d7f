"""`webhook_deliveries` and `webhook_attempts` (ours): the delivery log, newest last, for
tokens with the `admin` scope. Never a secret: a delivery shows the URL it was made for. Email
actions' deliveries are in the same log: URL `mailto:<recipients>`, method `SMTP`, and SMTP reply
codes for status codes."""

from __future__ import annotations

from enum import Enum

import strawberry
from sqlalchemy import ColumnElement

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    id_condition,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import column_alias
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.auth.scopes import Scope
from clarus.webhooks.queries import attempts_of_automations
from clarus.webhooks.statuses import DeliveryStatus
from clarus.webhooks.tables import webhook_attempts, webhook_deliveries


@strawberry.enum(description="pending, delivering, succeeded, failed, cancelled")
class WebhookDeliveryStatus(Enum):
    PENDING = DeliveryStatus.PENDING.value
    DELIVERING = DeliveryStatus.DELIVERING.value
    SUCCEEDED = DeliveryStatus.SUCCEEDED.value
    FAILED = DeliveryStatus.FAILED.value
    CANCELLED = DeliveryStatus.CANCELLED.value


@strawberry.input(description="A delivery status: eq, in (any of)")
class WebhookDeliveryStatusInputType(EnumInputType[WebhookDeliveryStatus]):
    pass


@strawberry.type(name="WebhookDelivery")
class WebhookDeliveryNode:
    id: strawberry.ID
    event_id: strawberry.ID
    automation_id: strawberry.ID
    action_id: strawberry.ID
    resource_name: str
    event: str
    record_id: strawberry.ID
    sequence: int = strawberry.field(description="The event's number among the record's events")
    url: str = strawberry.field(description="The webhook URL; an email's `mailto:` recipients")
    method: str = strawberry.field(description="POST or GET; SMTP for an email")
    status: str
    attempt_count: int = strawberry.field(description="Attempts since it was last queued")
    next_attempt_at: ISO8601DateTime
    lease_expires_at: ISO8601DateTime | None
    leased_by: str | None
    last_status_code: int | None = strawberry.field(
        description="The last HTTP status, or SMTP reply code for an email"
    )
    last_error: str | None
    delivered_at: ISO8601DateTime | None
    created_at: ISO8601DateTime
    updated_at: ISO8601DateTime


@strawberry.type(name="WebhookAttempt")
class WebhookAttemptNode:
    id: strawberry.ID
    delivery_id: strawberry.ID
    started_at: ISO8601DateTime
    duration_ms: int
    status_code: int | None = strawberry.field(
        description="The HTTP status, or SMTP reply code for an email (250: taken)"
    )
    response_body: str | None = strawberry.field(
        description="The answer's first 2 KB (an SMTP server's reply)"
    )
    error: str | None
    worker_id: str

    created_at = column_alias(
        "started_at",
        ISO8601DateTime,
        "An attempt is written once, when it was made: its started_at",
    )
    updated_at = column_alias(
        "started_at", ISO8601DateTime, "An attempt never changes: its started_at (ours)"
    )


@strawberry.input
class WebhookDeliveryFilterType:
    id: IdInputType | None = None
    automation_id: IdInputType | None = None
    action_id: IdInputType | None = None
    event_id: IdInputType | None = None
    status: WebhookDeliveryStatusInputType | None = None
    resource_name: StringInputType | None = None
    event: StringInputType | None = None
    record_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None
    delivered_at: DatetimeInputType | None = None


@strawberry.input
class WebhookAttemptFilterType:
    id: IdInputType | None = None
    delivery_id: IdInputType | None = None
    automation_id: IdInputType | None = strawberry.field(
        default=None, description="The automation of the attempt's delivery"
    )
    status_code: IntegerInputType | None = None
    started_at: DatetimeInputType | None = None
    created_at: DatetimeInputType | None = strawberry.field(
        default=None, description="As started_at (ours)"
    )
    updated_at: DatetimeInputType | None = strawberry.field(
        default=None, description="As started_at: an attempt never changes (ours)"
    )


ADMIN_ONLY = (Scope.ADMIN.value, "The webhook delivery log needs a token with the admin scope.")


def _attempts_of_automation(spec: IdInputType) -> ColumnElement[bool]:
    return attempts_of_automations(lambda column: id_condition(column, spec, "automation_id"))


@strawberry.type
class WebhookDeliveryQueries:
    all = list_field(
        WebhookDeliveryNode,
        WebhookDeliveryFilterType,
        webhook_deliveries,
        required_scope=ADMIN_ONLY,
        description="Deliveries: one per event and webhook action, oldest first",
    )


@strawberry.type
class WebhookAttemptQueries:
    all = list_field(
        WebhookAttemptNode,
        WebhookAttemptFilterType,
        webhook_attempts,
        columns={
            "created_at": webhook_attempts.c.started_at,
            "updated_at": webhook_attempts.c.started_at,
        },
        conditions={"automation_id": _attempts_of_automation},
        required_scope=ADMIN_ONLY,
        updated_at="started_at",
        description="Attempts: one per HTTP try of a delivery, oldest first",
    )
