"""Response attribute models (what the API echoes back), for the OpenAPI document."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from clarus.masterdata.schemas import AccountAttributes, OrderTypeAttributes, ReasonCodeAttributes


class RecordTimestamps(BaseModel):
    created_at: dt.datetime
    updated_at: dt.datetime


class AccountRecord(AccountAttributes, RecordTimestamps):
    is_active: bool
    is_short_pickable: bool


class OrderTypeRecord(OrderTypeAttributes, RecordTimestamps):
    pass


class ReasonCodeRecord(ReasonCodeAttributes, RecordTimestamps):
    active: bool
    generic: bool
