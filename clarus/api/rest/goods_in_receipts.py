from typing import Literal

from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import Envelope, documented_models, parse_envelope
from clarus.api.rest.routers import document_router, write_router
from clarus.core.schemas import InputModel
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
PDF = "application/pdf"

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


class ReceiptLabelsBodyData(InputModel):
    type: Literal["goods_in_receipts"]
    attributes: ReceiptLabelAttributes = ReceiptLabelAttributes()


class ReceiptLabelsBody(Envelope):
    """Optional: no body prints every storage unit of the receipt."""

    data: ReceiptLabelsBodyData


documented_models[ReceiptLabelsBody.__name__] = ReceiptLabelsBody


@labels_router.post(
    "/goods_in_receipts/{id}/storage_unit_labels",
    operation_id="printGoodsInReceiptStorageUnitLabels",
    summary="Print storage unit labels for a receipt",
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {
                "application/json": {
                    "schema": {"$ref": f"#/components/schemas/{ReceiptLabelsBody.__name__}"}
                }
            },
        },
        "responses": {
            "200": {
                "description": "The labels, one page per storage unit",
                "content": {PDF: {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    },
)
async def print_storage_unit_labels(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """A PDF with the label of `storage_unit_id`, or of every storage unit goods were received
    on against the receipt; `cloud_print: true` is 422 until printers exist."""
    raw = await request.body()
    attributes = (
        parse_envelope(ReceiptLabelsBody, raw).data.attributes
        if raw.strip()
        else ReceiptLabelAttributes()
    )
    pdf = await receipt_storage_unit_labels(
        session, tenant_id=principal.tenant_id, receipt_id=record_id, attributes=attributes
    )
    return Response(
        pdf,
        media_type=PDF,
        headers={"Content-Disposition": f'inline; filename="receipt-{record_id}-labels.pdf"'},
    )
