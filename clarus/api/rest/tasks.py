"""Tasks: `PATCH /api/tasks/{id}` (change or complete one) and `POST
/api/tasks/complete_collection`."""

from typing import Annotated

from fastapi import Depends, Request, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    Envelope,
    body_of,
    documented_models,
    ensure_matching_id,
    openapi_operation,
    resource_body,
)
from clarus.api.rest.responses import ResponseShape, no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.core.validation import parse_json_body
from clarus.tasks.completion import complete_collection, update_task
from clarus.tasks.schemas import CompleteCollectionRequest, TaskUpdateAttributes
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
documented_models[CompleteCollectionRequest.__name__] = CompleteCollectionRequest


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
    body: Annotated[Envelope, Depends(body_of(TaskUpdateBody))],
) -> Response:
    """`status: completed` completes a RCV task (as `/api/receive_tasks/{id}/receive`) or a
    PWAY task (its stock moves to `location_to_id`); other types are refused for now."""
    ensure_matching_id(body, record_id)
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
