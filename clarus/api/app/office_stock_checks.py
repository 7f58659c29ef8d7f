"""The office's stock checks page: the records of failed counts, each with what was counted
against what the system held, and a resolve of each with a reason of type `stock_check`,
through the service `POST /api/stock_checks/resolve` calls (which posts the difference to the
stock as an adjustment)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import RedirectResponse, Response

from clarus.api.app.handheld import chosen_reason, text
from clarus.api.app.messages import translator
from clarus.api.app.order_record import record_id_of
from clarus.api.app.permissions import STOCK_CHECK_ACTIONS, STOCK_CHECKS, access, may_open
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.core.db import Database
from clarus.core.errors import ClarusError, ErrorKind
from clarus.masterdata.queries import active_reason_codes
from clarus.stockcontrol.stock_check_queries import is_stock_check_record, records_to_resolve
from clarus.stockcontrol.stock_check_resolution import REASON_TYPE, resolve_records
from clarus.stockcontrol.stock_check_schemas import StockCheckResolveRequest

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
ReaderDep = Annotated[SessionUser, Depends(access(STOCK_CHECKS))]
ResolverDep = Annotated[SessionUser, Depends(access(STOCK_CHECK_ACTIONS))]
SHOWN = 100
"""The records the page lists, oldest check first."""


async def _page(
    request: Request, user: SessionUser, *, error: str | None = None, status_code: int = 200
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        records = await records_to_resolve(session, tenant_id=user.tenant_id, limit=SHOWN)
        reasons = await active_reason_codes(
            session, tenant_id=user.tenant_id, reason_type=REASON_TYPE
        )
    resolved = request.query_params.get("done") == "resolved"
    return render(
        request,
        "stock_checks.html",
        subdomain=user.subdomain,
        user=user,
        current_page=STOCK_CHECKS,
        records=records,
        reasons=reasons,
        may_resolve=may_open(user, STOCK_CHECK_ACTIONS),
        error=error,
        notice=translator()("stock_checks.resolved") if resolved else None,
        status_code=status_code,
    )


@router.get(STOCK_CHECKS.path)
async def stock_checks_page(request: Request, user: ReaderDep) -> Response:
    return await _page(request, user)


@router.post(STOCK_CHECK_ACTIONS.path + "/{stock_check_record_id}/resolve")
async def resolve_record(
    request: Request,
    user: ResolverDep,
    form: CheckedFormDep,
    stock_check_record_id: Annotated[str, Path()],
) -> Response:
    """Resolve one record with the reason chosen; a refusal is the page with the domain's
    message, and nothing posted."""
    db: Database = request.app.state.db
    record = record_id_of(stock_check_record_id)
    try:
        async with db.write_session() as session:
            if not await is_stock_check_record(session, tenant_id=user.tenant_id, record_id=record):
                raise PageProblem(404, "problem.not_found")
            reason = await chosen_reason(
                session, user, reason_type=REASON_TYPE, chosen=text(form, "reason")
            )
            if reason is None:
                message = translator()("stock_checks.choose_reason")
                return await _page(request, user, error=message, status_code=422)
            await resolve_records(
                session,
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                request=StockCheckResolveRequest(
                    stock_check_record_ids=[record], reason_code_id=reason.id
                ),
            )
    except ClarusError as error:
        if _names_no_record(error):
            raise PageProblem(404, "problem.not_found") from None
        return await _page(request, user, error=str(error), status_code=422)
    return RedirectResponse(f"{STOCK_CHECKS.url(user.subdomain)}?done=resolved", 303)


def _names_no_record(error: ClarusError) -> bool:
    """The one record of the path is not the tenant's: the service refuses it as an id of its
    list (37), which the page answers as the missing page."""
    return error.status == 404 or any(
        problem.kind is ErrorKind.INVALID_IDS_PROVIDED for problem in error.problems
    )
