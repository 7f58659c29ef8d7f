from __future__ import annotations

from fastapi import Response

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.ids import IdsQuery, parse_ids
from clarus.api.rest.responses import no_content
from clarus.api.rest.routers import write_router
from clarus.catalog.products import PRODUCT_WRITES, PRODUCTS, delete_products
from clarus.catalog.records import ProductRecord
from clarus.catalog.schemas import ProductAttributes, ProductUpdateAttributes

router = write_router("Products")
add_crud_routes(
    router,
    RestResource(
        kind=PRODUCTS,
        writes=PRODUCT_WRITES,
        resource_type="products",
        schema_name="Product",
        create_attributes=ProductAttributes,
        update_attributes=ProductUpdateAttributes,
        record=ProductRecord,
        create_operation="createProduct",
        update_operation="updateProduct",
        delete_operation="destroyProduct",
        label="product",
    ),
)


@router.delete(
    "/products",
    status_code=204,
    operation_id="destroyProductCollection",
    summary="Delete several products",
)
async def destroy_product_collection(
    principal: PrincipalDep, session: SessionDep, ids: IdsQuery = None
) -> Response:
    """All or nothing: an unknown id (37 `invalid_ids_provided`), no ids (36
    `empty_ids_provided`) or a product still in use (`record_in_use`) deletes none."""
    await delete_products(session, tenant_id=principal.tenant_id, record_ids=parse_ids(ids))
    return no_content()
