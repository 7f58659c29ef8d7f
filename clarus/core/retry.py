"""When a failed attempt (a webhook delivery, a carrier call) is tried again, and when it is
given up: one policy object the workers take their schedule from."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

DEFAULT_DELAYS = (
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
    dt.timedelta(hours=10),
)
"""Eight attempts over about 28 hours: the first one, then one after each delay."""


@dataclass(frozen=True)
class RetryPolicy:
    delays: tuple[dt.timedelta, ...] = DEFAULT_DELAYS
    jitter: float = 0.1
    """Each delay grows by up to this fraction, at random, so that the retries of many
    deliveries failing together spread out."""
    max_retry_after: dt.timedelta = dt.timedelta(hours=10)
    """A receiver's `Retry-After` is followed up to this long."""
    disable_after: dt.timedelta = dt.timedelta(days=5)
    """An automation whose deliveries have failed this long without one success is disabled."""
    random: Callable[[], float] = field(default=random.random, compare=False)

    @property
    def max_attempts(self) -> int:
        return len(self.delays) + 1

    def next_delay(
        self, attempts_made: int, *, retry_after: dt.timedelta | None = None
    ) -> dt.timedelta | None:
        """How long to wait after the `attempts_made`-th failed attempt, or None to give up.
        A `Retry-After` replaces the scheduled delay (capped), without jitter."""
        if attempts_made >= self.max_attempts:
            return None
        if retry_after is not None:
            return min(max(retry_after, dt.timedelta(0)), self.max_retry_after)
        delay = self.delays[attempts_made - 1]
        return delay * (1 + self.jitter * self.random())
