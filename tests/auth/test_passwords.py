"""Argon2 runs in worker threads, a bounded number at once, so sign-ins never stall the event
loop that serves every other request."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator

import pytest

from clarus.auth import passwords
from clarus.core.db import Database
from tests.auth.test_oauth import WebApp, new_web_app, pkce_pair
from tests.support import ApiClientFactory

WAIT_SECONDS = 10.0
"""How long the stand-in hasher waits to be released: only ever reached when the test fails."""


class BlockedHasher:
    """An Argon2 stand-in that holds each verification until the test releases it, recording
    whether the release came (it cannot while the verification blocks the event loop)."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.released_in_time: list[bool] = []
        self.running = 0
        self.most_running = 0
        self._lock = threading.Lock()

    def verify(self, password_hash: str, password: str) -> bool:
        with self._lock:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
        self.started.set()
        self.released_in_time.append(self.release.wait(WAIT_SECONDS))
        with self._lock:
            self.running -= 1
        return False


async def until(condition: Callable[[], bool]) -> None:
    """Let the other tasks run until `condition` holds: the anyio limiter offers no event for
    a task starting to wait on it."""
    for _ in range(int(WAIT_SECONDS * 100)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition never held")


@pytest.fixture
async def web_app(clients: ApiClientFactory, db: Database) -> WebApp:
    return await new_web_app(clients, db)


@pytest.fixture
def blocked_hasher(monkeypatch: pytest.MonkeyPatch) -> Iterator[BlockedHasher]:
    hasher = BlockedHasher()
    monkeypatch.setattr(passwords, "_hasher", hasher)
    yield hasher
    hasher.release.set()


async def test_a_password_check_leaves_the_event_loop_free(
    web_app: WebApp, blocked_hasher: BlockedHasher
) -> None:
    await web_app.csrf_token()
    sign_in = asyncio.create_task(web_app.sign_in(pkce_pair()[1]))
    assert await asyncio.to_thread(blocked_hasher.started.wait, WAIT_SECONDS)
    health = await web_app.caller.http.get("/healthz")
    blocked_hasher.release.set()
    response = await sign_in
    assert health.status_code == 200
    assert blocked_hasher.released_in_time == [True]
    assert response.status_code == 401


async def test_at_most_the_configured_number_of_hashes_run_at_once(
    web_app: WebApp, blocked_hasher: BlockedHasher
) -> None:
    """With two slots (the setting's default), a third sign-in waits for one instead of taking
    another thread: released together, no more than two were ever running."""
    await web_app.csrf_token()
    sign_ins = [asyncio.create_task(web_app.sign_in(pkce_pair()[1])) for _ in range(3)]
    await until(
        lambda: (
            blocked_hasher.running == 3 or passwords._hashing_slots.statistics().tasks_waiting == 1
        )
    )
    health = await web_app.caller.http.get("/healthz")
    blocked_hasher.release.set()
    responses = await asyncio.gather(*sign_ins)
    assert health.status_code == 200
    assert [r.status_code for r in responses] == [401, 401, 401]
    assert blocked_hasher.most_running == 2
    assert blocked_hasher.released_in_time == [True, True, True]
