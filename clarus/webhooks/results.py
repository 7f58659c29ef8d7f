"""Writing down what an attempt did, in its own transaction, guarded by the lease.

Every attempt becomes a `webhook_attempts` row. The delivery then succeeds, waits for its next
try, or fails; a `410 Gone` turns its automation off and cancels the automation's other pending
deliveries, and so does an automation failing for `RetryPolicy.disable_after` without a success.
If the lease was lost meanwhile (another worker took the delivery over), the attempt is still
logged but the delivery is left to its new owner."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.records import rows_changed
from clarus.webhooks.claims import ClaimedDelivery
from clarus.webhooks.policy import RetryPolicy, parse_retry_after
from clarus.webhooks.sender import AttemptOutcome
from clarus.webhooks.statuses import DeliveryStateChange, DeliveryStatus
from clarus.webhooks.tables import webhook_attempts, webhook_deliveries
from clarus.webhooks.targets import WebhookDirectory

GONE_REASON = "The webhook answered 410 Gone."
LEASE_LOST = "lease_lost"


def failing_reason(policy: RetryPolicy) -> str:
    days = policy.disable_after / dt.timedelta(days=1)
    return f"The webhook has failed for {days:g} days without one success."


async def record_attempt(
    session: AsyncSession,
    *,
    delivery: ClaimedDelivery,
    outcome: AttemptOutcome,
    started_at: dt.datetime,
    now: dt.datetime,
    worker_id: str,
    policy: RetryPolicy,
    directory: WebhookDirectory,
) -> str:
    """The delivery's new status, or `LEASE_LOST`."""
    await session.execute(
        insert(webhook_attempts).values(
            tenant_id=delivery.tenant_id,
            delivery_id=delivery.id,
            started_at=started_at,
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            response_body=outcome.response_body,
            error=outcome.error,
            worker_id=worker_id,
        )
    )
    values = _next_state(delivery, outcome, now=now, policy=policy)
    statement = (
        update(webhook_deliveries)
        .where(
            webhook_deliveries.c.id == delivery.id,
            webhook_deliveries.c.status == DeliveryStatus.DELIVERING.value,
            webhook_deliveries.c.leased_by == worker_id,
        )
        .values(
            attempt_count=webhook_deliveries.c.attempt_count + 1,
            last_status_code=outcome.status_code,
            last_error=_error_of(outcome),
            lease_expires_at=None,
            leased_by=None,
            updated_at=now,
            **values,
        )
    )
    if await rows_changed(session, statement) == 0:
        return LEASE_LOST
    status: str = values["status"]
    if outcome.status_code == 410:
        await disable_automation(
            session, delivery=delivery, reason=GONE_REASON, now=now, directory=directory
        )
    elif not outcome.succeeded and await _failing_too_long(session, delivery, now, policy):
        await disable_automation(
            session,
            delivery=delivery,
            reason=failing_reason(policy),
            now=now,
            directory=directory,
        )
        if status == DeliveryStatus.PENDING.value:
            status = DeliveryStatus.CANCELLED.value
    return status


def _error_of(outcome: AttemptOutcome) -> str | None:
    if outcome.error is not None:
        return outcome.error
    if outcome.succeeded:
        return None
    return f"The webhook answered {outcome.status_code}."


def _next_state(
    delivery: ClaimedDelivery, outcome: AttemptOutcome, *, now: dt.datetime, policy: RetryPolicy
) -> DeliveryStateChange:
    if outcome.succeeded:
        return DeliveryStateChange(status=DeliveryStatus.SUCCEEDED.value, delivered_at=now)
    if outcome.is_final or outcome.status_code == 410:
        return DeliveryStateChange(status=DeliveryStatus.FAILED.value)
    delay = policy.next_delay(
        delivery.attempt_count + 1,
        retry_after=parse_retry_after(outcome.retry_after, now=now),
    )
    if delay is None:
        return DeliveryStateChange(status=DeliveryStatus.FAILED.value)
    return DeliveryStateChange(status=DeliveryStatus.PENDING.value, next_attempt_at=now + delay)


async def _failing_too_long(
    session: AsyncSession, delivery: ClaimedDelivery, now: dt.datetime, policy: RetryPolicy
) -> bool:
    """Whether the automation's first failed attempt since its last success (if any) is at
    least `policy.disable_after` old."""
    automation = webhook_deliveries.c.automation_id == delivery.target.automation_id
    last_success = (
        select(func.max(webhook_deliveries.c.delivered_at))
        .where(webhook_deliveries.c.tenant_id == delivery.tenant_id, automation)
        .scalar_subquery()
    )
    first_failure = await session.execute(
        select(func.min(webhook_attempts.c.started_at))
        .join(webhook_deliveries, webhook_deliveries.c.id == webhook_attempts.c.delivery_id)
        .where(
            webhook_deliveries.c.tenant_id == delivery.tenant_id,
            automation,
            or_(
                webhook_attempts.c.status_code.is_(None),
                webhook_attempts.c.status_code < 200,
                webhook_attempts.c.status_code >= 300,
            ),
            or_(last_success.is_(None), webhook_attempts.c.started_at > last_success),
        )
    )
    since: dt.datetime | None = first_failure.scalar_one()
    return since is not None and now - since >= policy.disable_after


async def disable_automation(
    session: AsyncSession,
    *,
    delivery: ClaimedDelivery,
    reason: str,
    now: dt.datetime,
    directory: WebhookDirectory,
) -> None:
    automation_id = delivery.target.automation_id
    await directory.disable(
        session, tenant_id=delivery.tenant_id, automation_id=automation_id, reason=reason
    )
    await session.execute(
        update(webhook_deliveries)
        .where(
            webhook_deliveries.c.tenant_id == delivery.tenant_id,
            webhook_deliveries.c.automation_id == automation_id,
            webhook_deliveries.c.status == DeliveryStatus.PENDING.value,
        )
        .values(status=DeliveryStatus.CANCELLED.value, last_error=reason, updated_at=now)
    )
