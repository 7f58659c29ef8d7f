"""The worker as it runs for real: inside the app's lifespan, and as `clarus worker`."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from clarus.api.application import create_app
from tests.catalog.factories import product
from tests.conftest import make_settings
from tests.support import TEST_SECRET_KEY, ApiClientFactory
from tests.webhooks.fakes import FakeDirectory
from tests.webhooks.receiver import Receiver

ROOT = Path(__file__).resolve().parents[2]


async def test_the_app_lifespan_runs_the_worker_when_asked(
    clients: ApiClientFactory, database_url: str, receiver: Receiver
) -> None:
    caller = await clients.new()
    directory = FakeDirectory()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    settings = make_settings(
        database_url,
        webhook_worker_in_process=True,
        webhook_allow_private_targets=True,
        webhook_worker_poll_seconds=0.05,
    )
    served = create_app(settings, webhook_directory=directory)

    async with served.router.lifespan_context(served):
        await product(caller)
        assert await asyncio.to_thread(receiver.wait_for, 1, 20)

    assert len(receiver.received) == 1


def test_clarus_worker_stops_on_sigterm(database_url: str) -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CLARUS_DATABASE_URL": database_url,
        "CLARUS_SECRET_KEYS": TEST_SECRET_KEY,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clarus.cli.main",
            "worker",
            "--poll-interval",
            "0.05",
            "--concurrency",
            "2",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert "webhook worker" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()


async def test_a_worker_that_just_delivered_looks_again_within_its_poll(
    clients: ApiClientFactory, database_url: str, receiver: Receiver
) -> None:
    """A worker polling once a minute that has just delivered an event picks up the next one
    straight after, not a minute later: after work, its pause starts short and doubles."""
    caller = await clients.new()
    directory = FakeDirectory()
    directory.add(caller.tenant_id, "product", "created", receiver.url)
    settings = make_settings(
        database_url,
        webhook_worker_in_process=True,
        webhook_allow_private_targets=True,
        webhook_worker_poll_seconds=60,
    )
    served = create_app(settings, webhook_directory=directory)

    await product(caller)
    async with served.router.lifespan_context(served):
        assert await asyncio.to_thread(receiver.wait_for, 1, 20)
        await asyncio.sleep(1)  # the worker has found nothing more and is pausing
        await product(caller)
        assert await asyncio.to_thread(receiver.wait_for, 2, 20)
