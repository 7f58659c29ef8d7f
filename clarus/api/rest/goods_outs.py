from __future__ import annotations

from fastapi import Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import openapi_operation, resource_document_model
from clarus.api.rest.responses import resource_response
from clarus.api.rest.routers import write_router
from clarus.masterdata.schemas import AddressRelationships
from clarus.outbound import service
from clarus.outbound.records import GoodsOutRecord
from clarus.outbound.schemas import GoodsOutAttributes, GoodsOutUpdateAttributes

RESOURCE_TYPE = "goods_outs"
router = write_router("Goods Out: Orders")
add_crud_routes(
    router,
    RestResource(
        kind=service.GOODS_OUTS,
        writes=service.GOODS_OUT_WRITES,
        resource_type=RESOURCE_TYPE,
        schema_name="GoodsOut",
        create_attributes=GoodsOutAttributes,
        update_attributes=GoodsOutUpdateAttributes,
        relationships=AddressRelationships,
        record=GoodsOutRecord,
        create_operation="createGoodsOut",
        update_operation="updateGoodsOut",
        delete_operation="destroyGoodsOut",
        label="goods out",
    ),
)
CANCELLED_DOCUMENT = resource_document_model(
    "CancelledGoodsOutDocument", RESOURCE_TYPE, GoodsOutRecord
)


@router.post(
    "/goods_outs/{id}/cancel",
    operation_id="cancelGoodsOut",
    summary="Cancel a goods out",
    openapi_extra=openapi_operation(response=CANCELLED_DOCUMENT),
)
async def cancel_goods_out(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """No body. A DRAFT or PENDING order is deleted; an allocated or picking one is cancelled
    with its stock released; a dispatched one is refused (422). The answer shows the order as
    cancelled (`goods_out_status_id` 8)."""
    record = await service.cancel_goods_out(
        session, tenant_id=principal.tenant_id, record_id=record_id
    )
    return resource_response(RESOURCE_TYPE, record)
