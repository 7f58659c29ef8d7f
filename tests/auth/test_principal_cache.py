"""The in-process cache of callers (`clarus.auth.principal_cache`): a token revoked where this
process saw it is refused at once; one revoked where it did not (another server process, here a
database connection of its own) is refused once the cached entry's second is over."""

from __future__ import annotations

import asyncio

from sqlalchemy import update

from clarus.auth.principal_cache import TTL_SECONDS
from clarus.auth.secrets import token_hash
from clarus.auth.tables import oauth_tokens
from clarus.core.db import Database, utcnow
from clarus.core.settings import Settings
from tests.support import ApiClientFactory, Caller


async def accounts_status(caller: Caller) -> int:
    response = await caller.graphql_response("{ accounts { all(first: 1) { edges { cursor } } } }")
    return response.status_code


async def test_a_token_revoked_by_another_process_is_refused_within_a_second(
    clients: ApiClientFactory, settings: Settings
) -> None:
    caller = await clients.new()
    assert await accounts_status(caller) == 200
    other_process = Database(settings)
    try:
        async with other_process.write_session() as session:
            await session.execute(
                update(oauth_tokens)
                .where(oauth_tokens.c.access_token_hash == token_hash(caller.token))
                .values(revoked_at=utcnow())
            )
    finally:
        await other_process.dispose()

    await asyncio.sleep(TTL_SECONDS)

    assert await accounts_status(caller) == 401


async def test_a_token_revoked_through_this_process_is_refused_at_once(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    assert await accounts_status(caller) == 200
    async with db.write_session() as session:
        await session.execute(
            update(oauth_tokens)
            .where(oauth_tokens.c.access_token_hash == token_hash(caller.token))
            .values(revoked_at=utcnow())
        )

    assert await accounts_status(caller) == 401
