"""Signing a person in with an email and password, throttled: the OAuth consent page and the
operator app both sign in through `sign_in`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clarus.auth import throttle
from clarus.auth.models import User
from clarus.auth.passwords import UNUSABLE_PASSWORD_HASH, verify_password
from clarus.auth.service import authenticate_user
from clarus.core.db import Database
from clarus.core.settings import Settings

UNKNOWN_TENANT_ID = 0
"""The throttle's tenant for a sign-in to a subdomain that does not exist (no tenant has id 0)."""


@dataclass(frozen=True, slots=True)
class SignInRefused:
    retry_after: int | None = None
    """Seconds to wait while the account or the address has spent its failures (the password
    was not even checked); None after a wrong email or password."""


async def sign_in(
    db: Database,
    settings: Settings,
    *,
    tenant_id: int | None,
    email: str,
    password: str,
    address: str,
    now: dt.datetime,
) -> User | SignInRefused:
    """The user whose email and password these are in the tenant, or why not. An unknown tenant
    (`tenant_id` None) costs the same Argon2 verification as a wrong password, so the answer
    does not tell which subdomains exist."""
    limits = throttle.sign_in_limits(
        settings, tenant_id=tenant_id or UNKNOWN_TENANT_ID, email=email, address=address
    )
    async with db.write_session() as session:
        retry_after = await throttle.count_attempts(session, limits=limits.both, now=now)
    if retry_after is not None:
        return SignInRefused(retry_after)
    if tenant_id is None:
        await verify_password(password, UNUSABLE_PASSWORD_HASH)
        return SignInRefused()
    user = await authenticate_user(db, tenant_id=tenant_id, email=email, password=password)
    if user is None:
        return SignInRefused()
    async with db.write_session() as session:
        await throttle.signed_in(session, limits=limits)
    return user
