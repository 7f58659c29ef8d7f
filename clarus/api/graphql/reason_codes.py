from __future__ import annotations

import dataclasses
from enum import Enum

import strawberry
from sqlalchemy import ColumnElement, exists
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    enum_input,
    filter_clause,
    id_condition,
)
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.core.db import table_of
from clarus.masterdata.models import ReasonCodeAccount
from clarus.masterdata.service import REASON_CODES

reason_codes = REASON_CODES.table
reason_code_accounts = table_of(ReasonCodeAccount)


@strawberry.enum
class ReasonType(Enum):
    negative_adjustment = "negative_adjustment"
    positive_adjustment = "positive_adjustment"
    hold = "hold"
    release = "release"
    short_order_lines = "short_order_lines"
    transfer = "transfer"
    stock_check = "stock_check"


@enum_input
@strawberry.input(description="A reason type: eq, in (any of)")
class ReasonTypeInputType:
    eq: ReasonType | None = None
    in_: list[ReasonType] | None = strawberry.field(name="in", default=None)


@strawberry.type(name="ReasonCode")
class ReasonCodeNode(ExternalReferencesNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str
    reason_type: str
    active: bool
    generic: bool


@strawberry.input
class ReasonCodeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    reason_type: ReasonTypeInputType | None = None
    active: BooleanInputType | None = None
    generic: BooleanInputType | None = None
    account_id: IdInputType | None = strawberry.field(
        default=None, description="Accounts the reason code is assigned to"
    )
    external_system_reference1: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


def _assigned_to_accounts(spec: IdInputType) -> ColumnElement[bool]:
    """Reason codes assigned to the matching accounts (`filled: false`: assigned to none)."""
    assigned = exists().where(reason_code_accounts.c.reason_code_id == reason_codes.c.id)
    if spec.filled is False:
        return ~assigned
    spec = dataclasses.replace(spec, filled=None)
    condition: ColumnElement[bool] = assigned.where(
        *id_condition(reason_code_accounts.c.account_id, spec, "account_id")
    )
    return condition


@strawberry.type
class ReasonCodeQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: ReasonCodeFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ReasonCodeNode]:
        return await paginate(
            info.context,
            reason_codes,
            where=filter_clause(
                filter, reason_codes, conditions={"account_id": _assigned_to_accounts}
            ),
            first=first,
            after=after,
            sort=sort,
        )
