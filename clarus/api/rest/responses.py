"""JSON responses rendered by pydantic-core (UTC datetimes as `...Z`) and the resource document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NotRequired, TypedDict

from pydantic_core import to_json
from starlette.responses import Response

from clarus.core.records import reference_of, with_plain_numbers

HIDDEN_COLUMNS = frozenset({"id", "tenant_id"})


class JsonResponse(Response):
    media_type = "application/json"

    def render(self, content: object) -> bytes:
        return to_json(content)


@dataclass(frozen=True, slots=True)
class ResponseShape:
    """How a resource's writes answer, as `clarus-api.json` documents it per resource."""

    flat: bool = False
    """A bare `{"id", ...attributes}` object instead of the `data` document."""
    id_as_string: bool = False
    update_returns_no_content: bool = False
    """An update answers 204 with no body (order types)."""
    links: Mapping[str, tuple[str, str]] | None = None
    """`relationships` naming linked records: relationship name to (column, resource type),
    e.g. `{"account": ("account_id", "accounts")}`; their ids are strings where the record's is
    (`id_as_string`), integers otherwise. A linked column is not repeated in the attributes."""
    with_attributes: bool = True
    """False where the document carries only the record's id, type and `relationships`."""


DOCUMENT = ResponseShape()


class ResourceIdentifier(TypedDict):
    id: int | str
    type: str


class RelationshipLink(TypedDict):
    data: ResourceIdentifier | None


class ResourceObject(TypedDict):
    """`data` of a resource document."""

    id: int | str
    type: str
    attributes: NotRequired[dict[str, object]]
    relationships: NotRequired[dict[str, RelationshipLink]]


class ResourceDocument(TypedDict):
    data: ResourceObject


def attributes_of(
    record: Mapping[str, object], shape: ResponseShape = DOCUMENT
) -> dict[str, object]:
    """Every column but the internal ones and those the shape links, null when unset."""
    linked = {column for column, _linked_type in (shape.links or {}).values()}
    return {
        name: value
        for name, value in with_plain_numbers(record).items()
        if name not in HIDDEN_COLUMNS and name not in linked
    }


def resource_document(
    resource_type: str, record: Mapping[str, object], shape: ResponseShape = DOCUMENT
) -> ResourceDocument | dict[str, object]:
    """`{"data": {"id", "type", "attributes"}}` (with `relationships` where the shape links
    records), or the flat object where documented."""
    record_id = _id_shown(record["id"], as_string=shape.id_as_string)
    if shape.flat:
        return {"id": record_id, **attributes_of(record, shape)}
    data: ResourceObject = {"id": record_id, "type": resource_type}
    if shape.with_attributes:
        data["attributes"] = attributes_of(record, shape)
    if shape.links:
        data["relationships"] = {
            name: {
                "data": _link(
                    reference_of(record, column), linked_type, as_string=shape.id_as_string
                )
            }
            for name, (column, linked_type) in shape.links.items()
        }
    return {"data": data}


def _id_shown(record_id: object, *, as_string: bool) -> int | str:
    if as_string:
        return str(record_id)
    if not isinstance(record_id, int | str):
        raise TypeError(f"A record's id is an integer or a string, not {record_id!r}.")
    return record_id


def _link(
    record_id: int | None, resource_type: str, *, as_string: bool
) -> ResourceIdentifier | None:
    if record_id is None:
        return None
    return {"id": str(record_id) if as_string else record_id, "type": resource_type}


def resource_response(
    resource_type: str, record: Mapping[str, object], shape: ResponseShape = DOCUMENT
) -> JsonResponse:
    return JsonResponse(resource_document(resource_type, record, shape))


def no_content() -> Response:
    return Response(status_code=204)
