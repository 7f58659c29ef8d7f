"""Crossdocks (external ones)."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.shipping.crossdocks import CROSSDOCK_WRITES, CROSSDOCKS
from clarus.shipping.records import CrossdockRecord
from clarus.shipping.schemas import CrossdockAttributes, CrossdockUpdateAttributes

router = write_router("Crossdocks")
add_crud_routes(
    router,
    RestResource(
        kind=CROSSDOCKS,
        resource_type="crossdocks",
        schema_name="Crossdock",
        create_attributes=CrossdockAttributes,
        update_attributes=CrossdockUpdateAttributes,
        record=CrossdockRecord,
        create_operation="createCrossdock",
        update_operation="updateCrossdock",
        delete_operation="destroyCrossdock",
        label="crossdock",
        shape=ResponseShape(id_as_string=True),
        writes=CROSSDOCK_WRITES,
    ),
)
