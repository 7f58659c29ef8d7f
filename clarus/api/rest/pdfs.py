"""Actions that answer with a PDF (labels) and take an optional `data` envelope."""

from __future__ import annotations

from typing import Generic, TypeAlias, TypeVar

from fastapi import Request, Response

from clarus.api.rest.envelope import (
    Envelope,
    FieldDefinition,
    documented_models,
    model_with_fields,
    parse_envelope,
)
from clarus.core.json_types import JSONObject
from clarus.core.schemas import InputModel, tag_field

PDF = "application/pdf"
AttributesT = TypeVar("AttributesT", bound=InputModel, covariant=True)


class OptionalAttributesData(InputModel, Generic[AttributesT]):
    """`data` of an action whose attributes all default: its `type` (required and the resource
    type's tag in `optional_body_model`'s) and `attributes`."""

    type: str | None = None
    attributes: AttributesT


OptionalAttributesBody: TypeAlias = Envelope[OptionalAttributesData[AttributesT]]


def optional_body_model(
    name: str, resource_type: str, attributes: type[AttributesT]
) -> type[OptionalAttributesBody[AttributesT]]:
    """`{"data": {"type", "attributes"}}` whose attributes all default, registered for the
    OpenAPI document."""
    fields: dict[str, FieldDefinition] = {
        "type": tag_field(resource_type),
        "attributes": (attributes, attributes()),
    }
    data = model_with_fields(f"{name}Data", OptionalAttributesData, fields)
    model = model_with_fields(name, Envelope, {"data": (data, ...)})
    documented_models[name] = model
    return model


async def optional_attributes(
    request: Request,
    body_model: type[OptionalAttributesBody[AttributesT]],
    attributes: type[AttributesT],
) -> AttributesT:
    """The body's attributes, or the defaults when no body was sent at all."""
    raw = await request.body()
    if not raw.strip():
        return attributes()
    return parse_envelope(body_model, raw).data.attributes


def pdf_openapi(body_model: type[Envelope[InputModel]], description: str) -> JSONObject:
    """`openapi_extra` of a PDF action: the optional JSON body and the `application/pdf` answer."""
    reference: JSONObject = {"$ref": f"#/components/schemas/{body_model.__name__}"}
    return {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": reference}},
        },
        "responses": {
            "200": {
                "description": description,
                "content": {PDF: {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    }


def pdf_response(pdf: bytes, filename: str) -> Response:
    return Response(
        pdf, media_type=PDF, headers={"Content-Disposition": f'inline; filename="{filename}"'}
    )
