"""Carriers and their services: two tags of the contract, two routers."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import CarrierRecord, CarrierServiceRecord
from clarus.masterdata.schemas import (
    CarrierAttributes,
    CarrierServiceAttributes,
    CarrierServiceUpdateAttributes,
    CarrierUpdateAttributes,
)
from clarus.masterdata.service import (
    CARRIER_SERVICE_WRITES,
    CARRIER_SERVICES,
    CARRIER_WRITES,
    CARRIERS,
)

carriers_router = write_router("Carriers")
add_crud_routes(
    carriers_router,
    RestResource(
        kind=CARRIERS,
        resource_type="carriers",
        schema_name="Carrier",
        create_attributes=CarrierAttributes,
        update_attributes=CarrierUpdateAttributes,
        record=CarrierRecord,
        create_operation="createCarrier",
        update_operation="updateCarrier",
        delete_operation="destroyCarrier",
        label="carrier",
        shape=ResponseShape(id_as_string=True),
        writes=CARRIER_WRITES,
    ),
)

services_router = write_router("Carriers: Services")
add_crud_routes(
    services_router,
    RestResource(
        kind=CARRIER_SERVICES,
        resource_type="carrier_services",
        schema_name="CarrierService",
        create_attributes=CarrierServiceAttributes,
        update_attributes=CarrierServiceUpdateAttributes,
        record=CarrierServiceRecord,
        create_operation="createCarrierService",
        update_operation="updateCarrierService",
        delete_operation="destroyCarrierService",
        label="carrier service",
        shape=ResponseShape(flat=True),
        writes=CARRIER_SERVICE_WRITES,
    ),
)
