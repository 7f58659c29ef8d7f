from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.catalog import service
from clarus.catalog.records import StorageUnitTypeRecord
from clarus.catalog.schemas import StorageUnitTypeAttributes, StorageUnitTypeUpdateAttributes

router = write_router("Storage Unit Types")
add_crud_routes(
    router,
    RestResource(
        kind=service.STORAGE_UNIT_TYPES,
        writes=service.STORAGE_UNIT_TYPE_WRITES,
        resource_type="storage_unit_types",
        schema_name="StorageUnitType",
        create_attributes=StorageUnitTypeAttributes,
        update_attributes=StorageUnitTypeUpdateAttributes,
        record=StorageUnitTypeRecord,
        create_operation="createStorageUnitType",
        update_operation="updateStorageUnitType",
        delete_operation="destroyStorageUnitType",
        label="storage unit type",
        shape=ResponseShape(id_as_string=True, update_returns_no_content=True),
    ),
)
