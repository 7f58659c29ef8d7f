from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.responses import no_content
from clarus.api.rest.routers import write_router
from clarus.catalog import products
from clarus.catalog.records import ProductRecord
from clarus.catalog.schemas import ProductAttributes, ProductUpdateAttributes
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.fields import INT64_MAX

MAX_IDS_PER_REQUEST = 1000

router = write_router("Products")
add_crud_routes(
    router,
    RestResource(
        kind=products.PRODUCTS,
        resource_type="products",
        schema_name="Product",
        create_attributes=ProductAttributes,
        update_attributes=ProductUpdateAttributes,
        record=ProductRecord,
        create_operation="createProduct",
        update_operation="updateProduct",
        delete_operation="destroyProduct",
        label="product",
        create=products.create_product,
        delete=products.delete_product,
    ),
)


def parse_ids(ids: str | None) -> list[int]:
    """`1,2,3` as ids; blanks between commas are skipped, anything else not an id is refused."""
    tokens = [token.strip() for token in (ids or "").split(",") if token.strip()]
    invalid = [token for token in tokens if not _is_record_id(token)]
    if invalid:
        raise ClarusError.of(
            ErrorKind.INVALID_IDS_PROVIDED,
            f"Not ids: {', '.join(invalid)}.",
            parameter="ids",
            invalid=invalid,
        )
    if len(tokens) > MAX_IDS_PER_REQUEST:
        raise ClarusError.of(
            ErrorKind.OUT_OF_RANGE,
            f"At most {MAX_IDS_PER_REQUEST} ids per request.",
            parameter="ids",
            max_ids=MAX_IDS_PER_REQUEST,
        )
    return [int(token) for token in tokens]


def _is_record_id(token: str) -> bool:
    return token.isascii() and token.isdigit() and 1 <= int(token) <= INT64_MAX


@router.delete(
    "/products",
    status_code=204,
    operation_id="destroyProductCollection",
    summary="Delete several products",
)
async def destroy_product_collection(
    principal: PrincipalDep,
    session: SessionDep,
    ids: Annotated[
        str | None, Query(description="Comma-separated product ids", examples=["1,2,3"])
    ] = None,
) -> Response:
    """All or nothing: an unknown id (37 `invalid_ids_provided`), no ids (36
    `empty_ids_provided`) or a product still in use (`record_in_use`) deletes none."""
    await products.delete_products(
        session, tenant_id=principal.tenant_id, product_ids=parse_ids(ids)
    )
    return no_content()
