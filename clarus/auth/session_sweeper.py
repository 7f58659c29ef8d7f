"""The sweeper of ended operator app sessions: each server process deletes, every so often,
the sessions past their idle timeout or lifetime, so the table holds only live ones however
many browsers never sign out. Several processes sweeping at once only delete the same rows."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable

from clarus.auth.app_sessions import SessionLifetime, delete_ended_sessions
from clarus.core.db import Database, utcnow
from clarus.core.polling import in_background, run_rounds

logger = logging.getLogger(__name__)

SWEEP_BATCH = 1_000
"""Sessions deleted in one transaction; a round that deleted as many sweeps again at once."""


class SessionSweeper:
    def __init__(
        self,
        *,
        db: Database,
        lifetime: SessionLifetime,
        every_seconds: float,
        clock: Callable[[], dt.datetime] = utcnow,
        batch_size: int = SWEEP_BATCH,
    ) -> None:
        self.db = db
        self.lifetime = lifetime
        self.every_seconds = every_seconds
        self.clock = clock
        self.batch_size = batch_size

    async def run_once(self) -> int:
        """One sweep: how many ended sessions it deleted (at most `batch_size`)."""
        async with self.db.write_session() as session:
            return await delete_ended_sessions(
                session, lifetime=self.lifetime, now=self.clock(), limit=self.batch_size
            )

    async def run(self, stop: asyncio.Event) -> None:
        """Sweeps until `stop` is set: the first at once, then every `every_seconds`."""
        await run_rounds(
            stop,
            self._full_round,
            poll_seconds=self.every_seconds,
            logger=logger,
            name="session sweeper",
        )

    async def _full_round(self) -> bool:
        return await self.run_once() >= self.batch_size

    def running(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Sweep in the background while the block runs (the app's lifespan)."""
        return in_background(self.run, _nothing_to_release)


async def _nothing_to_release() -> None:
    return None
