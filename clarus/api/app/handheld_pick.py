"""Picking on the handheld: the open pick tasks in walk order, one a screen; scan the location,
then the product (where the task flow asks for them), and type the quantity. Less than the
task asks is a short pick, which needs a reason (kept as the task's notes). Each completes the
task through `tasks.completion.update_task`, the service of `PATCH /api/tasks/{id}` (which
completes a PICK task by `outbound.picking.complete_pick` and dispatches a fully picked order
by its strategy)."""

from __future__ import annotations

import decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import Response

from clarus.api.app.handheld import (
    StepField,
    TaskIdPath,
    chosen_reason,
    completion,
    flow_of,
    menu_url,
    nothing_to_work,
    quantity_of,
    reason_choices,
    refusal,
    render_step,
    shown_quantity,
    t,
    text,
)
from clarus.api.app.permissions import PICK, access
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.scans import read_scan
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.records import required
from clarus.masterdata.queries import active_reason_codes, location_id_scanned
from clarus.outbound.queries import PickToDo, next_pick
from clarus.tasks.completion import update_task
from clarus.tasks.rf_flows import HandheldFlow
from clarus.tasks.schemas import TaskUpdateAttributes

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
PickerDep = Annotated[SessionUser, Depends(access(PICK))]
SHORT_REASON_TYPE = "short_order_lines"


async def _screen(
    request: Request,
    user: SessionUser,
    flow: HandheldFlow,
    *,
    task_id: int | None = None,
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        todo = await next_pick(session, tenant_id=user.tenant_id, task_id=task_id)
        reasons = await active_reason_codes(
            session, tenant_id=user.tenant_id, reason_type=SHORT_REASON_TYPE
        )
    if todo is None:
        message = notice or t("handheld.nothing_to_pick")
        return nothing_to_work(request, user, PICK, task_id=task_id, message=message)
    fields = []
    if flow.asks_for("location"):
        fields.append(StepField("location", t("handheld.scan_location")))
    if flow.asks_for("product"):
        fields.append(StepField("product", t("handheld.scan_product")))
    fields.append(
        StepField(
            "quantity",
            t("handheld.quantity"),
            scan=flow.input_of("quantity") == "scan",
            numeric=True,
            value=shown_quantity(todo.quantity),
        )
    )
    choices = reason_choices(reasons, t("handheld.no_short"))
    fields.append(StepField("reason", t("handheld.short_reason"), required=False, choices=choices))
    return render_step(
        request,
        user,
        PICK,
        action=f"/{todo.task_id}",
        fields=fields,
        submit=t("handheld.next"),
        facts=[
            (t("handheld.order"), todo.order_reference or ""),
            (t("handheld.pick_from"), todo.location_code or ""),
            (t("handheld.product"), todo.product_code),
            (t("handheld.quantity"), shown_quantity(todo.quantity)),
        ],
        error=error,
        notice=notice,
        done_url=menu_url(user),
        status_code=status_code,
    )


@router.get(PICK.path)
async def pick_next(request: Request, user: PickerDep) -> Response:
    return await _screen(request, user, await flow_of(request, user, "task"))


@router.post(PICK.path + "/{task_id}")
async def pick_scanned(
    request: Request, user: PickerDep, task_id: TaskIdPath, form: CheckedFormDep
) -> Response:
    flow = await flow_of(request, user, "task")
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            todo = await next_pick(session, tenant_id=user.tenant_id, task_id=task_id)
            if todo is None:
                raise PageProblem(404, "problem.not_found")
            problem, picked = await _checked(session, user, flow, todo, form)
            if picked is None:
                return await _screen(
                    request, user, flow, task_id=task_id, error=problem, status_code=422
                )
            task = await update_task(
                session,
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                task_id=task_id,
                attributes=picked,
            )
    except ClarusError as error:
        return await _screen(
            request, user, flow, task_id=task_id, error=refusal(error), status_code=422
        )
    quantity = shown_quantity(required(task["confirmed_quantity"], "confirmed_quantity"))
    notice = t("handheld.picked", quantity=quantity, product=todo.product_code)
    return await _screen(request, user, flow, notice=notice)


async def _checked(
    session: AsyncSession,
    user: SessionUser,
    flow: HandheldFlow,
    todo: PickToDo,
    form: FormData,
) -> tuple[str, None] | tuple[None, TaskUpdateAttributes]:
    """The pick's completion the scans ask for, or the message of the first wrong scan."""
    if flow.asks_for("location"):
        scanned = text(form, "location")
        location_id = await location_id_scanned(
            session, tenant_id=user.tenant_id, warehouse_id=todo.warehouse_id, scan=scanned
        )
        if location_id is None or location_id != todo.location_id:
            return t("handheld.wrong_location", location=todo.location_code), None
    if flow.asks_for("product"):
        read = await read_scan(session, tenant_id=user.tenant_id, scan=text(form, "product"))
        if read.product_id != todo.product_id:
            return t("handheld.wrong_product", product=todo.product_code), None
    picked = _picked_quantity(form)
    if picked is None:
        return t("handheld.bad_quantity"), None
    notes = None
    if picked < todo.quantity:
        reason = await chosen_reason(
            session, user, reason_type=SHORT_REASON_TYPE, chosen=text(form, "reason")
        )
        if reason is None:
            quantity_asked = shown_quantity(todo.quantity)
            return t("handheld.short_needs_reason", quantity=quantity_asked), None
        notes = t("handheld.short_note", reason=f"{reason.code} {reason.name}")
    return None, _pick_completion(picked, notes)


def _picked_quantity(form: FormData) -> decimal.Decimal | None:
    """The quantity typed: above 0, or 0 for nothing found (a short pick of all of it)."""
    if text(form, "quantity") == "0":
        return decimal.Decimal(0)
    return quantity_of(form)


def _pick_completion(quantity: decimal.Decimal, notes: str | None) -> TaskUpdateAttributes:
    return completion(location_id=None, quantity=quantity, notes=notes)
