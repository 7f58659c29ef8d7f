from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import OrderTypeRecord
from clarus.masterdata.schemas import OrderTypeAttributes, OrderTypeUpdateAttributes
from clarus.masterdata.service import ORDER_TYPES

router = write_router("Order Types")
add_crud_routes(
    router,
    RestResource(
        kind=ORDER_TYPES,
        resource_type="order_types",
        schema_name="OrderType",
        create_attributes=OrderTypeAttributes,
        update_attributes=OrderTypeUpdateAttributes,
        record=OrderTypeRecord,
        create_operation="createOrderType",
        update_operation="updateOrderType",
        delete_operation="destroyOrderType",
        label="order type",
        shape=ResponseShape(flat=True, update_returns_no_content=True),
    ),
)
