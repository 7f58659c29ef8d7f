"""`automations { all }`: automations with their conditions, actions and action parameters.
Never their webhook secrets; the admin scope only, as their webhook URLs may carry credentials."""

from __future__ import annotations

from typing import Any

import strawberry
from sqlalchemy import ColumnElement, true
from strawberry.scalars import JSON
from strawberry.types import Info

from clarus.api.graphql.connection import Connection, SortInputType, paginate
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    FilterCondition,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.loaders import (
    AutomationActionParametersByAutomationActionIdLoader,
    AutomationActionsByAutomationIdLoader,
    AutomationConditionsByAutomationIdLoader,
)
from clarus.api.graphql.nodes import TimestampsNode
from clarus.auth.scopes import Scope
from clarus.webhooks.queries import automations


@strawberry.type(name="AutomationCondition")
class AutomationConditionNode(TimestampsNode):
    id: strawberry.ID
    automation_id: strawberry.ID
    condition_code: str
    source_path: str
    operator: str
    value: JSON


@strawberry.type(name="AutomationActionParameter")
class AutomationActionParameterNode(TimestampsNode):
    id: strawberry.ID
    automation_action_id: strawberry.ID
    parameter_code: str
    value: str | None
    operator: str | None


@strawberry.type(name="AutomationAction")
class AutomationActionNode(TimestampsNode):
    id: strawberry.ID
    automation_id: strawberry.ID
    destination_type: str
    destination_code: str | None

    @strawberry.field
    async def parameters(
        self, info: Info[GraphQLContext, None]
    ) -> list[AutomationActionParameterNode]:
        loader = AutomationActionParametersByAutomationActionIdLoader.of(info.context)
        parameters: list[AutomationActionParameterNode] = await loader.load(int(self.id))
        return parameters


@strawberry.type(name="Automation")
class AutomationNode(TimestampsNode):
    id: strawberry.ID
    name: str | None
    resource_name: str
    event: str
    enabled: bool
    integration_id: strawberry.ID | None
    disabled_reason: str | None

    @strawberry.field
    async def conditions(self, info: Info[GraphQLContext, None]) -> list[AutomationConditionNode]:
        loader = AutomationConditionsByAutomationIdLoader.of(info.context)
        conditions: list[AutomationConditionNode] = await loader.load(int(self.id))
        return conditions

    @strawberry.field
    async def actions(self, info: Info[GraphQLContext, None]) -> list[AutomationActionNode]:
        loader = AutomationActionsByAutomationIdLoader.of(info.context)
        actions: list[AutomationActionNode] = await loader.load(int(self.id))
        return actions


@strawberry.input(description="eq")
class ResourceNameInputType:
    eq: str | None = None


@strawberry.input(description="eq")
class EventInputType:
    eq: str | None = None


def _equals(column_name: str) -> FilterCondition:
    def condition(spec: Any) -> ColumnElement[bool]:
        return true() if spec.eq is None else automations.c[column_name] == spec.eq

    return condition


@strawberry.input
class AutomationFilterType:
    id: IdInputType | None = None
    name: StringInputType | None = None
    resource_name: ResourceNameInputType | None = None
    event: EventInputType | None = None
    enabled: BooleanInputType | None = None
    integration_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_CONDITIONS = {"resource_name": _equals("resource_name"), "event": _equals("event")}


@strawberry.type
class AutomationQueries:
    @strawberry.field
    async def all(
        self,
        info: Info[GraphQLContext, None],
        filter: AutomationFilterType | None = None,
        sort: SortInputType | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AutomationNode]:
        info.context.require_scope(
            Scope.ADMIN.value,
            "Automations show webhook URLs, so they need a token with the admin scope.",
        )
        return await paginate(
            info.context,
            automations,
            where=filter_clause(filter, automations, conditions=FILTER_CONDITIONS),
            first=first,
            after=after,
            sort=sort,
        )
