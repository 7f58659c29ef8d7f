"""The shipping worker: claims due carrier calls (`shipment_submissions`) under a lease, makes
them outside any request's transaction, and writes each result in a transaction of its own,
retrying an unreachable carrier on the `RetryPolicy`'s schedule.

The custom carrier is Clarus itself: its tracking numbers are taken from the carrier's
sequence in the very transaction that stores them (so they have no gaps), and its label is
drawn in a thread, off the event loop. The HTTP carrier is called between the claim and the
result, holding no transaction, while a heartbeat renews the lease (every third of it), so a
slow carrier's call is not taken over by another worker and made twice."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import decimal
import logging
from collections import Counter
from collections.abc import Callable

from clarus.core.db import Database, utcnow
from clarus.core.polling import heartbeat, in_background, run_rounds
from clarus.core.retry import RetryPolicy
from clarus.core.settings import Settings
from clarus.shipping import submissions
from clarus.shipping.carriers import take_sequence_values
from clarus.shipping.http_carrier import CarrierRefused, CarrierUnreachable, HttpCarrier
from clarus.shipping.labels import LabelPage, ShippingLabel, render_shipping_label
from clarus.shipping.statuses import SubmissionAction
from clarus.shipping.submissions import (
    CarrierAnswer,
    CarrierKind,
    ClaimedSubmission,
    ShipmentRequest,
)

logger = logging.getLogger(__name__)

SHIPPING_LEASE = dt.timedelta(minutes=2)
SHIPPING_RETRY_DELAYS = (
    dt.timedelta(seconds=10),
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)


class ShippingWorker:
    def __init__(
        self,
        *,
        db: Database,
        policy: RetryPolicy | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        lease: dt.timedelta = SHIPPING_LEASE,
        batch_size: int = 20,
        poll_seconds: float = 1.0,
        http_carrier: HttpCarrier | None = None,
        heartbeat_seconds: float | None = None,
    ) -> None:
        """`heartbeat_seconds`: how often a lease is renewed during a carrier call (a third of
        the lease when not said)."""
        self.db = db
        self.policy = policy or RetryPolicy(delays=SHIPPING_RETRY_DELAYS)
        self.clock = clock
        self.lease = lease
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.http_carrier = http_carrier or HttpCarrier()
        self.heartbeat_seconds = heartbeat_seconds or lease.total_seconds() / 3

    @classmethod
    def from_settings(cls, db: Database, settings: Settings) -> ShippingWorker:
        """HTTP carriers follow the webhooks' settings: their timeout, and whether private
        addresses (local development, tests) may be reached."""
        carrier = HttpCarrier(
            timeout_seconds=settings.webhook_timeout_seconds,
            allow_private=settings.webhook_allow_private_targets,
        )
        return cls(db=db, http_carrier=carrier)

    async def aclose(self) -> None:
        await self.http_carrier.aclose()

    async def run_once(self) -> Counter[str]:
        """One round: what became of each claimed call (`submitted`, `cancelled`, `failed`,
        `retry`, `lease_lost`)."""
        async with self.db.write_session() as session:
            claimed = await submissions.claim_due(
                session, now=self.clock(), lease=self.lease, limit=self.batch_size
            )
        outcomes: Counter[str] = Counter()
        for submission in claimed:
            outcomes[await self._work(submission)] += 1
        return outcomes

    async def run(self, stop: asyncio.Event) -> None:
        """Rounds until `stop` is set; a round in progress is finished first."""
        await run_rounds(
            stop,
            self._busy_round,
            poll_seconds=self.poll_seconds,
            logger=logger,
            name="shipping worker",
            quick_after_work=True,
        )

    async def _busy_round(self) -> bool:
        return bool(await self.run_once())

    def running(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Run in the background while the block runs (the app's lifespan)."""
        return in_background(self.run, self.aclose)

    async def _work(self, claimed: ClaimedSubmission) -> str:
        async with self.db.read_session() as session:
            request = await submissions.shipment_request(session, claimed)
        try:
            if request.carrier_kind is CarrierKind.CUSTOM:
                return await self._custom(claimed, request)
            return await self._http(claimed, request)
        except Exception as error:
            logger.exception("shipment %s: carrier call failed", claimed.shipment_id)
            return await self._refused(claimed, f"{type(error).__name__}: {error}")

    async def _custom(self, claimed: ClaimedSubmission, request: ShipmentRequest) -> str:
        async with self.db.write_session() as session:
            if claimed.action is SubmissionAction.CANCEL:
                done = await submissions.record_cancelled(session, claimed, {"voided": True})
                return "cancelled" if done else "lease_lost"
            values = await take_sequence_values(
                session,
                tenant_id=claimed.tenant_id,
                carrier_id=request.carrier_id,
                count=len(request.packages),
            )
            numbers = submissions.numbers_for(request, values)
            label = await asyncio.to_thread(render_shipping_label, _label_of(request, numbers))
            answer = CarrierAnswer(
                tracking_numbers=numbers,
                tracking_number=numbers[0],
                label=label,
                response={"carrier": "custom", "tracking_numbers": list(numbers)},
            )
            done = await submissions.record_submitted(session, claimed, request, answer)
            if not done:
                await session.rollback()
            return "submitted" if done else "lease_lost"

    async def _http(self, claimed: ClaimedSubmission, request: ShipmentRequest) -> str:
        try:
            if claimed.action is SubmissionAction.CANCEL:
                async with self._heartbeat(claimed):
                    response = await self.http_carrier.cancel(request)
                async with self.db.write_session() as session:
                    done = await submissions.record_cancelled(session, claimed, response)
                return "cancelled" if done else "lease_lost"
            async with self._heartbeat(claimed):
                answer = await self.http_carrier.submit(request)
        except CarrierRefused as refusal:
            return await self._refused(claimed, refusal.message)
        except CarrierUnreachable as unreachable:
            return await self._retry(claimed, unreachable.message)
        async with self.db.write_session() as session:
            done = await submissions.record_submitted(session, claimed, request, answer)
        return "submitted" if done else "lease_lost"

    def _heartbeat(
        self, claimed: ClaimedSubmission
    ) -> contextlib.AbstractAsyncContextManager[None]:
        async def renew() -> None:
            async with self.db.write_session() as session:
                await submissions.renew_lease(session, claimed, now=self.clock(), lease=self.lease)

        return heartbeat(
            renew,
            every_seconds=self.heartbeat_seconds,
            logger=logger,
            name=f"shipment {claimed.shipment_id} lease heartbeat",
        )

    async def _refused(self, claimed: ClaimedSubmission, message: str) -> str:
        async with self.db.write_session() as session:
            done = await submissions.record_refused(session, claimed, message)
        return "failed" if done else "lease_lost"

    async def _retry(self, claimed: ClaimedSubmission, message: str) -> str:
        delay = self.policy.next_delay(claimed.attempts)
        if delay is None:
            return await self._refused(
                claimed, f"Gave up after {claimed.attempts} attempts: {message}"
            )
        async with self.db.write_session() as session:
            done = await submissions.record_retry(
                session, claimed, error=message, at=self.clock() + delay
            )
        return "retry" if done else "lease_lost"


def _label_of(request: ShipmentRequest, numbers: tuple[str, ...]) -> ShippingLabel:
    return ShippingLabel(
        shipment_reference=request.reference,
        carrier_name=request.carrier_name,
        service_name=request.service_name,
        ship_to=request.ship_to,
        ship_from=request.ship_from,
        pages=tuple(
            LabelPage(
                number, None if package.weight_kg is None else decimal.Decimal(package.weight_kg)
            )
            for package, number in zip(request.packages, numbers, strict=True)
        ),
        layout=request.layout,
    )
