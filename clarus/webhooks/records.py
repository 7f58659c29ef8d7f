"""Response attribute models of automations, for the OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class ConditionRecord(BaseModel):
    id: int
    condition_code: str
    source_path: str
    operator: str
    value: Any


class ParameterRecord(BaseModel):
    id: int
    parameter_code: str
    value: str | None
    operator: str | None


class ActionRecord(BaseModel):
    id: int
    destination_type: str
    destination_code: str | None
    parameters: list[ParameterRecord]
    webhook_secret: str | None = Field(
        default=None,
        description="The webhook action's `whsec_` signing secret: only in the response of the "
        "request that added the action (or rotated its secret), never again.",
    )


class AutomationRecord(BaseModel):
    resource_name: str
    event: str
    name: str | None
    enabled: bool
    integration_id: int | None
    disabled_reason: str | None = Field(description="Why Clarus turned it off, if it did.")
    created_at: dt.datetime
    updated_at: dt.datetime
    conditions: list[ConditionRecord]
    actions: list[ActionRecord]


class RotatedSecretRecord(BaseModel):
    automation_id: int
    webhook_secret: str = Field(description="Shown this once.")
    overlap_seconds: int


class RunRecord(BaseModel):
    conditions_passed: bool
    queued: bool = Field(description="Whether the trigger went to the outbox for delivery.")
