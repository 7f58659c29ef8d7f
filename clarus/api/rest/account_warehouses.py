from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import AccountWarehouseRecord
from clarus.masterdata.schemas import AccountWarehouseAttributes
from clarus.masterdata.service import ACCOUNT_WAREHOUSES

router = write_router("Account Warehouses")
add_crud_routes(
    router,
    RestResource(
        kind=ACCOUNT_WAREHOUSES,
        resource_type="account_warehouses",
        schema_name="AccountWarehouse",
        create_attributes=AccountWarehouseAttributes,
        update_attributes=AccountWarehouseAttributes,
        record=AccountWarehouseRecord,
        create_operation="createAccountWarehouse",
        update_operation="updateAccountWarehouse",
        delete_operation="deleteAccountWarehouse",
        label="account warehouse",
        shape=ResponseShape(
            id_as_string=True,
            with_attributes=False,
            links={
                "account": ("account_id", "accounts"),
                "warehouse": ("warehouse_id", "warehouses"),
            },
        ),
    ),
)
