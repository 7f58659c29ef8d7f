from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    documented_models,
    openapi_operation,
    resource_body,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import ResponseShape, no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.catalog import service
from clarus.catalog.records import AccountProductRecord
from clarus.catalog.schemas import AccountProductAttributes
from clarus.core.fields import INT64_MAX

RESOURCE_TYPE = "account_products"
FLAT = ResponseShape(flat=True)
ProductIdPath = Annotated[
    int, Path(alias="product_id", ge=1, le=INT64_MAX, description="The product's id")
]

router = write_router("Products: Accounts")
CreateAccountProductBody = resource_body(
    "CreateAccountProductBody", RESOURCE_TYPE, AccountProductAttributes
)
documented_models[AccountProductRecord.__name__] = AccountProductRecord


@router.post(
    "/products/{product_id}/account_products",
    operation_id="createAccountProduct",
    summary="Assign a product to an account",
    openapi_extra=openapi_operation(CreateAccountProductBody, AccountProductRecord),
)
async def create_account_product(
    product_id: ProductIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[
        ResourceBody[AccountProductAttributes], Depends(body_of(CreateAccountProductBody))
    ],
) -> Response:
    """Answers the flat object `{"id", "account_id", "product_id", ...}`."""
    with input_at(ATTRIBUTES):
        record = await service.create_account_product(
            session,
            tenant_id=principal.tenant_id,
            product_id=product_id,
            attributes=body.data.attributes,
        )
    return resource_response(RESOURCE_TYPE, record, FLAT)


@router.delete(
    "/products/{product_id}/account_products/{id}",
    status_code=204,
    operation_id="destroyAccountProduct",
    summary="Unassign a product from an account",
)
async def destroy_account_product(
    product_id: ProductIdPath, record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    await service.delete_account_product(
        session, tenant_id=principal.tenant_id, product_id=product_id, record_id=record_id
    )
    return no_content()
