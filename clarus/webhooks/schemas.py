"""Request models of automations: the automation, and its conditions, actions and action
parameters as `*_changes` arrays (the same change items as a record's `lines_changes`); and of
the delivery log's actions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Discriminator, StringConstraints
from pydantic_core import PydanticCustomError

from clarus.core.changes import AddLine, DestroyLine, LineChange, UpdateLine
from clarus.core.fields import (
    INT64_MAX,
    INT64_MIN,
    LongText,
    NonNegativeInteger,
    Text,
    Timestamp,
)
from clarus.core.schemas import Field, InputModel, Omittable
from clarus.webhooks.catalogue import (
    ConditionCode,
    ConditionOperator,
    DestinationType,
    ParameterCode,
    ParameterOperator,
    ResourceName,
)

ParameterValue = Annotated[LongText, StringConstraints(max_length=2048)]
"""Long enough for a webhook URL, an email's text or a list of recipients."""
MAX_CONDITION_TEXT = 1024


def _condition_scalar(value: Any) -> Any:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("blank", "must not be blank; omit the field instead")
        if len(value) > MAX_CONDITION_TEXT or "\x00" in value:
            raise PydanticCustomError("too_long", "at most 1024 characters, without NUL")
        return value
    if isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX:
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise PydanticCustomError("string_type", "must be a text, a number or a list of them")


def _condition_value(value: Any) -> Any:
    if isinstance(value, list):
        return [_condition_scalar(member) for member in value]
    return _condition_scalar(value)


ConditionValue = Annotated[Any, AfterValidator(_condition_value)]
"""A text or a number; a list of them for `in` and `notin` (a list only: a comma inside a
value would make a comma-separated string ambiguous). Kept as sent, its JSON type too."""
MAX_OVERLAP_SECONDS = 30 * 24 * 3600


SOURCE_PATH_DESCRIPTION = "Dot path into the webhook body: `data.account_id`."
EVENT_DESCRIPTION = "One of the events of `resource_name`."
CHANGES_DESCRIPTION = "Only ADD on create."


class AutomationConditionUpdateAttributes(InputModel):
    condition_code: Omittable[ConditionCode] = None
    source_path: Omittable[Text] = Field(default=None, description=SOURCE_PATH_DESCRIPTION)
    operator: Omittable[ConditionOperator] = None
    value: Omittable[ConditionValue] = None


class ConditionAttributes(AutomationConditionUpdateAttributes):
    condition_code: ConditionCode
    source_path: Text = Field(description=SOURCE_PATH_DESCRIPTION)
    operator: ConditionOperator
    value: ConditionValue


class AutomationConditionAdd(AddLine[ConditionAttributes]):
    pass


class AutomationConditionUpdate(UpdateLine[AutomationConditionUpdateAttributes]):
    pass


class AutomationConditionDestroy(DestroyLine):
    pass


ConditionChange = Annotated[
    AutomationConditionAdd | AutomationConditionUpdate | AutomationConditionDestroy,
    Discriminator("type"),
]


class AutomationActionParameterUpdateAttributes(InputModel):
    parameter_code: Omittable[ParameterCode] = None
    value: Omittable[ParameterValue] = None
    operator: ParameterOperator | None = None


class ParameterAttributes(AutomationActionParameterUpdateAttributes):
    parameter_code: ParameterCode
    value: ParameterValue


class AutomationActionParameterAdd(AddLine[ParameterAttributes]):
    pass


class AutomationActionParameterUpdate(UpdateLine[AutomationActionParameterUpdateAttributes]):
    pass


class AutomationActionParameterDestroy(DestroyLine):
    pass


ParameterChange = Annotated[
    AutomationActionParameterAdd
    | AutomationActionParameterUpdate
    | AutomationActionParameterDestroy,
    Discriminator("type"),
]


class AutomationActionColumnsUpdate(InputModel):
    """An action's own columns, without its nested parameter changes."""

    destination_type: Omittable[DestinationType] = None
    destination_code: Text | None = None


class ActionColumns(AutomationActionColumnsUpdate):
    """An action's own columns, without its nested parameter changes."""

    destination_type: DestinationType


class ActionAttributes(ActionColumns):
    parameters_changes: list[ParameterChange] | None = None


class AutomationActionUpdateAttributes(AutomationActionColumnsUpdate):
    parameters_changes: list[ParameterChange] | None = None


class AutomationActionAdd(AddLine[ActionAttributes]):
    pass


class AutomationActionUpdate(UpdateLine[AutomationActionUpdateAttributes]):
    pass


class AutomationActionDestroy(DestroyLine):
    pass


ActionChange = Annotated[
    AutomationActionAdd | AutomationActionUpdate | AutomationActionDestroy, Discriminator("type")
]


class AutomationUpdateAttributes(InputModel):
    resource_name: Omittable[ResourceName] = None
    event: Omittable[Text] = Field(default=None, description=EVENT_DESCRIPTION)
    name: Text | None = None
    enabled: Omittable[bool] = None
    conditions_changes: Omittable[list[ConditionChange]] = Field(
        default=None, description=CHANGES_DESCRIPTION
    )
    actions_changes: Omittable[list[ActionChange]] = Field(
        default=None, description=CHANGES_DESCRIPTION
    )


class AutomationAttributes(AutomationUpdateAttributes):
    resource_name: ResourceName
    event: Text = Field(description=EVENT_DESCRIPTION)
    enabled: bool
    conditions_changes: list[ConditionChange] = Field(description=CHANGES_DESCRIPTION)
    actions_changes: list[ActionChange] = Field(description=CHANGES_DESCRIPTION)


class RotateSecretAttributes(InputModel):
    overlap_seconds: Annotated[NonNegativeInteger, Field(le=MAX_OVERLAP_SECONDS)] | None = Field(
        default=None,
        description="How long the old secret keeps signing beside the new one (default 24 h).",
    )


def parameter_changes(action: LineChange) -> Sequence[LineChange]:
    """The parameter changes an ADD or UPDATE of an action sends; none for a DESTROY."""
    if isinstance(action, AutomationActionAdd | AutomationActionUpdate):
        return action.attributes.parameters_changes or []
    return []


class RecoverAttributes(InputModel):
    since: Timestamp
    """Failed deliveries made at or after this moment are queued again."""


class RecoverData(InputModel):
    type: Literal["automations"] | None = None
    attributes: RecoverAttributes


class RecoverRequest(InputModel):
    """`{"data": {"attributes": {"since": "<ISO 8601 datetime with a timezone>"}}}`."""

    data: RecoverData
