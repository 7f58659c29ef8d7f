from __future__ import annotations

from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import ResponseShape, no_content
from clarus.api.rest.routers import write_router
from clarus.catalog import product_storage_units as service
from clarus.catalog.records import ProductStorageUnitRecord
from clarus.catalog.schemas import (
    ProductStorageUnitAttributes,
    ProductStorageUnitPriority,
    ProductStorageUnitUpdateAttributes,
)
from clarus.core.validation import parse_json_body

router = write_router("Products: Storage Units")
add_crud_routes(
    router,
    RestResource(
        kind=service.PRODUCT_STORAGE_UNITS,
        writes=service.PRODUCT_STORAGE_UNIT_WRITES,
        resource_type="product_storage_units",
        schema_name="ProductStorageUnit",
        create_attributes=ProductStorageUnitAttributes,
        update_attributes=ProductStorageUnitUpdateAttributes,
        record=ProductStorageUnitRecord,
        create_operation="createProductStorageUnit",
        update_operation="updateProductStorageUnit",
        delete_operation="destroyProductStorageUnit",
        label="product storage unit",
        shape=ResponseShape(id_as_string=True),
    ),
)
documented_models[ProductStorageUnitPriority.__name__] = ProductStorageUnitPriority


@router.patch(
    "/product_storage_units/{id}/priority",
    status_code=204,
    operation_id="priorityProductStorageUnit",
    summary="Reprioritise a product storage unit",
    openapi_extra=openapi_operation(ProductStorageUnitPriority),
)
async def prioritise_product_storage_unit(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Move it to `priority` among its product's storage units (past the end: last); the others
    between its old and new place shift by one. The body is bare: `{"priority": 2}`."""
    body = parse_json_body(ProductStorageUnitPriority, await request.body())
    await service.reprioritise_product_storage_unit(
        session, tenant_id=principal.tenant_id, record_id=record_id, priority=body.priority
    )
    return no_content()
