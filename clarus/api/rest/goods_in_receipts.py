from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.pdfs import (
    optional_attributes,
    optional_body_model,
    pdf_openapi,
    pdf_response,
)
from clarus.api.rest.responses import JsonResponse
from clarus.api.rest.routers import document_router, write_router
from clarus.inbound.confirmations import receipt_task_confirmation
from clarus.inbound.labels import receipt_storage_unit_labels
from clarus.inbound.records import GoodsInReceiptRecord
from clarus.inbound.schemas import (
    GoodsInReceiptAttributes,
    GoodsInReceiptUpdateAttributes,
    ReceiptLabelAttributes,
)
from clarus.inbound.service import RECEIPT_WRITES, RECEIPTS
from clarus.masterdata.schemas import AddressRelationships

TAG = "Goods In: Receipts"

router = write_router(TAG)
add_crud_routes(
    router,
    RestResource(
        kind=RECEIPTS,
        writes=RECEIPT_WRITES,
        resource_type="goods_in_receipts",
        schema_name="GoodsInReceipt",
        create_attributes=GoodsInReceiptAttributes,
        update_attributes=GoodsInReceiptUpdateAttributes,
        relationships=AddressRelationships,
        record=GoodsInReceiptRecord,
        create_operation="createGoodsInReceipt",
        update_operation="updateGoodsInReceipt",
        delete_operation="destroyGoodsInReceipt",
        label="goods in receipt",
    ),
)
labels_router = document_router(TAG)


ReceiptLabelsBody = optional_body_model(
    "PrintGoodsInReceiptStorageUnitLabelsBody", "goods_in_receipts", ReceiptLabelAttributes
)


@labels_router.post(
    "/goods_in_receipts/{id}/storage_unit_labels",
    operation_id="printGoodsInReceiptStorageUnitLabels",
    summary="Print storage unit labels for a receipt",
    response_class=Response,
    openapi_extra=pdf_openapi(ReceiptLabelsBody, "The labels, one page per storage unit"),
)
async def print_storage_unit_labels(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """A PDF with the label of `storage_unit_id`, or of every storage unit goods were received
    on against the receipt (no body: all of them); `cloud_print: true` is 422 until printers
    exist."""
    attributes = await optional_attributes(request, ReceiptLabelsBody, ReceiptLabelAttributes)
    with input_at(ATTRIBUTES):
        pdf = await receipt_storage_unit_labels(
            session, tenant_id=principal.tenant_id, receipt_id=record_id, attributes=attributes
        )
    return pdf_response(pdf, f"receipt-{record_id}-labels.pdf")


@labels_router.get(
    "/tasks/{id}/export_receipt_task_confirmation",
    operation_id="exportReceiptTaskConfirmation",
    summary="Export receipt task confirmation",
)
async def export_receipt_task_confirmation(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """What a completed receive task confirms, as JSON (ours: the export format): product,
    quantities, location, receipt and line references, batch, account."""
    document = await receipt_task_confirmation(
        session, tenant_id=principal.tenant_id, task_id=record_id
    )
    return JsonResponse(document)
