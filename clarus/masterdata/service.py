"""Writes of master data. Services never commit: the caller owns the transaction."""

from __future__ import annotations

from clarus.core.crud import RecordKind
from clarus.core.db import table_of
from clarus.masterdata.models import Account

ACCOUNTS = RecordKind(
    table_of(Account),
    event_name="account",
    flag_defaults={"is_active": True, "is_short_pickable": False},
)
