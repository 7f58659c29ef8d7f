"""Receiving goods in: `POST /api/goods_in_receipts/{id}/receive`, `/revert`, and (ours)
`/cancel` and `/move_to_part`; completing receive tasks with
`POST /api/receive_tasks/{id}/receive` and `/receive_to_putaway_location`."""

from typing import Annotated

from fastapi import Depends, Response
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import ResourceBody, body_of, openapi_operation, resource_body
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.auth.principal import Principal
from clarus.inbound.parts import move_to_part
from clarus.inbound.receive_tasks import receive, receive_task
from clarus.inbound.receiving import cancel_receipt, receive_receipt, revert_receipt
from clarus.tasks.handlers import Completion
from clarus.tasks.schemas import ReceiveAttributes, ReceiveToPutawayAttributes

RECEIPT_TYPE = "goods_in_receipts"
router = write_router("Goods In: Receipts")
ReceiveBody = resource_body("ReceiveTaskReceiveBody", "tasks", ReceiveAttributes)
ReceiveToPutawayBody = resource_body(
    "ReceiveTaskReceiveToPutawayBody", "tasks", ReceiveToPutawayAttributes
)


@router.post(
    "/goods_in_receipts/{id}/receive",
    operation_id="receiveGoodsInReceipt",
    summary="Receive a goods in receipt",
)
async def receive_goods_in_receipt(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """A `pending` receipt with lines becomes `received`, with one AVAILABLE RCV task per line
    (ListTasks shows them); no body."""
    receipt = await receive_receipt(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, receipt_id=record_id
    )
    return resource_response(RECEIPT_TYPE, receipt)


@router.post(
    "/goods_in_receipts/{id}/revert",
    operation_id="revertGoodsInReceipt",
    summary="Revert a goods in receipt",
)
async def revert_goods_in_receipt(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Back to `pending`, its tasks deleted; refused once any of them is completed."""
    receipt = await revert_receipt(session, tenant_id=principal.tenant_id, receipt_id=record_id)
    return resource_response(RECEIPT_TYPE, receipt)


@router.post(
    "/goods_in_receipts/{id}/cancel",
    operation_id="cancelGoodsInReceipt",
    summary="Cancel a goods in receipt (ours)",
)
async def cancel_goods_in_receipt(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """A draft, pending or received receipt nothing has arrived against becomes `cancelled`
    (event `goods_in` `cancelled`), its open receive tasks with it; its reference is free
    again. Refused once anything is received (`receipt_tasks_completed`): move the rest to a
    part receipt instead."""
    receipt = await cancel_receipt(session, tenant_id=principal.tenant_id, receipt_id=record_id)
    return resource_response(RECEIPT_TYPE, receipt)


@router.post(
    "/goods_in_receipts/{id}/move_to_part",
    operation_id="moveGoodsInReceiptToPart",
    summary="Move a part-received receipt's rest to a part receipt (ours)",
)
async def move_goods_in_receipt_to_part(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """For a `received` receipt some goods have arrived against: the receives still open are
    cancelled and a new `pending` receipt (`<reference>-PART<n>`, `part_of_goods_in_receipt_id`
    naming this one) expects what is missing of each line. Answers with the part receipt; this
    one announces `goods_in` `moved_to_part` and is `completed` once its put-aways are done."""
    part = await move_to_part(session, tenant_id=principal.tenant_id, receipt_id=record_id)
    return resource_response(RECEIPT_TYPE, part)


@router.post(
    "/receive_tasks/{id}/receive",
    operation_id="receiveStock",
    summary="Receive stock against a receive task",
    status_code=204,
    openapi_extra=openapi_operation(ReceiveBody),
)
async def receive_stock(
    record_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[ReceiveAttributes], Depends(body_of(ReceiveBody))],
) -> Response:
    """Stock into `location_to_id` (the warehouse's GIBAY location when left out), and a PWAY
    task to put it away."""
    attributes: ReceiveAttributes = body.data.attributes
    await _receive(
        session,
        principal,
        record_id,
        attributes,
        base_storage_unit_type_id=attributes.base_storage_unit_type_id,
    )
    return no_content()


@router.post(
    "/receive_tasks/{id}/receive_to_putaway_location",
    operation_id="receiveStockToPutawayLocation",
    summary="Receive stock straight into a putaway location",
    status_code=204,
    openapi_extra=openapi_operation(ReceiveToPutawayBody),
)
async def receive_stock_to_putaway_location(
    record_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[
        ResourceBody[ReceiveToPutawayAttributes], Depends(body_of(ReceiveToPutawayBody))
    ],
) -> Response:
    """Stock straight into `location_to_id`; no put-away task follows."""
    await _receive(session, principal, record_id, body.data.attributes, to_putaway_location=True)
    return no_content()


async def _receive(
    session: AsyncSession,
    principal: Principal,
    task_id: int,
    attributes: ReceiveAttributes | ReceiveToPutawayAttributes,
    *,
    base_storage_unit_type_id: int | None = None,
    to_putaway_location: bool = False,
) -> None:
    with input_at(ATTRIBUTES):
        await receive(
            session,
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            task=await receive_task(session, tenant_id=principal.tenant_id, task_id=task_id),
            completion=Completion(
                confirmed_quantity=attributes.confirmed_quantity,
                location_to_id=attributes.location_to_id,
                storage_unit_to_id=attributes.storage_unit_to_id,
                serial_numbers=attributes.serial_numbers,
            ),
            base_storage_unit_type_id=base_storage_unit_type_id,
            to_putaway_location=to_putaway_location,
        )
