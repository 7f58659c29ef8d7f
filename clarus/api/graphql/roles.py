from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.nodes import TimestampsNode
from clarus.auth.roles import roles


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
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: RoleFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[RoleNode]:
        return await paginate(
            info.context,
            roles,
            where=filter_clause(filter, roles),
            first=first,
            after=after,
            sort=sort,
        )
