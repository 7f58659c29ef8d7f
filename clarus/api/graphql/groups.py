"""`groups { all(filter) }` (ListGroups): groups of products and locations, with the ids of
their members (ours)."""

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
from clarus.stockcontrol.tables import groups


@strawberry.type(name="Group")
class GroupNode(TimestampsNode):
    id: strawberry.ID
    name: str
    is_active: bool
    use_for_products: bool
    use_for_locations: bool


@strawberry.input
class GroupFilterType:
    id: IdInputType | None = None
    name: StringInputType | None = None
    is_active: BooleanInputType | None = None
    use_for_products: BooleanInputType | None = None
    use_for_locations: BooleanInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class GroupQueries:
    all = list_field(GroupNode, GroupFilterType, groups)
