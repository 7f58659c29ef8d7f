"""Generating and hashing credentials.

Tokens, client secrets and authorization codes are 256-bit random values, so a plain SHA-256 is a
safe and fast way to store them (no brute force can reach them). Passwords are chosen by people and
get Argon2id through argon2-cffi.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_password_hasher = PasswordHasher()
UNUSABLE_PASSWORD_HASH = _password_hasher.hash(secrets.token_urlsafe(32))
"""Verified against when there is no user, so a miss costs as much as a wrong password."""


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def new_client_id() -> str:
    return "cl_" + secrets.token_hex(12)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, expected_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), expected_hash)


def hash_password(password: str) -> str:
    return _password_hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        return False
    try:
        return _password_hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
