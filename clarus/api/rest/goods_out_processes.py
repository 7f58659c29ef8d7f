"""Warehouse work on orders: `POST /api/goods_out_processes/allocate` (ours) and
`/short_order_lines`."""

from fastapi import Request, Response

from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import JsonResponse, no_content, resource_document
from clarus.api.rest.routers import write_router
from clarus.core.validation import parse_json_body
from clarus.outbound import processes, processing
from clarus.outbound.schemas import ConsolidatePicksRequest, GoodsOutIds, ShortOrderLinesRequest

router = write_router("Goods Out: Processing")
documented_models[GoodsOutIds.__name__] = GoodsOutIds
documented_models[ShortOrderLinesRequest.__name__] = ShortOrderLinesRequest
documented_models[ConsolidatePicksRequest.__name__] = ConsolidatePicksRequest


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
    orders = await processes.allocate_goods_outs(
        session, tenant_id=principal.tenant_id, goods_out_ids=body.ids
    )
    return JsonResponse(
        {"data": [resource_document("goods_outs", order)["data"] for order in orders]}
    )


@router.post(
    "/goods_out_processes/short_order_lines",
    status_code=204,
    operation_id="shortOrderLines",
    summary="Ship part-allocated orders short",
    openapi_extra=openapi_operation(ShortOrderLinesRequest),
)
async def short_order_lines(
    request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Bare body `{"ids", "description", "reason_code_id"?}`: each PART_ALLOCATED order of a
    short-pickable account keeps what is allocated, its lines' rest is marked short, and it
    becomes ALLOCATED. All or nothing."""
    body = parse_json_body(ShortOrderLinesRequest, await request.body())
    await processes.short_order_lines(session, tenant_id=principal.tenant_id, request=body)
    return no_content()


@router.post(
    "/goods_out_processes/process_picks_async",
    operation_id="processPicksAsync",
    summary="Process orders into pick lists",
    openapi_extra=openapi_operation(GoodsOutIds),
)
async def process_picks(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Bare body `{"ids": [...]}`: each order (PENDING ones are allocated first; all must be
    allocated in full, else 39) gets its own pick list with a PICK task per allocated stock
    record, and goes to PICK. Done by the time it answers (ours: no queue);
    `pick_processing_requests` records each order's pass under its process reference."""
    body = parse_json_body(GoodsOutIds, await request.body())
    references = await processing.process_picks(
        session, tenant_id=principal.tenant_id, goods_out_ids=body.ids, consolidate=False
    )
    return JsonResponse({"process_references": references})


@router.post(
    "/goods_out_processes/process_and_consolidate_picks",
    operation_id="processAndConsolidatePicks",
    summary="Process orders into one pick list",
    openapi_extra=openapi_operation(ConsolidatePicksRequest),
)
async def process_and_consolidate_picks(
    request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """As `process_picks_async`, with one pick list for all the orders (crossdocks apart); the
    orders must share a pick type (318)."""
    body = parse_json_body(ConsolidatePicksRequest, await request.body())
    attributes = body.goods_out_pick_list_attributes
    options = processing.PickListOptions(
        reference=attributes.goods_out_pick_list_reference if attributes else None,
        expected_date_of_dispatch=attributes.expected_date_of_dispatch if attributes else None,
        goods_out_bay_id=attributes.goods_out_bay_id if attributes else None,
    )
    references = await processing.process_picks(
        session,
        tenant_id=principal.tenant_id,
        goods_out_ids=body.ids,
        consolidate=True,
        options=options,
    )
    return JsonResponse({"process_references": references})
