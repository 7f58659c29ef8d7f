"""The loop of a background worker (webhook deliveries, carrier submissions): rounds until it is
told to stop, a pause when a round found nothing to do, and running beside the app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine

FIRST_PAUSE_SECONDS = 0.02
"""How long a worker that just found work waits before it looks again."""


async def run_rounds(
    stop: asyncio.Event,
    work_round: Callable[[], Awaitable[bool]],
    *,
    poll_seconds: float,
    logger: logging.Logger,
    name: str,
    quick_after_work: bool = False,
) -> None:
    """`work_round` until `stop` is set (a round in progress is finished first). It says whether
    it found work; when it found none, or failed (logged, as the worker `name`), the next round
    waits `poll_seconds` or until `stop`.

    With `quick_after_work`, a worker that just found work looks again after
    `FIRST_PAUSE_SECONDS`, the pause doubling with each round that finds none until it is
    `poll_seconds`: under a steady trickle of events (200 a second, one every 5 ms) a worker
    whose batch ended before the next event arrived picks it up in tens of milliseconds, not a
    whole poll later, while an idle worker still asks once a poll."""
    pause = poll_seconds
    while not stop.is_set():
        try:
            found_work = await work_round()
        except Exception:
            logger.exception("%s round failed", name)
            found_work = False
        if found_work:
            pause = min(FIRST_PAUSE_SECONDS, poll_seconds) if quick_after_work else poll_seconds
            continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=pause)
        pause = min(pause * 2, poll_seconds)


@contextlib.asynccontextmanager
async def in_background(
    run: Callable[[asyncio.Event], Coroutine[object, None, None]],
    aclose: Callable[[], Awaitable[None]],
) -> AsyncIterator[None]:
    """`run` in the background while the block runs (the app's lifespan); on leaving, the round
    in progress is finished, the worker stops and `aclose` releases what it holds."""
    stop = asyncio.Event()
    task = asyncio.create_task(run(stop))
    try:
        yield
    finally:
        stop.set()
        await task
        await aclose()


@contextlib.asynccontextmanager
async def heartbeat(
    renew: Callable[[], Awaitable[object]],
    *,
    every_seconds: float,
    logger: logging.Logger,
    name: str,
) -> AsyncIterator[None]:
    """`renew` every `every_seconds` while the block runs (a worker's leases, kept alive while
    it waits on a slow receiver). A renewal that fails is logged, as the heartbeat `name`, and
    tried again at the next beat."""

    async def beat() -> None:
        while True:
            await asyncio.sleep(every_seconds)
            try:
                await renew()
            except Exception:
                logger.exception("%s failed; retrying at the next beat", name)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
