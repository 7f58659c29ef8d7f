from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.catalog.tables import alternative_code_types


@strawberry.type(name="AlternativeCodeType")
class AlternativeCodeTypeNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    system_type: bool


@strawberry.input
class AlternativeCodeTypeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    description: StringInputType | None = None
    system_type: BooleanInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class AlternativeCodeTypeQueries:
    all = list_field(AlternativeCodeTypeNode, AlternativeCodeTypeFilterType, alternative_code_types)
