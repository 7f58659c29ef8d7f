"""REST routes for a simple record: `POST /<plural>`, `PATCH /<plural>/{id}`,
`DELETE /<plural>/{id}`, generated from one `RestResource` so every resource behaves alike.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, which
name the per-resource body models local to `add_crud_routes`.
"""

from dataclasses import dataclass
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    ensure_matching_id,
    linked_attributes,
    openapi_operation,
    resource_body,
    resource_document_model,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import DOCUMENT, ResponseShape, no_content, resource_response
from clarus.auth.principal import Principal
from clarus.core import crud
from clarus.core.fields import INT64_MAX
from clarus.core.records import RowDict
from clarus.core.schemas import InputModel

RecordIdPath = Annotated[int, Path(alias="id", ge=1, le=INT64_MAX, description="The record's id")]


class ActingWrites(Protocol):
    """The three writes of a resource whose rules depend on who is acting (users: nobody
    deletes or deactivates the user they act as)."""

    async def create(
        self, session: AsyncSession, principal: Principal, attributes: InputModel
    ) -> RowDict: ...

    async def update(
        self, session: AsyncSession, principal: Principal, record_id: int, attributes: InputModel
    ) -> RowDict: ...

    async def delete(self, session: AsyncSession, principal: Principal, record_id: int) -> None: ...


@dataclass(frozen=True)
class KindWrites:
    """A `RecordKind`'s writes (generic, or the resource's own `crud.RecordWrites`), called in
    the caller's tenant."""

    kind: crud.RecordKind
    writes: crud.RecordWrites

    async def create(
        self, session: AsyncSession, principal: Principal, attributes: InputModel
    ) -> RowDict:
        return await self.writes.create(
            session, self.kind, tenant_id=principal.tenant_id, attributes=attributes
        )

    async def update(
        self, session: AsyncSession, principal: Principal, record_id: int, attributes: InputModel
    ) -> RowDict:
        return await self.writes.update(
            session,
            self.kind,
            tenant_id=principal.tenant_id,
            record_id=record_id,
            attributes=attributes,
        )

    async def delete(self, session: AsyncSession, principal: Principal, record_id: int) -> None:
        await self.writes.delete(
            session, self.kind, tenant_id=principal.tenant_id, record_id=record_id
        )


@dataclass(frozen=True, kw_only=True)
class RestResource:
    """What the routes of one resource need; names follow `clarus-api.json`. The writes are the
    `kind`'s (generic unless `writes` says otherwise), or `acting_writes` where the acting user
    matters."""

    kind: crud.RecordKind | None = None
    writes: crud.RecordWrites = crud.GENERIC_WRITES
    acting_writes: ActingWrites | None = None
    resource_type: str
    """The JSON:API type, also the path segment: `accounts`."""
    schema_name: str
    """Singular CamelCase, for OpenAPI component names: `Account`."""
    create_attributes: type[InputModel] | None
    """None for a resource that cannot be created on its own (no `POST`)."""
    update_attributes: type[InputModel]
    relationships: type[InputModel] | None = None
    """The `data.relationships` model the writes' bodies take, if any; each link sent reaches
    the writes as the attribute of the same name (a warehouse's address as `address`)."""
    record: type[BaseModel]
    create_operation: str | None
    update_operation: str
    delete_operation: str
    label: str
    """Singular lower-case name for summaries: `account`."""
    shape: ResponseShape = DOCUMENT
    path: str | None = None
    """The path segment when it is not `resource_type`: `rf/flows` for `rf_flows`."""

    @property
    def collection_path(self) -> str:
        return f"/{self.path or self.resource_type}"

    def record_writes(self) -> ActingWrites:
        if self.acting_writes is not None:
            return self.acting_writes
        if self.kind is None:
            raise ValueError(f"{self.resource_type}: a RestResource needs a kind or writes")
        return KindWrites(self.kind, self.writes)


def add_crud_routes(router: APIRouter, resource: RestResource) -> None:
    document = resource_document_model(
        f"{resource.schema_name}Document", resource.resource_type, resource.record, resource.shape
    )
    if resource.create_attributes is not None and resource.create_operation is not None:
        _add_create_route(
            router, resource, resource.create_attributes, resource.create_operation, document
        )
    update_body = resource_body(
        f"Update{resource.schema_name}Body",
        resource.resource_type,
        resource.update_attributes,
        resource.relationships,
    )
    item = f"{resource.collection_path}/{{id}}"
    writes, resource_type, shape = resource.record_writes(), resource.resource_type, resource.shape

    async def update(
        record_id: RecordIdPath,
        principal: PrincipalDep,
        session: SessionDep,
        body: Annotated[ResourceBody[InputModel], Depends(body_of(update_body))],
    ) -> Response:
        ensure_matching_id(body, record_id)
        with input_at(ATTRIBUTES):
            record = await writes.update(
                session, principal, record_id, linked_attributes(body.data)
            )
        if shape.update_returns_no_content:
            return no_content()
        return resource_response(resource_type, record, shape)

    async def delete(
        record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
    ) -> Response:
        await writes.delete(session, principal, record_id)
        return no_content()

    no_body = shape.update_returns_no_content
    router.add_api_route(
        item,
        update,
        methods=["PATCH"],
        status_code=204 if no_body else 200,
        operation_id=resource.update_operation,
        summary=f"Update {_article(resource.label)}",
        openapi_extra=openapi_operation(update_body, None if no_body else document),
    )
    router.add_api_route(
        item,
        delete,
        methods=["DELETE"],
        status_code=204,
        operation_id=resource.delete_operation,
        summary=f"Delete {_article(resource.label)}",
    )


def _add_create_route(
    router: APIRouter,
    resource: RestResource,
    attributes: type[InputModel],
    operation_id: str,
    document: type[BaseModel],
) -> None:
    body_model = resource_body(
        f"Create{resource.schema_name}Body",
        resource.resource_type,
        attributes,
        resource.relationships,
    )
    writes, resource_type, shape = resource.record_writes(), resource.resource_type, resource.shape

    async def create(
        principal: PrincipalDep,
        session: SessionDep,
        body: Annotated[ResourceBody[InputModel], Depends(body_of(body_model))],
    ) -> Response:
        with input_at(ATTRIBUTES):
            record = await writes.create(session, principal, linked_attributes(body.data))
        return resource_response(resource_type, record, shape)

    router.add_api_route(
        resource.collection_path,
        create,
        methods=["POST"],
        operation_id=operation_id,
        summary=f"Create {_article(resource.label)}",
        openapi_extra=openapi_operation(body_model, document),
    )


def _article(label: str) -> str:
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"
