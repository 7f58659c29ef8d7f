"""`automations { all }`: automations with their conditions, actions and action parameters.
Never their webhook secrets; the admin scope only, as their webhook URLs may carry credentials."""

from __future__ import annotations

import strawberry
from sqlalchemy import ColumnElement
from strawberry.scalars import JSON

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    FilterCondition,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    AutomationActionParametersByAutomationActionIdLoader,
    AutomationActionsByAutomationIdLoader,
    AutomationConditionsByAutomationIdLoader,
    loaded_field,
)
from clarus.api.graphql.nodes import TimestampsNode
from clarus.auth.scopes import Scope
from clarus.webhooks.queries import automations_where
from clarus.webhooks.tables import automations


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

    parameters = loaded_field(
        AutomationActionParametersByAutomationActionIdLoader,
        "id",
        list[AutomationActionParameterNode],
    )


@strawberry.type(name="Automation")
class AutomationNode(TimestampsNode):
    id: strawberry.ID
    name: str | None
    resource_name: str
    event: str
    enabled: bool
    integration_id: strawberry.ID | None
    disabled_reason: str | None

    conditions = loaded_field(
        AutomationConditionsByAutomationIdLoader, "id", list[AutomationConditionNode]
    )

    actions = loaded_field(AutomationActionsByAutomationIdLoader, "id", list[AutomationActionNode])


@strawberry.input(description="eq")
class ResourceNameInputType:
    eq: str | None = None


@strawberry.input(description="eq")
class EventInputType:
    eq: str | None = None


def _equals(column_name: str) -> FilterCondition:
    def condition(spec: ResourceNameInputType | EventInputType) -> ColumnElement[bool]:
        return automations_where(column_name, spec.eq)

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
    all = list_field(
        AutomationNode,
        AutomationFilterType,
        automations,
        conditions=FILTER_CONDITIONS,
        required_scope=(
            Scope.ADMIN.value,
            "Automations show webhook URLs, so they need a token with the admin scope.",
        ),
    )
