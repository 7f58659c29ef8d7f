"""What AI assistants leave behind is their user's, and only until it expires."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from clarus.auth.assistants import dataset_of, file_of, store_dataset, store_file
from clarus.auth.principal import Principal
from clarus.auth.tables import api_clients
from clarus.core.db import Database, utcnow
from tests.support import ApiClientFactory, Caller

HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)


async def _principal(db: Database, caller: Caller) -> Principal:
    async with db.read_session() as session:
        client = (
            await session.execute(
                select(api_clients.c.id, api_clients.c.user_id).where(
                    api_clients.c.client_id == caller.client_id
                )
            )
        ).one()
    return Principal(caller.tenant_id, caller.subdomain, client.id, client.user_id, frozenset())


async def test_a_dataset_is_its_users_until_it_expires(
    clients: ApiClientFactory, db: Database
) -> None:
    mine = await _principal(db, await clients.new(with_token=False))
    other = await _principal(db, await clients.new(with_token=False))
    now = utcnow()
    async with db.write_session() as session:
        kept = await store_dataset(
            session, principal=mine, source="{ x }", rows=[{"code": "A"}], now=now
        )
    async with db.read_session() as session:
        found = await dataset_of(
            session, principal=mine, reference=kept.reference, now=now + HOUR - MINUTE
        )
        expired = await dataset_of(
            session, principal=mine, reference=kept.reference, now=now + HOUR
        )
        theirs = await dataset_of(session, principal=other, reference=kept.reference, now=now)
    assert found is not None
    assert found.rows == [{"code": "A"}]
    assert (expired, theirs) == (None, None)


async def test_a_file_is_its_users_until_it_expires(
    clients: ApiClientFactory, db: Database
) -> None:
    mine = await _principal(db, await clients.new(with_token=False))
    other = await _principal(db, await clients.new(with_token=False))
    now = utcnow()
    async with db.write_session() as session:
        token = await store_file(
            session, principal=mine, name="a.csv", media_type="text/csv", content="a\r\n", now=now
        )
    async with db.read_session() as session:
        found = await file_of(session, principal=mine, token=token, now=now + HOUR - MINUTE)
        expired = await file_of(session, principal=mine, token=token, now=now + HOUR)
        theirs = await file_of(session, principal=other, token=token, now=now)
    assert found is not None
    assert (found.name, found.content) == ("a.csv", "a\r\n")
    assert (expired, theirs) == (None, None)
