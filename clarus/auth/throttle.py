"""Throttles kept in the database, so that every server process shares them.

Two kinds, each changed by one atomic upsert that works on SQLite and PostgreSQL alike:

- the API's token buckets (`take_token`): a request takes a token from its client's bucket,
  which refills at `rate` per second up to `burst` (a server process may take several at once,
  for its next requests: `clarus.api.rest.ratelimit`);
- attempt counters (`count_attempt`): a sign-in is counted against its keys (the account, the
  client address) *before* the password is checked, so that concurrent guesses cannot slip past
  the limit, and a success takes its count back. A client authentication, whose secret nobody
  can guess, is only checked (`waiting_time`) before and counted when it failed. Over the limit,
  every attempt of that key is refused until its fixed window ends, the right password included.

Callers own the transactions. A bucket take and a sign-in's count each belong in a short one of
their own, committed before the request's work (an Argon2 verification) starts, so that
concurrent requests see them and no row stays locked for long.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Double, Table, case, delete, literal, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from clarus.auth.tables import auth_failure_counts, rate_limit_buckets
from clarus.core.db import UTCDateTime
from clarus.core.settings import Settings


@dataclass(frozen=True, slots=True)
class BucketLevel:
    """A bucket after a request: the tokens left and whether the request got one."""

    tokens: float
    taken: bool


@dataclass(frozen=True, slots=True)
class AttemptLimit:
    """At most `max_failures` unsuccessful attempts of `key` in a window of `window_seconds`."""

    key: str
    max_failures: int
    window_seconds: int


def _upsert(session: AsyncSession) -> Callable[[Table], postgresql.Insert | sqlite.Insert]:
    """The backend's INSERT with ON CONFLICT DO UPDATE (PostgreSQL, SQLite 3.24 and later)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


async def take_token(
    session: AsyncSession, *, key: str, rate: float, burst: int, now: float, count: int = 1
) -> BucketLevel:
    """Refill the bucket of `key` for the time since its last request and take `count` tokens
    if it holds them (else none); `now` is Unix seconds. One statement, atomic under
    concurrency.

    On PostgreSQL the transaction commits without waiting for its WAL flush: a crash can lose
    only the last few takes (tokens given back), and every take saves a disk sync."""
    moment: ColumnElement[float] = literal(now, Double())
    elapsed = case(
        (moment > rate_limit_buckets.c.refilled_at, moment - rate_limit_buckets.c.refilled_at),
        else_=0.0,
    )
    refilled = rate_limit_buckets.c.tokens + elapsed * literal(rate, Double())
    capped = case((refilled > burst, literal(float(burst), Double())), else_=refilled)
    taken: ColumnElement[float] = literal(float(count), Double())
    statement = (
        _upsert(session)(rate_limit_buckets)
        .values(
            key=key,
            tokens=float(burst) - count if burst >= count else float(burst),
            refilled_at=now,
            last_taken=burst >= count,
        )
        .on_conflict_do_update(
            index_elements=[rate_limit_buckets.c.key],
            set_={
                "tokens": case((capped >= taken, capped - taken), else_=capped),
                "refilled_at": moment,
                "last_taken": capped >= taken,
            },
        )
        .returning(rate_limit_buckets.c.tokens, rate_limit_buckets.c.last_taken)
    )
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    row = (await session.execute(statement)).one()
    return BucketLevel(tokens=float(row.tokens), taken=bool(row.last_taken))


async def count_attempt(
    session: AsyncSession, *, limit: AttemptLimit, now: dt.datetime
) -> int | None:
    """Count one attempt of `limit.key`: None while within the limit, else the seconds until its
    window ends (for `Retry-After`)."""
    window_ended = auth_failure_counts.c.window_ends_at <= now
    new_window_end = literal(now + dt.timedelta(seconds=limit.window_seconds), UTCDateTime())
    statement = (
        _upsert(session)(auth_failure_counts)
        .values(key=limit.key, failures=1, window_ends_at=new_window_end)
        .on_conflict_do_update(
            index_elements=[auth_failure_counts.c.key],
            set_={
                "failures": case((window_ended, 1), else_=auth_failure_counts.c.failures + 1),
                "window_ends_at": case(
                    (window_ended, new_window_end), else_=auth_failure_counts.c.window_ends_at
                ),
            },
        )
        .returning(auth_failure_counts.c.failures, auth_failure_counts.c.window_ends_at)
    )
    row = (await session.execute(statement)).one()
    if row.failures == 1:
        await _forget_ended_windows(session, now=now)
    if row.failures <= limit.max_failures:
        return None
    window_ends_at: dt.datetime = row.window_ends_at
    return max(1, math.ceil((window_ends_at - now).total_seconds()))


async def waiting_time(
    session: AsyncSession, *, limits: Sequence[AttemptLimit], now: dt.datetime
) -> int | None:
    """Without counting anything: None while every limit holds, else the longest wait."""
    max_failures = {limit.key: limit.max_failures for limit in limits}
    rows = await session.execute(
        select(
            auth_failure_counts.c.key,
            auth_failure_counts.c.failures,
            auth_failure_counts.c.window_ends_at,
        ).where(
            auth_failure_counts.c.key.in_(max_failures), auth_failure_counts.c.window_ends_at > now
        )
    )
    waits = [
        math.ceil((row.window_ends_at - now).total_seconds())
        for row in rows
        if row.failures >= max_failures[row.key]
    ]
    return max(waits) if waits else None


async def _forget_ended_windows(session: AsyncSession, *, now: dt.datetime) -> None:
    """Rows only matter within their window: drop the ended ones whenever a window starts, so
    that keys seen once (addresses, emails) do not pile up. Rows another transaction holds are
    left for a later pass, so two of these never wait on each other (no deadlock)."""
    ended = (
        select(auth_failure_counts.c.key)
        .where(auth_failure_counts.c.window_ends_at <= now)
        .with_for_update(skip_locked=True)
    )
    await session.execute(delete(auth_failure_counts).where(auth_failure_counts.c.key.in_(ended)))


async def take_back_attempt(session: AsyncSession, *, key: str) -> None:
    """A counted attempt succeeded: it is no failure."""
    await session.execute(
        update(auth_failure_counts)
        .where(auth_failure_counts.c.key == key, auth_failure_counts.c.failures > 0)
        .values(failures=auth_failure_counts.c.failures - 1)
    )


async def forget_attempts(session: AsyncSession, *, key: str) -> None:
    """Start `key` afresh (an account whose owner signed in)."""
    await session.execute(delete(auth_failure_counts).where(auth_failure_counts.c.key == key))


async def count_attempts(
    session: AsyncSession, *, limits: Sequence[AttemptLimit], now: dt.datetime
) -> int | None:
    """Count one attempt against every limit: None while all hold, else the longest wait."""
    waits = [await count_attempt(session, limit=limit, now=now) for limit in limits]
    refused = [wait for wait in waits if wait is not None]
    return max(refused) if refused else None


def _key(kind: str, *identity: object) -> str:
    """A fixed-length key that keeps no email or address in clear."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in identity).encode()).hexdigest()
    return f"{kind}:{digest}"


@dataclass(frozen=True, slots=True)
class SignInLimits:
    account: AttemptLimit
    address: AttemptLimit

    @property
    def both(self) -> tuple[AttemptLimit, AttemptLimit]:
        return (self.account, self.address)


def sign_in_limits(settings: Settings, *, tenant_id: int, email: str, address: str) -> SignInLimits:
    window = settings.sign_in_failure_window_seconds
    return SignInLimits(
        account=AttemptLimit(
            _key("sign-in-account", tenant_id, email.strip().casefold()),
            settings.sign_in_max_failures_per_account,
            window,
        ),
        address=AttemptLimit(
            _key("sign-in-address", address), settings.sign_in_max_failures_per_address, window
        ),
    )


async def signed_in(session: AsyncSession, *, limits: SignInLimits) -> None:
    """The account starts afresh; the address only gets this attempt back, so that an attacker
    who owns one account cannot clear the count of their guesses at others."""
    await forget_attempts(session, key=limits.account.key)
    await take_back_attempt(session, key=limits.address.key)


def client_auth_limits(settings: Settings, *, address: str) -> tuple[AttemptLimit]:
    """Client secrets are 256-bit random values nobody can guess, so their failures are limited
    per address, against load; a limit per client_id would only let anyone lock a client out."""
    return (
        AttemptLimit(
            _key("client-auth-address", address),
            settings.client_auth_max_failures_per_address,
            settings.client_auth_failure_window_seconds,
        ),
    )


REGISTRATIONS_PER_ADDRESS = 20
REGISTRATION_WINDOW_SECONDS = 3600


def registration_limits(*, address: str) -> tuple[AttemptLimit]:
    """Dynamic client registrations (RFC 7591) need no credential, so every one counts: at most
    `REGISTRATIONS_PER_ADDRESS` an hour from one address."""
    return (
        AttemptLimit(
            _key("client-registration-address", address),
            REGISTRATIONS_PER_ADDRESS,
            REGISTRATION_WINDOW_SECONDS,
        ),
    )
