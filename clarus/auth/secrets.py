"""Generating and hashing credentials.

Tokens, client secrets and authorization codes are 256-bit random values, so a plain SHA-256 is a
safe and fast way to store them (no brute force can reach them). Passwords are chosen by people and
get Argon2id (`clarus.auth.passwords`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def new_client_id() -> str:
    return "cl_" + secrets.token_hex(12)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, expected_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), expected_hash)
