"""REST routes for a simple record: `POST /<plural>`, `PATCH /<plural>/{id}`,
`DELETE /<plural>/{id}`, generated from one `RestResource` so every resource behaves alike.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, which
name the per-resource body models local to `add_crud_routes`.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel

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
from clarus.core.schemas import InputModel

RecordIdPath = Annotated[int, Path(alias="id", ge=1, le=INT64_MAX, description="The record's id")]


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
    relationships: type[BaseModel] | None = None
    """The `data.relationships` model the writes accept, if any."""
    writes: crud.RecordWrites | None = None
    """Writes with more behaviour than the kind's generic ones."""


def add_crud_routes(router: APIRouter, resource: RestResource) -> None:
    create_body = resource_body(
        f"Create{resource.schema_name}Body",
        resource.resource_type,
        resource.create_attributes,
        resource.relationships,
    )
    update_body = resource_body(
        f"Update{resource.schema_name}Body",
        resource.resource_type,
        resource.update_attributes,
        resource.relationships,
    )
    document = resource_document_model(
        f"{resource.schema_name}Document", resource.resource_type, resource.record, resource.shape
    )
    collection, item = f"/{resource.resource_type}", f"/{resource.resource_type}/{{id}}"
    writes = resource.writes or crud.KindWrites(resource.kind)
    resource_type, shape = resource.resource_type, resource.shape

    async def create(
        principal: PrincipalDep,
        session: SessionDep,
        body: Annotated[Envelope, Depends(body_of(create_body))],
    ) -> Response:
        record = await writes.create(
            session,
            tenant_id=principal.tenant_id,
            attributes=body.data.attributes,
            relationships=getattr(body.data, "relationships", None),
        )
        return resource_response(resource_type, record, shape)

    async def update(
        record_id: RecordIdPath,
        principal: PrincipalDep,
        session: SessionDep,
        body: Annotated[Envelope, Depends(body_of(update_body))],
    ) -> Response:
        ensure_matching_id(body, record_id)
        record = await writes.update(
            session,
            tenant_id=principal.tenant_id,
            record_id=record_id,
            attributes=body.data.attributes,
            relationships=getattr(body.data, "relationships", None),
        )
        return resource_response(resource_type, record, shape)

    async def delete(
        record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
    ) -> Response:
        await writes.delete(session, tenant_id=principal.tenant_id, record_id=record_id)
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
        operation_id=resource.update_operation,
        summary=f"Update {_article(resource.label)}",
        openapi_extra=openapi_operation(update_body, document),
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
