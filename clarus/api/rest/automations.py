"""`/api/automations`: create, update, delete and run automations, rotate the signing secret
of a webhook action, and upload or remove an action parameter's attachment. Admin scope: an
automation sends the tenant's records elsewhere.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations."""

import datetime as dt
from email.message import Message
from typing import Annotated, Literal

from fastapi import Depends, Path, Request, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SecretBoxDep, SessionDep, SettingsDep
from clarus.api.rest.envelope import (
    Envelope,
    ResourceBody,
    body_of,
    documented_models,
    ensure_matching_id,
    openapi_operation,
    resource_body,
    resource_document_model,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at, input_from
from clarus.api.rest.pdfs import OptionalAttributesData, optional_attributes
from clarus.api.rest.responses import no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.auth.scopes import Scope
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.fields import INT64_MAX
from clarus.webhooks import attachments, service
from clarus.webhooks.records import AutomationRecord, RotatedSecretRecord, RunRecord
from clarus.webhooks.schemas import (
    AutomationAttributes,
    AutomationUpdateAttributes,
    RotateSecretAttributes,
)
from clarus.webhooks.secrets import DEFAULT_OVERLAP

RESOURCE_TYPE = "automations"
ActionIdPath = Annotated[
    int, Path(alias="action_id", ge=1, le=INT64_MAX, description="The webhook action's id")
]
CreateBody = resource_body("CreateAutomationBody", RESOURCE_TYPE, AutomationAttributes)
UpdateBody = resource_body("UpdateAutomationBody", RESOURCE_TYPE, AutomationUpdateAttributes)


class RotateSecretData(OptionalAttributesData[RotateSecretAttributes]):
    type: Literal["automation_actions"] | None = None
    attributes: RotateSecretAttributes = RotateSecretAttributes()


class RotateSecretBody(Envelope[RotateSecretData]):
    """Optional: no body rotates with the default overlap."""

    data: RotateSecretData


documented_models["RotateAutomationActionSecretBody"] = RotateSecretBody

AutomationDocument = resource_document_model("AutomationDocument", RESOURCE_TYPE, AutomationRecord)
RunDocument = resource_document_model("AutomationRunDocument", RESOURCE_TYPE, RunRecord)
RotatedSecretDocument = resource_document_model(
    "RotatedSecretDocument", "automation_actions", RotatedSecretRecord
)

router = write_router("Automations", Scope.ADMIN)


@router.post(
    "/automations",
    operation_id="createAutomation",
    summary="Create an automation",
    openapi_extra=openapi_operation(CreateBody, AutomationDocument),
)
async def create_automation(
    principal: PrincipalDep,
    session: SessionDep,
    settings: SettingsDep,
    box: SecretBoxDep,
    body: Annotated[ResourceBody[AutomationAttributes], Depends(body_of(CreateBody))],
) -> Response:
    """Each webhook action's `webhook_secret` is in this response only."""
    with input_at(ATTRIBUTES):
        record = await service.create_automation(
            session=session,
            tenant_id=principal.tenant_id,
            attributes=body.data.attributes,
            allow_private_targets=settings.webhook_allow_private_targets,
            sends_email=settings.sends_email,
            box=box,
        )
    return resource_response(RESOURCE_TYPE, record)


@router.patch(
    "/automations/{id}",
    operation_id="updateAutomation",
    summary="Update an automation",
    openapi_extra=openapi_operation(UpdateBody, AutomationDocument),
)
async def update_automation(
    record_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    settings: SettingsDep,
    box: SecretBoxDep,
    body: Annotated[ResourceBody[AutomationUpdateAttributes], Depends(body_of(UpdateBody))],
) -> Response:
    ensure_matching_id(body, record_id)
    with input_at(ATTRIBUTES):
        record = await service.update_automation(
            session=session,
            tenant_id=principal.tenant_id,
            automation_id=record_id,
            attributes=body.data.attributes,
            allow_private_targets=settings.webhook_allow_private_targets,
            sends_email=settings.sends_email,
            box=box,
        )
    return resource_response(RESOURCE_TYPE, record)


@router.delete(
    "/automations/{id}",
    status_code=204,
    operation_id="destroyAutomation",
    summary="Delete an automation",
)
async def delete_automation(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    await service.delete_automation(
        session=session, tenant_id=principal.tenant_id, automation_id=record_id
    )
    return no_content()


@router.post(
    "/automations/{id}/run",
    operation_id="runAutomation",
    summary="Run an automation now",
    openapi_extra=openapi_operation(None, RunDocument),
)
async def run_automation(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """A schedule automation only (`automation_not_scheduled` otherwise): its conditions are
    evaluated and, when they hold and it is enabled, its trigger is queued for delivery. A
    stored condition that cannot be evaluated (a pattern RE2 refuses) is
    `condition_not_evaluable`."""
    result = await service.run_automation(
        session=session,
        tenant_id=principal.tenant_id,
        automation_id=record_id,
        subdomain=principal.subdomain,
    )
    return resource_response(RESOURCE_TYPE, result)


@router.post(
    "/automations/{id}/actions/{action_id}/rotate_secret",
    operation_id="rotateAutomationActionSecret",
    summary="Rotate a webhook action's signing secret (ours)",
    openapi_extra={
        **openapi_operation(None, RotatedSecretDocument),
        "requestBody": {
            "required": False,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/RotateAutomationActionSecretBody"}
                }
            },
        },
    },
)
async def rotate_secret(
    record_id: RecordIdPath,
    action_id: ActionIdPath,
    request: Request,
    principal: PrincipalDep,
    session: SessionDep,
    box: SecretBoxDep,
) -> Response:
    """A new `webhook_secret`, shown this once; the old one keeps signing beside it for
    `overlap_seconds` (default 24 hours, 0 ends it now)."""
    attributes = await optional_attributes(request, RotateSecretBody, RotateSecretAttributes)
    overlap = (
        DEFAULT_OVERLAP
        if attributes.overlap_seconds is None
        else dt.timedelta(seconds=attributes.overlap_seconds)
    )
    with input_at(ATTRIBUTES):
        record = await service.rotate_action_secret(
            session=session,
            tenant_id=principal.tenant_id,
            automation_id=record_id,
            action_id=action_id,
            overlap=overlap,
            box=box,
        )
    return resource_response("automation_actions", record)


ParameterIdPath = Annotated[
    int,
    Path(
        alias="automation_action_parameter_id",
        ge=1,
        le=INT64_MAX,
        description="The automation action parameter's id",
    ),
]
BINARY_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/octet-stream": {
                "schema": {"type": "string", "format": "binary", "description": "The file"}
            }
        },
    }
}


_UPLOAD_SOURCES = {
    "/filename": "/headers/Content-Disposition",
    "/content_type": "/headers/Content-Type",
    "/content": "/body",
}
"""Where each field of an attachment upload comes from in the request."""


def _filename(content_disposition: str | None) -> str | None:
    """The `filename` parameter of a `Content-Disposition` header (RFC 6266, read with the
    standard library's MIME header parser). A `filename*` in a charset that cannot decode it
    (`idna''%FF`) is refused rather than guessed."""
    if not content_disposition:
        return None
    message = Message()
    message["Content-Disposition"] = content_disposition
    try:
        return message.get_filename()
    except UnicodeError:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            "filename: its charset cannot decode it",
            path="/headers/Content-Disposition",
        ) from None


@router.post(
    "/automation_action_parameters/{automation_action_parameter_id}/attachment",
    operation_id="uploadAutomationActionParameterAttachment",
    summary="Upload an automation action parameter attachment",
    openapi_extra=BINARY_BODY,
)
async def upload_attachment(
    parameter_id: ParameterIdPath,
    request: Request,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """The raw body is the file; `Content-Disposition: attachment; filename="..."` names it
    and `Content-Type` says what it is. Replaces any earlier attachment."""
    upload = attachments.Upload(
        filename=_filename(request.headers.get("content-disposition")),
        content_type=request.headers.get("content-type") or "application/octet-stream",
        content=await request.body(),
    )
    with input_from(_UPLOAD_SOURCES):
        record = await attachments.attach(
            session, tenant_id=principal.tenant_id, parameter_id=parameter_id, upload=upload
        )
    return resource_response("automation_action_parameters", record)


@router.delete(
    "/automation_action_parameters/{automation_action_parameter_id}/attachment",
    status_code=204,
    operation_id="destroyAutomationActionParameterAttachment",
    summary="Delete an automation action parameter attachment",
)
async def delete_attachment(
    parameter_id: ParameterIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    await attachments.detach(session, tenant_id=principal.tenant_id, parameter_id=parameter_id)
    return no_content()
