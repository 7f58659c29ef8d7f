"""The delivery log's actions (ours, `admin` scope): `POST /api/webhook_deliveries/{id}/retry`
and `POST /api/automations/{id}/recover`. Reading the log is GraphQL's
(`webhook_deliveries`, `webhook_attempts`)."""

from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import JsonResponse, ResponseShape, resource_response
from clarus.api.rest.routers import write_router
from clarus.auth.scopes import Scope
from clarus.core.validation import parse_json_body
from clarus.webhooks import replays
from clarus.webhooks.clock import Clock
from clarus.webhooks.schemas import RecoverRequest

router = write_router("Webhooks", scope=Scope.ADMIN)
documented_models[RecoverRequest.__name__] = RecoverRequest
DELIVERY_SHAPE = ResponseShape(id_as_string=True)


def _clock(request: Request) -> Clock:
    """The clock the app's webhook worker keeps time by, so a replay is due for it at once."""
    clock: Clock = request.app.state.clock
    return clock


@router.post(
    "/webhook_deliveries/{id}/retry",
    operation_id="retryWebhookDelivery",
    summary="Send a webhook delivery again (ours)",
)
async def retry(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Queue the delivery to be sent now, its retry schedule started over, whatever became of
    it (failed, cancelled, even succeeded: a replay). Refused (1160) while a worker is sending
    it. Answers the delivery, `pending`."""
    delivery = await replays.retry(
        session=session,
        tenant_id=principal.tenant_id,
        delivery_id=record_id,
        now=_clock(request).now(),
    )
    return resource_response("webhook_deliveries", delivery, DELIVERY_SHAPE)


@router.post(
    "/automations/{id}/recover",
    operation_id="recoverAutomationDeliveries",
    summary="Send an automation's failed webhooks again (ours)",
    openapi_extra=openapi_operation(RecoverRequest),
)
async def recover(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Body `{"data": {"attributes": {"since": "<ISO 8601 with timezone>"}}}`: every failed
    delivery of the automation made since then is queued to be sent now. Answers
    `{"data": {"id", "type": "automations", "attributes": {"requeued": <how many>}}}`."""
    body = parse_json_body(RecoverRequest, await request.body())
    requeued = await replays.recover(
        session=session,
        tenant_id=principal.tenant_id,
        automation_id=record_id,
        since=body.data.attributes.since,
        now=_clock(request).now(),
    )
    return JsonResponse(
        {"data": {"id": record_id, "type": "automations", "attributes": {"requeued": requeued}}}
    )
