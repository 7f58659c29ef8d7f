"""Tasks: `PATCH /api/tasks/{id}` (change or complete one), `POST
/api/tasks/complete_collection`, and who does them: allocate, unallocate, enter and exit, one
or many. The collection routes come before `/tasks/{id}`, whose path would take their names."""

from typing import Annotated

from fastapi import Depends, Request, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    documented_models,
    ensure_matching_id,
    openapi_operation,
    resource_body,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import ResponseShape, no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.core.validation import parse_json_body
from clarus.tasks import allocation
from clarus.tasks.completion import complete_collection, update_task
from clarus.tasks.schemas import (
    CompleteCollectionRequest,
    TaskAllocation,
    TaskIds,
    TasksAllocation,
    TaskUpdateAttributes,
)
from clarus.tasks.service import shown_task

RESOURCE_TYPE = "tasks"
TASK_SHAPE = ResponseShape(
    id_as_string=True,
    links={
        "account": ("account_id", "accounts"),
        "warehouse": ("warehouse_id", "warehouses"),
        "product": ("product_id", "products"),
        "location_from": ("location_from_id", "locations"),
        "location_to": ("location_to_id", "locations"),
        "goods_out": ("goods_out_id", "goods_outs"),
        "goods_out_line": ("goods_out_line_id", "goods_out_lines"),
        "inbound_good": ("goods_in_receipt_id", "inbound_goods"),
        "inbound_item": ("goods_in_receipt_line_id", "inbound_items"),
        "last_accessed_by_user": ("last_accessed_by_user_id", "users"),
        "stock": ("stock_id", "stocks"),
        "storage_unit_from": ("storage_unit_from_id", "storage_units"),
        "storage_unit_to": ("storage_unit_to_id", "storage_units"),
        "user_completed_by": ("user_completed_by_id", "users"),
        "user_created_by": ("user_created_by_id", "users"),
    },
)
"""`TaskResponse`: string ids, the linked records as `relationships` (a receipt is an
`inbound_good`, its line an `inbound_item`)."""
router = write_router("Tasks")
TaskUpdateBody = resource_body("TaskUpdateBody", RESOURCE_TYPE, TaskUpdateAttributes)
for model in (CompleteCollectionRequest, TaskAllocation, TaskIds, TasksAllocation):
    documented_models[model.__name__] = model


@router.patch(
    "/tasks/unallocate",
    operation_id="unallocateTasksCollection",
    summary="Unallocate tasks in bulk",
    status_code=204,
    openapi_extra=openapi_operation(TaskIds),
)
async def unallocate_many(
    request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Bare body `{"ids": [...]}`: back to AVAILABLE, nobody on them; all or nothing."""
    body = parse_json_body(TaskIds, await request.body())
    await allocation.unallocate(session, tenant_id=principal.tenant_id, task_ids=body.ids)
    return no_content()


@router.post(
    "/tasks/allocate",
    operation_id="allocateTasksCollection",
    summary="Allocate tasks in bulk",
    status_code=204,
    openapi_extra=openapi_operation(TasksAllocation),
)
async def allocate_many(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Bare body `{"ids": [...], "user_id"?}` (the caller's user when left out); all or
    nothing."""
    body = parse_json_body(TasksAllocation, await request.body())
    await allocation.allocate(
        session,
        tenant_id=principal.tenant_id,
        task_ids=body.ids,
        user_id=body.user_id or principal.user_id,
    )
    return no_content()


@router.post(
    "/tasks/{id}/allocate",
    operation_id="allocateTask",
    summary="Allocate a task to a user",
    status_code=204,
    openapi_extra=openapi_operation(TaskAllocation),
)
async def allocate_one(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Optional bare body `{"user_id"}` (the caller's user when left out)."""
    raw = await request.body()
    body = parse_json_body(TaskAllocation, raw) if raw.strip() else TaskAllocation()
    await allocation.allocate(
        session,
        tenant_id=principal.tenant_id,
        task_ids=[record_id],
        user_id=body.user_id or principal.user_id,
        ids_path=None,
    )
    return no_content()


@router.patch(
    "/tasks/{id}/unallocate",
    operation_id="unallocateTask",
    summary="Unallocate a task",
    status_code=204,
)
async def unallocate_one(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    await allocation.unallocate(
        session, tenant_id=principal.tenant_id, task_ids=[record_id], ids_path=None
    )
    return no_content()


@router.post(
    "/tasks/{id}/enter", operation_id="enterTask", summary="Enter a task (HHD)", status_code=204
)
async def enter(record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep) -> Response:
    """AVAILABLE: now the caller's; the caller's own: touched; another user's: 422."""
    await allocation.enter(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, task_id=record_id
    )
    return no_content()


@router.post(
    "/tasks/{id}/exit", operation_id="exitTask", summary="Exit a task (HHD)", status_code=204
)
async def exit_task(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """The caller's own ALLOCATED task: AVAILABLE again; others: touched (another user's: 422)."""
    await allocation.exit_task(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, task_id=record_id
    )
    return no_content()


@router.patch(
    "/tasks/{id}",
    operation_id="updateTask",
    summary="Update or complete a task",
    openapi_extra=openapi_operation(TaskUpdateBody),
)
async def update(
    record_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[TaskUpdateAttributes], Depends(body_of(TaskUpdateBody))],
) -> Response:
    """`status: completed` completes a RCV task (as `/api/receive_tasks/{id}/receive`) or a
    PWAY task (its stock moves to `location_to_id`); other types are refused for now."""
    ensure_matching_id(body, record_id)
    with input_at(ATTRIBUTES):
        task = await update_task(
            session,
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            task_id=record_id,
            attributes=body.data.attributes,
        )
    return resource_response(RESOURCE_TYPE, shown_task(task), TASK_SHAPE)


@router.post(
    "/tasks/complete_collection",
    operation_id="completeTasksCollection",
    summary="Complete filtered tasks",
    status_code=204,
    openapi_extra=openapi_operation(CompleteCollectionRequest),
)
async def complete_many(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Bare body `{"warehouse_id", "task_type_code", "filters", "attributes"?}`; up to 50 open
    tasks, all or nothing."""
    body = parse_json_body(CompleteCollectionRequest, await request.body())
    await complete_collection(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, request=body
    )
    return no_content()
