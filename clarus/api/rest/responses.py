"""JSON responses rendered by pydantic-core (UTC datetimes as `...Z`) and the resource document."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import to_json
from starlette.responses import Response

HIDDEN_COLUMNS = frozenset({"id", "tenant_id"})


class JsonResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return to_json(content)


def resource_document(resource_type: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """`{"data": {"id", "type", "attributes"}}`: attributes echo every column, null when unset."""
    attributes = {name: value for name, value in record.items() if name not in HIDDEN_COLUMNS}
    return {"data": {"id": record["id"], "type": resource_type, "attributes": attributes}}


def resource_response(resource_type: str, record: Mapping[str, Any]) -> JsonResponse:
    return JsonResponse(resource_document(resource_type, record))


def no_content() -> Response:
    return Response(status_code=204)
