"""A per-client token bucket (in process memory).

Each client may burst `burst` requests and then `rate` per second. Every answered request carries
`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the bucket is full);
a refused one gets 429 with `Retry-After`. Buckets live in the serving process: with several
workers each keeps its own, so the effective limit is per worker.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


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


class TokenBucketLimiter:
    def __init__(
        self, *, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[object, tuple[float, float]] = {}

    def acquire(self, key: object) -> RateDecision:
        now = self._clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[key] = (tokens, now)
        return RateDecision(
            allowed=allowed,
            limit=self.burst,
            remaining=math.floor(tokens),
            reset_seconds=math.ceil((self.burst - tokens) / self.rate),
            retry_after_seconds=0 if allowed else max(1, math.ceil((1.0 - tokens) / self.rate)),
        )
