"""Load tasks: `POST /api/load_tasks/{id}/assign_storage_unit`, `/load_storage_unit` and
`/unload_storage_unit`. Bare JSON bodies (not JSON:API), as the contract documents them; each
answers 204. The task is looked up before the body is read, so another tenant's task id is
answered as a missing one whatever the body.

No `from __future__ import annotations`: FastAPI reads the endpoint's annotations.
"""

from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import no_content
from clarus.api.rest.routers import write_router
from clarus.core.validation import parse_json_body
from clarus.shipping.load_tasks import (
    assign_storage_unit,
    load_storage_unit,
    load_task_of,
    unload_storage_unit,
)
from clarus.shipping.schemas import LoadTaskTarget

router = write_router("Loads")
documented_models[LoadTaskTarget.__name__] = LoadTaskTarget
OPTIONAL_TARGET = openapi_operation(LoadTaskTarget)
OPTIONAL_TARGET["requestBody"] = {
    "required": False,
    "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{LoadTaskTarget.__name__}"}}
    },
}


@router.post(
    "/load_tasks/{id}/assign_storage_unit",
    status_code=204,
    operation_id="assignLoadTaskStorageUnit",
    summary="Assign a storage unit to a load",
    openapi_extra=openapi_operation(LoadTaskTarget),
)
async def assign(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """`{"load_id"?, "load_drop_id"?}`, at least one: the open LOAD task's storage unit is meant
    for that load (and drop); nothing is loaded yet."""
    await load_task_of(session, tenant_id=principal.tenant_id, task_id=record_id)
    body = parse_json_body(LoadTaskTarget, await request.body())
    await assign_storage_unit(
        session,
        tenant_id=principal.tenant_id,
        user_id=principal.user_id,
        task_id=record_id,
        target=body,
    )
    return no_content()


@router.post(
    "/load_tasks/{id}/load_storage_unit",
    status_code=204,
    operation_id="loadStorageUnit",
    summary="Load a storage unit onto a load",
    openapi_extra=OPTIONAL_TARGET,
)
async def load(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """`{"load_id"?, "load_drop_id"?}` or no body (the task's assigned load and drop, else the
    load's drop for the task's order): the unit is loaded, the task COMPLETED, the load's and
    drop's counts go up and its stock moves to the loading location (`LOAD` in the ledger).
    Refused past the trailer type's capacity (`trailer_full`)."""
    await load_task_of(session, tenant_id=principal.tenant_id, task_id=record_id)
    raw = await request.body()
    body = parse_json_body(LoadTaskTarget, raw) if raw.strip() else LoadTaskTarget()
    await load_storage_unit(
        session,
        tenant_id=principal.tenant_id,
        user_id=principal.user_id,
        task_id=record_id,
        target=body,
    )
    return no_content()


@router.post(
    "/load_tasks/{id}/unload_storage_unit",
    status_code=204,
    operation_id="unloadStorageUnit",
    summary="Unload a storage unit from a load",
)
async def unload(record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep) -> Response:
    """No body: the loaded unit comes back off its load (not yet dispatched) to where it was
    picked to; the task is AVAILABLE again and the counts go down."""
    await unload_storage_unit(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, task_id=record_id
    )
    return no_content()
