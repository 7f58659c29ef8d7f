"""Dispatching on the handheld: the open DISP tasks an order picked under the `manual` dispatch
strategy leaves (one per picked stock record), one a screen; scan the location the picked stock
waits in to confirm it leaves. Each completes its task through `tasks.completion.update_task`,
the service of `PATCH /api/tasks/{id}` (which dispatches the task's share of the order by
`outbound.dispatch.complete_dispatch_task`; the last one completes the order). DISP tasks of an
order going on a load wait for the load's dispatch and are not offered."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from clarus.api.app.handheld import (
    StepField,
    TaskIdPath,
    completion,
    menu_url,
    nothing_to_work,
    refusal,
    render_step,
    shown_quantity,
    t,
    text,
)
from clarus.api.app.permissions import DISPATCH, access
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.masterdata.queries import location_id_scanned
from clarus.outbound.queries import next_dispatch
from clarus.tasks.completion import update_task

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
DispatcherDep = Annotated[SessionUser, Depends(access(DISPATCH))]


async def _screen(
    request: Request,
    user: SessionUser,
    *,
    task_id: int | None = None,
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        todo = await next_dispatch(session, tenant_id=user.tenant_id, task_id=task_id)
    if todo is None:
        message = notice or t("handheld.nothing_to_dispatch")
        return nothing_to_work(request, user, DISPATCH, task_id=task_id, message=message)
    return render_step(
        request,
        user,
        DISPATCH,
        action=f"/{todo.task_id}",
        fields=[StepField("location", t("handheld.scan_location"))],
        submit=t("handheld.next"),
        facts=[
            (t("handheld.order"), todo.order_reference or ""),
            (t("handheld.dispatch_from"), todo.location_code or ""),
            (t("handheld.product"), todo.product_code),
            (t("handheld.quantity"), shown_quantity(todo.quantity)),
        ],
        error=error,
        notice=notice,
        done_url=menu_url(user),
        status_code=status_code,
    )


@router.get(DISPATCH.path)
async def dispatch_next(request: Request, user: DispatcherDep) -> Response:
    return await _screen(request, user)


@router.post(DISPATCH.path + "/{task_id}")
async def dispatch_scanned(
    request: Request, user: DispatcherDep, task_id: TaskIdPath, form: CheckedFormDep
) -> Response:
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            todo = await next_dispatch(session, tenant_id=user.tenant_id, task_id=task_id)
            if todo is None:
                raise PageProblem(404, "problem.not_found")
            scanned = await location_id_scanned(
                session,
                tenant_id=user.tenant_id,
                warehouse_id=todo.warehouse_id,
                scan=text(form, "location"),
            )
            if scanned is None or scanned != todo.location_id:
                wrong = t("handheld.wrong_location", location=todo.location_code)
                return await _screen(request, user, task_id=task_id, error=wrong, status_code=422)
            await update_task(
                session,
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                task_id=task_id,
                attributes=completion(location_id=None, quantity=None, notes=None),
            )
    except ClarusError as error:
        return await _screen(request, user, task_id=task_id, error=refusal(error), status_code=422)
    notice = t(
        "handheld.dispatched",
        quantity=shown_quantity(todo.quantity),
        product=todo.product_code,
        order=todo.order_reference or "",
    )
    return await _screen(request, user, notice=notice)
