"""Warehouse work on orders: `POST /api/goods_out_processes/allocate` (ours)."""

from fastapi import Request, Response

from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import JsonResponse, resource_document
from clarus.api.rest.routers import write_router
from clarus.core.validation import parse_json_body
from clarus.outbound.processes import allocate_goods_outs
from clarus.outbound.schemas import GoodsOutIds

router = write_router("Goods Out: Processing")
documented_models[GoodsOutIds.__name__] = GoodsOutIds


@router.post(
    "/goods_out_processes/allocate",
    operation_id="allocateGoodsOuts",
    summary="Allocate stock to orders (ours)",
    openapi_extra=openapi_operation(GoodsOutIds),
)
async def allocate(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Bare body `{"ids": [...]}`: reserve available stock for each PENDING or PART_ALLOCATED
    order, by its account's pick rule. Answers `{"data": [order, ...]}`, each ALLOCATED,
    PART_ALLOCATED or still PENDING."""
    body = parse_json_body(GoodsOutIds, await request.body())
    orders = await allocate_goods_outs(
        session, tenant_id=principal.tenant_id, goods_out_ids=body.ids
    )
    return JsonResponse(
        {"data": [resource_document("goods_outs", order)["data"] for order in orders]}
    )
