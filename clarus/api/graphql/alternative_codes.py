"""The alternative codes list (ours: the contract documents their writes but no list)."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.catalog.tables import alternative_code_types, alternative_codes


@strawberry.type(name="AlternativeCode")
class AlternativeCodeNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    alternative_code_type_id: strawberry.ID
    alternative_codeable_type: str | None
    alternative_codeable_id: strawberry.ID | None
    owner_type: str | None
    owner_id: strawberry.ID | None


@strawberry.input
class AlternativeCodeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    alternative_code_type_id: IdInputType | None = None
    alternative_code_type_code: StringInputType | None = None
    alternative_codeable_type: StringInputType | None = None
    alternative_codeable_id: IdInputType | None = None
    owner_type: StringInputType | None = None
    owner_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_COLUMNS = {
    "alternative_code_type_code": referenced_column(
        alternative_code_types, "code", alternative_codes.c.alternative_code_type_id
    )
}


@strawberry.type
class AlternativeCodeQueries:
    all = list_field(
        AlternativeCodeNode, AlternativeCodeFilterType, alternative_codes, columns=FILTER_COLUMNS
    )
