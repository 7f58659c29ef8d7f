from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.catalog.records import StockUnitTypeRecord
from clarus.catalog.schemas import StockUnitTypeAttributes, StockUnitTypeUpdateAttributes
from clarus.catalog.service import STOCK_UNIT_TYPES

router = write_router("Stock Unit Types")
add_crud_routes(
    router,
    RestResource(
        kind=STOCK_UNIT_TYPES,
        resource_type="stock_unit_types",
        schema_name="StockUnitType",
        create_attributes=StockUnitTypeAttributes,
        update_attributes=StockUnitTypeUpdateAttributes,
        record=StockUnitTypeRecord,
        create_operation="createStockUnitType",
        update_operation="updateStockUnitType",
        delete_operation="destroyStockUnitType",
        label="stock unit type",
        shape=ResponseShape(id_as_string=True),
    ),
)
