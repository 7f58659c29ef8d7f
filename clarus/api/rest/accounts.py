from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Response

from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    Envelope,
    body_of,
    ensure_matching_id,
    openapi_operation,
    resource_body,
    resource_document_model,
)
from clarus.api.rest.responses import no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.core.fields import INT64_MAX
from clarus.masterdata import service
from clarus.masterdata.records import AccountRecord
from clarus.masterdata.schemas import AccountAttributes, AccountUpdateAttributes

RESOURCE_TYPE = "accounts"
router = write_router("Accounts")

CreateAccountBody = resource_body("CreateAccountBody", RESOURCE_TYPE, AccountAttributes)
UpdateAccountBody = resource_body("UpdateAccountBody", RESOURCE_TYPE, AccountUpdateAttributes)
AccountDocument = resource_document_model("AccountDocument", RESOURCE_TYPE, AccountRecord)
AccountId = Annotated[int, Path(ge=1, le=INT64_MAX, description="The account's id")]


@router.post(
    "/accounts",
    operation_id="createAccount",
    summary="Create an account",
    openapi_extra=openapi_operation(CreateAccountBody, AccountDocument),
)
async def create_account(
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[Envelope, Depends(body_of(CreateAccountBody))],
) -> Response:
    account = await service.create_account(
        session=session, tenant_id=principal.tenant_id, attributes=body.data.attributes
    )
    return resource_response(RESOURCE_TYPE, account)


@router.patch(
    "/accounts/{id}",
    operation_id="updateAccount",
    summary="Update an account",
    openapi_extra=openapi_operation(UpdateAccountBody, AccountDocument),
)
async def update_account(
    account_id: Annotated[AccountId, Path(alias="id")],
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[Envelope, Depends(body_of(UpdateAccountBody))],
) -> Response:
    ensure_matching_id(body, account_id)
    account = await service.update_account(
        session=session,
        tenant_id=principal.tenant_id,
        account_id=account_id,
        attributes=body.data.attributes,
    )
    return resource_response(RESOURCE_TYPE, account)


@router.delete(
    "/accounts/{id}", operation_id="destroyAccount", summary="Delete an account", status_code=204
)
async def delete_account(
    account_id: Annotated[AccountId, Path(alias="id")],
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    await service.delete_account(
        session=session, tenant_id=principal.tenant_id, account_id=account_id
    )
    return no_content()
