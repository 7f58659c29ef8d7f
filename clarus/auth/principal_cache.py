"""A short in-process cache of the callers behind bearer tokens, so that a client's next request
does not read its token again.

An entry lives at most `TTL_SECONDS` (one second) and never past its token's expiry, so a token
revoked, a client revoked, or a tenant or user deactivated by another server process is refused
within a second. In this process it is refused at once: every UPDATE or DELETE of the tables a
token's validity depends on, run through this database's engines, empties the cache as it runs
(a listener on the engines, `watch`), and entries read while such a write was in flight are
dropped as well (the cache's generation moved on).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from clarus.auth.principal import Principal

TTL_SECONDS = 1.0
MAX_ENTRIES = 10_000
WATCHED_TABLES = ("oauth_tokens", "api_clients", "users", "tenants")
_WATCHED_PREFIXES = tuple(
    f"{verb} {table}" for verb in ("UPDATE", "DELETE FROM") for table in WATCHED_TABLES
)


@dataclass(frozen=True, slots=True)
class _Entry:
    principal: Principal
    fresh_until: float


class PrincipalCache:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._clock = clock
        self.generation = 0

    def get(self, subdomain: str, token: str) -> Principal | None:
        key = (subdomain, token)
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.fresh_until <= self._clock():
            self._entries.pop(key, None)
            return None
        return entry.principal

    def put(
        self,
        subdomain: str,
        token: str,
        principal: Principal,
        *,
        expires_at: dt.datetime,
        generation: int,
    ) -> None:
        """Keep `principal` for a second (less when the token expires sooner), unless a write
        that may revoke it ran since it was read (`generation` is the one before the read)."""
        if generation != self.generation:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        seconds_left = (expires_at - dt.datetime.now(dt.UTC)).total_seconds()
        ttl = min(TTL_SECONDS, seconds_left)
        if ttl > 0:
            self._entries[(subdomain, token)] = _Entry(principal, self._clock() + ttl)

    def forget_all(self) -> None:
        self.generation += 1
        self._entries.clear()

    def watch(self, *engines: AsyncEngine) -> None:
        """Empty the cache whenever a statement that may revoke a token runs on `engines`."""

        def on_statement(
            _conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
        ) -> None:
            if statement.startswith(_WATCHED_PREFIXES):
                self.forget_all()

        for engine in dict.fromkeys(engines):
            event.listen(engine.sync_engine, "before_cursor_execute", on_statement)
