"""Trailer types and trailers."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import TrailerTypeByIdLoader, loaded_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.shipping.tables import trailer_types, trailers

TRAILER_FILTER_COLUMNS = {
    "trailer_type_code": referenced_column(trailer_types, "code", trailers.c.trailer_type_id)
}


@strawberry.type(name="TrailerType")
class TrailerTypeNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    storage_unit_capacity: int | None


@strawberry.input
class TrailerTypeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    description: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class TrailerTypeQueries:
    all = list_field(TrailerTypeNode, TrailerTypeFilterType, trailer_types)


@strawberry.type(name="Trailer")
class TrailerNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    active: bool
    trailer_type_id: strawberry.ID

    trailer_type = loaded_field(TrailerTypeByIdLoader, "trailer_type_id", TrailerTypeNode | None)


@strawberry.input
class TrailerFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    active: BooleanInputType | None = None
    trailer_type_id: IdInputType | None = None
    trailer_type_code: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class TrailerQueries:
    all = list_field(TrailerNode, TrailerFilterType, trailers, columns=TRAILER_FILTER_COLUMNS)
