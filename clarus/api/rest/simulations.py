"""The sandbox simulator (ours): warehouse work done in one request on a tenant not yet live."""

from fastapi import Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.responses import resource_response
from clarus.api.rest.routers import write_router
from clarus.simulation import service

router = write_router("Simulations (ours)")


@router.post(
    "/simulations/goods_in_receipts/{id}/receive",
    operation_id="simulateGoodsInReceiptReceipt",
    summary="Receive and put away a whole receipt (sandbox)",
)
async def receive_receipt(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Everything expected is received straight into storage and the receipt is `completed`,
    with every event real receiving emits. 403 `sandbox_only` on a live tenant."""
    receipt = await service.receive_everything(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, receipt_id=record_id
    )
    return resource_response("goods_in_receipts", receipt)


@router.post(
    "/simulations/goods_outs/{id}/fulfil",
    operation_id="simulateGoodsOutFulfilment",
    summary="Allocate, pick and dispatch an order (sandbox)",
)
async def fulfil(record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep) -> Response:
    """The order is allocated, picked and dispatched (COMPLETED), with every event the real
    operations emit; refused as processing refuses (39 without the stock). 403 `sandbox_only`
    on a live tenant."""
    order = await service.fulfil(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, goods_out_id=record_id
    )
    return resource_response("goods_outs", order)
