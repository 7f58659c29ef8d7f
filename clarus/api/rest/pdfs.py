"""Actions that answer with a PDF (labels) and take an optional `data` envelope."""

from typing import Any

from fastapi import Request, Response
from pydantic import create_model

from clarus.api.rest.envelope import Envelope, documented_models, parse_envelope
from clarus.core.schemas import InputModel, tag_field

PDF = "application/pdf"


def optional_body_model(
    name: str, resource_type: str, attributes: type[InputModel]
) -> type[Envelope]:
    """`{"data": {"type", "attributes"}}` whose attributes all default, registered for the
    OpenAPI document."""
    data = create_model(
        f"{name}Data",
        __base__=InputModel,
        type=tag_field(resource_type),
        attributes=(attributes, attributes()),
    )
    model = create_model(name, __base__=Envelope, data=(data, ...))
    documented_models[name] = model
    return model


async def optional_attributes(
    request: Request, body_model: type[Envelope], attributes: type[InputModel]
) -> Any:
    """The body's attributes, or the defaults when no body was sent at all."""
    raw = await request.body()
    if not raw.strip():
        return attributes()
    return parse_envelope(body_model, raw).data.attributes


def pdf_openapi(body_model: type[Envelope], description: str) -> dict[str, Any]:
    """`openapi_extra` of a PDF action: the optional JSON body and the `application/pdf` answer."""
    reference = {"$ref": f"#/components/schemas/{body_model.__name__}"}
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
