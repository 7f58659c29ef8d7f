from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Response

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
from clarus.api.rest.responses import ResponseShape, no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.catalog import materials
from clarus.catalog.records import ProductMaterialRecord
from clarus.catalog.schemas import ProductMaterialAttributes, ProductMaterialUpdateAttributes
from clarus.core.fields import INT64_MAX

RESOURCE_TYPE = "product_materials"
SHAPE = ResponseShape(id_as_string=True)
"""The documented answer carries the id as a string (`"id": "1"`)."""
ProductIdPath = Annotated[
    int, Path(alias="product_id", ge=1, le=INT64_MAX, description="The parent product's id")
]

router = write_router("Products: Materials")
CreateBody = resource_body("CreateProductMaterialBody", RESOURCE_TYPE, ProductMaterialAttributes)
UpdateBody = resource_body(
    "UpdateProductMaterialBody", RESOURCE_TYPE, ProductMaterialUpdateAttributes
)
Document = resource_document_model(
    "ProductMaterialDocument", RESOURCE_TYPE, ProductMaterialRecord, SHAPE
)


@router.post(
    "/products/{product_id}/materials",
    operation_id="createProductMaterial",
    summary="Create a product material",
    openapi_extra=openapi_operation(CreateBody, Document),
)
async def create_product_material(
    product_id: ProductIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[ProductMaterialAttributes], Depends(body_of(CreateBody))],
) -> Response:
    """A component line of the product, which must be a bill of materials (422
    `not_bill_of_materials`); 404 when the product does not exist."""
    with input_at(ATTRIBUTES):
        record = await materials.create_product_material(
            session,
            tenant_id=principal.tenant_id,
            product_id=product_id,
            attributes=body.data.attributes,
        )
    return resource_response(RESOURCE_TYPE, record, SHAPE)


@router.patch(
    "/products/{product_id}/materials/{id}",
    operation_id="updateProductMaterial",
    summary="Update a product material",
    openapi_extra=openapi_operation(UpdateBody, Document),
)
async def update_product_material(
    product_id: ProductIdPath,
    record_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[ProductMaterialUpdateAttributes], Depends(body_of(UpdateBody))],
) -> Response:
    ensure_matching_id(body, record_id)
    with input_at(ATTRIBUTES):
        record = await materials.update_product_material(
            session,
            tenant_id=principal.tenant_id,
            product_id=product_id,
            record_id=record_id,
            attributes=body.data.attributes,
        )
    return resource_response(RESOURCE_TYPE, record, SHAPE)


@router.delete(
    "/products/{product_id}/materials/{id}",
    status_code=204,
    operation_id="destroyProductMaterial",
    summary="Delete a product material",
)
async def destroy_product_material(
    product_id: ProductIdPath, record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    await materials.delete_product_material(
        session, tenant_id=principal.tenant_id, product_id=product_id, record_id=record_id
    )
    return no_content()
