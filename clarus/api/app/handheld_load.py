"""Loading on the handheld: the oldest open LOAD task (picking an order of dispatch strategy
`load` made one per storage unit); scan the storage unit (or, for loose stock, the place it
is in) and the load or its trailer. The unit goes on by `shipping.load_tasks.
load_storage_unit`, the service of `POST /api/load_tasks/{id}/load_storage_unit`, which moves it
to the warehouse's loading location and refuses a full trailer or a load the order does not
belong on; its refusal is the screen's message."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import Response

from clarus.api.app.handheld import (
    StepField,
    TaskIdPath,
    flow_of,
    menu_url,
    nothing_to_work,
    refusal,
    render_step,
    shown_quantity,
    t,
    text,
)
from clarus.api.app.permissions import LOAD, access
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.queries import storage_unit_id_scanned
from clarus.core.db import Database
from clarus.core.errors import ClarusError, ErrorKind
from clarus.masterdata.queries import location_id_scanned
from clarus.shipping.load_task_queries import LoadToDo, load_id_scanned, next_load
from clarus.shipping.load_tasks import load_storage_unit
from clarus.shipping.schemas import LoadTaskTarget
from clarus.tasks.rf_flows import HandheldFlow

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
LoaderDep = Annotated[SessionUser, Depends(access(LOAD))]


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
        todo = await next_load(
            session, tenant_id=user.tenant_id, user_id=user.user_id, task_id=task_id
        )
    if todo is None:
        message = notice or t("handheld.nothing_to_load")
        return nothing_to_work(request, user, LOAD, task_id=task_id, message=message)
    return render_step(
        request,
        user,
        LOAD,
        action=f"/{todo.task_id}",
        fields=_fields(flow, todo),
        submit=t("handheld.next"),
        facts=_facts(todo),
        error=error,
        notice=notice,
        done_url=menu_url(user),
        status_code=status_code,
    )


def _facts(todo: LoadToDo) -> list[tuple[str, str]]:
    facts = [
        (t("handheld.order"), todo.order_reference or ""),
        (t("handheld.storage_unit"), todo.storage_unit_code or t("handheld.loose_stock")),
        (t("handheld.quantity"), shown_quantity(todo.quantity)),
        (t("handheld.from"), todo.location_code),
        (t("handheld.load"), _load_name(todo) or t("handheld.no_load_yet")),
    ]
    if todo.trailer_code is not None:
        facts.append((t("handheld.trailer"), todo.trailer_code))
    return facts


def _load_name(todo: LoadToDo) -> str | None:
    if todo.load_id is None:
        return None
    return todo.load_reference or str(todo.load_id)


def _asks_for_load(flow: HandheldFlow, todo: LoadToDo) -> bool:
    """A load is scanned when the task has none yet, or when the flow asks to confirm it."""
    return todo.load_id is None or flow.asks_for("destination")


def _fields(flow: HandheldFlow, todo: LoadToDo) -> list[StepField]:
    unit_label = "handheld.scan_location" if todo.storage_unit_id is None else "handheld.scan_unit"
    fields = [StepField("unit", t(unit_label))]
    if _asks_for_load(flow, todo):
        fields.append(StepField("load", t("handheld.scan_load")))
    return fields


@router.get(LOAD.path)
async def load_next(request: Request, user: LoaderDep) -> Response:
    return await _screen(request, user, await flow_of(request, user, "loading"))


@router.post(LOAD.path + "/{task_id}")
async def load_scanned(
    request: Request, user: LoaderDep, task_id: TaskIdPath, form: CheckedFormDep
) -> Response:
    """The scans checked against the task, then its unit loaded; the next task follows."""
    flow = await flow_of(request, user, "loading")
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            todo = await next_load(
                session, tenant_id=user.tenant_id, user_id=user.user_id, task_id=task_id
            )
            if todo is None:
                raise PageProblem(404, "problem.not_found")
            problem, target = await _checked(session, user, flow, todo, form)
            if target is None:
                return await _screen(
                    request, user, flow, task_id=task_id, error=problem, status_code=422
                )
            await load_storage_unit(
                session,
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                task_id=task_id,
                target=target,
            )
    except ClarusError as error:
        return await _screen(
            request, user, flow, task_id=task_id, error=_refused(error), status_code=422
        )
    load = text(form, "load") or _load_name(todo)
    if todo.storage_unit_id is None:
        notice = t("handheld.loaded_loose", location=todo.location_code, load=load)
    else:
        notice = t("handheld.loaded", unit=todo.storage_unit_code, load=load)
    return await _screen(request, user, flow, notice=notice)


async def _checked(
    session: AsyncSession, user: SessionUser, flow: HandheldFlow, todo: LoadToDo, form: FormData
) -> tuple[str, None] | tuple[None, LoadTaskTarget]:
    """The load the unit goes on (as `load_storage_unit` takes it), or the message of the
    first wrong scan."""
    scanned_unit = text(form, "unit")
    if todo.storage_unit_id is None:
        place = await location_id_scanned(
            session, tenant_id=user.tenant_id, warehouse_id=todo.warehouse_id, scan=scanned_unit
        )
        if place != todo.location_id:
            return t("handheld.wrong_loose_place", location=todo.location_code), None
    else:
        unit = await storage_unit_id_scanned(session, tenant_id=user.tenant_id, scan=scanned_unit)
        if unit != todo.storage_unit_id:
            return t("handheld.wrong_unit", unit=todo.storage_unit_code), None
    if not _asks_for_load(flow, todo):
        return None, LoadTaskTarget()
    scanned_load = text(form, "load")
    load_id = await load_id_scanned(
        session, tenant_id=user.tenant_id, warehouse_id=todo.warehouse_id, scan=scanned_load
    )
    if load_id is None:
        return t("handheld.no_load", code=scanned_load), None
    if todo.load_id is not None and load_id != todo.load_id:
        return t("handheld.wrong_load", load=_load_name(todo)), None
    return None, LoadTaskTarget(load_id=load_id)


def _refused(error: ClarusError) -> str:
    """A full trailer in the operator's words; any other refusal as the service says it."""
    problem = error.problems[0]
    if problem.kind == ErrorKind.TRAILER_FULL:
        return t("handheld.trailer_full", capacity=problem.context["storage_unit_capacity"])
    return refusal(error)
