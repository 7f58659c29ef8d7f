"""REST routes for a simple record: `POST /<plural>`, `PATCH /<plural>/{id}`,
`DELETE /<plural>/{id}`, generated from one `RestResource` so every resource behaves alike.

The routes write through the generic `clarus.core.crud` functions of the resource's `RecordKind`,
or through the domain's own service functions where the resource has more behaviour.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, which
name the per-resource body models local to `add_crud_routes`.
"""

from collections.abc import Awaitable
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    Envelope,
    body_of,
    ensure_matching_id,
    openapi_operation,
    resource_body,
    resource_document_model,
)
from clarus.api.rest.responses import DOCUMENT, ResponseShape, no_content, resource_response
from clarus.core import crud
from clarus.core.fields import INT64_MAX
from clarus.core.records import Record
from clarus.core.schemas import InputModel

RecordIdPath = Annotated[int, Path(alias="id", ge=1, le=INT64_MAX, description="The record's id")]


class CreateService(Protocol):
    def __call__(
        self, session: AsyncSession, *, tenant_id: int, attributes: InputModel
    ) -> Awaitable[Record]: ...


class UpdateService(Protocol):
    def __call__(
        self, session: AsyncSession, *, tenant_id: int, record_id: int, attributes: InputModel
    ) -> Awaitable[Record]: ...


class DeleteService(Protocol):
    def __call__(
        self, session: AsyncSession, *, tenant_id: int, record_id: int
    ) -> Awaitable[None]: ...


@dataclass(frozen=True)
class RestResource:
    """What the routes of one resource need; names follow `clarus-api.json`."""

    kind: crud.RecordKind
    resource_type: str
    """The JSON:API type, also the path segment: `accounts`."""
    schema_name: str
    """Singular CamelCase, for OpenAPI component names: `Account`."""
    create_attributes: type[InputModel]
    update_attributes: type[InputModel]
    record: type[BaseModel]
    create_operation: str
    update_operation: str
    delete_operation: str
    label: str
    """Singular lower-case name for summaries: `account`."""
    shape: ResponseShape = DOCUMENT
    create: CreateService | None = None
    """The domain's create, where it does more than `crud.create_record`."""
    update: UpdateService | None = None
    delete: DeleteService | None = None
    update_returns_record: bool = True
    """False where the update is documented as 204 No Content."""

    def create_service(self) -> CreateService:
        return self.create or partial(crud.create_record, kind=self.kind)

    def update_service(self) -> UpdateService:
        return self.update or partial(crud.update_record, kind=self.kind)

    def delete_service(self) -> DeleteService:
        return self.delete or partial(crud.delete_record, kind=self.kind)


def add_crud_routes(router: APIRouter, resource: RestResource) -> None:
    create_body = resource_body(
        f"Create{resource.schema_name}Body", resource.resource_type, resource.create_attributes
    )
    update_body = resource_body(
        f"Update{resource.schema_name}Body", resource.resource_type, resource.update_attributes
    )
    document = resource_document_model(
        f"{resource.schema_name}Document", resource.resource_type, resource.record
    )
    collection, item = f"/{resource.resource_type}", f"/{resource.resource_type}/{{id}}"
    resource_type, shape = resource.resource_type, resource.shape
    create_service = resource.create_service()
    update_service = resource.update_service()
    delete_service = resource.delete_service()
    update_returns_record = resource.update_returns_record

    async def create(
        principal: PrincipalDep,
        session: SessionDep,
        body: Annotated[Envelope, Depends(body_of(create_body))],
    ) -> Response:
        record = await create_service(
            session, tenant_id=principal.tenant_id, attributes=body.data.attributes
        )
        return resource_response(resource_type, record, shape)

    async def update(
        record_id: RecordIdPath,
        principal: PrincipalDep,
        session: SessionDep,
        body: Annotated[Envelope, Depends(body_of(update_body))],
    ) -> Response:
        ensure_matching_id(body, record_id)
        record = await update_service(
            session,
            tenant_id=principal.tenant_id,
            record_id=record_id,
            attributes=body.data.attributes,
        )
        if not update_returns_record:
            return no_content()
        return resource_response(resource_type, record, shape)

    async def delete(
        record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
    ) -> Response:
        await delete_service(session, tenant_id=principal.tenant_id, record_id=record_id)
        return no_content()

    router.add_api_route(
        collection,
        create,
        methods=["POST"],
        operation_id=resource.create_operation,
        summary=f"Create {_article(resource.label)}",
        openapi_extra=openapi_operation(create_body, document),
    )
    router.add_api_route(
        item,
        update,
        methods=["PATCH"],
        status_code=200 if update_returns_record else 204,
        operation_id=resource.update_operation,
        summary=f"Update {_article(resource.label)}",
        openapi_extra=openapi_operation(update_body, document if update_returns_record else None),
    )
    router.add_api_route(
        item,
        delete,
        methods=["DELETE"],
        status_code=204,
        operation_id=resource.delete_operation,
        summary=f"Delete {_article(resource.label)}",
    )


def _article(label: str) -> str:
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"
