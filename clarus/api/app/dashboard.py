"""The office dashboard: what is late, due, waiting or failed, each panel one statement through
its domain's queries, so a page costs the same at ten orders or a million."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from clarus.api.app.permissions import DASHBOARD, access
from clarus.api.app.rendering import render
from clarus.api.app.sessions import now
from clarus.auth.app_sessions import SessionUser
from clarus.core.db import Database
from clarus.inbound.queries import receipts_due
from clarus.inventory.queries import held_stock
from clarus.outbound.queries import open_orders_by_status_and_due
from clarus.tasks.queries import open_tasks_by_type
from clarus.webhooks.queries import failed_deliveries

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
PANEL_ROWS = 10
"""Rows a list panel shows; its heading counts them all."""


def start_of_day(moment: dt.datetime) -> dt.datetime:
    """Midnight UTC of `moment`'s day: due dates are compared by UTC day."""
    return moment.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


@router.get(DASHBOARD.path)
async def dashboard(
    request: Request, user: Annotated[SessionUser, Depends(access(DASHBOARD))]
) -> Response:
    db: Database = request.app.state.db
    day_start = start_of_day(now(request))
    tenant_id = user.tenant_id
    async with db.read_session() as session:
        orders = await open_orders_by_status_and_due(
            session, tenant_id=tenant_id, day_start=day_start
        )
        receipts = await receipts_due(
            session, tenant_id=tenant_id, day_start=day_start, limit=PANEL_ROWS
        )
        tasks = await open_tasks_by_type(session, tenant_id=tenant_id)
        holds = await held_stock(session, tenant_id=tenant_id, limit=PANEL_ROWS)
        failed = await failed_deliveries(session, tenant_id=tenant_id, limit=PANEL_ROWS)
    return render(
        request,
        "dashboard.html",
        subdomain=user.subdomain,
        user=user,
        current_page=DASHBOARD,
        today=day_start.date(),
        orders=orders,
        receipts=receipts,
        tasks=tasks,
        holds=holds,
        failed=failed,
    )
