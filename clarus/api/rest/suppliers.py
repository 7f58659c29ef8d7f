from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import SupplierRecord
from clarus.masterdata.schemas import SupplierAttributes, SupplierUpdateAttributes
from clarus.masterdata.service import SUPPLIER_WRITES, SUPPLIERS

router = write_router("Suppliers")
add_crud_routes(
    router,
    RestResource(
        kind=SUPPLIERS,
        resource_type="suppliers",
        schema_name="Supplier",
        create_attributes=SupplierAttributes,
        update_attributes=SupplierUpdateAttributes,
        record=SupplierRecord,
        create_operation="createSupplier",
        update_operation="updateSupplier",
        delete_operation="destroySupplier",
        label="supplier",
        shape=ResponseShape(id_as_string=True),
        writes=SUPPLIER_WRITES,
    ),
)
