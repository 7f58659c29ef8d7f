from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import AccountRecord
from clarus.masterdata.schemas import AccountAttributes, AccountUpdateAttributes
from clarus.masterdata.service import ACCOUNTS

router = write_router("Accounts")
add_crud_routes(
    router,
    RestResource(
        kind=ACCOUNTS,
        resource_type="accounts",
        schema_name="Account",
        create_attributes=AccountAttributes,
        update_attributes=AccountUpdateAttributes,
        record=AccountRecord,
        create_operation="createAccount",
        update_operation="updateAccount",
        delete_operation="destroyAccount",
        label="account",
    ),
)
