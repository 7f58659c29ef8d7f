"""The core Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.core.models import Event, IdempotencyKey

events = table_of(Event)
idempotency_keys = table_of(IdempotencyKey)
