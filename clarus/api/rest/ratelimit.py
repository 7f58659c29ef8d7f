"""A per-client token bucket, kept in the database.

Each client may burst `burst` requests and then `rate` per second. Every answered request carries
`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the bucket is full);
a refused one gets 429 with `Retry-After`. The buckets are rows (`clarus.auth.throttle`), so all
server processes on one database spend one budget: `--workers 4` does not give four.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from clarus.auth import throttle
from clarus.core.db import Database


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int
    retry_after_seconds: int

    def headers(self) -> dict[str, str]:
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_seconds),
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.retry_after_seconds)
        return headers


class SharedRateLimiter:
    """Token buckets shared through the database: one upsert, in its own short transaction, per
    request. `clock` gives Unix seconds, the same in every process."""

    def __init__(
        self, db: Database, *, rate: float, burst: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.db = db
        self.rate = rate
        self.burst = burst
        self._clock = clock

    async def acquire(self, key: str) -> RateDecision:
        async with self.db.write_session() as session:
            level = await throttle.take_token(
                session, key=key, rate=self.rate, burst=self.burst, now=self._clock()
            )
        return self._decision(level)

    def _decision(self, level: throttle.BucketLevel) -> RateDecision:
        tokens = level.tokens
        return RateDecision(
            allowed=level.taken,
            limit=self.burst,
            remaining=max(0, math.floor(tokens)),
            reset_seconds=math.ceil((self.burst - tokens) / self.rate),
            retry_after_seconds=0 if level.taken else max(1, math.ceil((1.0 - tokens) / self.rate)),
        )
