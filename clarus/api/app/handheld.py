"""What every handheld screen shares: one form of scan fields a screen, the flow that says which
fields a screen asks for (`clarus.tasks.rf_flows`), and a domain refusal shown as its message."""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from typing import Annotated

from fastapi import Path
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from clarus.api.app.messages import translator
from clarus.api.app.permissions import HANDHELD_MENU, AppPage
from clarus.api.app.quantities import shown_quantity as shown_quantity
from clarus.api.app.rendering import render
from clarus.api.app.sessions import PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.fields import INT64_MAX
from clarus.masterdata.queries import ReasonChoice, active_reason_codes
from clarus.tasks.rf_flows import HandheldFlow, handheld_flow
from clarus.tasks.schemas import RfFlowType, TaskUpdateAttributes


@dataclass(frozen=True, slots=True)
class StepField:
    name: str
    label: str
    scan: bool = True
    """Filled by the scanner (a barcode and Enter), else typed."""
    numeric: bool = False
    required: bool = True
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    """A list to choose from (a reason) instead of a field."""


def render_step(
    request: Request,
    user: SessionUser,
    page: AppPage,
    *,
    action: str,
    fields: list[StepField],
    submit: str,
    facts: list[tuple[str, str]] | None = None,
    error: str | None = None,
    notice: str | None = None,
    done_url: str | None = None,
    focus: str | None = None,
    status_code: int = 200,
) -> Response:
    """One handheld screen: what the task is (`facts`), the message of the last scan, and the
    form whose field `focus` (else its first) has the focus for the scanner."""
    return render(
        request,
        "handheld_step.html",
        subdomain=user.subdomain,
        user=user,
        page=page,
        action=f"{page.url(user.subdomain)}{action}",
        fields=fields,
        submit=submit,
        facts=facts or [],
        error=error,
        notice=notice,
        done_url=done_url,
        focus=focus,
        status_code=status_code,
    )


TaskIdPath = Annotated[int, Path(ge=1, le=INT64_MAX)]
"""A task's id in a handheld screen's path: one no task can have is refused before any read."""


def menu_url(user: SessionUser) -> str:
    """The handheld menu, where a screen's "Done" goes."""
    return HANDHELD_MENU.url(user.subdomain)


def nothing_waiting(request: Request, user: SessionUser, page: AppPage, message: str) -> Response:
    """A task screen's empty state: `message`, and the way back to the menu."""
    return render_step(
        request,
        user,
        page,
        action="",
        fields=[],
        submit="",
        notice=message,
        done_url=menu_url(user),
    )


def nothing_to_work(
    request: Request, user: SessionUser, page: AppPage, *, task_id: int | None, message: str
) -> Response:
    """A task screen with no task to show: the missing page when its path named one (done,
    another tenant's or never made), else the empty state with `message`."""
    if task_id is not None:
        raise PageProblem(404, "problem.not_found")
    return nothing_waiting(request, user, page, message)


def refusal(error: ClarusError) -> str:
    """The domain's own message of a refusal, every problem of it."""
    return " ".join(problem.details or problem.kind.message for problem in error.problems)


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def quantity_of(form: FormData, name: str = "quantity") -> decimal.Decimal | None:
    """A typed quantity above 0; None when it is not one."""
    try:
        quantity = decimal.Decimal(text(form, name))
    except decimal.InvalidOperation:
        return None
    return quantity if quantity.is_finite() and quantity > 0 else None


async def flow_of(request: Request, user: SessionUser, flow_type: RfFlowType) -> HandheldFlow:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        return await handheld_flow(
            session, tenant_id=user.tenant_id, user_id=user.user_id, flow_type=flow_type
        )


def t(key: str, **values: object) -> str:
    return translator()(key, **values)


COMPLETED = "completed"


def completion(
    *, location_id: int | None, quantity: decimal.Decimal | None, notes: str | None
) -> TaskUpdateAttributes:
    """A task's completion as `PATCH /api/tasks/{id}` takes it, with only what was given (an
    attribute left out keeps the task's own)."""
    given = {"location_to_id": location_id, "confirmed_quantity": quantity, "notes": notes}
    sent = {name: value for name, value in given.items() if value is not None}
    return TaskUpdateAttributes.model_validate({"status": COMPLETED, **sent})


async def chosen_reason(
    session: AsyncSession, user: SessionUser, *, reason_type: str, chosen: str
) -> ReasonChoice | None:
    """The reason code chosen, when it is one of the tenant's active ones of `reason_type`."""
    reasons = await active_reason_codes(session, tenant_id=user.tenant_id, reason_type=reason_type)
    return next((reason for reason in reasons if str(reason.id) == chosen), None)


def reason_choices(reasons: list[ReasonChoice], none_label: str) -> tuple[tuple[str, str], ...]:
    """The choices of a reason list: first "none", then each reason as its code and name."""
    return (
        ("", none_label),
        *((str(reason.id), f"{reason.code} {reason.name}") for reason in reasons),
    )
