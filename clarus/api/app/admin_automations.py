"""The administrator's automations page: each automation with its failed deliveries and a
one-click recover of them, and the latest deliveries with a retry of each, through the webhook
replay services `POST /api/webhook_deliveries/{id}/retry` and
`POST /api/automations/{id}/recover` call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import RedirectResponse, Response

from clarus.api.app.messages import translator
from clarus.api.app.order_record import record_id_of
from clarus.api.app.permissions import ADMIN_AUTOMATIONS, access
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, PageProblem, now
from clarus.auth.app_sessions import SessionUser
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.webhooks import replays
from clarus.webhooks.queries import automations_with_failures, latest_deliveries

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
AdminDep = Annotated[SessionUser, Depends(access(ADMIN_AUTOMATIONS))]
SHOWN = 100
"""Automations and deliveries the page shows."""
RECOVER_WINDOW = dt.timedelta(days=7)
"""How far back *Recover* reaches: the failed deliveries of the last week."""
NOTICES = {"retried": "admin_automations.retried", "recovered": "admin_automations.recovered"}
Replay = Callable[[AsyncSession, int, int, dt.datetime], Awaitable[object]]


async def _automations_page(
    request: Request, user: SessionUser, *, error: str | None = None, status_code: int = 200
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        automations = await automations_with_failures(
            session, tenant_id=user.tenant_id, limit=SHOWN
        )
        deliveries = await latest_deliveries(session, tenant_id=user.tenant_id, limit=SHOWN)
    notice = NOTICES.get(request.query_params.get("done", ""))
    return render(
        request,
        "admin_automations.html",
        subdomain=user.subdomain,
        user=user,
        current_page=ADMIN_AUTOMATIONS,
        automations=automations,
        deliveries=deliveries,
        error=error,
        notice=None if notice is None else translator()(notice),
        status_code=status_code,
    )


@router.get(ADMIN_AUTOMATIONS.path)
async def automations_page(request: Request, user: AdminDep) -> Response:
    return await _automations_page(request, user)


async def _replay(
    request: Request, user: SessionUser, record_id: str, replay: Replay, done: str
) -> Response:
    db: Database = request.app.state.db
    record = record_id_of(record_id)
    try:
        async with db.write_session() as session:
            await replay(session, user.tenant_id, record, now(request))
    except ClarusError as error:
        if error.status == 404:
            raise PageProblem(404, "problem.not_found") from None
        return await _automations_page(request, user, error=str(error), status_code=422)
    return RedirectResponse(f"{ADMIN_AUTOMATIONS.url(user.subdomain)}?done={done}", 303)


async def _retry(
    session: AsyncSession, tenant_id: int, delivery_id: int, at: dt.datetime
) -> object:
    return await replays.retry(
        session=session, tenant_id=tenant_id, delivery_id=delivery_id, now=at
    )


async def _recover(
    session: AsyncSession, tenant_id: int, automation_id: int, at: dt.datetime
) -> object:
    return await replays.recover(
        session=session,
        tenant_id=tenant_id,
        automation_id=automation_id,
        since=at - RECOVER_WINDOW,
        now=at,
    )


@router.post(f"{ADMIN_AUTOMATIONS.path}/deliveries/{{delivery_id}}/retry")
async def retry_delivery(
    request: Request, user: AdminDep, _form: CheckedFormDep, delivery_id: Annotated[str, Path()]
) -> Response:
    return await _replay(request, user, delivery_id, _retry, "retried")


@router.post(f"{ADMIN_AUTOMATIONS.path}/{{automation_id}}/recover")
async def recover_automation(
    request: Request, user: AdminDep, _form: CheckedFormDep, automation_id: Annotated[str, Path()]
) -> Response:
    return await _replay(request, user, automation_id, _recover, "recovered")
