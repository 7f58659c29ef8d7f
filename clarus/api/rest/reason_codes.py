from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import ReasonCodeRecord
from clarus.masterdata.schemas import ReasonCodeAttributes, ReasonCodeUpdateAttributes
from clarus.masterdata.service import REASON_CODES

router = write_router("Reason Codes")
add_crud_routes(
    router,
    RestResource(
        kind=REASON_CODES,
        resource_type="reason_codes",
        schema_name="ReasonCode",
        create_attributes=ReasonCodeAttributes,
        update_attributes=ReasonCodeUpdateAttributes,
        record=ReasonCodeRecord,
        create_operation="createReasonCode",
        update_operation="updateReasonCode",
        delete_operation="destroyReasonCode",
        label="reason code",
        shape=ResponseShape(id_as_string=True),
    ),
)
