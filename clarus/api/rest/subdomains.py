"""`PATCH /api/subdomains/{id}`: a tenant changes its own company details and defaults."""

from typing import Annotated

from fastapi import Depends, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    ensure_matching_id,
    openapi_operation,
    resource_body,
    resource_document_model,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import ResponseShape, resource_response
from clarus.api.rest.routers import write_router
from clarus.auth.scopes import Scope
from clarus.tenancy import service
from clarus.tenancy.records import SubdomainRecord
from clarus.tenancy.schemas import SubdomainUpdateAttributes

RESOURCE_TYPE = "subdomains"
SHAPE = ResponseShape(id_as_string=True)
update_body = resource_body("UpdateSubdomainBody", RESOURCE_TYPE, SubdomainUpdateAttributes)
document = resource_document_model("SubdomainDocument", RESOURCE_TYPE, SubdomainRecord, SHAPE)

router = write_router("Subdomains", Scope.ADMIN)


@router.patch(
    "/subdomains/{id}",
    operation_id="updateSubdomain",
    summary="Update your subdomain (tenant)",
    description="Only the caller's own subdomain can be changed; any other id is 404.",
    openapi_extra=openapi_operation(update_body, document),
)
async def update_subdomain(
    record_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[SubdomainUpdateAttributes], Depends(body_of(update_body))],
) -> Response:
    ensure_matching_id(body, record_id)
    with input_at(ATTRIBUTES):
        record = await service.update_subdomain(
            session=session,
            tenant_id=principal.tenant_id,
            subdomain_id=record_id,
            attributes=body.data.attributes,
        )
    return resource_response(RESOURCE_TYPE, record, SHAPE)
