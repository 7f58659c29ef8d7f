"""`putaway_rules { all(filter) }` (ListPutawayRules): each account's put-away sort keys; sort
the list by nothing but id, and read the order from `position`."""

from __future__ import annotations

from enum import Enum

import strawberry

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.references import AccountReferenceNode
from clarus.masterdata.tables import accounts
from clarus.stockcontrol.tables import putaway_rules


@strawberry.enum(name="PutawayRuleKind")
class Rule(Enum):
    code = "code"
    walk_sequence = "walk_sequence"
    remaining_height = "remaining_height"
    pickface_proximity = "pickface_proximity"


@strawberry.enum(name="PutawayRuleDirection")
class Direction(Enum):
    asc = "asc"
    desc = "desc"


@strawberry.input(description="A put-away rule: eq, in (any of)")
class RuleInputType(EnumInputType[Rule]):
    pass


@strawberry.input(description="A sort direction (asc, desc): eq, in (any of)")
class DirectionInputType(EnumInputType[Direction]):
    pass


@strawberry.type(name="PutawayRule")
class PutawayRuleNode(AccountReferenceNode, TimestampsNode):
    id: strawberry.ID
    rule: str
    direction: str
    position: int


@strawberry.input
class PutawayRuleFilterType:
    id: IdInputType | None = None
    account_id: IdInputType | None = None
    account_code: StringInputType | None = None
    rule: RuleInputType | None = None
    direction: DirectionInputType | None = None
    position: IntegerInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class PutawayRuleQueries:
    all = list_field(
        PutawayRuleNode,
        PutawayRuleFilterType,
        putaway_rules,
        columns={"account_code": referenced_column(accounts, "code", putaway_rules.c.account_id)},
    )
