"""Automations and their action parameters as the webhook service reads them: typed records
built from the row at the read (`shape=automation_row`)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from sqlalchemy import RowMapping


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


def automation_row(row: RowMapping) -> AutomationRow:
    return AutomationRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        name=row["name"],
        resource_name=row["resource_name"],
        event=row["event"],
        enabled=row["enabled"],
        integration_id=row["integration_id"],
        disabled_reason=row["disabled_reason"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


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


def action_parameter_row(row: RowMapping) -> ActionParameterRow:
    return ActionParameterRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        automation_action_id=row["automation_action_id"],
        parameter_code=row["parameter_code"],
        value=row["value"],
        operator=row["operator"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
