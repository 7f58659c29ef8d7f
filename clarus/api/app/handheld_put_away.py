"""Putting away on the handheld: the oldest open put-away task with the location the put-away
rules offered (`stockcontrol.putaway_choice`, set on the task when it was received); scan the
product and the location to confirm it, or scan another location with a reason. Each confirms
the task through `tasks.completion.update_task`, the service of `PATCH /api/tasks/{id}` (which
completes a PWAY task by `inbound.putaway.put_away`); an override's reason is the task's notes."""

from __future__ import annotations

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
    refusal,
    render_step,
    shown_quantity,
    t,
    text,
)
from clarus.api.app.permissions import PUT_AWAY, access
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.scans import read_scan
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.records import required
from clarus.inbound.queries import PutawayToDo, next_putaway
from clarus.masterdata.queries import ReasonChoice, active_reason_codes, location_id_scanned
from clarus.tasks.completion import update_task
from clarus.tasks.rf_flows import HandheldFlow
from clarus.tasks.schemas import TaskUpdateAttributes

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
PutterDep = Annotated[SessionUser, Depends(access(PUT_AWAY))]
OVERRIDE_REASON_TYPE = "transfer"
"""Reason codes an operator chooses from to put stock elsewhere than offered."""


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
        todo = await next_putaway(session, tenant_id=user.tenant_id, task_id=task_id)
        reasons = await active_reason_codes(
            session, tenant_id=user.tenant_id, reason_type=OVERRIDE_REASON_TYPE
        )
    if todo is None:
        message = notice or t("handheld.nothing_to_put_away")
        return nothing_to_work(request, user, PUT_AWAY, task_id=task_id, message=message)
    return render_step(
        request,
        user,
        PUT_AWAY,
        action=f"/{todo.task_id}",
        fields=_fields(flow, todo, reasons),
        submit=t("handheld.next"),
        facts=[
            (t("handheld.product"), todo.product_code),
            (t("handheld.quantity"), shown_quantity(todo.quantity)),
            (t("handheld.from"), todo.from_location_code or ""),
            (t("handheld.offered"), todo.offered_location_code or t("handheld.anywhere")),
        ],
        error=error,
        notice=notice,
        done_url=menu_url(user),
        status_code=status_code,
    )


def _fields(flow: HandheldFlow, todo: PutawayToDo, reasons: list[ReasonChoice]) -> list[StepField]:
    fields = []
    if flow.asks_for("product"):
        fields.append(StepField("product", t("handheld.scan_product")))
    fields.append(StepField("location", t("handheld.scan_location")))
    if flow.asks_for("quantity"):
        fields.append(
            StepField(
                "quantity",
                t("handheld.quantity"),
                scan=flow.input_of("quantity") == "scan",
                numeric=True,
                value=shown_quantity(todo.quantity),
            )
        )
    if todo.offered_location_id is not None and reasons:
        offered = ("", t("handheld.no_override"))
        choices = (
            offered,
            *((str(reason.id), f"{reason.code} {reason.name}") for reason in reasons),
        )
        fields.append(
            StepField("reason", t("handheld.override_reason"), required=False, choices=choices)
        )
    return fields


@router.get(PUT_AWAY.path)
async def put_away_next(request: Request, user: PutterDep) -> Response:
    return await _screen(request, user, await flow_of(request, user, "task"))


@router.post(PUT_AWAY.path + "/{task_id}")
async def put_away_scanned(
    request: Request, user: PutterDep, task_id: TaskIdPath, form: CheckedFormDep
) -> Response:
    """The scans checked against the task (its product, the offered location unless a reason
    is chosen), then the task confirmed; the next task's screen follows."""
    flow = await flow_of(request, user, "task")
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            todo = await next_putaway(session, tenant_id=user.tenant_id, task_id=task_id)
            if todo is None:
                raise PageProblem(404, "problem.not_found")
            problem, completion = await _checked(session, user, flow, todo, form)
            if completion is None:
                return await _screen(
                    request, user, flow, task_id=task_id, error=problem, status_code=422
                )
            task = await update_task(
                session,
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                task_id=task_id,
                attributes=completion,
            )
    except ClarusError as error:
        return await _screen(
            request, user, flow, task_id=task_id, error=refusal(error), status_code=422
        )
    notice = t(
        "handheld.put_away",
        quantity=shown_quantity(required(task["confirmed_quantity"], "confirmed_quantity")),
        product=todo.product_code,
        location=text(form, "location"),
    )
    return await _screen(request, user, flow, notice=notice)


async def _checked(
    session: AsyncSession,
    user: SessionUser,
    flow: HandheldFlow,
    todo: PutawayToDo,
    form: FormData,
) -> tuple[str, None] | tuple[None, TaskUpdateAttributes]:
    """The task's completion the scans ask for (as `PATCH /api/tasks/{id}` takes it), or the
    message of the first wrong scan."""
    if flow.asks_for("product"):
        read = await read_scan(session, tenant_id=user.tenant_id, scan=text(form, "product"))
        if read.product_id != todo.product_id:
            return t("handheld.wrong_product", product=todo.product_code), None
    scanned = text(form, "location")
    location_id = await location_id_scanned(
        session, tenant_id=user.tenant_id, warehouse_id=todo.warehouse_id, scan=scanned
    )
    if location_id is None:
        return t("handheld.no_location", code=scanned), None
    quantity = None
    if flow.asks_for("quantity"):
        quantity = quantity_of(form)
        if quantity is None:
            return t("handheld.bad_quantity"), None
    notes = None
    if todo.offered_location_id is not None and location_id != todo.offered_location_id:
        reason = await chosen_reason(
            session, user, reason_type=OVERRIDE_REASON_TYPE, chosen=text(form, "reason")
        )
        if reason is None:
            return t("handheld.not_offered", location=todo.offered_location_code), None
        notes = t(
            "handheld.override_note",
            location=scanned,
            offered=todo.offered_location_code,
            reason=f"{reason.code} {reason.name}",
        )
    return None, completion(location_id=location_id, quantity=quantity, notes=notes)
