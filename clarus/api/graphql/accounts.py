from __future__ import annotations

import strawberry
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.core.db import table_of
from clarus.masterdata.models import Account

accounts = table_of(Account)


@strawberry.type(name="Account")
class AccountNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    email: str | None
    vat_number: str | None
    is_active: bool
    is_short_pickable: bool
    dispatch_strategy: str | None
    tote_dispatch_strategy: str | None
    pack_strategy: str | None


@strawberry.input
class AccountFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    is_short_pickable: BooleanInputType | None = None
    is_active: BooleanInputType | None = None
    external_system_reference1: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class AccountQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: AccountFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AccountNode]:
        return await paginate(
            info.context,
            accounts,
            where=filter_clause(filter, accounts),
            first=first,
            after=after,
            sort=sort,
        )
