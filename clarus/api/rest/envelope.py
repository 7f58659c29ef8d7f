"""The JSON:API-like request envelope `{"data": {"type", "attributes", "relationships"}}`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import cache
from typing import Generic, Protocol, TypeAlias, TypeVar

from fastapi import Request
from pydantic import BaseModel, SerializeAsAny, create_model

from clarus.api.rest.responses import DOCUMENT, ResponseShape
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.json_types import JSONObject
from clarus.core.schemas import InputModel, tag_field
from clarus.core.validation import parse_json_body

_TYPE_POINTER = "/data/type"
documented_models: dict[str, type[BaseModel]] = {}
"""Request and response models by schema name, added to the OpenAPI document's components."""


DataT = TypeVar("DataT", bound=BaseModel, covariant=True)
AttributesT = TypeVar("AttributesT", bound=BaseModel, covariant=True)
"""Covariant: request models are frozen (`InputModel`), so a body is read, never written."""
ModelT = TypeVar("ModelT", bound=BaseModel)
FieldDefinition: TypeAlias = tuple[object, object]
"""A field as `create_model` takes it: `(annotation, default)`, `...` for no default."""


class Envelope(InputModel, Generic[DataT]):
    """`{"data": ...}`, the body of every resource write."""

    data: DataT


class ResourceData(InputModel, Generic[AttributesT]):
    """`data` of one resource write. `resource_body` makes `type` the resource type's tag and
    adds `relationships` where the resource links records."""

    type: str
    id: int | str | None = None
    attributes: AttributesT


ResourceBody: TypeAlias = Envelope[ResourceData[AttributesT]]
"""The request of one resource write whose attributes are `AttributesT`."""
EnvelopeT = TypeVar("EnvelopeT", bound=Envelope[BaseModel])


def model_with_fields(
    name: str, base: type[ModelT], fields: Mapping[str, FieldDefinition]
) -> type[ModelT]:
    """`create_model` for fields named at run time. Every other option is given (each as its
    default; the module is this one) so that a type checker knows `fields` can only be fields
    rather than any of the options."""
    return create_model(
        name,
        __config__=None,
        __doc__=None,
        __base__=base,
        __module__=__name__,
        __validators__=None,
        __cls_kwargs__=None,
        __qualname__=None,
        **fields,
    )


def resource_body(
    name: str,
    resource_type: str,
    attributes: type[AttributesT],
    relationships: type[BaseModel] | None = None,
) -> type[ResourceBody[AttributesT]]:
    """The request model of one resource write (`name`, and `<name>Data` for its `data`),
    registered for the OpenAPI document."""
    fields: dict[str, FieldDefinition] = {
        "type": tag_field(resource_type),
        "attributes": (attributes, ...),
    }
    if relationships is not None:
        fields["relationships"] = (relationships | None, None)
    data = model_with_fields(f"{name}Data", ResourceData, fields)
    model = model_with_fields(name, Envelope, {"data": (data, ...)})
    documented_models[name] = model
    return model


class _LinkedData(Protocol):
    @property
    def attributes(self) -> InputModel: ...


class _Link(Protocol):
    """A link sent in `data.relationships`: `{"data": {"type", "attributes"}}`."""

    @property
    def data(self) -> _LinkedData: ...


def linked_attributes(data: ResourceData[InputModel]) -> InputModel:
    """`data.attributes`, and each link sent in `data.relationships` as the attribute of the same
    name holding the linked record's attributes: a warehouse's `relationships.address` reaches
    the writes as its `address`, as a customer's nested `address` does."""
    attributes = data.attributes
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


def _linked_attributes(link: _Link | None) -> InputModel | None:
    return None if link is None else link.data.attributes


@cache
def _with_links(attributes: type[InputModel], names: tuple[str, ...]) -> type[InputModel]:
    """`attributes` with one field per link (already validated as part of the body)."""
    fields: dict[str, FieldDefinition] = {
        name: (SerializeAsAny[InputModel] | None, None) for name in names
    }
    return model_with_fields(f"{attributes.__name__}WithLinks", attributes, fields)


def ensure_matching_id(body: ResourceBody[BaseModel], record_id: int) -> None:
    """A `data.id` in an update body, when sent, must be the id in the path."""
    sent = body.data.id
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
    data_fields: dict[str, FieldDefinition] = {
        "id": (id_type, ...),
        "type": tag_field(resource_type),
    }
    if shape.with_attributes:
        data_fields["attributes"] = (attributes, ...)
    if shape.links:
        data_fields["relationships"] = (_relationships_model(name, shape.links, id_type), ...)
    data = model_with_fields(f"{name}Data", BaseModel, data_fields)
    return create_model(name, data=(data, ...))


def _relationships_model(
    name: str, links: Mapping[str, tuple[str, str]], id_type: type
) -> type[BaseModel]:
    fields: dict[str, FieldDefinition] = {}
    for relationship, (_column, linked_type) in links.items():
        prefix = f"{name}{relationship.title()}"
        linked = create_model(f"{prefix}Data", id=(id_type, ...), type=tag_field(linked_type))
        fields[relationship] = (create_model(f"{prefix}Link", data=(linked | None, ...)), ...)
    return model_with_fields(f"{name}Relationships", BaseModel, fields)


def _schema_ref(model: type[BaseModel]) -> JSONObject:
    return {
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
        }
    }


def openapi_operation(
    body: type[BaseModel] | None = None, response: type[BaseModel] | None = None
) -> JSONObject:
    """`openapi_extra` declaring the JSON request body and 200 response (validation is ours)."""
    extra: JSONObject = {}
    if body is not None:
        extra["requestBody"] = {"required": True, **_schema_ref(body)}
    if response is not None:
        extra["responses"] = {"200": {"description": "The record", **_schema_ref(response)}}
    return extra
