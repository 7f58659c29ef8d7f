from __future__ import annotations

import strawberry
from sqlalchemy import ColumnElement, select
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
    id_condition,
)
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.core.db import table_of
from clarus.masterdata.models import Account, AccountWarehouse

accounts = table_of(Account)
account_warehouses = table_of(AccountWarehouse)


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
    warehouse_id: IdInputType | None = strawberry.field(
        default=None,
        description="Accounts associated with a warehouse (account_warehouses); `filled: false`"
        " finds the accounts associated with none",
    )
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


def _in_warehouse(spec: IdInputType) -> ColumnElement[bool]:
    """Accounts with a link to a warehouse that `spec` matches."""
    links = select(account_warehouses.c.account_id).where(
        account_warehouses.c.tenant_id == accounts.c.tenant_id
    )
    if spec.filled is False:
        return accounts.c.id.not_in(links)
    matching = id_condition(account_warehouses.c.warehouse_id, spec, "warehouse_id")
    return accounts.c.id.in_(links.where(*matching))


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
            where=filter_clause(filter, accounts, conditions={"warehouse_id": _in_warehouse}),
            first=first,
            after=after,
            sort=sort,
        )
