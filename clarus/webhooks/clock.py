"""The worker's sense of time, injected so tests move it instead of sleeping."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from clarus.core.db import utcnow


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return utcnow()
