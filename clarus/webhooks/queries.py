"""Reads of automations: each child table read once for a whole set of parents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.documents import LinesKind, lines_by_parent
from clarus.core.queries import ColumnTest
from clarus.core.records import RowDict, fetch_record, id_of
from clarus.webhooks.statuses import DeliveryStatus
from clarus.webhooks.tables import (
    automation_action_parameters,
    automation_actions,
    automation_conditions,
    automations,
    webhook_attempts,
    webhook_deliveries,
)

RESOURCE = "automation"
CONDITIONS = LinesKind(automation_conditions, "automation_id")
ACTIONS = LinesKind(automation_actions, "automation_id")
PARAMETERS = LinesKind(automation_action_parameters, "automation_action_id")
SHOWN_CONDITION = ("id", "condition_code", "source_path", "operator", "value")
SHOWN_ACTION = ("id", "destination_type", "destination_code")
SHOWN_PARAMETER = ("id", "parameter_code", "value", "operator")
SHOWN_AUTOMATION = (
    "id",
    "resource_name",
    "event",
    "name",
    "enabled",
    "integration_id",
    "disabled_reason",
    "created_at",
    "updated_at",
)


async def conditions_of(
    session: AsyncSession, *, tenant_id: int, automation_ids: Collection[int]
) -> dict[int, list[RowDict]]:
    return await lines_by_parent(
        session, CONDITIONS, tenant_id=tenant_id, parent_ids=automation_ids
    )


async def actions_of(
    session: AsyncSession, *, tenant_id: int, automation_ids: Collection[int]
) -> dict[int, list[tuple[RowDict, list[RowDict]]]]:
    """Each automation's actions, each with its parameters (one query per table)."""
    actions = await lines_by_parent(
        session, ACTIONS, tenant_id=tenant_id, parent_ids=automation_ids
    )
    action_ids = [id_of(action) for found in actions.values() for action in found]
    parameters = await lines_by_parent(
        session, PARAMETERS, tenant_id=tenant_id, parent_ids=action_ids
    )
    return {
        automation_id: [(action, parameters.get(id_of(action), [])) for action in found]
        for automation_id, found in actions.items()
    }


def _only(record: Mapping[str, object], names: tuple[str, ...]) -> RowDict:
    return {name: record[name] for name in names}


async def shown_automation(
    session: AsyncSession,
    *,
    tenant_id: int,
    automation_id: int,
    issued_secrets: Mapping[int, str] | None = None,
) -> RowDict:
    """The automation as responses show it, with its conditions and its actions' parameters.
    `issued_secrets` (action id to secret) are the secrets made by this very request: shown
    this once as the action's `webhook_secret`, never again."""
    automation = await fetch_record(
        session,
        automations,
        tenant_id=tenant_id,
        record_id=automation_id,
        resource=RESOURCE,
    )
    ids = [automation_id]
    conditions = (await conditions_of(session, tenant_id=tenant_id, automation_ids=ids)).get(
        automation_id, []
    )
    actions = (await actions_of(session, tenant_id=tenant_id, automation_ids=ids)).get(
        automation_id, []
    )
    return {
        **_only(automation, SHOWN_AUTOMATION),
        "conditions": [_only(condition, SHOWN_CONDITION) for condition in conditions],
        "actions": [
            _shown_action(action, parameters, issued_secrets or {})
            for action, parameters in actions
        ],
    }


def _shown_action(
    action: RowDict, parameters: Sequence[RowDict], issued_secrets: Mapping[int, str]
) -> RowDict:
    shown = {
        **_only(action, SHOWN_ACTION),
        "parameters": [_only(parameter, SHOWN_PARAMETER) for parameter in parameters],
    }
    action_id = id_of(action)
    if action_id in issued_secrets:
        shown["webhook_secret"] = issued_secrets[action_id]
    return shown


def automations_where(column: str, value: str | None) -> ColumnElement[bool]:
    """Automations whose `column` equals `value`; any automation for no value."""
    return true() if value is None else automations.c[column] == value


def attempts_of_automations(automation_id: ColumnTest) -> ColumnElement[bool]:
    """Delivery attempts made for an automation whose id passes the test."""
    matching = select(webhook_deliveries.c.id).where(
        and_(true(), *automation_id(webhook_deliveries.c.automation_id))
    )
    return webhook_attempts.c.delivery_id.in_(matching)


@dataclass(frozen=True, slots=True)
class FailedDelivery:
    """A delivery given up on, without its URL (which may carry a receiver's secret)."""

    id: int
    automation_id: int
    resource_name: str
    event: str
    record_id: int
    attempt_count: int
    last_status_code: int | None
    last_error: str | None
    failed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FailedDeliveries:
    deliveries: list[FailedDelivery]
    """The latest `limit`."""
    total: int


async def failed_deliveries(
    session: AsyncSession, *, tenant_id: int, limit: int
) -> FailedDeliveries:
    """The failed webhook deliveries: the latest `limit` and how many in all, in one statement
    (a window count)."""
    deliveries = webhook_deliveries.c
    statement = (
        select(
            deliveries.id,
            deliveries.automation_id,
            deliveries.resource_name,
            deliveries.event,
            deliveries.record_id,
            deliveries.attempt_count,
            deliveries.last_status_code,
            deliveries.last_error,
            deliveries.updated_at,
            func.count().over().label("total"),
        )
        .where(
            deliveries.tenant_id == tenant_id,
            deliveries.status == DeliveryStatus.FAILED.value,
        )
        .order_by(deliveries.updated_at.desc(), deliveries.id.desc())
        .limit(limit)
    )
    rows = (await session.execute(statement)).all()
    failed = [
        FailedDelivery(
            row.id,
            row.automation_id,
            row.resource_name,
            row.event,
            row.record_id,
            row.attempt_count,
            row.last_status_code,
            row.last_error,
            row.updated_at,
        )
        for row in rows
    ]
    return FailedDeliveries(failed, rows[0].total if rows else 0)


@dataclass(frozen=True, slots=True)
class RecordDelivery:
    """A delivery of an event of one record, without its URL (which may carry a secret)."""

    id: int
    event: str
    status: DeliveryStatus
    attempt_count: int
    last_status_code: int | None
    last_error: str | None
    updated_at: dt.datetime


async def deliveries_of_record(
    session: AsyncSession, *, tenant_id: int, resource_name: str, record_id: int, limit: int
) -> list[RecordDelivery]:
    """The latest `limit` webhook deliveries of `resource_name` `record_id`'s events: one
    statement, read from `ix_webhook_deliveries_record` without a sort."""
    deliveries = webhook_deliveries.c
    statement = (
        select(
            deliveries.id,
            deliveries.event,
            deliveries.status,
            deliveries.attempt_count,
            deliveries.last_status_code,
            deliveries.last_error,
            deliveries.updated_at,
        )
        .where(
            deliveries.tenant_id == tenant_id,
            deliveries.resource_name == resource_name,
            deliveries.record_id == record_id,
        )
        .order_by(deliveries.id.desc())
        .limit(limit)
    )
    return [
        RecordDelivery(
            row.id,
            row.event,
            DeliveryStatus(row.status),
            row.attempt_count,
            row.last_status_code,
            row.last_error,
            row.updated_at,
        )
        for row in await session.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class AutomationRow:
    id: int
    name: str | None
    resource_name: str
    event: str
    enabled: bool
    failed: int
    """Its deliveries given up on."""


async def automations_with_failures(
    session: AsyncSession, *, tenant_id: int, limit: int
) -> list[AutomationRow]:
    """The tenant's first `limit` automations by id, each with how many of its deliveries
    failed: one statement (a correlated count)."""
    failed = (
        select(func.count(webhook_deliveries.c.id))
        .where(
            webhook_deliveries.c.tenant_id == automations.c.tenant_id,
            webhook_deliveries.c.automation_id == automations.c.id,
            webhook_deliveries.c.status == DeliveryStatus.FAILED.value,
        )
        .scalar_subquery()
    )
    statement = (
        select(
            automations.c.id,
            automations.c.name,
            automations.c.resource_name,
            automations.c.event,
            automations.c.enabled,
            failed.label("failed"),
        )
        .where(automations.c.tenant_id == tenant_id)
        .order_by(automations.c.id)
        .limit(limit)
    )
    return [
        AutomationRow(row.id, row.name, row.resource_name, row.event, bool(row.enabled), row.failed)
        for row in await session.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class LoggedDelivery:
    """A delivery as the log shows it, without its URL (which may carry a secret)."""

    id: int
    automation_id: int
    resource_name: str
    event: str
    record_id: int
    status: DeliveryStatus
    attempt_count: int
    last_error: str | None
    last_status_code: int | None
    updated_at: dt.datetime


async def latest_deliveries(
    session: AsyncSession, *, tenant_id: int, limit: int
) -> list[LoggedDelivery]:
    """The tenant's latest `limit` webhook deliveries, newest first: one statement."""
    deliveries = webhook_deliveries.c
    statement = (
        select(
            deliveries.id,
            deliveries.automation_id,
            deliveries.resource_name,
            deliveries.event,
            deliveries.record_id,
            deliveries.status,
            deliveries.attempt_count,
            deliveries.last_error,
            deliveries.last_status_code,
            deliveries.updated_at,
        )
        .where(deliveries.tenant_id == tenant_id)
        .order_by(deliveries.id.desc())
        .limit(limit)
    )
    return [
        LoggedDelivery(
            row.id,
            row.automation_id,
            row.resource_name,
            row.event,
            row.record_id,
            DeliveryStatus(row.status),
            row.attempt_count,
            row.last_error,
            row.last_status_code,
            row.updated_at,
        )
        for row in await session.execute(statement)
    ]
