from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import LocationTypeRecord
from clarus.masterdata.schemas import LocationTypeAttributes, LocationTypeUpdateAttributes
from clarus.masterdata.service import LOCATION_TYPES

router = write_router("Location Types")
add_crud_routes(
    router,
    RestResource(
        kind=LOCATION_TYPES,
        resource_type="location_types",
        schema_name="LocationType",
        create_attributes=LocationTypeAttributes,
        update_attributes=LocationTypeUpdateAttributes,
        record=LocationTypeRecord,
        create_operation="createLocationType",
        update_operation="updateLocationType",
        delete_operation="destroyLocationType",
        label="location type",
        shape=ResponseShape(id_as_string=True),
    ),
)
