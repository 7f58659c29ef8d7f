"""The webhook worker: fan out new events, claim due deliveries, send them (a webhook over
HTTP, an email action's message through SMTP), write down results.

`run_once()` does one round and says what it did, so tests drive the worker step by step with
an injected clock; `run(stop)` repeats rounds until `stop` is set, waiting `poll_seconds` when a
round found nothing to do. Each round commits its claim before sending, and the results in batches
(one transaction each), so a worker killed mid-send, or before its results are written, leaves
leases that simply expire; another worker then sends those deliveries again (delivery is at
least once)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from clarus.core.db import Database, utcnow
from clarus.core.polling import heartbeat, in_background, run_rounds
from clarus.core.settings import Settings
from clarus.webhooks import claims, fanout, results
from clarus.webhooks.claims import ClaimedDelivery
from clarus.webhooks.clock import Clock, SystemClock
from clarus.webhooks.mail import email_message
from clarus.webhooks.mailer import EmailSender
from clarus.webhooks.payloads import signed_request
from clarus.webhooks.policy import RetryPolicy
from clarus.webhooks.results import AttemptResult
from clarus.webhooks.sender import AttemptOutcome, WebhookSender
from clarus.webhooks.targets import WebhookDirectory

logger = logging.getLogger(__name__)


@dataclass
class WorkerStep:
    """What one round did: events fanned out, deliveries made, claimed, and how the claimed
    ones ended (`succeeded`, `pending` for a retry, `failed`, `lease_lost`), plus those
    cancelled at claim time because their action was gone."""

    events: int = 0
    deliveries_made: int = 0
    claimed: int = 0
    cancelled: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def is_idle(self) -> bool:
        return self.events == 0 and self.claimed == 0 and self.cancelled == 0


CONNECTIONS_PER_TARGET = 8
"""At most this many connections to one target, however many sends are out: httpcore's pool
checks each of its connections on every request, which cost a third more CPU a request with 16
of them than with 8 (`bench.webhooks`); more sends to one target wait for a connection."""
RESULT_BATCH_SIZE = 100
"""Results written down together, in one transaction (a round's last ones may be fewer)."""
RESULT_FLUSH_SECONDS = 0.1
"""While sends are still out, results gathered so far wait at most about this long: a slow
receiver does not hold back the others' results (nor the later events of their records)."""


class ResultBatch:
    """The results of a round's sends, written down `RESULT_BATCH_SIZE` at a time by `write`
    (one transaction each), and on `flush`; `statuses` counts what became of them. A batch
    whose write fails is kept for the next flush."""

    def __init__(self, write: Callable[[list[AttemptResult]], Awaitable[list[str]]]) -> None:
        self.write = write
        self.waiting: list[AttemptResult] = []
        self.statuses: Counter[str] = Counter()
        self.writing = asyncio.Lock()

    async def add(self, result: AttemptResult) -> None:
        self.waiting.append(result)
        if len(self.waiting) >= RESULT_BATCH_SIZE:
            await self.flush()

    async def flush(self) -> None:
        async with self.writing:
            batch, self.waiting = self.waiting, []
            if not batch:
                return
            try:
                self.statuses.update(await self.write(batch))
            except Exception:
                self.waiting[:0] = batch
                raise

    @contextlib.asynccontextmanager
    async def flushing(self, every_seconds: float) -> AsyncIterator[None]:
        """`flush` every `every_seconds` while the block runs, and once more as it ends. A
        write in progress is finished, never cancelled (it may have committed); one that fails
        is logged and its batch tried again at the next flush."""
        done = asyncio.Event()

        async def beat() -> None:
            while not done.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), timeout=every_seconds)
                try:
                    await self.flush()
                except Exception:
                    logger.exception("writing webhook results failed; retrying")

        task = asyncio.create_task(beat())
        try:
            yield
        finally:
            done.set()
            await task


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class WebhookWorker:
    def __init__(
        self,
        *,
        db: Database,
        directory: WebhookDirectory,
        settings: Settings,
        clock: Clock | None = None,
        policy: RetryPolicy | None = None,
        worker_id: str | None = None,
        concurrency: int | None = None,
        batch_size: int | None = None,
        poll_seconds: float | None = None,
        sender: WebhookSender | None = None,
        mailer: EmailSender | None = None,
    ) -> None:
        self.db = db
        self.directory = directory
        self.settings = settings
        self.clock = clock or SystemClock()
        self.policy = policy or RetryPolicy()
        self.worker_id = worker_id or new_worker_id()
        self.concurrency = concurrency or settings.webhook_worker_concurrency
        self.batch_size = batch_size or settings.webhook_worker_batch_size
        self.poll_seconds = poll_seconds or settings.webhook_worker_poll_seconds
        self.lease = dt.timedelta(seconds=settings.webhook_lease_seconds)
        self.sender = sender or WebhookSender(
            timeout_seconds=settings.webhook_timeout_seconds,
            allow_private=settings.webhook_allow_private_targets,
            connections_per_target=min(self.concurrency, CONNECTIONS_PER_TARGET),
        )
        self.mailer = mailer or EmailSender(settings)

    async def aclose(self) -> None:
        await self.sender.aclose()

    async def fan_out(self) -> tuple[int, int]:
        async with self.db.write_session() as session:
            return await fanout.fan_out(
                session, directory=self.directory, now=self.clock.now(), limit=self.batch_size
            )

    async def claim(self) -> claims.Claim:
        async with self.db.write_session() as session:
            return await claims.claim(
                session,
                directory=self.directory,
                worker_id=self.worker_id,
                now=self.clock.now(),
                lease=self.lease,
                limit=self.batch_size,
            )

    async def deliver(self, claimed: list[ClaimedDelivery]) -> Counter[str]:
        """Send the claimed deliveries, `concurrency` at a time, renewing their leases; the
        results are written down in batches (`ResultBatch`)."""
        limit = asyncio.Semaphore(self.concurrency)
        batch = ResultBatch(self._record)

        async def deliver_one(delivery: ClaimedDelivery) -> None:
            async with limit:
                started_at = self.clock.now()
                outcome = await self._attempt(delivery)
            await batch.add(AttemptResult(delivery, outcome, started_at))

        async with (
            self._heartbeat([delivery.id for delivery in claimed]),
            batch.flushing(RESULT_FLUSH_SECONDS),
        ):
            await asyncio.gather(*(deliver_one(delivery) for delivery in claimed))
        await batch.flush()
        return batch.statuses

    async def run_once(self) -> WorkerStep:
        step = WorkerStep()
        step.events, step.deliveries_made = await self.fan_out()
        claim = await self.claim()
        step.claimed, step.cancelled = len(claim.claimed), claim.cancelled
        if claim.claimed:
            step.outcomes = await self.deliver(claim.claimed)
        return step

    async def run(self, stop: asyncio.Event) -> None:
        """Rounds until `stop` is set; a round in progress is finished first."""
        logger.info("webhook worker %s started", self.worker_id)
        await run_rounds(
            stop,
            self._busy_round,
            poll_seconds=self.poll_seconds,
            logger=logger,
            name="webhook worker",
            quick_after_work=True,
        )
        logger.info("webhook worker %s stopped", self.worker_id)

    async def _busy_round(self) -> bool:
        if (await self.run_once()).is_idle:
            await self.sender.close_idle()
            return False
        return True

    def running(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Run in the background while the block runs (the app's lifespan); on leaving, finish
        the round in progress and stop."""
        return in_background(self.run, self.aclose)

    async def _record(self, batch: list[AttemptResult]) -> list[str]:
        async with self.db.write_session() as session:
            return await results.record_attempts(
                session,
                results=batch,
                now=self.clock.now(),
                worker_id=self.worker_id,
                policy=self.policy,
                directory=self.directory,
            )

    async def _attempt(self, delivery: ClaimedDelivery) -> AttemptOutcome:
        """Send once; an unexpected error on the way is the attempt's outcome, final (it would
        most likely happen again, and the record's later deliveries wait behind it), so a
        delivery never stays `delivering` for it."""
        started = time.perf_counter()
        try:
            return await self._send(delivery)
        except Exception as error:
            logger.exception("webhook delivery %s could not be sent", delivery.id)
            return AttemptOutcome(
                round((time.perf_counter() - started) * 1000),
                error=f"{type(error).__name__}: {error}".rstrip(": "),
                is_final=True,
            )

    async def _send(self, delivery: ClaimedDelivery) -> AttemptOutcome:
        """One try, by the action's kind: an email through SMTP, else the webhook's request."""
        target = delivery.target
        if target.email is not None:
            message = email_message(
                delivery.envelope,
                delivery_id=delivery.id,
                destination=target.email,
                automation_id=target.automation_id,
                integration_id=target.integration_id,
                now=utcnow(),
                settings=self.settings,
            )
            return await self.mailer.send(message, recipients=target.email.recipients)
        request = signed_request(
            delivery.envelope,
            delivery_id=delivery.id,
            url=target.url,
            method=target.method,
            automation_id=target.automation_id,
            integration_id=target.integration_id,
            secrets=target.secrets,
            timestamp=utcnow(),
            settings=self.settings,
        )
        return await self.sender.send(request)

    def _heartbeat(self, delivery_ids: list[int]) -> contextlib.AbstractAsyncContextManager[None]:
        """Renew the leases every third of their length while the block runs."""

        async def renew() -> None:
            async with self.db.write_session() as session:
                await claims.renew_leases(
                    session,
                    delivery_ids=delivery_ids,
                    worker_id=self.worker_id,
                    now=self.clock.now(),
                    lease=self.lease,
                )

        return heartbeat(
            renew,
            every_seconds=self.lease.total_seconds() / 3,
            logger=logger,
            name="webhook lease heartbeat",
        )
