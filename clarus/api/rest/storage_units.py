from __future__ import annotations

from typing import Literal

from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import Envelope, documented_models, parse_envelope
from clarus.api.rest.routers import document_router, write_router
from clarus.catalog.labels import storage_unit_pick_label
from clarus.catalog.records import StorageUnitRecord
from clarus.catalog.schemas import (
    StorageUnitAttributes,
    StorageUnitPickLabelAttributes,
    StorageUnitUpdateAttributes,
)
from clarus.catalog.service import STORAGE_UNITS
from clarus.core.schemas import InputModel

TAG = "Storage Units"
PDF = "application/pdf"

router = write_router(TAG)
add_crud_routes(
    router,
    RestResource(
        kind=STORAGE_UNITS,
        resource_type="storage_units",
        schema_name="StorageUnit",
        create_attributes=StorageUnitAttributes,
        update_attributes=StorageUnitUpdateAttributes,
        record=StorageUnitRecord,
        create_operation="createStorageUnit",
        update_operation="updateStorageUnit",
        delete_operation="destroyStorageUnit",
        label="storage unit",
    ),
)
labels_router = document_router(TAG)


class PrintStorageUnitPickLabelBodyData(InputModel):
    type: Literal["storage_units"]
    attributes: StorageUnitPickLabelAttributes = StorageUnitPickLabelAttributes()


class PrintStorageUnitPickLabelBody(Envelope):
    """Optional: no body at all prints one copy as a PDF."""

    data: PrintStorageUnitPickLabelBodyData


documented_models[PrintStorageUnitPickLabelBody.__name__] = PrintStorageUnitPickLabelBody
_OPTIONAL_BODY = {
    "required": False,
    "content": {
        "application/json": {
            "schema": {"$ref": f"#/components/schemas/{PrintStorageUnitPickLabelBody.__name__}"}
        }
    },
}


@labels_router.post(
    "/storage_units/{id}/pick_label",
    operation_id="printStorageUnitPickLabel",
    summary="Print a pick label for a storage unit",
    response_class=Response,
    openapi_extra={
        "requestBody": _OPTIONAL_BODY,
        "responses": {
            "200": {
                "description": "The label, one page per copy",
                "content": {PDF: {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    },
)
async def print_pick_label(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """A PDF of `quantity` copies of the label: the storage unit's reference (else its barcode,
    else its id) as text and as a Code 128 barcode, and `task_id` when sent. `cloud_print: true`
    is 422 `cloud_print_unavailable` until printers exist."""
    raw = await request.body()
    attributes = (
        parse_envelope(PrintStorageUnitPickLabelBody, raw).data.attributes
        if raw.strip()
        else StorageUnitPickLabelAttributes()
    )
    pdf = await storage_unit_pick_label(
        session, tenant_id=principal.tenant_id, storage_unit_id=record_id, attributes=attributes
    )
    return Response(
        pdf,
        media_type=PDF,
        headers={"Content-Disposition": f'inline; filename="pick-label-{record_id}.pdf"'},
    )
