"""Replenishment: `POST /api/goods_out_processes/trigger_replenishment`."""

from fastapi import Request, Response

from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import JsonResponse, resource_document
from clarus.api.rest.routers import write_router
from clarus.api.rest.tasks import RESOURCE_TYPE, TASK_SHAPE
from clarus.core.validation import parse_json_body
from clarus.stockcontrol.replenishment import TriggerReplenishmentRequest, trigger_replenishment
from clarus.tasks.service import shown_task

router = write_router("Replenishment")
documented_models[TriggerReplenishmentRequest.__name__] = TriggerReplenishmentRequest


@router.post(
    "/goods_out_processes/trigger_replenishment",
    operation_id="triggerReplenishment",
    summary="Trigger replenishment",
    openapi_extra=openapi_operation(TriggerReplenishmentRequest),
)
async def trigger(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Bare body `{"account_id", "location_id", "product_id"}`: REPLEN tasks bring the oldest
    reserve stock (by the account's pick rule) to the pick face, up to its `trigger_max`.
    Answers `{"data": [task, ...]}`: the open replenishment tasks of the face, product and
    account (made now or already on their way); `[]` when the face is full. 422 when the
    location is not a pick face of the product (`not_a_pickface_of_product`), the pick face has
    no maximum (`pickface_without_maximum`), or it lacks stock with none on its way and no
    reserve to take it from (`no_reserve_stock`)."""
    body = parse_json_body(TriggerReplenishmentRequest, await request.body())
    replenishing = await trigger_replenishment(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, request=body
    )
    return JsonResponse(
        {
            "data": [
                resource_document(RESOURCE_TYPE, shown_task(task), TASK_SHAPE)["data"]
                for task in replenishing
            ]
        }
    )
