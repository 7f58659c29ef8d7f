"""What an automation's actions must be once a request's changes are applied: webhooks (the one
destination Clarus sends to yet) with a `webhook_url` that passes `public_address` and a
`webhook_method` of POST (the default when left out) or GET."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.changes import LineChange
from clarus.core.documents import lines_by_parent
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import Record
from clarus.webhooks.catalogue import WEBHOOK, WEBHOOK_METHOD, WEBHOOK_METHODS, WEBHOOK_URL
from clarus.webhooks.queries import PARAMETERS, automation_actions
from clarus.webhooks.schemas import change_attributes
from clarus.webhooks.targets import UnsafeWebhookTarget, public_address

ACTIONS_POINTER = "/data/attributes/actions_changes"


def parameters_pointer(action_index: int) -> str:
    return f"{ACTIONS_POINTER}/{action_index}/attributes/parameters_changes"


async def check_actions(
    session: AsyncSession,
    *,
    tenant_id: int,
    changes: Sequence[LineChange],
    touched: Mapping[int, int],
    allow_private_targets: bool,
) -> None:
    """Check each action a change added or updated (`touched`: change index to action id), as
    it now is with its parameters."""
    if not touched:
        return
    actions = await _actions(session, tenant_id, list(touched.values()))
    parameters = await lines_by_parent(
        session, PARAMETERS, tenant_id=tenant_id, parent_ids=list(touched.values())
    )
    problems: list[Problem] = []
    for index, action_id in touched.items():
        problems += await _action_problems(
            actions[action_id],
            parameters.get(action_id, []),
            change=changes[index],
            index=index,
            allow_private_targets=allow_private_targets,
        )
    if problems:
        raise ClarusError(*problems)


async def _actions(session: AsyncSession, tenant_id: int, action_ids: list[int]) -> dict[int, Any]:
    table = automation_actions
    statement = select(table).where(table.c.tenant_id == tenant_id, table.c.id.in_(action_ids))
    return {row["id"]: row for row in (await session.execute(statement)).mappings()}


async def _action_problems(
    action: Mapping[str, Any],
    parameters: list[Record],
    *,
    change: LineChange,
    index: int,
    allow_private_targets: bool,
) -> list[Problem]:
    if action["destination_type"] != WEBHOOK:
        return [
            Problem(
                ErrorKind.DESTINATION_NOT_SUPPORTED,
                f"destination_type {action['destination_type']!r} is not supported yet; "
                "use webhook.",
                f"{ACTIONS_POINTER}/{index}/attributes/destination_type",
                {"destination_type": action["destination_type"], "supported": [WEBHOOK]},
            )
        ]
    urls = [p for p in parameters if p["parameter_code"] == WEBHOOK_URL]
    methods = [p for p in parameters if p["parameter_code"] == WEBHOOK_METHOD]
    problems: list[Problem] = []
    for code, found in ((WEBHOOK_URL, urls), (WEBHOOK_METHOD, methods)):
        if len(found) > 1:
            problems.append(
                Problem(
                    ErrorKind.INVALID_VALUE,
                    f"A webhook action has one {code} parameter.",
                    parameters_pointer(index),
                    {"parameter_code": code},
                )
            )
    for method in methods:
        if method["value"] not in WEBHOOK_METHODS:
            problems.append(
                Problem(
                    ErrorKind.INVALID_ENUM_VALUE,
                    f"value: {WEBHOOK_METHOD} is POST or GET.",
                    _value_pointer(change, index, method),
                    {"allowed": list(WEBHOOK_METHODS)},
                )
            )
    if not urls:
        problems.append(
            Problem(
                ErrorKind.MISSING_FIELD,
                f"A webhook action needs a {WEBHOOK_URL} parameter.",
                parameters_pointer(index),
                {"parameter_code": WEBHOOK_URL},
            )
        )
    for url in urls[:1]:
        try:
            await public_address(url["value"], allow_private=allow_private_targets)
        except UnsafeWebhookTarget as error:
            problems.append(
                Problem(
                    ErrorKind.UNSAFE_WEBHOOK_TARGET,
                    str(error),
                    _value_pointer(change, index, url),
                )
            )
    return problems


def _value_pointer(change: LineChange, index: int, parameter: Mapping[str, Any]) -> str:
    """The `value` of the parameter change in this request that set `parameter`, else the
    action's parameter changes."""
    attributes = change_attributes(change)
    sent: Sequence[LineChange] = getattr(attributes, "parameters_changes", None) or []
    for position, parameter_change in enumerate(sent):
        if parameter_change.type == "DESTROY":
            continue
        code = getattr(change_attributes(parameter_change), "parameter_code", None)
        same_id = getattr(parameter_change, "id", None) == parameter["id"]
        if same_id or (parameter_change.type == "ADD" and code == parameter["parameter_code"]):
            return f"{parameters_pointer(index)}/{position}/attributes/value"
    return parameters_pointer(index)
