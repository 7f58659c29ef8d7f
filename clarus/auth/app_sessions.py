"""Sessions of the operator app, kept in the database so that any server process serves any
request.

The browser holds a 256-bit random id; only its SHA-256 is stored, so the table alone signs no
one in. A session belongs to one tenant and is found only through its subdomain. It ends at its
absolute lifetime, after its idle timeout, at sign-out, when its user is deactivated, and when
its user's password changes: each lookup compares the password hash's stamp taken at sign-in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.models import User
from clarus.auth.scopes import scopes_of_role
from clarus.auth.secrets import new_token, token_hash
from clarus.auth.tables import app_sessions, roles, users
from clarus.core.records import rows_changed
from clarus.tenancy.service import is_valid_subdomain
from clarus.tenancy.tables import tenants

TOUCH_INTERVAL = dt.timedelta(seconds=60)
"""How stale `last_seen_at` may get before a request writes it again: the idle timeout is
measured to within this, and most requests only read."""


@dataclass(frozen=True, slots=True)
class SessionLifetime:
    idle_timeout: dt.timedelta
    absolute: dt.timedelta


@dataclass(frozen=True, slots=True)
class SessionUser:
    """Who a live session signs in: the user, their tenant and the scopes their role grants."""

    session_id: int
    tenant_id: int
    subdomain: str
    user_id: int
    email: str
    name: str | None
    scopes: frozenset[str]
    last_seen_at: dt.datetime

    def is_stale(self, now: dt.datetime) -> bool:
        """Whether `last_seen_at` is to be written again (`touch_session`)."""
        return now - self.last_seen_at >= TOUCH_INTERVAL


def password_stamp(password_hash: str | None) -> str:
    """A fingerprint of the user's password hash: a new password gives another stamp."""
    return hashlib.sha256((password_hash or "").encode()).hexdigest()


def form_token(session_token: str) -> str:
    """The CSRF token of every form of a session: derived from the secret id (so it dies with
    the session and is never stored), and not from the stored hash."""
    return hmac.new(session_token.encode(), b"clarus-app-form", hashlib.sha256).hexdigest()


def form_token_matches(session_token: str, posted: str) -> bool:
    return hmac.compare_digest(form_token(session_token).encode(), posted.encode())


def _has_ended(lifetime: SessionLifetime, now: dt.datetime) -> ColumnElement[bool]:
    """A session past its absolute lifetime or its idle timeout."""
    return (app_sessions.c.expires_at <= now) | (
        app_sessions.c.last_seen_at <= now - lifetime.idle_timeout
    )


async def start_session(
    session: AsyncSession, *, user: User, lifetime: SessionLifetime, now: dt.datetime
) -> str:
    """A new session of `user`; its secret id, for the browser's cookie. The user's sessions
    that have ended are deleted on the way."""
    await session.execute(
        delete(app_sessions).where(app_sessions.c.user_id == user.id, _has_ended(lifetime, now))
    )
    session_token = new_token()
    await session.execute(
        insert(app_sessions).values(
            tenant_id=user.tenant_id,
            user_id=user.id,
            id_hash=token_hash(session_token),
            password_stamp=password_stamp(user.password_hash),
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime.absolute,
        )
    )
    return session_token


async def end_session(session: AsyncSession, *, session_token: str) -> None:
    await session.execute(
        delete(app_sessions).where(app_sessions.c.id_hash == token_hash(session_token))
    )


async def delete_ended_sessions(
    session: AsyncSession, *, lifetime: SessionLifetime, now: dt.datetime, limit: int
) -> int:
    """Delete up to `limit` sessions that have ended (no lookup finds them any more); how many
    were deleted. A session left by a browser that never signed out stays only until this."""
    ended = select(app_sessions.c.id).where(_has_ended(lifetime, now)).limit(limit)
    return await rows_changed(session, delete(app_sessions).where(app_sessions.c.id.in_(ended)))


async def end_sessions_of_user(session: AsyncSession, *, user_id: int) -> None:
    await session.execute(delete(app_sessions).where(app_sessions.c.user_id == user_id))


async def signed_in_user(
    session: AsyncSession,
    *,
    subdomain: str,
    session_token: str,
    lifetime: SessionLifetime,
    now: dt.datetime,
) -> SessionUser | None:
    """The user a live session of this subdomain signs in, or None: one indexed read. A session
    of another tenant is never found, exactly like one that does not exist. The caller writes
    `last_seen_at` (`touch_session`) when the session `is_stale`, so that most requests write
    nothing."""
    if not is_valid_subdomain(subdomain):
        return None
    row = (
        await session.execute(
            select(
                app_sessions.c.id,
                app_sessions.c.tenant_id,
                app_sessions.c.user_id,
                app_sessions.c.password_stamp,
                app_sessions.c.last_seen_at,
                users.c.email,
                users.c.name,
                users.c.password_hash,
                roles.c.permissions,
            )
            .join(tenants, tenants.c.id == app_sessions.c.tenant_id)
            .join(users, users.c.id == app_sessions.c.user_id)
            .join(roles, roles.c.id == users.c.role_id)
            .where(
                app_sessions.c.id_hash == token_hash(session_token),
                app_sessions.c.expires_at > now,
                app_sessions.c.last_seen_at > now - lifetime.idle_timeout,
                tenants.c.subdomain == subdomain,
                tenants.c.is_active.is_(True),
                users.c.is_active.is_(True),
            )
        )
    ).one_or_none()
    if row is None or not hmac.compare_digest(
        row.password_stamp, password_stamp(row.password_hash)
    ):
        return None
    return SessionUser(
        session_id=row.id,
        tenant_id=row.tenant_id,
        subdomain=subdomain,
        user_id=row.user_id,
        email=row.email,
        name=row.name,
        scopes=scopes_of_role(row.permissions),
        last_seen_at=row.last_seen_at,
    )


async def touch_session(session: AsyncSession, *, session_id: int, now: dt.datetime) -> None:
    """The session was used now: its idle timeout starts again."""
    await session.execute(
        update(app_sessions).where(app_sessions.c.id == session_id).values(last_seen_at=now)
    )
