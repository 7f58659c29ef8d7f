"""Counting on the handheld, blind: the location of the oldest open COUNT task is offered
first; a location scanned without a pending check gets one (`stockcontrol.stock_checks.
create_stock_check`, as `POST /api/stock_checks`). Each product scanned with the quantity
counted is an attempt (`record_attempt`, as `/{id}/record_attempt`); the expected quantity is
never shown. Finishing completes the check, passed or failed (`complete_stock_check`, as
`/{id}/complete`); a failed one waits for the office to resolve it."""

from __future__ import annotations

import decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import Response

from clarus.api.app.handheld import (
    StepField,
    menu_url,
    quantity_of,
    refusal,
    render_step,
    shown_quantity,
    t,
    text,
)
from clarus.api.app.permissions import COUNT, access
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.scans import read_scan
from clarus.core.db import Database, utcnow
from clarus.core.errors import ClarusError
from clarus.core.fields import INT64_MAX
from clarus.masterdata.queries import location_id_scanned
from clarus.stockcontrol.statuses import StockCheckStatus
from clarus.stockcontrol.stock_check_queries import CountToDo, next_count
from clarus.stockcontrol.stock_check_schemas import (
    StockCheckAttemptAttributes,
    StockCheckAttributes,
)
from clarus.stockcontrol.stock_checks import (
    complete_stock_check,
    create_stock_check,
    record_attempt,
)

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
CounterDep = Annotated[SessionUser, Depends(access(COUNT))]
CheckIdPath = Annotated[int, Path(ge=1, le=INT64_MAX)]
FINISH = "finish"


async def _location_screen(
    request: Request,
    user: SessionUser,
    *,
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    """The location to count: the oldest open COUNT task's offered, any other scannable."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        todo = await next_count(session, tenant_id=user.tenant_id)
    facts = [] if todo is None else [(t("handheld.count_at"), todo.location_code)]
    return render_step(
        request,
        user,
        COUNT,
        action="",
        fields=[StepField("location", t("handheld.scan_location"))],
        submit=t("handheld.next"),
        facts=facts,
        error=error,
        notice=notice or (t("handheld.nothing_to_count") if todo is None else None),
        done_url=menu_url(user),
        status_code=status_code,
    )


async def _count_screen(
    request: Request,
    user: SessionUser,
    stock_check_id: int,
    *,
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    """One product of the check's location to count; what the system holds is never shown."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        todo = await next_count(session, tenant_id=user.tenant_id, stock_check_id=stock_check_id)
    if todo is None:
        raise PageProblem(404, "problem.not_found")
    then = (("", t("handheld.count_more")), (FINISH, t("handheld.finish_count")))
    return render_step(
        request,
        user,
        COUNT,
        action=f"/{todo.stock_check_id}",
        fields=[
            StepField("product", t("handheld.scan_product"), required=False),
            StepField(
                "quantity", t("handheld.counted_quantity"), scan=False, numeric=True, required=False
            ),
            StepField("then", t("handheld.then"), required=False, choices=then),
        ],
        submit=t("handheld.next"),
        facts=[(t("handheld.location"), todo.location_code)],
        error=error,
        notice=notice,
        done_url=menu_url(user),
        status_code=status_code,
    )


@router.get(COUNT.path)
async def count_location(request: Request, user: CounterDep) -> Response:
    return await _location_screen(request, user)


@router.post(COUNT.path)
async def count_location_scanned(
    request: Request, user: CounterDep, form: CheckedFormDep
) -> Response:
    """The scanned location's pending check, made when it has none; its count screen."""
    scanned = text(form, "location")
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            location_id = await location_id_scanned(
                session, tenant_id=user.tenant_id, warehouse_id=None, scan=scanned
            )
            if location_id is None:
                message = t("handheld.no_location_anywhere", code=scanned)
                return await _location_screen(request, user, error=message, status_code=422)
            state = await create_stock_check(
                session,
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                attributes=StockCheckAttributes(
                    location_id=location_id, expected_completion_date=utcnow()
                ),
            )
    except ClarusError as error:
        return await _location_screen(request, user, error=refusal(error), status_code=422)
    return await _count_screen(request, user, state.check["id"])


@router.get(COUNT.path + "/{stock_check_id}")
async def count_products(
    request: Request, user: CounterDep, stock_check_id: CheckIdPath
) -> Response:
    return await _count_screen(request, user, stock_check_id)


@router.post(COUNT.path + "/{stock_check_id}")
async def count_product_scanned(
    request: Request, user: CounterDep, stock_check_id: CheckIdPath, form: CheckedFormDep
) -> Response:
    """A product's count recorded when one is scanned; the check completed when asked. Either
    both or neither."""
    db: Database = request.app.state.db
    finishing = text(form, "then") == FINISH
    try:
        async with db.write_session() as session:
            todo = await next_count(
                session, tenant_id=user.tenant_id, stock_check_id=stock_check_id
            )
            if todo is None:
                raise PageProblem(404, "problem.not_found")
            counted: str | None = None
            if text(form, "product") or not finishing:
                problem, counted = await _recorded(session, user, todo, form)
                if problem is not None:
                    return await _count_screen(
                        request, user, stock_check_id, error=problem, status_code=422
                    )
            if finishing:
                state = await complete_stock_check(
                    session,
                    tenant_id=user.tenant_id,
                    user_id=user.user_id,
                    stock_check_id=stock_check_id,
                )
                passed = state.check["status"] == StockCheckStatus.PASSED
                finished = t(
                    "handheld.count_passed" if passed else "handheld.count_failed",
                    location=todo.location_code,
                )
    except ClarusError as error:
        return await _count_screen(
            request, user, stock_check_id, error=refusal(error), status_code=422
        )
    if finishing:
        return await _location_screen(request, user, notice=finished)
    return await _count_screen(request, user, stock_check_id, notice=counted)


async def _recorded(
    session: AsyncSession, user: SessionUser, todo: CountToDo, form: FormData
) -> tuple[str, None] | tuple[None, str]:
    """The scanned product's count recorded (its batch and best-before when the scan carries
    them), and the notice saying so; or the message of the first wrong scan."""
    scanned = text(form, "product")
    if not scanned:
        return t("handheld.scan_or_finish"), None
    read = await read_scan(session, tenant_id=user.tenant_id, scan=scanned)
    if read.product_id is None:
        return t("handheld.no_product", code=scanned), None
    quantity = _counted_quantity(form)
    if quantity is None:
        return t("handheld.bad_count"), None
    await record_attempt(
        session,
        tenant_id=user.tenant_id,
        user_id=user.user_id,
        stock_check_id=todo.stock_check_id,
        attributes=StockCheckAttemptAttributes(
            product_id=read.product_id,
            physical_count=quantity,
            batch=read.batch,
            best_before_date=read.best_before,
            sell_by_date=read.sell_by,
        ),
    )
    product = read.product_code or scanned
    return None, t("handheld.counted", quantity=shown_quantity(quantity), product=product)


def _counted_quantity(form: FormData) -> decimal.Decimal | None:
    """The quantity typed: above 0, or 0 for none there."""
    if text(form, "quantity") == "0":
        return decimal.Decimal(0)
    return quantity_of(form)
