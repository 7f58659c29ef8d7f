from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.catalog.records import StorageUnitRecord
from clarus.catalog.schemas import StorageUnitAttributes, StorageUnitUpdateAttributes
from clarus.catalog.service import STORAGE_UNITS

router = write_router("Storage Units")
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
