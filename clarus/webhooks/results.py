"""Writing down what attempts did, many in one transaction, each guarded by its lease.

Every attempt becomes a `webhook_attempts` row. The delivery then succeeds, waits for its next
try, or fails; a `410 Gone` turns its automation off and cancels the automation's other pending
deliveries, and so does an automation failing for `RetryPolicy.disable_after` without a success.
If the lease was lost meanwhile (another worker took the delivery over), the attempt is still
logged but the delivery is left to its new owner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import UTCDateTime
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


@dataclass(frozen=True)
class AttemptResult:
    """One try of a claimed delivery, as the worker hands it over to be written down."""

    delivery: ClaimedDelivery
    outcome: AttemptOutcome
    started_at: dt.datetime


_INSERT_ATTEMPTS = insert(webhook_attempts)

_FINISH = (
    update(webhook_deliveries)
    .where(
        webhook_deliveries.c.id == bindparam("delivery_id"),
        webhook_deliveries.c.status == DeliveryStatus.DELIVERING.value,
        webhook_deliveries.c.leased_by == bindparam("worker_id"),
    )
    .values(
        status=bindparam("new_status"),
        attempt_count=webhook_deliveries.c.attempt_count + 1,
        last_status_code=bindparam("status_code"),
        last_error=bindparam("error"),
        next_attempt_at=func.coalesce(
            bindparam("retry_at", type_=UTCDateTime()), webhook_deliveries.c.next_attempt_at
        ),
        delivered_at=func.coalesce(
            bindparam("delivered_on", type_=UTCDateTime()), webhook_deliveries.c.delivered_at
        ),
        lease_expires_at=None,
        leased_by=None,
        updated_at=bindparam("now", type_=UTCDateTime()),
    )
)
"""One delivery's result, guarded by the lease (SQLite: one statement per delivery, no round
trips to save)."""

_FINISH_MANY = text(
    """
    UPDATE webhook_deliveries AS delivery SET
        status = result.status,
        attempt_count = delivery.attempt_count + 1,
        last_status_code = result.status_code,
        last_error = result.error,
        next_attempt_at = coalesce(result.next_attempt_at, delivery.next_attempt_at),
        delivered_at = coalesce(result.delivered_at, delivery.delivered_at),
        lease_expires_at = NULL,
        leased_by = NULL,
        updated_at = :now
    FROM unnest(
        CAST(:ids AS BIGINT[]),
        CAST(:statuses AS VARCHAR[]),
        CAST(:status_codes AS INTEGER[]),
        CAST(:errors AS TEXT[]),
        CAST(:next_attempts AS TIMESTAMPTZ[]),
        CAST(:delivered AS TIMESTAMPTZ[])
    ) AS result(id, status, status_code, error, next_attempt_at, delivered_at)
    WHERE delivery.id = result.id
        AND delivery.status = 'delivering'
        AND delivery.leased_by = :worker_id
    RETURNING delivery.id
    """
)
"""Many deliveries' results in one statement (PostgreSQL): one array per column, unnested into
rows; the ids returned are those whose lease still held."""


async def record_attempts(
    session: AsyncSession,
    *,
    results: Sequence[AttemptResult],
    now: dt.datetime,
    worker_id: str,
    policy: RetryPolicy,
    directory: WebhookDirectory,
) -> list[str]:
    """Each result's delivery's new status, or `LEASE_LOST`, in the order given: every attempt
    in one insert, the deliveries in one update (on PostgreSQL), then the automations a `410`
    or too long a run of failures turns off."""
    if not results:
        return []
    await session.execute(
        _INSERT_ATTEMPTS, [_attempt_row(result, worker_id=worker_id) for result in results]
    )
    changes = [_next_state(r.delivery, r.outcome, now=now, policy=policy) for r in results]
    kept = await _finish(session, results, changes, now=now, worker_id=worker_id)
    disabled = await _disable_failing(
        session,
        [result for result in results if result.delivery.id in kept],
        now=now,
        policy=policy,
        directory=directory,
    )
    statuses: list[str] = []
    for result, change in zip(results, changes, strict=True):
        status = change["status"]
        automation = (result.delivery.tenant_id, result.delivery.target.automation_id)
        if result.delivery.id not in kept:
            status = LEASE_LOST
        elif status == DeliveryStatus.PENDING.value and automation in disabled:
            status = DeliveryStatus.CANCELLED.value
        statuses.append(status)
    return statuses


def _attempt_row(result: AttemptResult, *, worker_id: str) -> dict[str, object]:
    outcome = result.outcome
    return {
        "tenant_id": result.delivery.tenant_id,
        "delivery_id": result.delivery.id,
        "started_at": result.started_at,
        "duration_ms": outcome.duration_ms,
        "status_code": outcome.status_code,
        "response_body": outcome.response_body,
        "error": outcome.error,
        "worker_id": worker_id,
    }


async def _finish(
    session: AsyncSession,
    results: Sequence[AttemptResult],
    changes: Sequence[DeliveryStateChange],
    *,
    now: dt.datetime,
    worker_id: str,
) -> set[int]:
    """Write each delivery's new state where this worker still holds its lease; the ids
    written."""
    if session.get_bind().dialect.name == "postgresql":
        written = await session.execute(
            _FINISH_MANY,
            {
                "ids": [result.delivery.id for result in results],
                "statuses": [change["status"] for change in changes],
                "status_codes": [result.outcome.status_code for result in results],
                "errors": [_error_of(result.outcome) for result in results],
                "next_attempts": [change.get("next_attempt_at") for change in changes],
                "delivered": [change.get("delivered_at") for change in changes],
                "now": now,
                "worker_id": worker_id,
            },
        )
        return set(written.scalars())
    kept: set[int] = set()
    for result, change in zip(results, changes, strict=True):
        written = await session.execute(
            _FINISH,
            {
                "delivery_id": result.delivery.id,
                "worker_id": worker_id,
                "new_status": change["status"],
                "status_code": result.outcome.status_code,
                "error": _error_of(result.outcome),
                "retry_at": change.get("next_attempt_at"),
                "delivered_on": change.get("delivered_at"),
                "now": now,
            },
        )
        if getattr(written, "rowcount", 0):
            kept.add(result.delivery.id)
    return kept


async def _disable_failing(
    session: AsyncSession,
    results: Sequence[AttemptResult],
    *,
    now: dt.datetime,
    policy: RetryPolicy,
    directory: WebhookDirectory,
) -> set[tuple[int, int]]:
    """Turn off the automations (tenant id, automation id) that answered `410 Gone` or have
    failed for `policy.disable_after` without one success; those turned off."""
    disabled: set[tuple[int, int]] = set()
    judged: set[tuple[int, int]] = set()
    for result in results:
        delivery, outcome = result.delivery, result.outcome
        automation = (delivery.tenant_id, delivery.target.automation_id)
        if outcome.succeeded or automation in disabled:
            continue
        if outcome.status_code == 410:
            reason = GONE_REASON
        elif automation in judged:
            continue
        else:
            judged.add(automation)
            if not await _failing_too_long(session, delivery, now, policy):
                continue
            reason = failing_reason(policy)
        await disable_automation(
            session, delivery=delivery, reason=reason, now=now, directory=directory
        )
        disabled.add(automation)
    return disabled


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
