from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.auth.tables import roles


@strawberry.type(name="Role")
class RoleNode(TimestampsNode):
    id: strawberry.ID
    name: str
    description: str | None
    permissions: list[str]
    role_type: str


@strawberry.input
class RoleFilterType:
    id: IdInputType | None = None
    name: StringInputType | None = None
    role_type: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class RoleQueries:
    all = list_field(RoleNode, RoleFilterType, roles)
