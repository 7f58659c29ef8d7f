"""Writes of automations: the automation with its conditions, actions and action parameters in
the caller's transaction (services never commit), the secrets of its webhook actions, and a
schedule automation's run on demand."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.changes import (
    AddLine,
    DestroyLine,
    LineChange,
    apply_line_changes,
    only_additions,
)
from clarus.core.errors import ClarusError, ErrorKind, NotFound, Problem
from clarus.core.events import emit
from clarus.core.json_types import JSONObject
from clarus.core.records import (
    RowDict,
    delete_returning,
    fetch_record,
    id_of,
    insert_returning,
    update_returning,
)
from clarus.core.schemas import InputModel
from clarus.core.secret_box import SecretBox
from clarus.webhooks.actions import ACTIONS_PATH, check_actions, parameters_path
from clarus.webhooks.catalogue import EVENTS_BY_RESOURCE, SCHEDULE_EVENT, SCHEDULES, WEBHOOK
from clarus.webhooks.conditions import Condition, ConditionError, all_hold
from clarus.webhooks.queries import ACTIONS, CONDITIONS, PARAMETERS, RESOURCE, shown_automation
from clarus.webhooks.rows import AutomationRow, automation_row
from clarus.webhooks.schemas import (
    ActionColumns,
    AutomationActionColumnsUpdate,
    AutomationAttributes,
    AutomationUpdateAttributes,
    parameter_changes,
)
from clarus.webhooks.secrets import issue_secrets, rotate_secret, unsigned_actions
from clarus.webhooks.tables import automation_actions, automation_conditions, automations
from clarus.webhooks.validation import CONDITIONS_PATH, check_conditions

CHILD_CHANGES = ("conditions_changes", "actions_changes")


def _check_event(resource_name: str, event: str) -> None:
    allowed = list(EVENTS_BY_RESOURCE[resource_name])
    if event not in allowed:
        raise ClarusError.of(
            ErrorKind.INVALID_ENUM_VALUE,
            f"{resource_name} has the events {', '.join(allowed)}.",
            path="/event",
            allowed=allowed,
        )


async def create_automation(
    *,
    session: AsyncSession,
    tenant_id: int,
    attributes: AutomationAttributes,
    allow_private_targets: bool,
    sends_email: bool,
    box: SecretBox,
) -> RowDict:
    """A new automation; each webhook action's secret is in the result, this once.
    `sends_email`: an SMTP server is configured, so email actions are accepted."""
    conditions = attributes.conditions_changes
    actions = attributes.actions_changes
    only_additions(conditions, CONDITIONS_PATH)
    only_additions(actions, ACTIONS_PATH)
    for index, action in enumerate(actions):
        only_additions(parameter_changes(action), parameters_path(index))
    values = attributes.model_dump(exclude_none=True, exclude=set(CHILD_CHANGES))
    _check_event(values["resource_name"], values["event"])
    row = await insert_returning(session, automations, tenant_id=tenant_id, values=values)
    issued = await _apply_children(
        session,
        tenant_id=tenant_id,
        automation_id=id_of(row),
        conditions=conditions,
        actions=actions,
        allow_private_targets=allow_private_targets,
        sends_email=sends_email,
        box=box,
    )
    return await shown_automation(
        session, tenant_id=tenant_id, automation_id=id_of(row), issued_secrets=issued
    )


async def update_automation(
    *,
    session: AsyncSession,
    tenant_id: int,
    automation_id: int,
    attributes: AutomationUpdateAttributes,
    allow_private_targets: bool,
    sends_email: bool,
    box: SecretBox,
) -> RowDict:
    """Change the automation and ADD, UPDATE or DESTROY its conditions, actions and their
    parameters; a webhook action added (or changed into a webhook) here has its secret in the
    result, this once."""
    current = await fetch_record(
        session,
        automations,
        tenant_id=tenant_id,
        record_id=automation_id,
        resource=RESOURCE,
        lock=True,
    )
    values = {
        name: value for name, value in attributes.changes().items() if name not in CHILD_CHANGES
    }
    if "resource_name" in values or "event" in values:
        effective = {**current, **values}
        _check_event(effective["resource_name"], effective["event"])
    if values.get("enabled") is True:
        values["disabled_reason"] = None
    await update_returning(
        session,
        automations,
        tenant_id=tenant_id,
        record_id=automation_id,
        values=values,
        resource=RESOURCE,
    )
    issued = await _apply_children(
        session,
        tenant_id=tenant_id,
        automation_id=automation_id,
        conditions=attributes.conditions_changes or [],
        actions=attributes.actions_changes or [],
        allow_private_targets=allow_private_targets,
        sends_email=sends_email,
        box=box,
    )
    return await shown_automation(
        session, tenant_id=tenant_id, automation_id=automation_id, issued_secrets=issued
    )


async def delete_automation(*, session: AsyncSession, tenant_id: int, automation_id: int) -> None:
    """Its conditions, actions, parameters and secrets go with it (foreign keys cascade)."""
    await delete_returning(
        session,
        automations,
        tenant_id=tenant_id,
        record_id=automation_id,
        resource=RESOURCE,
    )


async def _apply_children(
    session: AsyncSession,
    *,
    tenant_id: int,
    automation_id: int,
    conditions: Sequence[LineChange],
    actions: Sequence[LineChange],
    allow_private_targets: bool,
    sends_email: bool,
    box: SecretBox,
) -> dict[int, str]:
    """Write the condition and action changes (refusing any id not of this automation), then
    check the actions they leave; the secrets issued to webhook actions that had none (new ones,
    or one changed into a webhook), by action id."""
    await check_conditions(
        session, tenant_id=tenant_id, automation_id=automation_id, changes=conditions
    )
    await apply_line_changes(
        session, CONDITIONS.of(automation_id, tenant_id), conditions, path=CONDITIONS_PATH
    )
    existing = await _action_ids(session, tenant_id, automation_id)
    await apply_line_changes(
        session,
        ACTIONS.of(automation_id, tenant_id),
        [_without_parameters(change) for change in actions],
        path=ACTIONS_PATH,
    )
    added = iter(sorted(set(await _action_ids(session, tenant_id, automation_id)) - existing))
    touched: dict[int, int] = {}
    for index, change in enumerate(actions):
        if isinstance(change, DestroyLine):
            continue
        action_id = next(added) if isinstance(change, AddLine) else change.id
        touched[index] = action_id
        await apply_line_changes(
            session,
            PARAMETERS.of(action_id, tenant_id),
            parameter_changes(change),
            path=parameters_path(index),
        )
    destinations = await check_actions(
        session,
        tenant_id=tenant_id,
        changes=actions,
        touched=touched,
        allow_private_targets=allow_private_targets,
        sends_email=sends_email,
    )
    webhooks = [action_id for action_id, kind in destinations.items() if kind == WEBHOOK]
    unsigned = await unsigned_actions(session, tenant_id=tenant_id, action_ids=webhooks)
    return await issue_secrets(session, tenant_id=tenant_id, action_ids=unsigned, box=box)


async def _action_ids(session: AsyncSession, tenant_id: int, automation_id: int) -> set[int]:
    statement = select(automation_actions.c.id).where(
        automation_actions.c.tenant_id == tenant_id,
        automation_actions.c.automation_id == automation_id,
    )
    return set((await session.execute(statement)).scalars())


def _without_parameters(change: LineChange) -> LineChange:
    """The action change as a change of the action's own columns (its parameters' changes are
    applied to the parameter table after it)."""
    if isinstance(change, DestroyLine):
        return change
    attributes = change.attributes
    sent = {k: v for k, v in attributes.changes().items() if k != "parameters_changes"}
    columns: InputModel
    if isinstance(change, AddLine):
        columns = ActionColumns.model_construct(**attributes.model_dump(include={*sent}))
    else:
        columns = AutomationActionColumnsUpdate.model_construct(_fields_set=set(sent), **sent)
    return change.model_copy(update={"attributes": columns})


async def rotate_action_secret(
    *,
    session: AsyncSession,
    tenant_id: int,
    automation_id: int,
    action_id: int,
    overlap: dt.timedelta,
    box: SecretBox,
) -> RowDict:
    """A new secret for the webhook action, returned this once; the old ones sign on beside it
    until `overlap` has passed."""
    statement = (
        select(automation_actions)
        .where(
            automation_actions.c.tenant_id == tenant_id,
            automation_actions.c.automation_id == automation_id,
            automation_actions.c.id == action_id,
        )
        .with_for_update()
    )
    action = (await session.execute(statement)).mappings().one_or_none()
    if action is None or action["destination_type"] != WEBHOOK:
        raise NotFound("automation action", action_id)
    secret = await rotate_secret(
        session, tenant_id=tenant_id, action_id=action_id, overlap=overlap, box=box
    )
    return {
        "id": action_id,
        "automation_id": automation_id,
        "webhook_secret": secret,
        "overlap_seconds": int(overlap.total_seconds()),
    }


def trigger_payload(automation: AutomationRow) -> JSONObject:
    """What a schedule's trigger carries as its record: the automation it triggers."""
    return {"automation_id": automation["id"], "name": automation["name"]}


async def run_automation(
    *, session: AsyncSession, tenant_id: int, automation_id: int, subdomain: str
) -> RowDict:
    """Trigger a schedule automation now: its conditions are evaluated on the trigger's body
    and, when they hold and the automation is enabled, the trigger goes to the outbox (as
    `<schedule>/triggered` of this automation), from which its webhooks are delivered.

    An event-driven automation has no event to run against: `automation_not_scheduled`; one
    whose conditions cannot be judged (a stored pattern RE2 refuses): `condition_not_evaluable`.
    The conditions are judged in a worker thread, off the event loop."""
    automation = await fetch_record(
        session,
        automations,
        tenant_id=tenant_id,
        record_id=automation_id,
        resource=RESOURCE,
        shape=automation_row,
    )
    if automation["resource_name"] not in SCHEDULES:
        raise ClarusError(
            Problem(
                ErrorKind.AUTOMATION_NOT_SCHEDULED,
                context={"resource_name": automation["resource_name"], "id": automation_id},
            )
        )
    payload = trigger_payload(automation)
    body: JSONObject = {
        "resource_name": automation["resource_name"],
        "event": SCHEDULE_EVENT,
        "subdomain": subdomain,
        "data": payload,
    }
    conditions = await _conditions(session, tenant_id, automation_id)
    try:
        passed = await asyncio.to_thread(all_hold, conditions, body) if conditions else True
    except ConditionError as error:
        raise ClarusError(
            Problem(
                ErrorKind.CONDITION_NOT_EVALUABLE,
                str(error),
                context={"id": automation_id},
            )
        ) from error
    queued = passed and bool(automation["enabled"])
    if queued:
        await emit(
            session,
            tenant_id=tenant_id,
            resource_name=automation["resource_name"],
            event=SCHEDULE_EVENT,
            record_id=automation_id,
            payload=payload,
        )
    return {"id": automation_id, "conditions_passed": passed, "queued": queued}


async def _conditions(session: AsyncSession, tenant_id: int, automation_id: int) -> list[Condition]:
    table = automation_conditions
    statement = select(table.c.source_path, table.c.operator, table.c.value).where(
        table.c.tenant_id == tenant_id, table.c.automation_id == automation_id
    )
    return [Condition(*row) for row in (await session.execute(statement)).all()]
