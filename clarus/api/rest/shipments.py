"""Custom carrier types, packages and shipments: three tags of the contract, three routers."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.pdfs import PDF, pdf_response
from clarus.api.rest.responses import ResponseShape, resource_response
from clarus.api.rest.routers import document_router, write_router
from clarus.auth.scopes import Scope
from clarus.masterdata.schemas import AddressRelationships
from clarus.shipping.carriers import CUSTOM_CARRIER_TYPE_WRITES, CUSTOM_CARRIER_TYPES
from clarus.shipping.packages import PACKAGE_WRITES, PACKAGES
from clarus.shipping.records import CustomCarrierTypeRecord, PackageRecord, ShipmentRecord
from clarus.shipping.schemas import (
    CustomCarrierTypeAttributes,
    CustomCarrierTypeUpdateAttributes,
    PackageAttributes,
    PackageUpdateAttributes,
    ShipmentAttributes,
    ShipmentUpdateAttributes,
)
from clarus.shipping.shipments import SHIPMENT_WRITES, SHIPMENTS
from clarus.shipping.submissions import request_cancel, request_submit, shipment_label

custom_carrier_types_router = write_router("Custom Carrier Types")
add_crud_routes(
    custom_carrier_types_router,
    RestResource(
        kind=CUSTOM_CARRIER_TYPES,
        writes=CUSTOM_CARRIER_TYPE_WRITES,
        resource_type="custom_carrier_types",
        schema_name="CustomCarrierType",
        create_attributes=CustomCarrierTypeAttributes,
        update_attributes=CustomCarrierTypeUpdateAttributes,
        record=CustomCarrierTypeRecord,
        create_operation="createCustomCarrierType",
        update_operation="updateCustomCarrierType",
        delete_operation="destroyCustomCarrierType",
        label="custom carrier type",
        shape=ResponseShape(id_as_string=True, update_returns_no_content=True),
    ),
)

packages_router = write_router("Packages")
add_crud_routes(
    packages_router,
    RestResource(
        kind=PACKAGES,
        writes=PACKAGE_WRITES,
        resource_type="packages",
        schema_name="Package",
        create_attributes=PackageAttributes,
        update_attributes=PackageUpdateAttributes,
        record=PackageRecord,
        create_operation="createPackage",
        update_operation="updatePackage",
        delete_operation="destroyPackage",
        label="package",
        shape=ResponseShape(id_as_string=True),
    ),
)

shipments_router = write_router("Shipments")
add_crud_routes(
    shipments_router,
    RestResource(
        kind=SHIPMENTS,
        writes=SHIPMENT_WRITES,
        resource_type="shipments",
        schema_name="Shipment",
        create_attributes=ShipmentAttributes,
        update_attributes=ShipmentUpdateAttributes,
        relationships=AddressRelationships,
        record=ShipmentRecord,
        create_operation="createShipment",
        update_operation="updateShipment",
        delete_operation="destroyShipment",
        label="shipment",
    ),
)


async def _shipment_response(record: Mapping[str, object]) -> Response:
    return resource_response("shipments", record)


@shipments_router.post(
    "/shipments/{id}/submit",
    operation_id="submitShipment",
    summary="Submit a shipment to its carrier",
    response_class=Response,
)
async def submit_shipment(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Hands the shipment to its carrier: it answers at once with the shipment `submitting`;
    the shipping worker calls the carrier, and the shipment becomes `submitted` (tracking
    numbers, label, carrier response) or `failed` (`failure_message`), each with its event.
    Refused unless the shipment is pending or failed, has a carrier with an integration and
    packages that all have a weight."""
    record = await request_submit(session, tenant_id=principal.tenant_id, shipment_id=record_id)
    return await _shipment_response(record)


@shipments_router.post(
    "/shipments/{id}/cancel",
    operation_id="cancelShipment",
    summary="Cancel a submitted shipment",
    response_class=Response,
)
async def cancel_shipment(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Voids a submitted shipment with its carrier: `cancelling` at once, then `cancelled` with
    its label voided once the shipping worker has told the carrier."""
    record = await request_cancel(session, tenant_id=principal.tenant_id, shipment_id=record_id)
    return await _shipment_response(record)


labels_router = document_router("Shipments", Scope.READ)


@labels_router.get(
    "/shipments/{id}/label",
    operation_id="downloadShipmentLabel",
    summary="Download a shipment's label (ours)",
    response_class=Response,
    responses={200: {"content": {PDF: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def download_label(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """The label PDF of a submitted shipment, one page per package; 404
    `shipment_label_missing` before it is submitted or once it is cancelled."""
    pdf, filename = await shipment_label(
        session, tenant_id=principal.tenant_id, shipment_id=record_id
    )
    return pdf_response(pdf, filename)
