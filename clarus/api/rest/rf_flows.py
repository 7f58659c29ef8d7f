"""HHD flows (`/api/rf/flows`): create, update (204), delete, and duplicate under a new code.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations.
"""

from typing import Annotated

from fastapi import Depends, Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    openapi_operation,
    resource_body,
    resource_document_model,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import ResponseShape, resource_response
from clarus.api.rest.routers import write_router
from clarus.tasks.records import RfFlowRecord
from clarus.tasks.rf_flows import RF_FLOW_WRITES, RF_FLOWS, duplicate_rf_flow
from clarus.tasks.schemas import (
    RfFlowAttributes,
    RfFlowDuplicateAttributes,
    RfFlowUpdateAttributes,
)

RESOURCE_TYPE = "rf_flows"
SHAPE = ResponseShape(update_returns_no_content=True)

router = write_router("HHD Flows")
add_crud_routes(
    router,
    RestResource(
        kind=RF_FLOWS,
        writes=RF_FLOW_WRITES,
        resource_type=RESOURCE_TYPE,
        path="rf/flows",
        schema_name="RfFlow",
        create_attributes=RfFlowAttributes,
        update_attributes=RfFlowUpdateAttributes,
        record=RfFlowRecord,
        create_operation="createHhdFlow",
        update_operation="updateHhdFlow",
        delete_operation="destroyHhdFlow",
        label="HHD flow",
        shape=SHAPE,
    ),
)

DuplicateBody = resource_body("DuplicateRfFlowBody", RESOURCE_TYPE, RfFlowDuplicateAttributes)


@router.post(
    "/rf/flows/{id}/duplicate",
    operation_id="duplicateHhdFlow",
    summary="Duplicate an HHD flow",
    openapi_extra=openapi_operation(
        DuplicateBody,
        resource_document_model("DuplicatedRfFlowDocument", RESOURCE_TYPE, RfFlowRecord),
    ),
)
async def duplicate(
    flow_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[RfFlowDuplicateAttributes], Depends(body_of(DuplicateBody))],
) -> Response:
    with input_at(ATTRIBUTES):
        flow = await duplicate_rf_flow(
            session, tenant_id=principal.tenant_id, flow_id=flow_id, attributes=body.data.attributes
        )
    return resource_response(RESOURCE_TYPE, flow, SHAPE)
