"""The `WebhookDirectory` the delivery worker asks: which webhook and email actions an event
reaches, how each webhook signs, and turning an automation off. Four queries per call whatever
the number of automations: automations, their conditions, their sending actions with
parameters, the secrets. Conditions are judged in a worker thread, off the event loop (a payload
can be large)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, RowMapping, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.json_types import JSONObject
from clarus.core.secret_box import SecretBox
from clarus.webhooks.catalogue import (
    DEFAULT_WEBHOOK_METHOD,
    EMAIL,
    EMAIL_BODY,
    EMAIL_RECIPIENT,
    EMAIL_SUBJECT,
    SCHEDULES,
    SENDING_DESTINATIONS,
    WEBHOOK_METHOD,
    WEBHOOK_URL,
)
from clarus.webhooks.conditions import Condition, ConditionError, all_hold
from clarus.webhooks.mail import SMTP_METHOD, mailto_url, recipients_in
from clarus.webhooks.tables import (
    automation_action_parameters,
    automation_actions,
    automation_conditions,
    automations,
    webhook_secrets,
)
from clarus.webhooks.targets import EmailDestination, WebhookTarget

SENT_PARAMETERS = (WEBHOOK_URL, WEBHOOK_METHOD, EMAIL_RECIPIENT, EMAIL_SUBJECT, EMAIL_BODY)


class AutomationDirectory:
    """The automations' `WebhookDirectory` (see `clarus.webhooks.targets`); `box` opens the
    stored secrets."""

    def __init__(self, box: SecretBox) -> None:
        self.box = box

    async def targets_for(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        resource_name: str,
        event: str,
        payload: JSONObject,
    ) -> list[WebhookTarget]:
        """A schedule's trigger reaches only the automation it triggers
        (`payload["data"]["automation_id"]`); any other event every enabled automation of the
        pair whose conditions all hold for `payload`. In automation, then action, order. An
        automation whose conditions cannot be judged is reached too, its targets carrying the
        `condition_error`."""
        where = (
            (automations.c.tenant_id == tenant_id)
            & (automations.c.resource_name == resource_name)
            & (automations.c.event == event)
            & automations.c.enabled.is_(True)
        )
        if resource_name in SCHEDULES:
            where &= automations.c.id == _triggered_automation(payload)
        found = await _automations(session, where)
        conditions = await _conditions(session, tenant_id, [row["id"] for row in found])
        verdicts = await asyncio.to_thread(_verdicts, conditions, payload) if conditions else {}
        passing = [row for row in found if verdicts.get(row["id"], True) is not False]
        targets = await _targets(session, self.box, tenant_id, passing)
        return [
            dataclasses.replace(target, condition_error=verdict)
            if isinstance(verdict := verdicts.get(target.automation_id), str)
            else target
            for target in targets
        ]

    async def target(
        self, session: AsyncSession, *, tenant_id: int, action_id: int
    ) -> WebhookTarget | None:
        owner = (
            select(automation_actions.c.automation_id)
            .where(
                automation_actions.c.tenant_id == tenant_id,
                automation_actions.c.id == action_id,
            )
            .scalar_subquery()
        )
        where = (
            (automations.c.tenant_id == tenant_id)
            & (automations.c.id == owner)
            & automations.c.enabled.is_(True)
        )
        found = await _automations(session, where)
        targets = await _targets(session, self.box, tenant_id, found, action_ids=[action_id])
        return targets[0] if targets else None

    async def disable(
        self, session: AsyncSession, *, tenant_id: int, automation_id: int, reason: str
    ) -> None:
        await session.execute(
            update(automations)
            .where(automations.c.tenant_id == tenant_id, automations.c.id == automation_id)
            .values(enabled=False, disabled_reason=reason, updated_at=utcnow())
        )


def _triggered_automation(payload: JSONObject) -> int | None:
    data = payload.get("data")
    automation_id = data.get("automation_id") if isinstance(data, Mapping) else None
    return automation_id if isinstance(automation_id, int) else None


def _verdicts(
    conditions: Mapping[int, list[Condition]], payload: JSONObject
) -> dict[int, bool | str]:
    """Per automation, whether its conditions all hold, or why they cannot be judged."""
    verdicts: dict[int, bool | str] = {}
    for automation_id, listed in conditions.items():
        try:
            verdicts[automation_id] = all_hold(listed, payload)
        except ConditionError as error:
            verdicts[automation_id] = str(error)
    return verdicts


async def _automations(session: AsyncSession, where: ColumnElement[bool]) -> Sequence[RowMapping]:
    statement = select(automations.c.id, automations.c.integration_id).where(where)
    return (await session.execute(statement.order_by(automations.c.id))).mappings().all()


async def _conditions(
    session: AsyncSession, tenant_id: int, automation_ids: Collection[int]
) -> dict[int, list[Condition]]:
    if not automation_ids:
        return {}
    table = automation_conditions
    statement = select(table.c.automation_id, table.c.source_path, table.c.operator, table.c.value)
    statement = statement.where(
        table.c.tenant_id == tenant_id, table.c.automation_id.in_(automation_ids)
    )
    found: dict[int, list[Condition]] = defaultdict(list)
    for row in await session.execute(statement):
        found[row.automation_id].append(Condition(row.source_path, row.operator, row.value))
    return found


async def _targets(
    session: AsyncSession,
    box: SecretBox,
    tenant_id: int,
    found: Sequence[RowMapping],
    *,
    action_ids: Collection[int] | None = None,
) -> list[WebhookTarget]:
    """The webhook and email actions of `found` automations (only `action_ids`, if given): a
    webhook with its URL, method and live secrets, an email with its recipients."""
    if not found:
        return []
    integration = {row["id"]: row["integration_id"] for row in found}
    actions = await _sending_actions(session, tenant_id, list(integration), action_ids)
    secrets = await _live_secrets(session, box, tenant_id, list(actions))
    targets = (
        _target(
            action,
            integration_id=integration[action.automation_id],
            secrets=tuple(secrets.get(action_id, ())),
        )
        for action_id, action in actions.items()
    )
    return [target for target in targets if target is not None]


@dataclass(frozen=True)
class _SendingAction:
    id: int
    automation_id: int
    destination_type: str
    parameters: dict[str, list[str]]
    """Parameter values by code, in id order."""

    def first(self, code: str) -> str | None:
        values = self.parameters.get(code)
        return values[0] if values else None


def _target(
    action: _SendingAction, *, integration_id: int | None, secrets: tuple[str, ...]
) -> WebhookTarget | None:
    """The action as the worker sends it; None when it lacks what sending needs."""
    if action.destination_type == EMAIL:
        recipients = tuple(recipients_in(action.parameters.get(EMAIL_RECIPIENT, [])))
        if not recipients:
            return None
        return WebhookTarget(
            automation_id=action.automation_id,
            action_id=action.id,
            url=mailto_url(recipients),
            method=SMTP_METHOD,
            integration_id=integration_id,
            secrets=(),
            email=EmailDestination(
                recipients=recipients,
                subject=action.first(EMAIL_SUBJECT),
                body=action.first(EMAIL_BODY),
            ),
        )
    url = action.first(WEBHOOK_URL)
    if url is None:
        return None
    return WebhookTarget(
        automation_id=action.automation_id,
        action_id=action.id,
        url=url,
        method=action.first(WEBHOOK_METHOD) or DEFAULT_WEBHOOK_METHOD,
        integration_id=integration_id,
        secrets=secrets,
    )


async def _sending_actions(
    session: AsyncSession,
    tenant_id: int,
    automation_ids: Collection[int],
    action_ids: Collection[int] | None,
) -> dict[int, _SendingAction]:
    """The webhook and email actions by id, in automation and action order, with the
    parameters sending reads: one query over the actions joined to their parameters."""
    actions, parameters = automation_actions, automation_action_parameters
    statement = (
        select(
            actions.c.id,
            actions.c.automation_id,
            actions.c.destination_type,
            parameters.c.parameter_code,
            parameters.c.value,
        )
        .join(parameters, parameters.c.automation_action_id == actions.c.id)
        .where(
            actions.c.tenant_id == tenant_id,
            actions.c.automation_id.in_(automation_ids),
            actions.c.destination_type.in_(SENDING_DESTINATIONS),
            parameters.c.parameter_code.in_(SENT_PARAMETERS),
        )
        .order_by(actions.c.automation_id, actions.c.id, parameters.c.id)
    )
    if action_ids is not None:
        statement = statement.where(actions.c.id.in_(action_ids))
    found: dict[int, _SendingAction] = {}
    for row in await session.execute(statement):
        action = found.setdefault(
            row.id, _SendingAction(row.id, row.automation_id, row.destination_type, {})
        )
        action.parameters.setdefault(row.parameter_code, []).append(row.value)
    return found


async def _live_secrets(
    session: AsyncSession, box: SecretBox, tenant_id: int, action_ids: Collection[int]
) -> dict[int, list[str]]:
    """Each action's secrets that still sign, newest first."""
    if not action_ids:
        return {}
    table = webhook_secrets
    statement = (
        select(table.c.automation_action_id, table.c.secret)
        .where(
            table.c.tenant_id == tenant_id,
            table.c.automation_action_id.in_(action_ids),
            table.c.expires_at.is_(None) | (table.c.expires_at > utcnow()),
        )
        .order_by(table.c.created_at.desc(), table.c.id.desc())
    )
    found: dict[int, list[str]] = defaultdict(list)
    for row in await session.execute(statement):
        found[row.automation_action_id].append(box.open(row.secret))
    return found
