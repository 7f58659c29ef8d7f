"""Custom carrier types, packages and shipments: three tags of the contract, three routers."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
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
        shape=ResponseShape(id_as_string=True),
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
