"""The webhook fixtures (a real receiver, workers, an app that may post to local addresses)
serve the shipping tests too: automations receive shipment events, HTTP carriers are local."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from clarus.core.db import Database
from clarus.core.retry import RetryPolicy
from clarus.shipping.http_carrier import HttpCarrier
from clarus.shipping.worker import ShippingWorker
from tests.webhooks.conftest import (
    clock,
    directory,
    make_worker,
    private_clients,
    quiet_outbox,
    receiver,
    worker_settings,
)

__all__ = [
    "clock",
    "directory",
    "make_worker",
    "private_clients",
    "quiet_outbox",
    "receiver",
    "worker_settings",
]


@pytest.fixture
async def shipping_worker(db: Database) -> AsyncIterator[ShippingWorker]:
    """A worker whose HTTP carrier may reach local receivers and gives up a call after half a
    second, retrying with no delay."""
    worker = ShippingWorker(
        db=db,
        policy=RetryPolicy(delays=(dt.timedelta(0),) * 3, jitter=0),
        http_carrier=HttpCarrier(timeout_seconds=0.5, allow_private=True),
    )
    yield worker
    await worker.aclose()
