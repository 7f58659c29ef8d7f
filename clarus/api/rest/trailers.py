"""Trailer types and trailers: two tags of the contract, two routers; both answer a bare
record (`{"id", ...attributes}`)."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.shipping.records import TrailerRecord, TrailerTypeRecord
from clarus.shipping.schemas import (
    TrailerAttributes,
    TrailerTypeAttributes,
    TrailerTypeUpdateAttributes,
    TrailerUpdateAttributes,
)
from clarus.shipping.trailers import TRAILER_TYPES, TRAILERS

trailer_types_router = write_router("Trailer Types")
add_crud_routes(
    trailer_types_router,
    RestResource(
        kind=TRAILER_TYPES,
        resource_type="trailer_types",
        schema_name="TrailerType",
        create_attributes=TrailerTypeAttributes,
        update_attributes=TrailerTypeUpdateAttributes,
        record=TrailerTypeRecord,
        create_operation="createTrailerType",
        update_operation="updateTrailerType",
        delete_operation="destroyTrailerType",
        label="trailer type",
        shape=ResponseShape(flat=True),
    ),
)

trailers_router = write_router("Trailers")
add_crud_routes(
    trailers_router,
    RestResource(
        kind=TRAILERS,
        resource_type="trailers",
        schema_name="Trailer",
        create_attributes=TrailerAttributes,
        update_attributes=TrailerUpdateAttributes,
        record=TrailerRecord,
        create_operation="createTrailer",
        update_operation="updateTrailer",
        delete_operation="destroyTrailer",
        label="trailer",
        shape=ResponseShape(flat=True),
    ),
)
