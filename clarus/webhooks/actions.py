"""What an automation's actions must be once a request's changes are applied: webhooks with a
`webhook_url` that passes `public_address` and a `webhook_method` of POST (the default when left
out) or GET, or emails (when an SMTP server is configured) to one or more plain addresses, with
at most one one-line `email_subject` and one `email_body`. Clarus sends to no other
destination yet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.changes import AddLine, LineChange, UpdateLine
from clarus.core.documents import lines_by_parent
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import required
from clarus.webhooks.catalogue import (
    EMAIL,
    EMAIL_BODY,
    EMAIL_RECIPIENT,
    EMAIL_SUBJECT,
    SENDING_DESTINATIONS,
    WEBHOOK,
    WEBHOOK_METHOD,
    WEBHOOK_METHODS,
    WEBHOOK_URL,
)
from clarus.webhooks.mail import MAX_RECIPIENTS, is_plain_address, recipients_in
from clarus.webhooks.queries import PARAMETERS
from clarus.webhooks.rows import ActionParameterRow, action_parameter_row
from clarus.webhooks.schemas import parameter_changes
from clarus.webhooks.tables import automation_actions
from clarus.webhooks.targets import UnsafeWebhookTarget, public_address

ACTIONS_PATH = "/actions_changes"


def parameters_path(action_index: int) -> str:
    return f"{ACTIONS_PATH}/{action_index}/attributes/parameters_changes"


async def check_actions(
    session: AsyncSession,
    *,
    tenant_id: int,
    changes: Sequence[LineChange],
    touched: Mapping[int, int],
    allow_private_targets: bool,
    sends_email: bool,
) -> dict[int, str]:
    """Check each action a change added or updated (`touched`: change index to action id), as
    it now is with its parameters; their destination types by action id."""
    if not touched:
        return {}
    actions = await _actions(session, tenant_id, list(touched.values()))
    parameters = await lines_by_parent(
        session,
        PARAMETERS,
        tenant_id=tenant_id,
        parent_ids=list(touched.values()),
        shape=action_parameter_row,
    )
    problems: list[Problem] = []
    for index, action_id in touched.items():
        action, found = actions[action_id], parameters.get(action_id, [])
        change = changes[index]
        if action["destination_type"] == WEBHOOK:
            problems += await _webhook_problems(
                found, change=change, index=index, allow_private_targets=allow_private_targets
            )
        elif action["destination_type"] == EMAIL:
            problems += _email_problems(found, change=change, index=index, sends_email=sends_email)
        else:
            problems.append(_unsupported(action["destination_type"], index))
    if problems:
        raise ClarusError(*problems)
    return {action_id: actions[action_id]["destination_type"] for action_id in touched.values()}


async def _actions(
    session: AsyncSession, tenant_id: int, action_ids: list[int]
) -> dict[int, RowMapping]:
    table = automation_actions
    statement = select(table).where(table.c.tenant_id == tenant_id, table.c.id.in_(action_ids))
    return {row["id"]: row for row in (await session.execute(statement)).mappings()}


def _destination_path(index: int) -> str:
    return f"{ACTIONS_PATH}/{index}/attributes/destination_type"


def _unsupported(destination_type: str, index: int) -> Problem:
    return Problem(
        ErrorKind.DESTINATION_NOT_SUPPORTED,
        f"destination_type {destination_type!r} is not supported yet; use webhook or email.",
        _destination_path(index),
        {"destination_type": destination_type, "supported": list(SENDING_DESTINATIONS)},
    )


def _one_at_most(
    parameters: list[ActionParameterRow], codes: Sequence[str], index: int, kind: str
) -> list[Problem]:
    problems = []
    for code in codes:
        if len([p for p in parameters if p["parameter_code"] == code]) > 1:
            problems.append(
                Problem(
                    ErrorKind.INVALID_VALUE,
                    f"A {kind} action has one {code} parameter.",
                    parameters_path(index),
                    {"parameter_code": code},
                )
            )
    return problems


async def _webhook_problems(
    parameters: list[ActionParameterRow],
    *,
    change: LineChange,
    index: int,
    allow_private_targets: bool,
) -> list[Problem]:
    urls = [p for p in parameters if p["parameter_code"] == WEBHOOK_URL]
    methods = [p for p in parameters if p["parameter_code"] == WEBHOOK_METHOD]
    problems = _one_at_most(parameters, (WEBHOOK_URL, WEBHOOK_METHOD), index, "webhook")
    for method in methods:
        if method["value"] not in WEBHOOK_METHODS:
            problems.append(
                Problem(
                    ErrorKind.INVALID_ENUM_VALUE,
                    f"value: {WEBHOOK_METHOD} is POST or GET.",
                    _value_path(change, index, method),
                    {"allowed": list(WEBHOOK_METHODS)},
                )
            )
    if not urls:
        problems.append(
            Problem(
                ErrorKind.MISSING_FIELD,
                f"A webhook action needs a {WEBHOOK_URL} parameter.",
                parameters_path(index),
                {"parameter_code": WEBHOOK_URL},
            )
        )
    for url in urls[:1]:
        try:
            await public_address(
                required(url["value"], "value"), allow_private=allow_private_targets
            )
        except UnsafeWebhookTarget as error:
            problems.append(
                Problem(
                    ErrorKind.UNSAFE_WEBHOOK_TARGET,
                    str(error),
                    _value_path(change, index, url),
                )
            )
    return problems


def _email_problems(
    parameters: list[ActionParameterRow], *, change: LineChange, index: int, sends_email: bool
) -> list[Problem]:
    if not sends_email:
        return [
            Problem(
                ErrorKind.EMAIL_NOT_CONFIGURED,
                "destination_type email needs an SMTP server, and this Clarus has none "
                "(CLARUS_SMTP_HOST); use a webhook, or ask its operator.",
                _destination_path(index),
            )
        ]
    problems = _one_at_most(parameters, (EMAIL_SUBJECT, EMAIL_BODY), index, "email")
    problems += _recipients_problems(parameters, change=change, index=index)
    for subject in (p for p in parameters if p["parameter_code"] == EMAIL_SUBJECT):
        if any(character in (subject["value"] or "") for character in "\r\n"):
            problems.append(
                Problem(
                    ErrorKind.INVALID_VALUE,
                    f"value: {EMAIL_SUBJECT} is one line.",
                    _value_path(change, index, subject),
                )
            )
    return problems


def _recipients_problems(
    parameters: list[ActionParameterRow], *, change: LineChange, index: int
) -> list[Problem]:
    problems: list[Problem] = []
    recipients = [p for p in parameters if p["parameter_code"] == EMAIL_RECIPIENT]
    if not recipients:
        problems.append(
            Problem(
                ErrorKind.MISSING_FIELD,
                f"An email action needs an {EMAIL_RECIPIENT} parameter.",
                parameters_path(index),
                {"parameter_code": EMAIL_RECIPIENT},
            )
        )
    for recipient in recipients:
        problem = _recipient_problem(recipient["value"] or "")
        if problem is not None:
            path = _value_path(change, index, recipient)
            problems.append(Problem(ErrorKind.INVALID_VALUE, problem, path))
    if len(recipients_in(r["value"] or "" for r in recipients)) > MAX_RECIPIENTS:
        problems.append(
            Problem(
                ErrorKind.INVALID_VALUE,
                f"An email action has at most {MAX_RECIPIENTS} recipients.",
                parameters_path(index),
                {"parameter_code": EMAIL_RECIPIENT},
            )
        )
    return problems


def _recipient_problem(value: str) -> str | None:
    addresses = recipients_in([value])
    if not addresses:
        return f"value: {EMAIL_RECIPIENT} names no address."
    wrong = [address for address in addresses if not is_plain_address(address)]
    if wrong:
        return (
            f"value: {', '.join(repr(address) for address in wrong)} is not an email address "
            "(name@example.com; several are separated by commas)."
        )
    return None


def _value_path(change: LineChange, index: int, parameter: Mapping[str, object]) -> str:
    """The `value` of the parameter change in this request that set `parameter` (by id, or an
    ADD of the same code and value), else the action's parameter changes."""
    for position, parameter_change in enumerate(parameter_changes(change)):
        if isinstance(parameter_change, UpdateLine):
            same = parameter_change.id == parameter["id"]
        elif isinstance(parameter_change, AddLine):
            sent = parameter_change.attributes.changes()
            same = (sent.get("parameter_code"), sent.get("value")) == (
                parameter["parameter_code"],
                parameter["value"],
            )
        else:
            continue
        if same:
            return f"{parameters_path(index)}/{position}/attributes/value"
    return parameters_path(index)
