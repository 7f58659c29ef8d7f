"""The JSON:API-like request envelope `{"data": {"type", "attributes", "relationships"}}`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, SerializeAsAny, create_model

from clarus.api.rest.responses import DOCUMENT, ResponseShape
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.schemas import InputModel, tag_field
from clarus.core.validation import parse_json_body

_TYPE_POINTER = "/data/type"
documented_models: dict[str, type[BaseModel]] = {}
"""Request and response models by schema name, added to the OpenAPI document's components."""


class Envelope(InputModel):
    data: Any


EnvelopeT = TypeVar("EnvelopeT", bound=Envelope)


def resource_body(
    name: str,
    resource_type: str,
    attributes: type[BaseModel],
    relationships: type[BaseModel] | None = None,
) -> type[Envelope]:
    """The request model of one resource write, registered for the OpenAPI document."""
    data_fields: dict[str, Any] = {
        "type": tag_field(resource_type),
        "id": (int | str | None, None),
        "attributes": (attributes, ...),
    }
    if relationships is not None:
        data_fields["relationships"] = (relationships | None, None)
    data = create_model(f"{name}Data", __base__=InputModel, **data_fields)
    model = create_model(name, __base__=Envelope, data=(data, ...))
    documented_models[name] = model
    return model


def linked_attributes(data: Any) -> InputModel:
    """`data.attributes`, and each link sent in `data.relationships` as the attribute of the same
    name holding the linked record's attributes: a warehouse's `relationships.address` reaches
    the writes as its `address`, as a customer's nested `address` does."""
    attributes: InputModel = data.attributes
    relationships: InputModel | None = getattr(data, "relationships", None)
    if relationships is None or not relationships.model_fields_set:
        return attributes
    links = {
        name: _linked_attributes(getattr(relationships, name))
        for name in relationships.model_fields_set
    }
    model = _with_links(type(attributes), tuple(type(relationships).model_fields))
    return model.model_construct(
        attributes.model_fields_set | links.keys(), **dict(attributes), **links
    )


def _linked_attributes(link: Any) -> InputModel | None:
    return None if link is None else link.data.attributes


@cache
def _with_links(attributes: type[InputModel], names: tuple[str, ...]) -> type[InputModel]:
    """`attributes` with one field per link (already validated as part of the body)."""
    fields: dict[str, Any] = {name: (SerializeAsAny[InputModel] | None, None) for name in names}
    return create_model(f"{attributes.__name__}WithLinks", __base__=attributes, **fields)


def ensure_matching_id(body: Envelope, record_id: int) -> None:
    """A `data.id` in an update body, when sent, must be the id in the path."""
    sent = getattr(body.data, "id", None)
    if sent is not None and str(sent) != str(record_id):
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE, f"data.id {sent!r} is not {record_id}.", path="/data/id"
        )


def _resource_type_problem(problem: Problem) -> Problem:
    if problem.path != _TYPE_POINTER or problem.kind is ErrorKind.MISSING_FIELD:
        return problem
    return Problem(ErrorKind.INVALID_RESOURCE_TYPE, problem.details, problem.path, problem.context)


def parse_envelope(model: type[EnvelopeT], body: bytes) -> EnvelopeT:
    try:
        return parse_json_body(model, body)
    except ClarusError as error:
        raise ClarusError(*map(_resource_type_problem, error.problems)) from None


def body_of(
    model: type[EnvelopeT],
) -> Callable[[Request], Awaitable[EnvelopeT]]:
    """A dependency reading the request body into `model` with strict JSON validation."""

    async def read(request: Request) -> EnvelopeT:
        return parse_envelope(model, await request.body())

    return read


def resource_document_model(
    name: str, resource_type: str, attributes: type[BaseModel], shape: ResponseShape = DOCUMENT
) -> type[BaseModel]:
    """The documented response of one resource: `{"data": {"id", "type", "attributes"}}` (with
    the `relationships` the shape links), or the flat `{"id", ...attributes}` object where the
    shape says so."""
    id_type: type = str if shape.id_as_string else int
    document = (
        _flat_model(name, attributes, id_type)
        if shape.flat
        else _document_model(name, resource_type, attributes, id_type, shape)
    )
    documented_models[name] = document
    return document


def _flat_model(name: str, attributes: type[BaseModel], id_type: type) -> type[BaseModel]:
    return create_model(name, __base__=attributes, id=(id_type, ...))


def _document_model(
    name: str,
    resource_type: str,
    attributes: type[BaseModel],
    id_type: type,
    shape: ResponseShape,
) -> type[BaseModel]:
    data_fields: dict[str, Any] = {"id": (id_type, ...), "type": tag_field(resource_type)}
    if shape.with_attributes:
        data_fields["attributes"] = (attributes, ...)
    if shape.links:
        data_fields["relationships"] = (_relationships_model(name, shape.links, id_type), ...)
    data = create_model(f"{name}Data", **data_fields)
    return create_model(name, data=(data, ...))


def _relationships_model(
    name: str, links: Mapping[str, tuple[str, str]], id_type: type
) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for relationship, (_column, linked_type) in links.items():
        prefix = f"{name}{relationship.title()}"
        linked = create_model(f"{prefix}Data", id=(id_type, ...), type=tag_field(linked_type))
        fields[relationship] = (create_model(f"{prefix}Link", data=(linked | None, ...)), ...)
    return create_model(f"{name}Relationships", **fields)


def _schema_ref(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
        }
    }


def openapi_operation(
    body: type[BaseModel] | None = None, response: type[BaseModel] | None = None
) -> dict[str, Any]:
    """`openapi_extra` declaring the JSON request body and 200 response (validation is ours)."""
    extra: dict[str, Any] = {}
    if body is not None:
        extra["requestBody"] = {"required": True, **_schema_ref(body)}
    if response is not None:
        extra["responses"] = {"200": {"description": "The record", **_schema_ref(response)}}
    return extra
