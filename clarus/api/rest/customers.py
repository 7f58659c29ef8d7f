from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import CustomerRecord
from clarus.masterdata.schemas import CustomerAttributes, CustomerUpdateAttributes
from clarus.masterdata.service import CUSTOMER_WRITES, CUSTOMERS

router = write_router("Customers")
add_crud_routes(
    router,
    RestResource(
        kind=CUSTOMERS,
        resource_type="customers",
        schema_name="Customer",
        create_attributes=CustomerAttributes,
        update_attributes=CustomerUpdateAttributes,
        record=CustomerRecord,
        create_operation="createCustomer",
        update_operation="updateCustomer",
        delete_operation="destroyCustomer",
        label="customer",
        shape=ResponseShape(id_as_string=True),
        writes=CUSTOMER_WRITES,
    ),
)
