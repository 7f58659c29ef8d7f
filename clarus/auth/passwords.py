"""Argon2id password hashing, off the event loop and a few at a time.

One Argon2 hash or verification takes tens of milliseconds of CPU. It runs in a worker thread so
that the event loop keeps serving everyone else, and at most `concurrency` run at once in a
process, so that a flood of sign-ins waits its turn instead of taking every thread of the pool
(which the rest of the application shares).
"""

from __future__ import annotations

import secrets

import anyio
import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

DEFAULT_CONCURRENCY = 2
_hasher = PasswordHasher()
_hashing_slots = anyio.CapacityLimiter(DEFAULT_CONCURRENCY)
UNUSABLE_PASSWORD_HASH = _hasher.hash(secrets.token_urlsafe(32))
"""Verified against when there is no user, so a miss costs as much as a wrong password."""


def limit_concurrent_hashes(concurrency: int) -> None:
    """How many hashes and verifications may run at once in this process."""
    _hashing_slots.total_tokens = concurrency


def _verify_in_thread(password: str, password_hash: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(_hasher.hash, password, limiter=_hashing_slots)


async def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        return False
    return await anyio.to_thread.run_sync(
        _verify_in_thread, password, password_hash, limiter=_hashing_slots
    )
