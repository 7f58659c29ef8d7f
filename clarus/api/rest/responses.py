"""JSON responses rendered by pydantic-core (UTC datetimes as `...Z`) and the resource document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic_core import to_json
from starlette.responses import Response

from clarus.core.records import with_plain_numbers

HIDDEN_COLUMNS = frozenset({"id", "tenant_id"})


class JsonResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return to_json(content)


@dataclass(frozen=True, slots=True)
class ResponseShape:
    """How a resource's writes answer, as `clarus-api.json` documents it per resource."""

    flat: bool = False
    """A bare `{"id", ...attributes}` object instead of the `data` document."""
    id_as_string: bool = False
    update_returns_no_content: bool = False
    """An update answers 204 with no body (order types)."""


DOCUMENT = ResponseShape()


def attributes_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """Every column but the internal ones, null when unset."""
    return {
        name: value
        for name, value in with_plain_numbers(record).items()
        if name not in HIDDEN_COLUMNS
    }


def resource_document(
    resource_type: str, record: Mapping[str, Any], shape: ResponseShape = DOCUMENT
) -> dict[str, Any]:
    """`{"data": {"id", "type", "attributes"}}`, or the flat object where documented."""
    record_id = str(record["id"]) if shape.id_as_string else record["id"]
    if shape.flat:
        return {"id": record_id, **attributes_of(record)}
    return {"data": {"id": record_id, "type": resource_type, "attributes": attributes_of(record)}}


def resource_response(
    resource_type: str, record: Mapping[str, Any], shape: ResponseShape = DOCUMENT
) -> JsonResponse:
    return JsonResponse(resource_document(resource_type, record, shape))


def no_content() -> Response:
    return Response(status_code=204)
