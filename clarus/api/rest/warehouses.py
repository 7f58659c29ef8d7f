from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import WarehouseRecord
from clarus.masterdata.schemas import (
    AddressRelationships,
    WarehouseAttributes,
    WarehouseUpdateAttributes,
)
from clarus.masterdata.service import WAREHOUSE_WRITES, WAREHOUSES

router = write_router("Warehouses")
add_crud_routes(
    router,
    RestResource(
        kind=WAREHOUSES,
        resource_type="warehouses",
        schema_name="Warehouse",
        create_attributes=WarehouseAttributes,
        update_attributes=WarehouseUpdateAttributes,
        record=WarehouseRecord,
        create_operation="createWarehouse",
        update_operation="updateWarehouse",
        delete_operation="destroyWarehouse",
        label="warehouse",
        relationships=AddressRelationships,
        writes=WAREHOUSE_WRITES,
    ),
)
