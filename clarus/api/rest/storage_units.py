from __future__ import annotations

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
from clarus.api.rest.routers import document_router, write_router
from clarus.catalog.labels import storage_unit_pick_label
from clarus.catalog.records import StorageUnitRecord
from clarus.catalog.schemas import (
    StorageUnitAttributes,
    StorageUnitPickLabelAttributes,
    StorageUnitUpdateAttributes,
)
from clarus.catalog.service import STORAGE_UNITS

TAG = "Storage Units"

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


PickLabelBody = optional_body_model(
    "PrintStorageUnitPickLabelBody", "storage_units", StorageUnitPickLabelAttributes
)


@labels_router.post(
    "/storage_units/{id}/pick_label",
    operation_id="printStorageUnitPickLabel",
    summary="Print a pick label for a storage unit",
    response_class=Response,
    openapi_extra=pdf_openapi(PickLabelBody, "The label, one page per copy"),
)
async def print_pick_label(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """A PDF of `quantity` copies of the label: the storage unit's reference (else its barcode,
    else its id) as text and as a Code 128 barcode, and `task_id` when sent. No body prints one
    copy. `cloud_print: true` is 422 `cloud_print_unavailable` until printers exist."""
    attributes = await optional_attributes(request, PickLabelBody, StorageUnitPickLabelAttributes)
    with input_at(ATTRIBUTES):
        pdf = await storage_unit_pick_label(
            session, tenant_id=principal.tenant_id, storage_unit_id=record_id, attributes=attributes
        )
    return pdf_response(pdf, f"pick-label-{record_id}.pdf")
