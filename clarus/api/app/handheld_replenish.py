"""Replenishing on the handheld: the oldest open REPLEN task (`stockcontrol.replenishment` made
it when a pick face ran low); scan the reserve location it takes from, the product, the
quantity and the pick face it fills, as the task flow asks. Each confirms the task through
`tasks.completion.update_task`, the service of `PATCH /api/tasks/{id}` (which completes a REPLEN
task by `stockcontrol.replenishment_tasks.complete_replenishment`: the stock moves to the face,
less than the task brings when the quantity typed says so)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import Response

from clarus.api.app.handheld import (
    StepField,
    TaskIdPath,
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
from clarus.api.app.permissions import REPLENISH, access
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.scans import read_scan
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.records import required
from clarus.masterdata.queries import location_id_scanned
from clarus.stockcontrol.replenishment_queries import ReplenishmentToDo, next_replenishment
from clarus.tasks.completion import update_task
from clarus.tasks.rf_flows import HandheldFlow
from clarus.tasks.schemas import TaskUpdateAttributes

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
ReplenisherDep = Annotated[SessionUser, Depends(access(REPLENISH))]


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
        todo = await next_replenishment(
            session, tenant_id=user.tenant_id, user_id=user.user_id, task_id=task_id
        )
    if todo is None:
        message = notice or t("handheld.nothing_to_replenish")
        return nothing_to_work(request, user, REPLENISH, task_id=task_id, message=message)
    return render_step(
        request,
        user,
        REPLENISH,
        action=f"/{todo.task_id}",
        fields=_fields(flow, todo),
        submit=t("handheld.next"),
        facts=[
            (t("handheld.product"), todo.product_code),
            (t("handheld.quantity"), shown_quantity(todo.quantity)),
            (t("handheld.take_from"), todo.reserve_location_code),
            (t("handheld.fill_pick_face"), todo.pick_face_code),
        ],
        error=error,
        notice=notice,
        done_url=menu_url(user),
        status_code=status_code,
    )


def _fields(flow: HandheldFlow, todo: ReplenishmentToDo) -> list[StepField]:
    fields = []
    if flow.asks_for("location"):
        fields.append(StepField("location", t("handheld.scan_location")))
    if flow.asks_for("product"):
        fields.append(StepField("product", t("handheld.scan_product")))
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
    if flow.asks_for("destination"):
        fields.append(StepField("pick_face", t("handheld.scan_pick_face")))
    return fields


@router.get(REPLENISH.path)
async def replenish_next(request: Request, user: ReplenisherDep) -> Response:
    return await _screen(request, user, await flow_of(request, user, "task"))


@router.post(REPLENISH.path + "/{task_id}")
async def replenish_scanned(
    request: Request, user: ReplenisherDep, task_id: TaskIdPath, form: CheckedFormDep
) -> Response:
    """The scans checked against the task, then the task confirmed; the next task follows."""
    flow = await flow_of(request, user, "task")
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            todo = await next_replenishment(
                session, tenant_id=user.tenant_id, user_id=user.user_id, task_id=task_id
            )
            if todo is None:
                raise PageProblem(404, "problem.not_found")
            problem, confirmed = await _checked(session, user, flow, todo, form)
            if confirmed is None:
                return await _screen(
                    request, user, flow, task_id=task_id, error=problem, status_code=422
                )
            task = await update_task(
                session,
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                task_id=task_id,
                attributes=confirmed,
            )
    except ClarusError as error:
        return await _screen(
            request, user, flow, task_id=task_id, error=refusal(error), status_code=422
        )
    notice = t(
        "handheld.replenished",
        quantity=shown_quantity(required(task["confirmed_quantity"], "confirmed_quantity")),
        product=todo.product_code,
        source=todo.reserve_location_code,
        to=todo.pick_face_code,
    )
    return await _screen(request, user, flow, notice=notice)


async def _checked(
    session: AsyncSession,
    user: SessionUser,
    flow: HandheldFlow,
    todo: ReplenishmentToDo,
    form: FormData,
) -> tuple[str, None] | tuple[None, TaskUpdateAttributes]:
    """The task's completion the scans ask for (as `PATCH /api/tasks/{id}` takes it), or the
    message of the first wrong scan."""
    if flow.asks_for("location") and not await _is_scanned(
        session, user, todo, text(form, "location"), todo.reserve_location_id
    ):
        return t("handheld.wrong_location", location=todo.reserve_location_code), None
    if flow.asks_for("product"):
        read = await read_scan(session, tenant_id=user.tenant_id, scan=text(form, "product"))
        if read.product_id != todo.product_id:
            return t("handheld.wrong_product", product=todo.product_code), None
    quantity = None
    if flow.asks_for("quantity"):
        quantity = quantity_of(form)
        if quantity is None:
            return t("handheld.bad_quantity"), None
    if flow.asks_for("destination") and not await _is_scanned(
        session, user, todo, text(form, "pick_face"), todo.pick_face_id
    ):
        return t("handheld.wrong_pick_face", location=todo.pick_face_code), None
    return None, completion(location_id=todo.pick_face_id, quantity=quantity, notes=None)


async def _is_scanned(
    session: AsyncSession, user: SessionUser, todo: ReplenishmentToDo, scan: str, location_id: int
) -> bool:
    """Whether `scan` is the code or barcode of the task's location `location_id`."""
    scanned = await location_id_scanned(
        session, tenant_id=user.tenant_id, warehouse_id=todo.warehouse_id, scan=scan
    )
    return scanned == location_id
