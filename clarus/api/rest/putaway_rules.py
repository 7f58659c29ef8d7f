"""Put-away rules: `POST /api/putaway_rules`, `PATCH`/`DELETE /api/putaway_rules/{id}` and
`PATCH /api/putaway_rules/{id}/position`."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.positions import add_position_route
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.stockcontrol.putaway_rules import PUTAWAY_RULE_LIST, PUTAWAY_RULE_WRITES, PUTAWAY_RULES
from clarus.stockcontrol.records import PutawayRuleRecord
from clarus.stockcontrol.schemas import PutawayRuleAttributes, PutawayRuleUpdateAttributes

RESOURCE_TYPE = "putaway_rules"
router = write_router("Putaway Rules")
add_crud_routes(
    router,
    RestResource(
        kind=PUTAWAY_RULES,
        writes=PUTAWAY_RULE_WRITES,
        resource_type=RESOURCE_TYPE,
        schema_name="PutawayRule",
        create_attributes=PutawayRuleAttributes,
        update_attributes=PutawayRuleUpdateAttributes,
        record=PutawayRuleRecord,
        create_operation="createPutawayRule",
        update_operation="updatePutawayRule",
        delete_operation="destroyPutawayRule",
        label="putaway rule",
        shape=ResponseShape(id_as_string=True),
    ),
)
add_position_route(
    router,
    PUTAWAY_RULE_LIST,
    resource_type=RESOURCE_TYPE,
    operation_id="positionPutawayRule",
    label="putaway rule",
)
