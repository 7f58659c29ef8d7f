from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.catalog.alternative_codes import (
    ALTERNATIVE_CODE_TYPE_WRITES,
    ALTERNATIVE_CODE_TYPES,
    ALTERNATIVE_CODE_WRITES,
    ALTERNATIVE_CODES,
)
from clarus.catalog.records import AlternativeCodeRecord, AlternativeCodeTypeRecord
from clarus.catalog.schemas import (
    AlternativeCodeAttributes,
    AlternativeCodeTypeAttributes,
    AlternativeCodeTypeUpdateAttributes,
    AlternativeCodeUpdateAttributes,
)

STRING_IDS = ResponseShape(id_as_string=True)
"""The documented answers carry the id as a string (`"id": "88"`)."""

types_router = write_router("Alternative Code Types")
add_crud_routes(
    types_router,
    RestResource(
        kind=ALTERNATIVE_CODE_TYPES,
        writes=ALTERNATIVE_CODE_TYPE_WRITES,
        resource_type="alternative_code_types",
        schema_name="AlternativeCodeType",
        create_attributes=AlternativeCodeTypeAttributes,
        update_attributes=AlternativeCodeTypeUpdateAttributes,
        record=AlternativeCodeTypeRecord,
        create_operation="createAlternativeCodeType",
        update_operation="updateAlternativeCodeType",
        delete_operation="destroyAlternativeCodeType",
        label="alternative code type",
        shape=STRING_IDS,
    ),
)

router = write_router("Alternative Codes")
add_crud_routes(
    router,
    RestResource(
        kind=ALTERNATIVE_CODES,
        writes=ALTERNATIVE_CODE_WRITES,
        resource_type="alternative_codes",
        schema_name="AlternativeCode",
        create_attributes=AlternativeCodeAttributes,
        update_attributes=AlternativeCodeUpdateAttributes,
        record=AlternativeCodeRecord,
        create_operation="createAlternativeCode",
        update_operation="updateAlternativeCode",
        delete_operation="destroyAlternativeCode",
        label="alternative code",
        shape=STRING_IDS,
    ),
)
