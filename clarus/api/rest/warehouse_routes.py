"""Warehouse routes: `POST /api/warehouse_routes`, `PATCH`/`DELETE /api/warehouse_routes/{id}`
and `PATCH /api/warehouse_routes/{id}/position`."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.positions import add_position_route
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.stockcontrol.records import WarehouseRouteRecord
from clarus.stockcontrol.routes import (
    WAREHOUSE_ROUTE_LIST,
    WAREHOUSE_ROUTE_WRITES,
    WAREHOUSE_ROUTES,
)
from clarus.stockcontrol.schemas import WarehouseRouteAttributes, WarehouseRouteUpdateAttributes

RESOURCE_TYPE = "warehouse_routes"
router = write_router("Warehouse Routes")
add_crud_routes(
    router,
    RestResource(
        kind=WAREHOUSE_ROUTES,
        writes=WAREHOUSE_ROUTE_WRITES,
        resource_type=RESOURCE_TYPE,
        schema_name="WarehouseRoute",
        create_attributes=WarehouseRouteAttributes,
        update_attributes=WarehouseRouteUpdateAttributes,
        record=WarehouseRouteRecord,
        create_operation="createWarehouseRoute",
        update_operation="updateWarehouseRoute",
        delete_operation="destroyWarehouseRoute",
        label="warehouse route",
        shape=ResponseShape(id_as_string=True),
    ),
)
add_position_route(
    router,
    WAREHOUSE_ROUTE_LIST,
    resource_type=RESOURCE_TYPE,
    operation_id="positionWarehouseRoute",
    label="warehouse route",
)
