"""Pickface products: create only (the contract documents no update, delete or list).

No `from __future__ import annotations`: FastAPI reads the endpoint's annotations.
"""

from typing import Annotated

from fastapi import Depends, Response

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
from clarus.catalog.pickface_products import create_pickface_product
from clarus.catalog.records import PickfaceProductRecord
from clarus.catalog.schemas import PickfaceProductAttributes

RESOURCE_TYPE = "pickface_products"
SHAPE = ResponseShape(
    links={"product": ("product_id", "products"), "location": ("location_id", "locations")}
)

router = write_router("Products")
CreatePickfaceProductBody = resource_body(
    "CreatePickfaceProductBody", RESOURCE_TYPE, PickfaceProductAttributes
)
PickfaceProductDocument = resource_document_model(
    "PickfaceProductDocument", RESOURCE_TYPE, PickfaceProductRecord, SHAPE
)


@router.post(
    f"/{RESOURCE_TYPE}",
    operation_id="createPickfaceProduct",
    summary="Assign a product to a pickface location",
    openapi_extra=openapi_operation(CreatePickfaceProductBody, PickfaceProductDocument),
)
async def create(
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[
        ResourceBody[PickfaceProductAttributes], Depends(body_of(CreatePickfaceProductBody))
    ],
) -> Response:
    """Answers the record's attributes, its `product` and `location` as `relationships`."""
    with input_at(ATTRIBUTES):
        record = await create_pickface_product(
            session, tenant_id=principal.tenant_id, attributes=body.data.attributes
        )
    return resource_response(RESOURCE_TYPE, record, SHAPE)
