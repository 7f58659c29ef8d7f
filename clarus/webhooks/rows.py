"""Automations and their action parameters as the webhook service reads them: typed records
built from the row at the read (`shape=automation_row`)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from clarus.core.rows import row_shape
from clarus.webhooks.tables import automation_action_parameters, automations


class AutomationRow(TypedDict):
    """A row of `automations`."""

    id: int
    tenant_id: int
    name: str | None
    resource_name: str
    event: str
    enabled: bool
    integration_id: int | None
    disabled_reason: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


automation_row = row_shape(AutomationRow, automations)


class ActionParameterRow(TypedDict):
    """A row of `automation_action_parameters`."""

    id: int
    tenant_id: int
    automation_action_id: int
    parameter_code: str
    value: str | None
    operator: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


action_parameter_row = row_shape(ActionParameterRow, automation_action_parameters)
