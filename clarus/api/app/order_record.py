"""An order's record page: its lines, the stock allocated to them, its pick list, what happened
to it and the webhook deliveries of its events; and the actions a supervisor takes on it
(cancel, hold, release, allocate, release to picking), each a CSRF-checked form calling the
service the REST API calls, a refusal shown with the domain's message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import RedirectResponse, Response

from clarus.api.app.form_values import record_id
from clarus.api.app.messages import translator
from clarus.api.app.permissions import (
    EDIT_ORDER,
    ORDER_ACTIONS,
    ORDER_RECORD,
    ORDERS,
    access,
    may_open,
)
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, PageProblem, app_root
from clarus.auth.app_sessions import SessionUser
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.queries import events_of_record
from clarus.outbound import processes, processing, service
from clarus.outbound.queries import goods_out_view
from clarus.outbound.schemas import GoodsOutUpdateAttributes
from clarus.outbound.statuses import ALLOCATED, FINISHED, OPEN, GoodsOutStatus
from clarus.webhooks.queries import deliveries_of_record

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
OrderIdPath = Annotated[str, Path(alias="order_id")]
"""Read as text: a path that names no order, a number or not, is the missing page."""
TIMELINE_ROWS = 50
"""The latest events and deliveries a record page shows."""
NOTICES = {
    "allocated": "order.allocated",
    "processed": "order.processed",
    "held": "order.held",
    "released": "order.released",
    "saved": "form.saved",
}
ReaderDep = Annotated[SessionUser, Depends(access(ORDER_RECORD))]
WriterDep = Annotated[SessionUser, Depends(access(ORDER_ACTIONS))]
OrderAction = Callable[[AsyncSession, int, int], Awaitable[object]]


def record_id_of(text: str) -> int:
    """A record's id from a path; an id no record can have is answered like a missing
    record."""
    found = record_id(text)
    if found is None:
        raise PageProblem(404, "problem.not_found")
    return found


def order_url(subdomain: str, order_id: int) -> str:
    return f"{app_root(subdomain)}/office/orders/{order_id}"


async def _order_page(
    request: Request,
    user: SessionUser,
    order_id: int,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    db: Database = request.app.state.db
    tenant_id = user.tenant_id
    async with db.read_session() as session:
        view = await goods_out_view(session, tenant_id=tenant_id, goods_out_id=order_id)
        if view is None:
            raise PageProblem(404, "problem.not_found")
        events = await events_of_record(
            session,
            tenant_id=tenant_id,
            resource_name=service.GOODS_OUTS.event_name,
            record_id=order_id,
            limit=TIMELINE_ROWS,
        )
        deliveries = await deliveries_of_record(
            session,
            tenant_id=tenant_id,
            resource_name=service.GOODS_OUTS.event_name,
            record_id=order_id,
            limit=TIMELINE_ROWS,
        )
    status = view.header.status
    notice_key = NOTICES.get(request.query_params.get("done", ""))
    return render(
        request,
        "order.html",
        subdomain=user.subdomain,
        user=user,
        current_page=ORDERS,
        order=view,
        events=events,
        deliveries=deliveries,
        may_act=may_open(user, ORDER_ACTIONS),
        can_edit=may_open(user, EDIT_ORDER) and status not in FINISHED,
        can_hold=status is GoodsOutStatus.PENDING,
        can_release=status is GoodsOutStatus.DRAFT,
        can_allocate=status in {GoodsOutStatus.PENDING, GoodsOutStatus.PART_ALLOCATED},
        can_process=status in {GoodsOutStatus.PENDING, GoodsOutStatus.ALLOCATED},
        can_cancel=status in OPEN | ALLOCATED | {GoodsOutStatus.PICK},
        error=error,
        notice=None if notice_key is None else translator()(notice_key),
        status_code=status_code,
    )


@router.get(ORDER_RECORD.path)
async def order_page(request: Request, user: ReaderDep, order_id: OrderIdPath) -> Response:
    return await _order_page(request, user, record_id_of(order_id))


async def _act(
    request: Request, user: SessionUser, order_id: str, action: OrderAction, done: str
) -> Response:
    """Run `action` in one transaction, then show the order with the notice `done`; a refusal
    of a missing (or another tenant's) order is the missing page, any other is the record page
    with the domain's message."""
    db: Database = request.app.state.db
    record_id = record_id_of(order_id)
    try:
        async with db.write_session() as session:
            await action(session, user.tenant_id, record_id)
    except ClarusError as error:
        if error.status == 404:
            raise PageProblem(404, "problem.not_found") from None
        return await _order_page(request, user, record_id, error=str(error), status_code=422)
    landing = f"{order_url(user.subdomain, record_id)}?done={done}" if done else ""
    return RedirectResponse(landing or ORDERS.url(user.subdomain), 303)


async def _allocate(session: AsyncSession, tenant_id: int, order_id: int) -> object:
    return await processes.allocate_goods_outs(
        session, tenant_id=tenant_id, goods_out_ids=[order_id]
    )


async def _process(session: AsyncSession, tenant_id: int, order_id: int) -> object:
    return await processing.process_picks(
        session, tenant_id=tenant_id, goods_out_ids=[order_id], consolidate=False
    )


def _to_status(status: GoodsOutStatus) -> OrderAction:
    """Hold (to DRAFT) or release (to PENDING): the change of status `PATCH` makes."""

    async def change(session: AsyncSession, tenant_id: int, order_id: int) -> object:
        attributes = GoodsOutUpdateAttributes.model_validate({"goods_out_status_id": status})
        return await service.GOODS_OUT_WRITES.update(
            session,
            service.GOODS_OUTS,
            tenant_id=tenant_id,
            record_id=order_id,
            attributes=attributes,
        )

    return change


@router.post(f"{ORDER_RECORD.path}/allocate")
async def allocate_order(
    request: Request, user: WriterDep, _form: CheckedFormDep, order_id: OrderIdPath
) -> Response:
    return await _act(request, user, order_id, _allocate, "allocated")


@router.post(f"{ORDER_RECORD.path}/process")
async def process_order(
    request: Request, user: WriterDep, _form: CheckedFormDep, order_id: OrderIdPath
) -> Response:
    """Release to picking: the order's pick list and PICK tasks, as `process_picks_async`
    makes them (a PENDING order is allocated first, and must be allocated in full)."""
    return await _act(request, user, order_id, _process, "processed")


@router.post(f"{ORDER_RECORD.path}/hold")
async def hold_order(
    request: Request, user: WriterDep, _form: CheckedFormDep, order_id: OrderIdPath
) -> Response:
    return await _act(request, user, order_id, _to_status(GoodsOutStatus.DRAFT), "held")


@router.post(f"{ORDER_RECORD.path}/release")
async def release_order(
    request: Request, user: WriterDep, _form: CheckedFormDep, order_id: OrderIdPath
) -> Response:
    return await _act(request, user, order_id, _to_status(GoodsOutStatus.PENDING), "released")


@router.post(f"{ORDER_RECORD.path}/cancel")
async def cancel_order(
    request: Request, user: WriterDep, _form: CheckedFormDep, order_id: OrderIdPath
) -> Response:
    """Cancelling deletes an order that had not started (as `POST .../cancel` does): the
    list is where the person lands."""
    return await _act(request, user, order_id, _cancel, "")


async def _cancel(session: AsyncSession, tenant_id: int, order_id: int) -> object:
    return await service.cancel_goods_out(session, tenant_id=tenant_id, record_id=order_id)
