from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Response
from pydantic import BaseModel

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    documented_models,
    openapi_operation,
    resource_body,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import JsonResponse, ResponseShape
from clarus.api.rest.routers import write_router
from clarus.catalog.barcode_formats import BARCODE_FORMAT_WRITES, BARCODE_FORMATS
from clarus.catalog.records import BarcodeFormatRecord, BarcodeScanRecord
from clarus.catalog.scans import read_scan
from clarus.catalog.schemas import (
    BarcodeFormatAttributes,
    BarcodeFormatUpdateAttributes,
    BarcodeScanAttributes,
)
from clarus.core.records import with_plain_numbers

SCAN_TYPE = "barcode_scans"

router = write_router("Barcode Formats")
ParseBarcodeScanBody = resource_body("ParseBarcodeScanBody", SCAN_TYPE, BarcodeScanAttributes)


class BarcodeScanData(BaseModel):
    type: Literal["barcode_scans"]
    attributes: BarcodeScanRecord


class BarcodeScanDocument(BaseModel):
    """What a scan says, as `{"data": {"type": "barcode_scans", "attributes": {...}}}` (a
    reading has no id: nothing is stored)."""

    data: BarcodeScanData


documented_models[BarcodeScanDocument.__name__] = BarcodeScanDocument


@router.post(
    "/barcode_formats/parse",
    operation_id="parseBarcodeScan",
    summary="Read a scanned barcode (ours)",
    openapi_extra=openapi_operation(ParseBarcodeScanBody, BarcodeScanDocument),
)
async def parse_barcode_scan(
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[BarcodeScanAttributes], Depends(body_of(ParseBarcodeScanBody))],
) -> Response:
    """Answers `{"data": {"type": "barcode_scans", "attributes": {...}}}`: how the scan was
    read, its product (found by code, barcode, GTIN or alternative code; null when none), batch,
    serial, dates, quantity and net weight. A scan that cannot be read is 422
    `malformed_barcode` at `/data/attributes/scan` whose `context.position` is the character
    (from 0) where reading failed; a code several products share is 422
    `ambiguous_product_code` (send `account_id`). Nothing is written."""
    attributes: BarcodeScanAttributes = body.data.attributes
    with input_at(ATTRIBUTES):
        result = await read_scan(
            session,
            tenant_id=principal.tenant_id,
            scan=attributes.scan,
            barcode_format_id=attributes.barcode_format_id,
            account_id=attributes.account_id,
        )
    return JsonResponse(
        {"data": {"type": SCAN_TYPE, "attributes": with_plain_numbers(result.model_dump())}}
    )


add_crud_routes(
    router,
    RestResource(
        kind=BARCODE_FORMATS,
        writes=BARCODE_FORMAT_WRITES,
        resource_type="barcode_formats",
        schema_name="BarcodeFormat",
        create_attributes=BarcodeFormatAttributes,
        update_attributes=BarcodeFormatUpdateAttributes,
        record=BarcodeFormatRecord,
        create_operation="createBarcodeFormat",
        update_operation="updateBarcodeFormat",
        delete_operation="destroyBarcodeFormat",
        label="barcode format",
        shape=ResponseShape(flat=True),
    ),
)
