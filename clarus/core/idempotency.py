"""Idempotency keys (ours, in the manner of Stripe).

A write sent with `Idempotency-Key` first claims the key in its own short transaction, so that a
concurrent retry sees it (409). The response is stored in the same transaction as the write
itself, so a committed write always has its response to replay and a rolled-back one never does.
A claim whose request died is released after a lease, so a retry can run it again safely.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import Database, utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import rows_changed
from clarus.core.settings import Settings
from clarus.core.tables import idempotency_keys

MAX_KEY_LENGTH = 255


@dataclass(frozen=True, slots=True)
class Claim:
    key_id: int


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status_code: int
    body: bytes


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def check_key(key: str) -> None:
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise ClarusError.of(ErrorKind.INVALID_IDEMPOTENCY_KEY, path="/key")


async def claim(
    db: Database,
    settings: Settings,
    *,
    tenant_id: int,
    api_client_id: int,
    key: str,
    request_fingerprint: str,
) -> Claim | StoredResponse:
    """Claim `key` for this request, or return the response stored for an earlier identical one."""
    check_key(key)
    now = utcnow()
    lease = now + dt.timedelta(seconds=settings.idempotency_lease_seconds)
    try:
        async with db.write_session() as session:
            row = (
                (
                    await session.execute(
                        select(idempotency_keys)
                        .where(
                            idempotency_keys.c.tenant_id == tenant_id,
                            idempotency_keys.c.api_client_id == api_client_id,
                            idempotency_keys.c.key == key,
                        )
                        .with_for_update()
                    )
                )
                .mappings()
                .one_or_none()
            )
            if row is None or row["expires_at"] <= now:
                if row is not None:
                    await session.execute(
                        delete(idempotency_keys).where(idempotency_keys.c.id == row["id"])
                    )
                key_id = (
                    await session.execute(
                        insert(idempotency_keys)
                        .values(
                            tenant_id=tenant_id,
                            api_client_id=api_client_id,
                            key=key,
                            request_fingerprint=request_fingerprint,
                            locked_until=lease,
                            created_at=now,
                            expires_at=now
                            + dt.timedelta(seconds=settings.idempotency_key_lifetime_seconds),
                        )
                        .returning(idempotency_keys.c.id)
                    )
                ).scalar_one()
                return Claim(key_id)
            if row["request_fingerprint"] != request_fingerprint:
                raise ClarusError.of(ErrorKind.IDEMPOTENCY_KEY_REUSED, path="/key")
            if row["status_code"] is not None:
                return StoredResponse(row["status_code"], row["response_body"] or b"")
            if row["locked_until"] is not None and row["locked_until"] > now:
                raise ClarusError.of(ErrorKind.IDEMPOTENT_REQUEST_IN_PROGRESS)
            await session.execute(
                update(idempotency_keys)
                .where(idempotency_keys.c.id == row["id"])
                .values(locked_until=lease)
            )
            return Claim(row["id"])
    except IntegrityError:
        raise ClarusError.of(ErrorKind.IDEMPOTENT_REQUEST_IN_PROGRESS) from None


async def store_response(
    session: AsyncSession, claimed: Claim, *, status_code: int, body: bytes
) -> None:
    await session.execute(
        update(idempotency_keys)
        .where(idempotency_keys.c.id == claimed.key_id)
        .values(status_code=status_code, response_body=body, locked_until=None)
    )


async def release(db: Database, claimed: Claim) -> None:
    """Forget a key whose request was refused or failed, so that a corrected retry can run.

    As with Stripe, only a request that succeeded is remembered and replayed.
    """
    async with db.write_session() as session:
        await session.execute(
            delete(idempotency_keys).where(idempotency_keys.c.id == claimed.key_id)
        )


async def purge_expired(session: AsyncSession) -> int:
    return await rows_changed(
        session, delete(idempotency_keys).where(idempotency_keys.c.expires_at <= utcnow())
    )
