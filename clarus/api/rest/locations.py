"""Locations, and location ranges that create many at once.

No `from __future__ import annotations`: FastAPI reads the endpoint's annotations.
"""

from typing import Annotated

from fastapi import Depends, Response

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import ResourceBody, body_of, openapi_operation, resource_body
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import no_content
from clarus.api.rest.routers import write_router
from clarus.masterdata.location_ranges import create_location_range
from clarus.masterdata.records import LocationRecord
from clarus.masterdata.schemas import (
    LocationAttributes,
    LocationRangeAttributes,
    LocationUpdateAttributes,
)
from clarus.masterdata.service import LOCATIONS

router = write_router("Locations")
add_crud_routes(
    router,
    RestResource(
        kind=LOCATIONS,
        resource_type="locations",
        schema_name="Location",
        create_attributes=LocationAttributes,
        update_attributes=LocationUpdateAttributes,
        record=LocationRecord,
        create_operation="createLocation",
        update_operation="updateLocation",
        delete_operation="destroyLocation",
        label="location",
    ),
)

LocationRangeBody = resource_body(
    "CreateLocationRangeBody", "location_ranges", LocationRangeAttributes
)


@router.post(
    "/location_ranges",
    status_code=204,
    operation_id="createLocationRange",
    summary="Create the locations of a range",
    openapi_extra=openapi_operation(LocationRangeBody),
)
async def create_range(
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[LocationRangeAttributes], Depends(body_of(LocationRangeBody))],
) -> Response:
    with input_at(ATTRIBUTES):
        await create_location_range(
            session, tenant_id=principal.tenant_id, attributes=body.data.attributes
        )
    return no_content()
