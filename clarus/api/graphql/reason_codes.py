from __future__ import annotations

import dataclasses
from enum import Enum

import strawberry
from sqlalchemy import ColumnElement

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    id_condition,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.masterdata.queries import reason_codes_assigned, reason_codes_assigned_to_none
from clarus.masterdata.tables import reason_codes


@strawberry.enum
class ReasonType(Enum):
    negative_adjustment = "negative_adjustment"
    positive_adjustment = "positive_adjustment"
    hold = "hold"
    release = "release"
    short_order_lines = "short_order_lines"
    transfer = "transfer"
    stock_check = "stock_check"


@strawberry.input(description="A reason type: eq, in (any of)")
class ReasonTypeInputType(EnumInputType[ReasonType]):
    pass


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
    if spec.filled is False:
        return reason_codes_assigned_to_none()
    spec = dataclasses.replace(spec, filled=None)
    return reason_codes_assigned(lambda column: id_condition(column, spec, "account_id"))


@strawberry.type
class ReasonCodeQueries:
    all = list_field(
        ReasonCodeNode,
        ReasonCodeFilterType,
        reason_codes,
        conditions={"account_id": _assigned_to_accounts},
    )
