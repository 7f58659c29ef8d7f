"""A per-client token bucket, kept in the database and spent in leases.

Each client may burst `burst` requests and then `rate` per second. Every answered request carries
`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the bucket is full);
a refused one gets 429 with `Retry-After`. The buckets are rows (`clarus.auth.throttle`), so all
server processes on one database spend one budget: `--workers 4` does not give four.

A process does not take its tokens one request at a time: it takes a lease of `lease_size(burst)`
tokens in one short transaction (a twentieth of the burst, at most `MAX_LEASE`) and spends them
on its next requests of that client, in memory, for at most `LEASE_SECONDS`. The guarantee, for
N processes sharing a database: every request allowed spends a token taken from the shared
bucket, and a process holds at most `lease - 1` tokens unspent, so a client is never allowed more
than `burst + rate * T + N * (lease - 1)` requests in any T seconds; and it is refused early by
at most the `N * (lease - 1)` tokens other processes hold, for at most `LEASE_SECONDS`. A lease
is asked for only while the bucket, as this process last saw it, holds one; near the limit, and
whenever the burst is under `2 * LEASE_SHARE`, each request takes its one token from the shared
bucket as it comes, which is exact.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from clarus.auth import throttle
from clarus.core.db import Database

LEASE_SHARE = 20
"""A lease is at most this fraction (1/20) of the burst."""
MAX_LEASE = 100
LEASE_SECONDS = 1.0
"""Tokens of a lease not spent within this time are dropped (not given back)."""
MAX_KEYS = 10_000
"""Past this many clients seen, the leases that are spent or expired are forgotten."""


def lease_size(burst: int) -> int:
    return max(1, min(MAX_LEASE, burst // LEASE_SHARE))


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


@dataclass(slots=True)
class _Lease:
    """What this process holds of one client's bucket."""

    tokens: int = 0
    """Taken from the shared bucket and not spent yet."""
    expires_at: float = 0.0
    level: float | None = None
    """The shared bucket's tokens after this process last took from it (None: never did)."""
    level_at: float = 0.0
    refill: asyncio.Event | None = None
    """Set while a lease is being taken; the requests that come meanwhile wait for it."""

    def held(self, now: float) -> int:
        return self.tokens if now < self.expires_at else 0


class SharedRateLimiter:
    """Token buckets shared through the database, taken in leases (see the module). `clock`
    gives Unix seconds, the same in every process."""

    def __init__(
        self, db: Database, *, rate: float, burst: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.db = db
        self.rate = rate
        self.burst = burst
        self.lease = lease_size(burst)
        self._clock = clock
        self._leases: dict[str, _Lease] = {}

    async def acquire(self, key: str) -> RateDecision:
        if self.lease == 1:
            level = await self._take(key, 1, self._clock())
            return self._decision(taken=level.taken, tokens=level.tokens)
        lease = self._leases.get(key)
        if lease is None:
            self._forget_idle_leases()
            lease = self._leases[key] = _Lease()
        while True:
            now = self._clock()
            if lease.held(now) > 0:
                lease.tokens -= 1
                return self._decision(
                    taken=True, tokens=self._seen_level(lease, now) + lease.tokens
                )
            if lease.refill is None:
                break
            await lease.refill.wait()
        if self._seen_level(lease, now) < self.lease:
            level = await self._take(key, 1, now)
            self._saw(lease, level, now)
            return self._decision(taken=level.taken, tokens=level.tokens)
        return await self._take_lease(key, lease, now)

    async def _take_lease(self, key: str, lease: _Lease, now: float) -> RateDecision:
        """Take a lease and spend its first token; if the bucket holds less, one token."""
        refill = lease.refill = asyncio.Event()
        try:
            level = await self._take(key, self.lease, now)
            lease.tokens = 0
            if level.taken:
                lease.tokens, lease.expires_at = self.lease - 1, now + LEASE_SECONDS
            else:
                level = await self._take(key, 1, now)
            self._saw(lease, level, now)
        finally:
            lease.refill = None
            refill.set()
        return self._decision(taken=level.taken, tokens=level.tokens + lease.tokens)

    async def _take(self, key: str, count: int, now: float) -> throttle.BucketLevel:
        async with self.db.write_session() as session:
            return await throttle.take_token(
                session, key=key, rate=self.rate, burst=self.burst, now=now, count=count
            )

    def _seen_level(self, lease: _Lease, now: float) -> float:
        """The shared bucket's tokens as this process last saw them, refilled since (a full
        bucket if never seen). It may hold less: other processes take from it too."""
        if lease.level is None:
            return float(self.burst)
        return min(float(self.burst), lease.level + (now - lease.level_at) * self.rate)

    @staticmethod
    def _saw(lease: _Lease, level: throttle.BucketLevel, now: float) -> None:
        lease.level, lease.level_at = level.tokens, now

    def _forget_idle_leases(self) -> None:
        if len(self._leases) < MAX_KEYS:
            return
        now = self._clock()
        for key, lease in list(self._leases.items()):
            if lease.refill is None and lease.held(now) == 0:
                del self._leases[key]

    def _decision(self, *, taken: bool, tokens: float) -> RateDecision:
        tokens = min(float(self.burst), tokens)
        return RateDecision(
            allowed=taken,
            limit=self.burst,
            remaining=max(0, math.floor(tokens)),
            reset_seconds=math.ceil((self.burst - tokens) / self.rate),
            retry_after_seconds=0 if taken else max(1, math.ceil((1.0 - tokens) / self.rate)),
        )
